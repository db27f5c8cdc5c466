// A file written whole or not at all: the bytes go to `PATH.tmp-PID` beside
// it, and commit() renames that over PATH. Until then PATH is untouched (the
// previous content, or no file); a process killed on the way (SIGKILL runs no
// destructor) leaves only its temporary file, which the next AtomicFile for
// the same PATH removes once that pid is gone.
//
//   AtomicFile out(path);   // throws Error when the directory is not writable
//   out.write(bytes);       // any number of times
//   out.commit();           // throws Error naming PATH on a failed write or rename
//
// A file not committed is removed by the destructor. Not thread-safe.
#pragma once

#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

namespace luckyhub {

class AtomicFile {
 public:
  explicit AtomicFile(std::string path);
  ~AtomicFile();
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  void write(std::string_view bytes);
  // Flushes, syncs to disk and renames over the path.
  void commit();

  const std::string& temp_path() const { return temp_; }

 private:
  // Closes (if open), removes the temporary file and throws Error naming PATH.
  [[noreturn]] void fail(const std::string& why);
  std::string path_, temp_;
  std::FILE* file_ = nullptr;
};

// Writes `bytes` to `path` through an AtomicFile.
void write_file_atomically(const std::string& path, std::string_view bytes);

// Removes `PATH.tmp-PID` files whose process is gone (a SIGKILL runs no
// destructor); those of live processes stay. Returns the names it removed.
std::vector<std::string> remove_abandoned_temp_files(const std::string& path);

}  // namespace luckyhub
