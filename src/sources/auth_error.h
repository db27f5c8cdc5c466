// A login the server refused: a wrong or missing password, an unknown user, a
// server that asks for a password luckyhub was not given. The collector keeps
// it apart from "down" (the instance answers; it will not let us in): its own
// state, `auth_failed`, and its own alert. The message names the instance and
// carries the server's words, never a secret.
#pragma once

#include "core/error.h"

namespace luckyhub {

class AuthError : public Error {
 public:
  using Error::Error;
};

}  // namespace luckyhub
