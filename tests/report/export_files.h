// Helpers of the export tests: bytes to a temporary file, and a command's
// standard output (pdftotext, pdfinfo, python3 with openpyxl).
#pragma once

#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>

namespace luckyhub::testing {

// A file in the temporary directory holding `bytes`, removed at scope exit.
class ScratchFile {
 public:
  ScratchFile(const std::string& bytes, const std::string& suffix) {
    std::string tmpl = (std::filesystem::temp_directory_path() / ("luckyhub-test-XXXXXX" + suffix)).string();
    const int fd = mkstemps(tmpl.data(), int(suffix.size()));
    if (fd < 0) throw std::runtime_error("mkstemps failed");
    close(fd);
    path_ = tmpl;
    std::ofstream(path_, std::ios::binary) << bytes;
  }
  ~ScratchFile() { std::filesystem::remove(path_); }
  ScratchFile(const ScratchFile&) = delete;
  ScratchFile& operator=(const ScratchFile&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// Runs `command` through the shell; its standard output. Throws when it fails.
inline std::string command_output(const std::string& command) {
  FILE* p = popen(command.c_str(), "r");
  if (!p) throw std::runtime_error("popen failed: " + command);
  std::string out;
  std::array<char, 65536> buf;
  size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) out.append(buf.data(), n);
  const int status = pclose(p);
  if (status != 0) throw std::runtime_error("command failed (" + std::to_string(status) + "): " + command + "\n" + out);
  return out;
}

}  // namespace luckyhub::testing
