#include "server/request_target.h"

#include "server/http_error.h"

namespace luckyhub::server {
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Every segment between '/' must be a plain name: no traversal, no empty
// segment (which would make "//etc/passwd" an absolute file path).
void check_path(const std::string& path) {
  if (path.find('\0') != std::string::npos || path.find('\\') != std::string::npos) {
    throw HttpError(400, "request path contains a forbidden character");
  }
  size_t start = 1;
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string::npos) end = path.size();
    const std::string_view segment(path.data() + start, end - start);
    if (segment == "." || segment == "..") throw HttpError(400, "request path contains '..' or '.'");
    if (segment.empty() && end != path.size()) throw HttpError(400, "request path has an empty segment");
    start = end + 1;
  }
}

}  // namespace

bool is_utf8(std::string_view text) {
  size_t i = 0;
  while (i < text.size()) {
    const auto byte = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
    const unsigned char b = byte(i);
    if (b < 0x80) {
      ++i;
      continue;
    }
    // The sequence's length and the range of its second byte (RFC 3629's
    // table: no overlong forms, no surrogates, nothing past U+10FFFF).
    size_t length = 0;
    unsigned char low = 0x80, high = 0xBF;
    if (b >= 0xC2 && b <= 0xDF) length = 2;
    else if (b == 0xE0) length = 3, low = 0xA0;
    else if ((b >= 0xE1 && b <= 0xEC) || b == 0xEE || b == 0xEF) length = 3;
    else if (b == 0xED) length = 3, high = 0x9F;
    else if (b == 0xF0) length = 4, low = 0x90;
    else if (b >= 0xF1 && b <= 0xF3) length = 4;
    else if (b == 0xF4) length = 4, high = 0x8F;
    else return false;
    if (i + length > text.size() || byte(i + 1) < low || byte(i + 1) > high) return false;
    for (size_t k = i + 2; k < i + length; ++k) {
      if (byte(k) < 0x80 || byte(k) > 0xBF) return false;
    }
    i += length;
  }
  return true;
}

std::string percent_decode(std::string_view text, bool plus_is_space) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '%') {
      const int hi = i + 2 < text.size() ? hex_value(text[i + 1]) : -1;
      const int lo = hi >= 0 ? hex_value(text[i + 2]) : -1;
      if (lo < 0) throw HttpError(400, "malformed percent-escape in request target");
      out.push_back(static_cast<char>(hi * 16 + lo));
      i += 2;
    } else if (c == '+' && plus_is_space) {
      out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  return out;
}

RequestTarget parse_request_target(std::string_view target) {
  if (target.empty() || target[0] != '/') {
    throw HttpError(400, "request target must be an absolute path on this server");
  }
  RequestTarget out;
  const size_t q = target.find('?');
  out.path = percent_decode(target.substr(0, q), false);
  if (!is_utf8(out.path)) throw HttpError(400, "request path is not UTF-8 once percent-decoded");
  check_path(out.path);
  if (q == std::string_view::npos) return out;

  std::string_view query = target.substr(q + 1);
  while (!query.empty()) {
    const size_t amp = query.find('&');
    const std::string_view item = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    if (item.empty()) continue;
    const size_t eq = item.find('=');
    std::string name = percent_decode(item.substr(0, eq), true);
    std::string value = eq == std::string_view::npos ? "" : percent_decode(item.substr(eq + 1), true);
    if (name.empty()) throw HttpError(400, "query parameter without a name");
    if (!is_utf8(name) || !is_utf8(value)) throw HttpError(400, "query parameter is not UTF-8 once percent-decoded");
    if (out.query.size() >= kMaxQueryParams) throw HttpError(400, "too many query parameters");
    if (!out.query.emplace(std::move(name), std::move(value)).second) {
      throw HttpError(400, "query parameter given twice");
    }
  }
  return out;
}

}  // namespace luckyhub::server
