// Host metrics from Debian's prometheus-node-exporter, started by the test
// on a free loopback port: two scrapes give plausible CPU, disk and memory
// samples, a dead or silent endpoint is down within its timeouts, and an
// instance of the fleet file that lists a node exporter gets its host's
// samples in the same scrape (make_source).
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <sys/stat.h>

#include <chrono>
#include <fstream>
#include <set>
#include <thread>

#include "alerts/rules.h"
#include "collect/collector.h"
#include "collect/host_metrics.h"
#include "collect/metric_source.h"
#include "tools/registry.h"
#include "integration/health_servers.h"
#include "support/shared_sim.h"
#include "warehouse/warehouse.h"

namespace luckyhub::testing {
namespace {

using collect::Sample;
using collect::Scrape;
using collect::ScrapeRequest;

double find(const Scrape& s, const std::string& metric, const std::string& object = "") {
  for (const Sample& x : s.samples) {
    if (x.metric == metric && x.object == object) return x.value;
  }
  return -1;
}

double cpu_total(const Scrape& s) {
  double total = 0;
  for (const Sample& x : s.samples) total += x.metric == "cpu_seconds_total" ? x.value : 0;
  return total;
}

const ScrapeRequest kRequest{.connect_timeout_s = 1, .read_timeout_s = 2};

TEST(NodeExporterIntegration, TwoScrapesGivePlausibleHostMetrics) {
  NodeExporter exporter;
  const Endpoint at{"127.0.0.1", exporter.port()};
  auto source = collect::make_node_exporter_source(at, "host (" + at.str() + ")");
  const Scrape first = source->scrape(kRequest);
  ASSERT_TRUE(first.up) << first.error;
  EXPECT_LT(first.duration_s, 10);  // a local exporter; wide for a busy CI machine
  EXPECT_GT(find(first, "memory_total_bytes"), 0);
  EXPECT_GT(find(first, "memory_available_bytes"), 0);
  EXPECT_LE(find(first, "memory_available_bytes"), find(first, "memory_total_bytes"));
  EXPECT_GE(find(first, "load1"), 0);
  EXPECT_GE(find(first, "cpus"), 1);
  EXPECT_GT(find(first, "cpu_seconds_total", "idle") + find(first, "cpu_seconds_total", "user"), 0);
  EXPECT_GE(find(first, "disk_reads_total"), 0);
  EXPECT_GE(find(first, "disk_writes_total"), 0);
  EXPECT_EQ(find(first, "cpu_busy_ratio"), -1);  // no previous scrape yet

  std::this_thread::sleep_for(std::chrono::milliseconds(1100));  // /proc/stat ticks are 10 ms
  const Scrape second = source->scrape(kRequest);
  ASSERT_TRUE(second.up) << second.error;
  EXPECT_GT(cpu_total(second), cpu_total(first));
  EXPECT_GE(find(second, "disk_reads_total"), find(first, "disk_reads_total"));
  EXPECT_GE(find(second, "disk_writes_total"), find(first, "disk_writes_total"));
  const double busy = find(second, "cpu_busy_ratio");
  EXPECT_GE(busy, 0);
  EXPECT_LE(busy, 1);
  EXPECT_GE(find(second, "cpu_iowait_ratio"), 0);
}

TEST(NodeExporterIntegration, DeadPortIsDownWithinTheTimeout) {
  const Endpoint dead{"127.0.0.1", free_port()};
  auto source = collect::make_node_exporter_source(dead, "host (" + dead.str() + ")");
  const auto started = std::chrono::steady_clock::now();
  const Scrape s = source->scrape(kRequest);
  EXPECT_FALSE(s.up);
  EXPECT_NE(s.error.find(dead.str()), std::string::npos) << s.error;
  EXPECT_LT(std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count(), 10);
}

TEST(NodeExporterIntegration, SilentListenerIsDownAtTheReadTimeout) {
  // Accepts connections (the kernel's backlog) and never answers.
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a), 0);
  socklen_t len = sizeof a;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
  ::listen(fd, 4);
  const Endpoint silent{"127.0.0.1", ntohs(a.sin_port)};
  auto source = collect::make_node_exporter_source(silent, "host (" + silent.str() + ")");
  const auto started = std::chrono::steady_clock::now();
  const Scrape s = source->scrape({.connect_timeout_s = 1, .read_timeout_s = 1});
  const double took = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  ::close(fd);
  EXPECT_FALSE(s.up);
  EXPECT_NE(s.error.find("within 1 s"), std::string::npos) << s.error;
  // It waited for the read timeout, and no longer (a silent listener would
  // hold it forever); the upper margin is wide for a busy CI machine.
  EXPECT_GE(took, 0.9);
  EXPECT_LT(took, 10);
}

TEST(NodeExporterIntegration, AnInstanceListingAnExporterGetsItsHostMetrics) {
  NodeExporter exporter;
  RedisServer redis(temp_dir() + "/redis-node", 4 << 20);
  Instance in;
  in.kind = InstanceKind::kRedis;
  in.name = "cache-node";
  in.host = "127.0.0.1";
  in.port = redis.port();
  in.reader.user = "default";
  in.reader.password = Secret(redis.password());
  in.node_exporter = Endpoint{"127.0.0.1", exporter.port()};
  auto source = collect::make_source(in);
  const Scrape s = source->scrape(kRequest);
  ASSERT_TRUE(s.up) << s.error;
  EXPECT_GE(find(s, "dbsize_keys"), 0);  // the database's own samples
  EXPECT_EQ(find(s, "host_up"), 1);
  EXPECT_GT(find(s, "memory_total_bytes"), 0);
  EXPECT_GT(cpu_total(s), 0);

  // An exporter that is gone leaves the database up, with host_up = 0.
  in.node_exporter = Endpoint{"127.0.0.1", free_port()};
  auto without = collect::make_source(in);
  const Scrape d = without->scrape(kRequest);
  EXPECT_TRUE(d.up) << d.error;
  EXPECT_EQ(find(d, "host_up"), 0);
  EXPECT_EQ(find(d, "memory_total_bytes"), -1);
}

// Through the collector: two cycles store the host's samples under the
// instance, with disk IOPS from the collector's deltas.
TEST(NodeExporterIntegration, CollectorStoresHostMetricsAndIops) {
  NodeExporter exporter;
  const std::string dir = temp_dir() + "/collect-node";
  RedisServer redis(dir + "/redis", 4 << 20);
  {
    std::ofstream(dir + "/pw") << redis.password() << "\n";
    ::chmod((dir + "/pw").c_str(), 0600);
    std::ofstream(dir + "/fleet.toml") << "[[instance]]\nname = \"cache-host\"\nkind = \"redis\"\nhost = \"127.0.0.1\"\n"
                                       << "port = " << redis.port() << "\nuser = \"default\"\npassword_file = \"pw\"\n"
                                       << "node_exporter = \"127.0.0.1:" << exporter.port() << "\"\n";
  }
  collect::CollectOptions o;
  o.fleet = dir + "/fleet.toml";
  o.warehouse = dir + "/health.db";
  o.connect_timeout_s = 1;
  o.read_timeout_s = 2;
  const Fleet fleet = load_fleet(o.fleet);
  {
    collect::Collector collector(fleet, alerts::RuleSet::defaults(), o);
    const int64_t t0 = std::chrono::duration_cast<std::chrono::seconds>(
                           std::chrono::system_clock::now().time_since_epoch()).count();
    EXPECT_EQ(collector.run_cycle(t0, false).up, 1);
    std::this_thread::sleep_for(std::chrono::milliseconds(1100));
    EXPECT_EQ(collector.run_cycle(t0 + 60, false).up, 1);
  }
  auto wh = open_warehouse(o.warehouse);
  auto latest = [&](const std::string& metric, const std::string& object = "") {
    const ResultSet r = wh->query(
        "SELECT value FROM health__latest WHERE instance = 'cache-host' AND metric = ? AND object = ?", {metric, object});
    return r.size() == 1 ? r.double_at(0, 0) : -1.0;
  };
  EXPECT_EQ(latest("host_up"), 1);
  EXPECT_GT(latest("memory_total_bytes"), 0);
  EXPECT_GT(latest("cpu_seconds_total", "idle"), 0);
  EXPECT_GE(latest("cpu_busy_ratio"), 0);
  EXPECT_GE(latest("disk_reads_per_second"), 0);   // IOPS: the delta over the 60 s between the cycles
  EXPECT_GE(latest("disk_writes_per_second"), 0);
  EXPECT_GE(latest("dbsize_keys"), 0);

  // The instance's page shows its host: CPU and IOPS trends and a CPU tile.
  const Report page = run_tool(ToolRegistry::instance().get("fleet-health"), *wh, {{"instance", "cache-host"}});
  std::set<std::string> ids;
  for (const Panel& p : page.panels) ids.insert(p.id);
  EXPECT_TRUE(ids.count("host_trend")) << "no host trend panel";
  EXPECT_TRUE(ids.count("iops_trend")) << "no IOPS trend panel";
  for (const Panel& p : page.panels) {
    if (p.id != "iops_trend") continue;
    ASSERT_EQ(p.series.series.size(), 2u);
    EXPECT_FALSE(p.series.x.empty());
  }
}

}  // namespace
}  // namespace luckyhub::testing
