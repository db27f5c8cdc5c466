// Parsing of an HTTP request target ("/api/reports/x?from=2026-01-01") into a
// percent-decoded path and query parameters, refusing what a file server must
// never follow: anything but origin-form, '..' or '.' segments (also when
// percent-encoded), backslashes, NUL bytes, empty segments ("//etc"), and
// a path, name or value that is not UTF-8 once decoded (every message and
// document the server writes is JSON, which must be UTF-8).
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

// Whether `text` is well-formed UTF-8 (RFC 3629: no overlong forms, no
// surrogates, nothing past U+10FFFF).
bool is_utf8(std::string_view text);

// Decodes %XX escapes (and '+' as a space when `plus_is_space`). Throws
// HttpError(400) on a malformed escape.
std::string percent_decode(std::string_view text, bool plus_is_space);

}  // namespace luckyhub::server
