// An error that maps to an HTTP status: thrown at the edge of the server
// (request target, parameters, unknown tool) and turned into a JSON error
// response {"error": message} by the router. The message is safe to show to
// the client: it names the thing and the reason, never a secret.
#pragma once

#include <string>

#include "core/error.h"

namespace luckyhub::server {

class HttpError : public Error {
 public:
  HttpError(int status, const std::string& message) : Error(message), status_(status) {}
  int status() const { return status_; }

 private:
  int status_;
};

}  // namespace luckyhub::server
