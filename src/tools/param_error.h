// A parameter value that parses but names nothing the warehouse holds (a
// product id not in the catalog): thrown by a tool's compute(), shown by the
// CLI as one line like any Error, and answered 400 by the server (other
// errors of a computation are 500s).
#pragma once

#include <string>

#include "core/error.h"

namespace luckyhub {

class ParamValueError : public Error {
 public:
  explicit ParamValueError(const std::string& message) : Error(message) {}
};

}  // namespace luckyhub
