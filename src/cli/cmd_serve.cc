#include <charconv>
#include <memory>

#include "cli/commands.h"
#include "core/error.h"
#include "core/log.h"
#include "server/alerts_api.h"
#include "server/http_server.h"
#include "warehouse/warehouse.h"

namespace luckyhub::cli {
namespace {

// "127.0.0.1:8080" -> host and port; the host must be a numeric address.
void parse_listen(const std::string& listen, server::ServerOptions& options) {
  const size_t colon = listen.rfind(':');
  unsigned port = 0;
  const char* end = listen.data() + listen.size();
  if (colon == std::string::npos || colon == 0 ||
      std::from_chars(listen.data() + colon + 1, end, port).ptr != end || port > 65535 ||
      colon + 1 == listen.size()) {
    throw Error("--listen wants HOST:PORT (e.g. 127.0.0.1:8080), got '" + listen + "'");
  }
  options.host = listen.substr(0, colon);
  if (options.host.size() > 2 && options.host.front() == '[') options.host = options.host.substr(1, options.host.size() - 2);
  options.port = static_cast<uint16_t>(port);
}

}  // namespace

void add_serve(CLI::App& app) {
  auto* cmd = app.add_subcommand("serve", "Serve the web dashboard and its HTTP API");
  struct Options {
    std::string warehouse, listen = "127.0.0.1:8080";
    int workers = 2, io_threads = 2;
  };
  auto o = std::make_shared<Options>();
  cmd->add_option("--warehouse", o->warehouse, "Warehouse: a SQLite file or a clickhouse:// location")->required();
  cmd->add_option("--listen", o->listen, "Address and port (port 0: any free port)")
      ->capture_default_str();
  cmd->add_option("--workers", o->workers, "Reports computed in parallel")
      ->check(CLI::Range(1, 64))
      ->capture_default_str();
  cmd->add_option("--io-threads", o->io_threads, "Threads serving connections")
      ->check(CLI::Range(1, 64))
      ->capture_default_str();
  // Alert routing (routing26): the delivery file's [[inhibit]] rules mark inhibited alerts in /api/alerts.
  cmd->add_option("--routing", "Delivery file whose [[inhibit]] rules /api/alerts applies (docs/alerts.md)")
      ->each([](const std::string& path) {
        server::set_alert_routing(std::make_shared<const alerts::RoutingConfig>(alerts::load_routing(path)));
      });
  cmd->callback([o] {
    server::ServerOptions options;
    parse_listen(o->listen, options);
    options.workers = o->workers;
    options.io_threads = o->io_threads;
    open_warehouse(o->warehouse);  // a missing or corrupt warehouse fails here, with its reason
    server::HttpServer server(options, o->warehouse);
    server.start();
    const std::string host = options.host.find(':') != std::string::npos ? "[" + options.host + "]" : options.host;
    // Always printed (also with --quiet): scripts read the port from it.
    std::fprintf(stderr, "luckyhub: serving the dashboard at http://%s:%u/\n", host.c_str(),
                 static_cast<unsigned>(server.port()));
    server.wait_for_signal();
  });
}

}  // namespace luckyhub::cli
