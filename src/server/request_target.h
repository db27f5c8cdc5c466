// Parsing of an HTTP request target ("/api/reports/x?from=2026-01-01") into a
// percent-decoded path and query parameters, refusing what a file server must
// never follow: anything but origin-form, '..' or '.' segments (also when
// percent-encoded), backslashes, NUL bytes, empty segments ("//etc").
#pragma once

#include <map>
#include <string>
#include <string_view>

namespace luckyhub::server {

struct RequestTarget {
  std::string path;                          // decoded, starts with '/'
  std::map<std::string, std::string> query;  // decoded names and values
};

// Throws HttpError(400) naming what is wrong. A query name given twice, an
// empty name or more than kMaxQueryParams parameters are errors too.
RequestTarget parse_request_target(std::string_view target);

constexpr size_t kMaxQueryParams = 64;

// Decodes %XX escapes (and '+' as a space when `plus_is_space`). Throws
// HttpError(400) on a malformed escape.
std::string percent_decode(std::string_view text, bool plus_is_space);

}  // namespace luckyhub::server
