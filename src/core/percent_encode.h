// Percent-encoding of one URL component (RFC 3986): the unreserved characters
// (letters, digits, '-', '_', '.', '~') kept, every other byte as %XX in upper
// case. For query values and path segments a link or a request is built from.
#pragma once

#include <string>
#include <string_view>

namespace luckyhub {

std::string percent_encode(std::string_view text);

}  // namespace luckyhub
