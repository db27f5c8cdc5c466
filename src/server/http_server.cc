#include "server/http_server.h"

#include <utility>  // before Asio: Boost 1.74 with GCC 12 needs it

#include <pthread.h>
#include <signal.h>

#include <thread>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>

#include "core/error.h"
#include "core/log.h"
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

}  // namespace

// Member order matters: the io_context outlives the report service, whose
// jobs may hold sessions (and so sockets) until its workers are joined.
struct HttpServer::Impl {
  Impl(const ServerOptions& o, const std::string& location)
      : options(o),
        reports(location, o.workers, o.cache_entries),
        router(reports, o.access),
        acceptor(ioc),
        accept_pause(ioc) {}

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
        const SessionLimits limits{.read_timeout = options.read_timeout,
                                   .report_wait = options.report_wait};
        std::make_shared<HttpSession>(std::move(socket), router, limits)->start();
      }
      accept();
    });
  }

  const ServerOptions options;
  net::io_context ioc;
  ReportService reports;
  Router router;
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
  net::post(impl_->ioc, [this] {
    boost::system::error_code ec;
    impl_->acceptor.close(ec);
  });
  impl_->ioc.stop();
  for (std::thread& t : impl_->threads) t.join();
  impl_->threads.clear();
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
