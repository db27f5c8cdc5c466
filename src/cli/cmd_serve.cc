#include <charconv>
#include <condition_variable>
#include <mutex>
#include <memory>

#include "cli/commands.h"
#include "core/error.h"
#include "core/log.h"
#include "delivery/clock.h"
#include "delivery/delivery_file.h"
#include "delivery/scheduler.h"
#include "delivery/schedules_api.h"
#include "access/access_store.h"
#include "server/access_gate.h"
#include "server/alerts_api.h"
#include "server/report_service.h"
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
    std::string warehouse, listen = "127.0.0.1:8080", delivery, state, clock_start, access;
    std::string tls_cert, tls_key;             // HTTPS (docs/deployment.md)
    std::vector<std::string> trusted_proxies;  // reverse proxies whose X-Forwarded-* are believed
    int workers = 2, io_threads = 2;
    bool no_auth = false;
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
  cmd->add_option("--delivery", o->delivery,
                  "Delivery file: report schedules mailed on a cron, sync/collect/refresh jobs (docs/delivery.md)");
  cmd->add_option("--state", o->state,
                  "SQLite file recording the scheduler's runs (default: the warehouse; needed with clickhouse://)");
  cmd->add_option("--access", o->access,
                  "Access file: users, API tokens, audit log (default: the warehouse's path + .access.db; docs/access.md)");
  cmd->add_flag("--no-auth", o->no_auth,
                "No sign-in and no access control: only on a loopback address (benchmarks, local development)");
  cmd->add_option("--tls-cert", o->tls_cert, "HTTPS: the certificate chain (PEM); with --tls-key");
  cmd->add_option("--tls-key", o->tls_key, "HTTPS: the certificate's private key (PEM); with --tls-cert");
  cmd->add_option("--trusted-proxy", o->trusted_proxies,
                  "A reverse proxy's IP address whose X-Forwarded-For/-Proto are believed (repeatable)");
  // For the process-level tests (docs/delivery.md): the scheduler's clock reads this UTC instant at start.
  cmd->add_option("--clock-start", o->clock_start, "")->group("");
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
    if (o->tls_cert.empty() != o->tls_key.empty()) throw Error("--tls-cert and --tls-key go together: give both or neither");
    options.tls_cert = o->tls_cert;
    options.tls_key = o->tls_key;
    options.trusted_proxies = o->trusted_proxies;
    open_warehouse(o->warehouse);  // a missing or corrupt warehouse fails here, with its reason
    if (o->no_auth) {
      if (!o->access.empty()) throw Error("--no-auth and --access: give one");
      if (options.host != "127.0.0.1" && options.host != "::1" && options.host != "localhost") {
        throw Error("--no-auth serves every department's data to anyone who connects: only on 127.0.0.1 or ::1");
      }
      log::warn("serve: --no-auth: no sign-in, every page and report open to whoever reaches ", o->listen);
    } else {
      const std::string path = o->access.empty() ? access::AccessStore::default_path(o->warehouse) : o->access;
      std::shared_ptr<access::AccessStore> store = access::AccessStore::open(path);
      if (!store->has_admin()) {
        throw Error("no Admin user in the access file " + path + ": create the first with `luckyhub users add NAME --role admin --access " +
                    path + "` (or serve --no-auth on a loopback address)");
      }
      options.access = std::make_shared<server::AccessGate>(std::move(store));
    }
    server::HttpServer server(options, o->warehouse);
    std::unique_ptr<delivery::SystemClock> clock;
    std::unique_ptr<delivery::Scheduler> scheduler;
    if (!o->delivery.empty()) {
      if (o->state.empty() && !updates_in_place(o->warehouse)) {
        throw Error("--state FILE is needed with a " + o->warehouse.substr(0, o->warehouse.find(':')) +
                    " warehouse: the scheduler records its runs in a SQLite file");
      }
      clock = std::make_unique<delivery::SystemClock>(
          o->clock_start.empty() ? delivery::SystemClock() : delivery::SystemClock::starting_at(delivery::parse_utc(o->clock_start)));
      delivery::SchedulerOptions so{.warehouse = o->warehouse, .state = o->state};
      server::ReportService& reports = server.reports();
      so.refresh = [&reports](const std::string& tool, const std::map<std::string, std::string>& params) {
        auto job = reports.request(tool, params);
        std::mutex m;
        std::condition_variable cv;
        bool done = false;
        job->on_done([&] {
          std::lock_guard lock(m);
          done = true;
          cv.notify_all();
        });
        std::unique_lock lock(m);
        cv.wait(lock, [&] { return done; });
        if (job->result().status != 200) throw Error(job->result().error);
      };
      scheduler = std::make_unique<delivery::Scheduler>(delivery::load_delivery_file(o->delivery), so, *clock);
    }
    server.start();
    const std::string host = options.host.find(':') != std::string::npos ? "[" + options.host + "]" : options.host;
    // Always printed (also with --quiet): scripts read the port from it.
    std::fprintf(stderr, "luckyhub: serving the dashboard at %s://%s:%u/\n", options.tls_cert.empty() ? "http" : "https", host.c_str(),
                 static_cast<unsigned>(server.port()));
    if (scheduler) {
      scheduler->start();
      delivery::publish_scheduler(scheduler.get());
      log::info("serve: scheduler running ", scheduler->config().schedules.size(), " schedules and ",
                scheduler->config().jobs.size(), " jobs from ", o->delivery);
    }
    server.wait_for_signal();
    if (scheduler) {
      delivery::publish_scheduler(nullptr);
      scheduler->stop();
    }
  });
}

}  // namespace luckyhub::cli
