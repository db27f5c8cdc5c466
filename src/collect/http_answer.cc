#include "collect/http_answer.h"

#include <cctype>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/error.h"

namespace luckyhub::collect {
namespace {

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// A chunk's size line: hex digits, then optionally ";extensions"; -1 when
// it is not that or its size exceeds `limit` (what is left of the answer).
int64_t chunk_size(std::string_view line, size_t limit) {
  line = line.substr(0, line.find(';'));
  while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
  if (line.empty() || line.size() > 16) return -1;
  uint64_t size = 0;
  for (const char c : line) {
    if (!std::isxdigit(static_cast<unsigned char>(c))) return -1;
    size = size * 16 + static_cast<uint64_t>(std::isdigit(static_cast<unsigned char>(c)) ? c - '0' : std::tolower(c) - 'a' + 10);
    if (size > limit) return -1;
  }
  return static_cast<int64_t>(size);
}

// Each chunk is "SIZE\r\nDATA\r\n", up to the chunk of size 0.
std::string dechunk(const std::string& body, const std::string& where) {
  std::string out;
  size_t pos = 0;
  for (;;) {
    const size_t eol = body.find("\r\n", pos);
    if (eol == std::string::npos) throw Error(where + ": truncated chunked answer");
    const int64_t size = chunk_size(std::string_view(body).substr(pos, eol - pos), body.size() - (eol + 2));
    if (size < 0) throw Error(where + ": malformed chunk size in a chunked answer");
    pos = eol + 2;
    if (size == 0) return out;
    out.append(body, pos, static_cast<size_t>(size));
    pos += static_cast<size_t>(size);
    if (body.compare(pos, 2, "\r\n") != 0) throw Error(where + ": malformed chunk in a chunked answer");
    pos += 2;
  }
}

}  // namespace

std::string http_answer_body(const std::string& response, const std::string& where) {
  const size_t head_end = response.find("\r\n\r\n");
  if (head_end == std::string::npos) throw Error(where + ": not an HTTP answer");
  const std::string head = lower(response.substr(0, head_end));
  const size_t space = head.find(' ');
  const int status = space == std::string::npos ? 0 : std::atoi(head.c_str() + space + 1);
  if (status != 200) throw Error(where + ": answered " + (status ? std::to_string(status) : "nothing"));
  std::string body = response.substr(head_end + 4);
  if (head.find("\r\ncontent-encoding:") != std::string::npos &&
      head.find("\r\ncontent-encoding: identity") == std::string::npos) {
    throw Error(where + ": compressed answer");
  }
  if (head.find("\r\ntransfer-encoding: chunked") != std::string::npos) body = dechunk(body, where);
  return body;
}

}  // namespace luckyhub::collect
