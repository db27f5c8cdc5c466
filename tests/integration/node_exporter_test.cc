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

#include <chrono>
#include <thread>

#include "collect/host_metrics.h"
#include "collect/metric_source.h"
#include "integration/health_servers.h"
#include "support/shared_sim.h"

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
  EXPECT_LT(first.duration_s, 2);
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
  EXPECT_LT(std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count(), 1.5);
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
  EXPECT_GE(took, 0.9);
  EXPECT_LT(took, 2.5);
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

}  // namespace
}  // namespace luckyhub::testing
