#include "access/api_token.h"

#include <sodium.h>

#include <algorithm>

#include "access/sodium.h"

namespace luckyhub::access {
namespace {

constexpr size_t kIdBytes = 6, kSecretBytes = 32, kHashBytes = crypto_generichash_BYTES;
constexpr std::string_view kPrefix = "lh_";
constexpr size_t kIdChars = 2 * kIdBytes;  // 12
constexpr size_t kSecretChars = 43;        // base64 of 32 bytes, no padding
constexpr size_t kTokenChars = kPrefix.size() + kIdChars + 1 + kSecretChars;

bool lower_hex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); }
bool base64url(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_';
}

std::string hex(const unsigned char* bytes, size_t n) {
  std::string out(2 * n + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), bytes, n);
  out.pop_back();
  return out;
}

bool unhex(const std::string& text, unsigned char* out, size_t n) {
  if (text.size() != 2 * n || !std::all_of(text.begin(), text.end(), lower_hex)) return false;
  size_t written = 0;
  return sodium_hex2bin(out, n, text.data(), text.size(), nullptr, &written, nullptr) == 0 &&
         written == n;
}

}  // namespace

TokenText new_token() {
  require_sodium();
  unsigned char id[kIdBytes], secret[kSecretBytes];
  randombytes_buf(id, sizeof id);
  randombytes_buf(secret, sizeof secret);
  char encoded[sodium_base64_ENCODED_LEN(kSecretBytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
  sodium_bin2base64(encoded, sizeof encoded, secret, sizeof secret,
                    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  sodium_memzero(secret, sizeof secret);
  TokenText t{.id = hex(id, sizeof id)};
  t.whole = std::string(kPrefix) + t.id + "_" + encoded;
  sodium_memzero(encoded, sizeof encoded);
  return t;
}

std::optional<std::string> token_id(std::string_view presented) {
  if (presented.size() != kTokenChars || presented.substr(0, kPrefix.size()) != kPrefix)
    return std::nullopt;
  const std::string_view id = presented.substr(kPrefix.size(), kIdChars);
  const std::string_view secret = presented.substr(kPrefix.size() + kIdChars + 1);
  if (presented[kPrefix.size() + kIdChars] != '_' ||
      !std::all_of(id.begin(), id.end(), lower_hex) ||
      !std::all_of(secret.begin(), secret.end(), base64url))
    return std::nullopt;
  return std::string(id);
}

std::string token_hash(std::string_view whole) {
  require_sodium();
  unsigned char digest[kHashBytes];
  crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(whole.data()),
                     whole.size(), nullptr, 0);
  return hex(digest, sizeof digest);
}

bool same_token_hash(const std::string& a, const std::string& b) {
  unsigned char x[kHashBytes], y[kHashBytes];
  if (!unhex(a, x, sizeof x) || !unhex(b, y, sizeof y)) return false;
  return sodium_memcmp(x, y, kHashBytes) == 0;
}

}  // namespace luckyhub::access
