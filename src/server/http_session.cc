#include "server/http_session.h"

#include <algorithm>
#include <array>

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/write.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/beast/ssl.hpp>

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
         ec == net::error::broken_pipe ||
         // TLS: the peer closed without close_notify, or sent what is not a TLS record.
         ec == net::ssl::error::stream_truncated || ec.category() == net::error::get_ssl_category();
}

std::string_view sv(boost::beast::string_view v) { return std::string_view(v.data(), v.size()); }

// What Beast accepts but a request behind a proxy must not carry, as the
// message of the 400 that closes the connection; "" when the framing is
// sound. A Transfer-Encoding other than exactly "chunked" ("chunked,
// identity", "xchunked", "gzip, chunked") leaves the body's length to
// interpretation: two parsers could split the bytes into different requests
// (RFC 9112 6.3: answer 400 and close). (Beast itself refuses Content-Length
// with Transfer-Encoding, and replaces an obs-fold by spaces, which RFC 9112
// 5.2 allows: a folded Transfer-Encoding is then not exactly "chunked".)
std::string framing_problem(const http::request<http::string_body>& request) {
  const auto te = request.find(http::field::transfer_encoding);
  if (te != request.end() && !boost::beast::iequals(te->value(), "chunked")) {
    return "Transfer-Encoding other than chunked";
  }
  return "";
}

}  // namespace

template <class Stream>
Stream BasicHttpSession<Stream>::open_stream(net::ip::tcp::socket&& socket, net::ssl::context* context) {
  if constexpr (kTls) return Stream(std::move(socket), *context);
  else return Stream(std::move(socket));
}

template <class Stream>
void BasicHttpSession<Stream>::start() {
  if constexpr (kTls) {
    // The handshake is bounded like a request: a client that never finishes
    // it is dropped. A plain-HTTP request here fails the handshake and is closed.
    net::dispatch(stream_.get_executor(), [self = this->shared_from_this()] {
      self->tcp().expires_after(self->limits_.read_timeout);
      self->stream_.async_handshake(net::ssl::stream_base::server,
                                    beast::bind_front_handler(&BasicHttpSession::on_handshake, self));
    });
  } else {
    net::dispatch(stream_.get_executor(), beast::bind_front_handler(&BasicHttpSession::read, this->shared_from_this()));
  }
}

template <class Stream>
void BasicHttpSession<Stream>::on_handshake(beast::error_code ec) {
  if (ec) {
    log::debug("serve: TLS handshake failed: ", ec.message());
    tcp().socket().close(ec);
    return;
  }
  read();
}

template <class Stream>
void BasicHttpSession<Stream>::read() {
  parser_.emplace();
  parser_->header_limit(limits_.header_bytes);
  parser_->body_limit(limits_.body_bytes);
  tcp().expires_after(limits_.read_timeout);
  http::async_read(stream_, buffer_, *parser_,
                   beast::bind_front_handler(&BasicHttpSession::on_read, this->shared_from_this()));
}

template <class Stream>
void BasicHttpSession<Stream>::on_read(beast::error_code ec, size_t) {
  if (ec && is_disconnect(ec)) {
    tcp().socket().close(ec);
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
  if (const std::string problem = framing_problem(parser_->get()); !problem.empty()) {
    return send(Router::error(400, "malformed request: " + problem), true);
  }
  handle(parser_->release());
}

template <class Stream>
void BasicHttpSession<Stream>::handle(Request request) {
  ++request_id_;
  answered_ = false;
  head_ = request.method() == http::verb::head;
  keep_alive_ = request.keep_alive();
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
                     .content_type = sv(request[http::field::content_type]),
                     .tls = kTls};
  beast::error_code ec;
  const auto peer = tcp().socket().remote_endpoint(ec);
  if (!ec) {
    if (limits_.trusted_proxies && !limits_.trusted_proxies->empty()) {
      // The proxy appends its client to the last X-Forwarded-For header.
      std::string_view forwarded_for, forwarded_proto;
      for (auto [it, end] = request.equal_range("X-Forwarded-For"); it != end; ++it) forwarded_for = sv(it->value());
      for (auto [it, end] = request.equal_range("X-Forwarded-Proto"); it != end; ++it) forwarded_proto = sv(it->value());
      ClientOrigin origin = client_of(peer.address(), kTls, forwarded_for, forwarded_proto, *limits_.trusted_proxies);
      routed.remote_address = std::move(origin.address);
      routed.tls = origin.tls;
    } else {
      routed.remote_address = peer.address().to_string();
    }
  }
  try {
    pending_ = router_.route(routed);
  } catch (const std::exception& e) {
    // A request must never end the server: what a route did not answer
    // itself is a 500 on this connection only (the message stays in the log).
    log::error("serve: ", log_method_, " ", log_path_, ": ", e.what());
    return send(Router::error(500, "internal error"), true);
  }
  if (!pending_.job) return send(std::move(pending_.response));
  if (pending_.job->done()) return send(pending_.finish(*pending_.job));

  // Wait for the job without blocking this thread: whichever comes first,
  // the job's completion or the report wait, answers.
  auto self = this->shared_from_this();
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

template <class Stream>
void BasicHttpSession<Stream>::on_job_done(uint64_t request_id) {
  if (request_id != request_id_ || answered_) return;
  wait_timer_.cancel();
  send(pending_.finish(*pending_.job));
}

template <class Stream>
void BasicHttpSession<Stream>::on_wait_expired(uint64_t request_id) {
  if (request_id != request_id_ || answered_) return;
  send(Router::computing(*pending_.job));
}

// The header block of a response whose body is a shared buffer, byte for
// byte what Beast's serializer writes for the same fields (send() below): the
// common headers are one constant, the rest a few appends into a string the
// session reuses, so a cached report costs no allocation and no copy of its
// body.
void write_head(std::string& out, const HttpResponse& r, size_t content_length, bool close) {
  static const std::string common = std::string("Server: luckyhub\r\n");
  static const std::string security = std::string("Content-Security-Policy: ") + kContentSecurityPolicy +
                                      "\r\nX-Content-Type-Options: nosniff\r\nX-Frame-Options: DENY\r\n"
                                      "Referrer-Policy: no-referrer\r\n";
  out.clear();
  out += "HTTP/1.1 ";
  out += std::to_string(r.status);
  out += ' ';
  const auto reason = http::obsolete_reason(static_cast<http::status>(r.status));
  out.append(reason.data(), reason.size());
  out += "\r\n";
  out += common;
  if (!r.content_type.empty()) out.append("Content-Type: ").append(r.content_type).append("\r\n");
  out += security;
  for (const auto& [name, value] : r.headers) out.append(name).append(": ").append(value).append("\r\n");
  if (close) out += "Connection: close\r\n";
  out.append("Content-Length: ").append(std::to_string(content_length)).append("\r\n\r\n");
}

template <class Stream>
void BasicHttpSession<Stream>::send(HttpResponse r, bool close) {
  answered_ = true;
  pending_ = {};
  close = close || !keep_alive_;
  if (log::enabled(log::Level::kDebug)) {
    const auto us = std::chrono::duration_cast<std::chrono::microseconds>(
                        std::chrono::steady_clock::now() - started_).count();
    log::debug("serve: ", log_method_, " ", log_path_, " ", r.status, " ", us / 1000.0, " ms");
  }
  tcp().expires_after(limits_.read_timeout);
  if (r.shared_body && kTls) {
    // TLS copies and encrypts the body anyway; the two-buffer write below
    // lost its body through Beast's ssl_stream (curl: 0 of 21,565 bytes), so
    // TLS keeps Beast's serializer.
    r.body = *r.shared_body;
    r.shared_body.reset();
  }
  if (r.shared_body) {
    write_head(head_text_, r, r.shared_body->size(), close);
    shared_body_ = head_ ? nullptr : std::move(r.shared_body);
    const std::array<net::const_buffer, 2> buffers{
        net::buffer(head_text_), shared_body_ ? net::buffer(*shared_body_) : net::const_buffer()};
    net::async_write(stream_, buffers,
                     beast::bind_front_handler(&BasicHttpSession::on_write, this->shared_from_this(), close));
    return;
  }
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
  response_ = res;
  http::async_write(stream_, *response_,
                    beast::bind_front_handler(&BasicHttpSession::on_write, this->shared_from_this(), close));
}

template <class Stream>
void BasicHttpSession<Stream>::on_write(bool close, beast::error_code ec, size_t) {
  response_.reset();
  shared_body_.reset();
  if (ec) {
    tcp().socket().close(ec);
    return;
  }
  if (close) {
    tcp().expires_after(std::chrono::seconds(2));
    if constexpr (kTls) {
      // close_notify, then wait (bounded) for the client's before closing.
      stream_.async_shutdown([self = this->shared_from_this()](beast::error_code ec) {
        self->tcp().socket().close(ec);
      });
    } else {
      // Half-close, then read and drop what the client still sends, so that a
      // refused request's unread bytes do not turn our answer into a reset.
      tcp().socket().shutdown(net::ip::tcp::socket::shutdown_send, ec);
      drained_bytes_ = 0;
      drain();
    }
    return;
  }
  read();
}

template <class Stream>
void BasicHttpSession<Stream>::drain() {
  drain_buffer_.resize(16 * 1024);
  stream_.async_read_some(net::buffer(drain_buffer_), [self = this->shared_from_this()](
                                                          beast::error_code ec, size_t bytes) {
    self->drained_bytes_ += bytes;
    if (ec || self->drained_bytes_ > 1024 * 1024) {
      self->tcp().socket().close(ec);
      return;
    }
    self->drain();
  });
}

template class BasicHttpSession<beast::tcp_stream>;
template class BasicHttpSession<beast::ssl_stream<beast::tcp_stream>>;

}  // namespace luckyhub::server
