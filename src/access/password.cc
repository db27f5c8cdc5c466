#include "access/password.h"

#include <sodium.h>

#include <algorithm>

#include "access/sodium.h"
#include "core/error.h"

namespace luckyhub::access {

namespace {

constexpr size_t kMinPasswordBytes = 12;
constexpr size_t kMaxPasswordBytes = 256;

std::string hash_or_throw(std::string_view password) {
  require_sodium();
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(),
                            crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE,
                            crypto_pwhash_ALG_ARGON2ID13) != 0)
    throw Error("cannot hash the password: out of memory (Argon2id needs 64 MiB)");
  return out;
}

}  // namespace

void check_password_rules(std::string_view password) {
  if (password.size() < kMinPasswordBytes)
    throw Error("the password is too short: at least 12 characters");
  if (password.size() > kMaxPasswordBytes)
    throw Error("the password is too long: at most 256 bytes");
  if (std::all_of(password.begin(), password.end(), [&](char c) { return c == password.front(); }))
    throw Error("the password is one character repeated: choose another");
}

std::string hash_password(std::string_view password) { return hash_or_throw(password); }

bool verify_password(const std::string& hash, std::string_view password) {
  require_sodium();
  // libsodium reads the algorithm and its limits from the string itself; a
  // string that is not one of its hashes fails like a wrong password.
  if (hash.size() >= crypto_pwhash_STRBYTES || hash.rfind("$argon2id$", 0) != 0) return false;
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

void burn_verification_time(std::string_view password) {
  // A hash of a random password, made once: verifying against it costs what a
  // real user's verification costs.
  static const std::string dummy = [] {
    require_sodium();
    unsigned char random[32];
    randombytes_buf(random, sizeof random);
    return hash_or_throw(std::string_view(reinterpret_cast<const char*>(random), sizeof random));
  }();
  (void)verify_password(dummy, password);
}

}  // namespace luckyhub::access
