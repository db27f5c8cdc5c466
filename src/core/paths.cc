#include "core/paths.h"

#include <unistd.h>

#include <filesystem>

#include "core/error.h"

namespace luckyhub {

void require_writable(const std::string& path, const std::string& what) {
  namespace fs = std::filesystem;
  const std::string name = "cannot write " + (what.empty() ? "" : what + " ") + path + ": ";
  const fs::path target(path);
  if (fs::is_directory(target)) throw Error(name + "it is a directory");
  const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
  if (!fs::is_directory(dir)) throw Error(name + "directory " + dir.string() + " does not exist");
  if (::access(dir.c_str(), W_OK) != 0) throw Error(name + "directory " + dir.string() + " is not writable");
}

}  // namespace luckyhub
