// SHA-256 (FIPS 180-4), for t_user.phone_hash: the hex digest of a string.
#pragma once

#include <string>
#include <string_view>

namespace luckyhub::sim {

std::string sha256_hex(std::string_view data);

}  // namespace luckyhub::sim
