// The text of an API token and its hash at rest (access_store.h says how
// tokens are kept). A token is "lh_<id>_<secret>": the id is 12 lower-case
// hex digits (6 random bytes), shown in lists; the secret is 43 base64url
// characters without padding (32 random bytes from randombytes_buf). Only
// the BLAKE2b-256 hash of the whole token is stored. Internal to src/access/.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace luckyhub::access {

struct TokenText {
  std::string id;
  std::string whole;  // "lh_<id>_<secret>"
};

// A new random token. Throws Error when libsodium cannot initialise.
TokenText new_token();
// The id of a well-formed token text; nullopt when it is not one (wrong
// length, prefix, separator or alphabet).
std::optional<std::string> token_id(std::string_view presented);
// 64 lower-case hex digits: BLAKE2b-256 of the whole token text.
std::string token_hash(std::string_view whole);
// Whether two token_hash strings are equal, in time independent of where they
// differ (sodium_memcmp); false when either is malformed.
bool same_token_hash(const std::string& a, const std::string& b);

}  // namespace luckyhub::access
