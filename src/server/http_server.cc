#include "server/http_server.h"

#include <utility>  // before Asio: Boost 1.74 with GCC 12 needs it

#include <pthread.h>
#include <signal.h>

#include <fstream>
#include <thread>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include "core/error.h"
#include "core/log.h"
#include "server/access_gate.h"
#include "server/http_session.h"
#include "server/report_service.h"
#include "server/router.h"

namespace luckyhub::server {
namespace {

namespace net = boost::asio;
using tcp = net::ip::tcp;

// Blocks SIGINT and SIGTERM in the calling thread while alive, so that the
// threads started meanwhile inherit the mask and only wait_for_signal() sees them.
class TerminationSignalsBlocked {
 public:
  TerminationSignalsBlocked() {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set, &old_);
  }
  ~TerminationSignalsBlocked() { pthread_sigmask(SIG_SETMASK, &old_, nullptr); }

 private:
  sigset_t old_;
};

// The HTTPS settings: TLS 1.2 or newer, no compression (CRIME), no
// renegotiation, forward-secret AEAD ciphers for TLS 1.2 in the server's order
// (TLS 1.3's suites are OpenSSL's defaults, all of them AEAD).
std::unique_ptr<net::ssl::context> tls_context(const std::string& cert, const std::string& key) {
  if (cert.empty() || key.empty()) throw Error("TLS needs both a certificate and a key file");
  for (const std::string* file : {&cert, &key}) {
    if (!std::ifstream(*file)) throw Error("cannot read TLS " + std::string(file == &cert ? "certificate" : "key") + " '" + *file + "'");
  }
  ERR_clear_error();  // the reasons below are this function's only
  auto context = std::make_unique<net::ssl::context>(net::ssl::context::tls_server);
  SSL_CTX* ctx = context->native_handle();
  SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION);
  SSL_CTX_set_options(ctx, SSL_OP_NO_COMPRESSION | SSL_OP_CIPHER_SERVER_PREFERENCE | SSL_OP_NO_RENEGOTIATION |
                               SSL_OP_SINGLE_DH_USE | SSL_OP_SINGLE_ECDH_USE);
  SSL_CTX_set_cipher_list(ctx, "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:"
                               "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:"
                               "ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305");
  // OpenSSL's first error, e.g. "no start line" or "key values mismatch".
  const auto reason = [](unsigned long e) {
    ERR_clear_error();
    const char* r = e ? ERR_reason_error_string(e) : nullptr;
    return std::string(r ? r : "not in PEM format");
  };
  if (SSL_CTX_use_certificate_chain_file(ctx, cert.c_str()) != 1) {
    throw Error("cannot load TLS certificate '" + cert + "' (PEM, the server's first): " + reason(ERR_get_error()));
  }
  // Loading the key compares it with the certificate already (and so does the check after).
  if (SSL_CTX_use_PrivateKey_file(ctx, key.c_str(), SSL_FILETYPE_PEM) != 1 || SSL_CTX_check_private_key(ctx) != 1) {
    const unsigned long e = ERR_get_error();
    if (ERR_GET_REASON(e) == X509_R_KEY_VALUES_MISMATCH || ERR_GET_REASON(e) == SSL_R_PRIVATE_KEY_MISMATCH) {
      throw Error("TLS key '" + key + "' does not match certificate '" + cert + "': " + reason(e));
    }
    throw Error("cannot load TLS key '" + key + "' (PEM, unencrypted): " + reason(e));
  }
  return context;
}

std::shared_ptr<const std::vector<net::ip::address>> parse_trusted_proxies(const std::vector<std::string>& proxies) {
  auto addresses = std::make_shared<std::vector<net::ip::address>>();
  for (const std::string& proxy : proxies) {
    boost::system::error_code ec;
    net::ip::address a = net::ip::make_address(proxy, ec);
    if (ec) throw Error("a trusted proxy is an IP address, got '" + proxy + "'");
    if (a.is_v6() && a.to_v6().is_v4_mapped()) a = net::ip::make_address_v4(net::ip::v4_mapped, a.to_v6());
    addresses->push_back(a);
  }
  return addresses;
}

}  // namespace

// Member order matters: the io_context outlives the report service, whose
// jobs may hold sessions (and so sockets) until its workers are joined.
struct HttpServer::Impl {
  Impl(const ServerOptions& o, const std::string& location)
      : options(o),
        limits{.read_timeout = o.read_timeout,
               .report_wait = o.report_wait,
               .trusted_proxies = parse_trusted_proxies(o.trusted_proxies)},
        tls(o.tls_cert.empty() && o.tls_key.empty() ? nullptr : tls_context(o.tls_cert, o.tls_key)),
        reports(location, o.workers, o.cache_entries),
        router(reports, o.access),
        accept_strand(net::make_strand(ioc)),
        acceptor(accept_strand),
        accept_pause(accept_strand) {}

  void accept() {
    acceptor.async_accept(net::make_strand(ioc), [this](boost::system::error_code ec, tcp::socket socket) {
      if (!acceptor.is_open()) return;
      if (ec) {
        // Out of file descriptors, say: pause rather than spin on the error.
        log::warn("serve: accept failed: ", ec.message());
        accept_pause.expires_after(std::chrono::milliseconds(100));
        accept_pause.async_wait([this](boost::system::error_code) { accept(); });
        return;
      } else {
        socket.set_option(tcp::no_delay(true), ec);
        if (tls) {
          std::make_shared<TlsHttpSession>(std::move(socket), *tls, router, limits)->start();
        } else {
          std::make_shared<PlainHttpSession>(std::move(socket), router, limits)->start();
        }
      }
      accept();
    });
  }

  const ServerOptions options;
  const SessionLimits limits;
  std::unique_ptr<net::ssl::context> tls;  // null: plain HTTP
  net::io_context ioc;
  ReportService reports;
  Router router;
  // The acceptor, its pause timer and their handlers (accept(), stop()'s
  // close) on one strand: with several I/O threads, a close could otherwise
  // run while another thread's accept handler uses the acceptor.
  net::strand<net::io_context::executor_type> accept_strand;
  tcp::acceptor acceptor;
  net::steady_timer accept_pause;
  std::vector<std::thread> threads;
};

HttpServer::HttpServer(const ServerOptions& options, const std::string& warehouse_location) {
  TerminationSignalsBlocked blocked;  // the worker threads start here
  impl_ = std::make_unique<Impl>(options, warehouse_location);
  try {
    const tcp::endpoint endpoint(net::ip::make_address(options.host), options.port);
    impl_->acceptor.open(endpoint.protocol());
    impl_->acceptor.set_option(net::socket_base::reuse_address(true));
    impl_->acceptor.bind(endpoint);
    impl_->acceptor.listen(net::socket_base::max_listen_connections);
  } catch (const boost::system::system_error& e) {
    throw Error("cannot listen on " + options.host + ":" + std::to_string(options.port) + ": " +
                e.code().message());
  }
}

HttpServer::~HttpServer() { stop(); }

uint16_t HttpServer::port() const { return impl_->acceptor.local_endpoint().port(); }

ReportService& HttpServer::reports() { return impl_->reports; }

void HttpServer::start() {
  TerminationSignalsBlocked blocked;
  impl_->accept();
  for (int i = 0; i < std::max(1, impl_->options.io_threads); ++i) {
    impl_->threads.emplace_back([this] { impl_->ioc.run(); });
  }
}

void HttpServer::stop() {
  if (!impl_ || impl_->ioc.stopped()) return;
  net::post(impl_->accept_strand, [this] {
    boost::system::error_code ec;
    impl_->acceptor.close(ec);
  });
  impl_->ioc.stop();
  for (std::thread& t : impl_->threads) t.join();
  impl_->threads.clear();
  // The access gate's sign-ins answer by posting to the event loop, and the
  // gate may outlive it (its owners share it): let them finish first.
  if (impl_->options.access) impl_->options.access->drain();
}

void HttpServer::wait_for_signal() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  int signal = 0;
  sigwait(&set, &signal);
  log::info("serve: stopping (", signal == SIGINT ? "SIGINT" : "SIGTERM", ")");
  stop();
}

}  // namespace luckyhub::server
