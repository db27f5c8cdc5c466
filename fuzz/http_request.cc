// An HTTP request as the dashboard's session reads it (server/http_session.cc):
// Boost.Beast's parser with the session's limits (8 KiB of headers, 16 KiB of
// body), then what the session takes from a parsed request: the target, the
// method, keep-alive, the headers the router reads, and the client behind a
// trusted proxy (client_of). The bytes arrive in chunks, as from a socket.
#include <boost/asio/ip/address.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <fuzzer/FuzzedDataProvider.h>

#include "fuzz_support.h"
#include "server/http_session.h"
#include "server/request_target.h"

namespace http = boost::beast::http;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace luckyhub;
  FuzzedDataProvider input(data, size);
  const size_t chunk = input.ConsumeIntegralInRange<size_t>(1, 4096);
  const std::string bytes = input.ConsumeRemainingBytesAsString();

  const server::SessionLimits limits;
  http::request_parser<http::string_body> parser;
  parser.header_limit(limits.header_bytes);
  parser.body_limit(limits.body_bytes);
  parser.eager(true);
  boost::beast::error_code ec;
  size_t at = 0;
  while (!parser.is_done() && !ec && at < bytes.size()) {
    const size_t n = std::min(chunk, bytes.size() - at);
    const size_t used = parser.put(boost::asio::buffer(bytes.data() + at, n), ec);
    if (ec == http::error::need_more) {
      ec = {};
      if (used == 0 && n == bytes.size() - at) break;  // the rest is not a whole element
      if (used == 0) {  // the parser wants more than one chunk at once
        const size_t more = parser.put(boost::asio::buffer(bytes.data() + at, bytes.size() - at), ec);
        if (ec == http::error::need_more) break;
        at += more;
        continue;
      }
    }
    at += used;
  }
  if (!parser.is_done() && !ec) parser.put_eof(ec);
  if (ec || !parser.is_done()) return 0;  // the session answers 400/413/431 or closes

  const auto& request = parser.get();
  (void)request.keep_alive();
  (void)request.method_string();
  (void)request[http::field::cookie];
  (void)request[http::field::authorization];
  std::string forwarded_for, forwarded_proto;
  for (auto [it, end] = request.equal_range("X-Forwarded-For"); it != end; ++it) forwarded_for = std::string(it->value());
  for (auto [it, end] = request.equal_range("X-Forwarded-Proto"); it != end; ++it) forwarded_proto = std::string(it->value());
  const auto proxy = boost::asio::ip::make_address("127.0.0.1");
  const server::ClientOrigin origin = server::client_of(proxy, false, forwarded_for, forwarded_proto, {proxy});
  fuzz::require(!origin.address.empty(), "a client address");
  const boost::beast::string_view target = request.target();
  fuzz::refused_only_with_error([&] { (void)server::parse_request_target(std::string_view(target.data(), target.size())); });
  return 0;
}
