#include "core/atomic_file.h"

#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "core/error.h"
#include "core/paths.h"

namespace luckyhub {

std::vector<std::string> remove_abandoned_temp_files(const std::string& path) {
  namespace fs = std::filesystem;
  const fs::path target(path);
  const fs::path dir = target.parent_path().empty() ? fs::path(".") : target.parent_path();
  const std::string prefix = target.filename().string() + ".tmp-";
  std::error_code ec;
  std::vector<std::string> removed;
  for (const fs::directory_entry& entry : fs::directory_iterator(dir, ec)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind(prefix, 0) != 0) continue;
    const std::string pid = name.substr(prefix.size());
    if (pid.empty() || pid.size() > 9 || pid.find_first_not_of("0123456789") != std::string::npos) continue;
    if (::kill(static_cast<pid_t>(std::stol(pid)), 0) == 0 || errno != ESRCH) continue;  // alive, or not ours to know
    if (fs::remove(entry.path(), ec)) removed.push_back(name);
  }
  return removed;
}

AtomicFile::AtomicFile(std::string path) : path_(std::move(path)) {
  require_writable(path_);
  temp_ = path_ + ".tmp-" + std::to_string(::getpid());
  remove_abandoned_temp_files(path_);
  file_ = std::fopen(temp_.c_str(), "wb");
  if (file_ == nullptr) throw Error("cannot write " + path_ + ": " + std::strerror(errno));
}

AtomicFile::~AtomicFile() {
  if (file_ == nullptr) return;
  std::fclose(file_);
  std::error_code ec;
  std::filesystem::remove(temp_, ec);
}

void AtomicFile::fail(const std::string& why) {
  if (file_ != nullptr) std::fclose(file_);
  file_ = nullptr;
  std::error_code ec;
  std::filesystem::remove(temp_, ec);
  throw Error("cannot write " + path_ + ": " + why);
}

void AtomicFile::write(std::string_view bytes) {
  if (file_ == nullptr) throw Error("cannot write " + path_ + ": already committed");
  if (std::fwrite(bytes.data(), 1, bytes.size(), file_) != bytes.size()) fail(std::strerror(errno));
}

void AtomicFile::commit() {
  if (file_ == nullptr) throw Error("cannot write " + path_ + ": already committed");
  // On disk before the rename: a crash after it never shows a short file.
  if (std::fflush(file_) != 0 || ::fsync(::fileno(file_)) != 0) fail(std::strerror(errno));
  const int closed = std::fclose(file_);
  file_ = nullptr;
  if (closed != 0) fail(std::strerror(errno));
  std::error_code ec;
  std::filesystem::rename(temp_, path_, ec);
  if (ec) fail(ec.message());
}

void write_file_atomically(const std::string& path, std::string_view bytes) {
  AtomicFile out(path);
  out.write(bytes);
  out.commit();
}

}  // namespace luckyhub
