// One client connection of the HttpServer: reads requests one at a time
// within the limits, routes them, waits (asynchronously) for a pending report
// up to the report wait, writes the response with the common headers.
// Lives as long as its pending operations hold it (shared_from_this).
#pragma once

#include <utility>  // before Asio: Boost 1.74 with GCC 12 needs it

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "server/router.h"

namespace luckyhub::server {

struct SessionLimits {
  std::chrono::milliseconds read_timeout{15000};
  std::chrono::milliseconds report_wait{300};
  uint32_t header_bytes = 8 * 1024;
  uint64_t body_bytes = 16 * 1024;
};

class HttpSession : public std::enable_shared_from_this<HttpSession> {
 public:
  HttpSession(boost::asio::ip::tcp::socket&& socket, Router& router, const SessionLimits& limits);
  void start();

 private:
  using Request = boost::beast::http::request<boost::beast::http::string_body>;
  using Response = boost::beast::http::response<boost::beast::http::string_body>;

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

  boost::beast::tcp_stream stream_;
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
  std::vector<char> drain_buffer_;
  size_t drained_bytes_ = 0;
};

}  // namespace luckyhub::server
