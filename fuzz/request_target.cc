// An HTTP request target (server/request_target.h): the path and query a
// client sends, percent-decoded, traversal refused. An accepted target's
// path starts with '/' and holds no NUL, backslash or ".." segment, and it
// and its parameters are UTF-8.
#include "fuzz_support.h"
#include "server/request_target.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace luckyhub;
  const std::string_view text = fuzz::text_of(data, size);
  fuzz::refused_only_with_error([&] {
    const server::RequestTarget t = server::parse_request_target(text);
    fuzz::require(!t.path.empty() && t.path[0] == '/', "an accepted path starts with '/'");
    fuzz::require(t.path.find('\0') == std::string::npos, "no NUL in an accepted path");
    fuzz::require(t.path.find('\\') == std::string::npos, "no backslash in an accepted path");
    fuzz::require(t.path.find("/../") == std::string::npos && !t.path.ends_with("/.."), "no '..' segment");
    fuzz::require(t.query.size() <= server::kMaxQueryParams, "at most kMaxQueryParams parameters");
    fuzz::require(server::is_utf8(t.path), "an accepted path is UTF-8");
    for (const auto& [name, value] : t.query) fuzz::require(server::is_utf8(name) && server::is_utf8(value), "UTF-8 parameters");
  });
  fuzz::refused_only_with_error([&] { (void)server::percent_decode(text, true); });
  fuzz::refused_only_with_error([&] { (void)server::percent_decode(text, false); });
  return 0;
}
