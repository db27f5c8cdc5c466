// libsodium, initialised once for the access code (passwords, tokens).
// Internal to src/access/: callers use password.h and access_store.h.
#pragma once

namespace luckyhub::access {

// Calls sodium_init() the first time (thread-safe); throws Error when
// libsodium cannot initialise (no usable random source).
void require_sodium();

}  // namespace luckyhub::access
