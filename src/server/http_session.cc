#include "server/http_session.h"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>

#include "core/log.h"

namespace luckyhub::server {
namespace {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;

// No inline scripts anywhere: the page's code is in /assets/*.js. Inline
// styles are allowed for the charts' positioning.
constexpr const char* kContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "frame-ancestors 'none'; form-action 'self'";

bool is_disconnect(const beast::error_code& ec) {
  return ec == http::error::end_of_stream || ec == http::error::partial_message ||
         ec == beast::error::timeout || ec == net::error::eof ||
         ec == net::error::operation_aborted || ec == net::error::connection_reset ||
         ec == net::error::broken_pipe;
}

}  // namespace

HttpSession::HttpSession(net::ip::tcp::socket&& socket, Router& router, const SessionLimits& limits)
    : stream_(std::move(socket)), wait_timer_(stream_.get_executor()), router_(router), limits_(limits) {}

void HttpSession::start() {
  net::dispatch(stream_.get_executor(), beast::bind_front_handler(&HttpSession::read, shared_from_this()));
}

void HttpSession::read() {
  parser_.emplace();
  parser_->header_limit(limits_.header_bytes);
  parser_->body_limit(limits_.body_bytes);
  stream_.expires_after(limits_.read_timeout);
  http::async_read(stream_, buffer_, *parser_,
                   beast::bind_front_handler(&HttpSession::on_read, shared_from_this()));
}

void HttpSession::on_read(beast::error_code ec, size_t) {
  if (ec && is_disconnect(ec)) {
    stream_.socket().close(ec);
    return;
  }
  started_ = std::chrono::steady_clock::now();
  head_ = false;
  keep_alive_ = false;
  log_path_ = "-";
  log_method_ = "-";
  if (ec == http::error::header_limit) return send(Router::error(431, "request line or headers too large"), true);
  if (ec == http::error::body_limit) return send(Router::error(413, "request body too large"), true);
  if (ec) return send(Router::error(400, "malformed request: " + ec.message()), true);
  handle(parser_->release());
}

void HttpSession::handle(Request request) {
  ++request_id_;
  answered_ = false;
  head_ = request.method() == http::verb::head;
  keep_alive_ = request.keep_alive();
  const auto sv = [](boost::beast::string_view v) { return std::string_view(v.data(), v.size()); };
  const std::string_view target = sv(request.target());
  log_method_ = std::string(sv(request.method_string()).substr(0, 16));
  log_path_ = std::string(target.substr(0, std::min<size_t>(target.find('?'), 200)));

  HttpRequest routed{.method = sv(request.method_string()),
                     .target = target,
                     .if_none_match = sv(request[http::field::if_none_match]),
                     .body = request.body(),
                     .cookie = sv(request[http::field::cookie]),
                     .authorization = sv(request[http::field::authorization]),
                     .csrf_token = sv(request["X-CSRF-Token"]),
                     .origin = sv(request[http::field::origin]),
                     .content_type = sv(request[http::field::content_type])};
  beast::error_code ec;
  const auto peer = stream_.socket().remote_endpoint(ec);
  if (!ec) routed.remote_address = peer.address().to_string();
  pending_ = router_.route(routed);
  if (!pending_.job) return send(std::move(pending_.response));
  if (pending_.job->done()) return send(pending_.finish(*pending_.job));

  // Wait for the job without blocking this thread: whichever comes first,
  // the job's completion or the report wait, answers.
  auto self = shared_from_this();
  const uint64_t id = request_id_;
  pending_.job->on_done([self, id] {
    net::post(self->stream_.get_executor(), [self, id] { self->on_job_done(id); });
  });
  if (!pending_.wait_for_job) {
    wait_timer_.expires_after(limits_.report_wait);
    wait_timer_.async_wait([self, id](beast::error_code ec) {
      if (!ec) self->on_wait_expired(id);
    });
  }
}

void HttpSession::on_job_done(uint64_t request_id) {
  if (request_id != request_id_ || answered_) return;
  wait_timer_.cancel();
  send(pending_.finish(*pending_.job));
}

void HttpSession::on_wait_expired(uint64_t request_id) {
  if (request_id != request_id_ || answered_) return;
  send(Router::computing(*pending_.job));
}

void HttpSession::send(HttpResponse r, bool close) {
  answered_ = true;
  pending_ = {};
  close = close || !keep_alive_;
  auto res = std::make_shared<Response>(static_cast<http::status>(r.status), 11);
  res->set(http::field::server, "luckyhub");
  if (!r.content_type.empty()) res->set(http::field::content_type, r.content_type);
  res->set("Content-Security-Policy", kContentSecurityPolicy);
  res->set("X-Content-Type-Options", "nosniff");
  res->set("X-Frame-Options", "DENY");
  res->set("Referrer-Policy", "no-referrer");
  for (const auto& [name, value] : r.headers) res->set(name, value);
  res->keep_alive(!close);
  if (head_) {
    res->content_length(r.body.size());
  } else {
    res->body() = std::move(r.body);
    res->prepare_payload();
  }
  if (log::enabled(log::Level::kDebug)) {
    const auto us = std::chrono::duration_cast<std::chrono::microseconds>(
                        std::chrono::steady_clock::now() - started_).count();
    log::debug("serve: ", log_method_, " ", log_path_, " ", r.status, " ", us / 1000.0, " ms");
  }
  response_ = res;
  stream_.expires_after(limits_.read_timeout);
  http::async_write(stream_, *response_,
                    beast::bind_front_handler(&HttpSession::on_write, shared_from_this(), close));
}

void HttpSession::on_write(bool close, beast::error_code ec, size_t) {
  response_.reset();
  if (ec) {
    stream_.socket().close(ec);
    return;
  }
  if (close) {
    // Half-close, then read and drop what the client still sends, so that a
    // refused request's unread bytes do not turn our answer into a reset.
    stream_.socket().shutdown(net::ip::tcp::socket::shutdown_send, ec);
    drained_bytes_ = 0;
    stream_.expires_after(std::chrono::seconds(2));
    drain();
    return;
  }
  read();
}

void HttpSession::drain() {
  drain_buffer_.resize(16 * 1024);
  stream_.async_read_some(net::buffer(drain_buffer_), [self = shared_from_this()](
                                                          beast::error_code ec, size_t bytes) {
    self->drained_bytes_ += bytes;
    if (ec || self->drained_bytes_ > 1024 * 1024) {
      self->stream_.socket().close(ec);
      return;
    }
    self->drain();
  });
}

}  // namespace luckyhub::server
