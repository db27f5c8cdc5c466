// The one error type of luckyhub. Thrown at the edge (flags, files, SQL,
// network) with a message that names the thing and the reason; the CLI prints
// it as one line and exits non-zero.
#pragma once

#include <stdexcept>
#include <string>

namespace luckyhub {

class Error : public std::runtime_error {
 public:
  explicit Error(const std::string& message) : std::runtime_error(message) {}
};

}  // namespace luckyhub
