// One client connection of the HttpServer: reads requests one at a time
// within the limits, routes them, waits (asynchronously) for a pending report
// up to the report wait, writes the response with the common headers.
// Lives as long as its pending operations hold it (shared_from_this).
//
// One template over the stream: PlainHttpSession (TCP) and TlsHttpSession
// (TLS over TCP, which first completes the handshake within the read timeout).
// The transport differs only at compile time, so plain TCP pays nothing for TLS.
#pragma once

#include <utility>  // before Asio: Boost 1.74 with GCC 12 needs it

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include <boost/asio/ip/address.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>

#include "server/client_origin.h"
#include "server/router.h"

namespace luckyhub::server {

struct SessionLimits {
  std::chrono::milliseconds read_timeout{15000};
  std::chrono::milliseconds report_wait{300};
  uint32_t header_bytes = 8 * 1024;
  uint64_t body_bytes = 16 * 1024;
  // Peers whose X-Forwarded-For / X-Forwarded-Proto are believed (client_of).
  std::shared_ptr<const std::vector<boost::asio::ip::address>> trusted_proxies;
};

template <class Stream>
class BasicHttpSession : public std::enable_shared_from_this<BasicHttpSession<Stream>> {
 public:
  static constexpr bool kTls = !std::is_same_v<Stream, boost::beast::tcp_stream>;

  // Plain TCP.
  BasicHttpSession(boost::asio::ip::tcp::socket&& socket, Router& router, const SessionLimits& limits)
    requires(!kTls)
      : stream_(open_stream(std::move(socket), nullptr)), wait_timer_(stream_.get_executor()), router_(router),
        limits_(limits) {}
  // TLS: `context` (certificate, protocol settings) outlives the session.
  BasicHttpSession(boost::asio::ip::tcp::socket&& socket, boost::asio::ssl::context& context,
                   Router& router, const SessionLimits& limits)
    requires(kTls)
      : stream_(open_stream(std::move(socket), &context)), wait_timer_(stream_.get_executor()), router_(router),
        limits_(limits) {}
  void start();

 private:
  using Request = boost::beast::http::request<boost::beast::http::string_body>;
  using Response = boost::beast::http::response<boost::beast::http::string_body>;

  // The stream over `socket`; `context` is used (and must be set) only for TLS.
  // The constructors are defined in the class and initialise stream_ with it,
  // for clang 14: it matches no out-of-line definition whose requires-clause
  // names a member, and its explicit instantiation of the class instantiates
  // the constructor whose requires-clause is false too.
  static Stream open_stream(boost::asio::ip::tcp::socket&& socket, boost::asio::ssl::context* context);
  boost::beast::tcp_stream& tcp() { return boost::beast::get_lowest_layer(stream_); }
  void on_handshake(boost::beast::error_code ec);
  void read();
  void on_read(boost::beast::error_code ec, size_t bytes);
  void handle(Request request);
  void on_job_done(uint64_t request_id);
  void on_wait_expired(uint64_t request_id);
  // Sends `response`; closes the connection after it when `close` or when the
  // request did not ask for keep-alive.
  void send(HttpResponse response, bool close = false);
  void on_write(bool close, boost::beast::error_code ec, size_t bytes);
  void drain();

  Stream stream_;
  boost::asio::steady_timer wait_timer_;
  boost::beast::flat_buffer buffer_;
  std::optional<boost::beast::http::request_parser<boost::beast::http::string_body>> parser_;
  Router& router_;
  const SessionLimits limits_;

  // The request being answered.
  uint64_t request_id_ = 0;
  bool answered_ = true;
  bool head_ = false;
  bool keep_alive_ = false;
  std::string log_method_;
  std::string log_path_;  // the target without its query: never log parameters
  std::chrono::steady_clock::time_point started_;
  Routed pending_;
  std::shared_ptr<Response> response_;
  // A response with a shared body: its header block (reused from response to
  // response) and the body it points into, held until written.
  std::string head_text_;
  std::shared_ptr<const std::string> shared_body_;
  std::vector<char> drain_buffer_;
  size_t drained_bytes_ = 0;
};

using PlainHttpSession = BasicHttpSession<boost::beast::tcp_stream>;
using TlsHttpSession = BasicHttpSession<boost::beast::ssl_stream<boost::beast::tcp_stream>>;
// Both are instantiated in http_session.cc.
extern template class BasicHttpSession<boost::beast::tcp_stream>;
extern template class BasicHttpSession<boost::beast::ssl_stream<boost::beast::tcp_stream>>;

}  // namespace luckyhub::server
