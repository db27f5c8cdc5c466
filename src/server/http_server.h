// The dashboard's HTTP/1.1 server: an event loop (Boost.Asio/Beast) on a few
// I/O threads that parses requests within limits, asks the Router, and writes
// responses with the security headers. Reports are computed on the
// ReportService's worker pool, never on an I/O thread; a report not ready
// within `report_wait` is answered 202 and the page polls.
//
// Limits and answers: request line + headers over 8 KiB -> 431, a body over
// 16 KiB -> 413, a malformed request -> 400, a method other than GET/HEAD ->
// 405; a client that does not send a whole request within `read_timeout` (or
// does not read the response within it) is disconnected. Every one of these
// closes only that connection.
//
// TLS: with `tls_cert` and `tls_key` the port speaks HTTPS only (TLS 1.2 or
// newer, no compression, the server's cipher order); the handshake counts
// against `read_timeout`. Behind a reverse proxy, `trusted_proxies` says whose
// X-Forwarded-For / X-Forwarded-Proto to believe (client_of in http_session.h).
//
// Usage: HttpServer server(options, "w.db"); server.start(); ... server.stop();
// Thread safety: start(), stop() and port() from the owning thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace luckyhub::server {

struct ServerOptions {
  std::string host = "127.0.0.1";
  uint16_t port = 8080;  // 0: an ephemeral port, see HttpServer::port()
  int io_threads = 2;
  int workers = 2;  // report computations in parallel, one warehouse connection each
  size_t cache_entries = 256;
  std::chrono::milliseconds report_wait{300};
  std::chrono::milliseconds read_timeout{15000};
  // Access control (server/access_gate.h); null: none (`serve --no-auth`, tests not about access).
  std::shared_ptr<class AccessGate> access;
  std::string tls_cert, tls_key;             // PEM files; both or neither (neither: plain HTTP)
  std::vector<std::string> trusted_proxies;  // IP addresses of reverse proxies
};

class ReportService;

class HttpServer {
 public:
  // Throws Error when the address cannot be bound, when the certificate or key
  // cannot be read or do not match, or a trusted proxy is not an IP address.
  HttpServer(const ServerOptions& options, const std::string& warehouse_location);
  ~HttpServer();  // stop()s

  void start();  // runs the I/O threads; returns at once
  void stop();   // closes the listener and every connection, joins the threads
  // Blocks until SIGINT or SIGTERM, then stop()s.
  void wait_for_signal();
  uint16_t port() const;  // the bound port
  // The report cache, for the scheduler's refresh jobs (delivery/scheduler.h).
  ReportService& reports();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace luckyhub::server
