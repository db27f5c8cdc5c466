// Passwords, hashed with Argon2id (libsodium's crypto_pwhash_str with its
// interactive limits, which libsodium recommends for an online login: 2
// passes over 64 MiB, about 0.1 s on one core). The stored
// string is libsodium's self-describing "$argon2id$v=19$m=...,t=...,p=1$salt$hash",
// so the limits can be raised later and old hashes still verify.
//
// Thread safety: every function may be called from any thread.
#pragma once

#include <string>
#include <string_view>

namespace luckyhub::access {

// A password a user may choose: 12 to 256 bytes, not all one character.
// Throws Error saying which rule it breaks (never echoing the password).
void check_password_rules(std::string_view password);

// Throws Error when libsodium cannot initialise or runs out of memory.
std::string hash_password(std::string_view password);
// Constant-time in the password; false for a malformed hash.
bool verify_password(const std::string& hash, std::string_view password);
// A dummy verification with the same cost, for unknown users (so that a
// login's time does not tell whether the user exists).
void burn_verification_time(std::string_view password);

}  // namespace luckyhub::access
