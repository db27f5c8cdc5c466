// Checks made before writing a file, so that a bad path fails at once with
// one line naming it, before any work is done.
#pragma once

#include <string>

namespace luckyhub {

// Throws Error "cannot write <what> <path>: ..." when the path is a directory,
// or its directory does not exist or is not writable. `what` may be empty.
void require_writable(const std::string& path, const std::string& what = "");

}  // namespace luckyhub
