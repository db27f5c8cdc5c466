// Rates from counters on hand-made scrapes with known values: disk IOPS from
// the node exporter's completed I/Os and CPU busy/iowait shares from its CPU
// seconds, across a counter reset (a reboot).
#include <gtest/gtest.h>

#include <map>
#include <string>

#include "collect/counter_rates.h"
#include "collect/host_metrics.h"

namespace luckyhub::collect {
namespace {

// A node exporter's answer: two CPUs, two disks.
std::string node_text(double idle, double user, double system, double iowait, double reads_sda, double reads_sdb,
                      double writes) {
  auto line = [](const std::string& series, double v) { return series + " " + std::to_string(v) + "\n"; };
  return line("node_cpu_seconds_total{cpu=\"0\",mode=\"idle\"}", idle / 2) +
         line("node_cpu_seconds_total{cpu=\"1\",mode=\"idle\"}", idle / 2) +
         line("node_cpu_seconds_total{cpu=\"0\",mode=\"user\"}", user) +
         line("node_cpu_seconds_total{cpu=\"1\",mode=\"system\"}", system) +
         line("node_cpu_seconds_total{cpu=\"0\",mode=\"iowait\"}", iowait) +
         line("node_disk_reads_completed_total{device=\"sda\"}", reads_sda) +
         line("node_disk_reads_completed_total{device=\"sdb\"}", reads_sdb) +
         line("node_disk_writes_completed_total{device=\"sda\"}", writes);
}

double value(const std::vector<Sample>& samples, const std::string& metric) {
  for (const Sample& s : samples) {
    if (s.metric == metric && s.object.empty()) return s.value;
  }
  return -1;
}

std::map<std::string, double> cpu_modes(const std::vector<Sample>& samples) {
  std::map<std::string, double> modes;
  for (const Sample& s : samples) {
    if (s.metric == "cpu_seconds_total") modes[s.object] = s.value;
  }
  return modes;
}

TEST(CounterRates, DiskIopsAreDeltasPerSecondAndNoneAcrossAReset) {
  CounterTotals totals;
  auto scrape = [&](int64_t now, double sda, double sdb, double writes) {
    return counter_rates(totals, "db1", now,
                         node_host_samples(parse_prometheus_text(node_text(100, 20, 10, 5, sda, sdb, writes))));
  };
  // The first scrape is only a baseline.
  EXPECT_TRUE(scrape(1000, 1000, 500, 200).samples.empty());
  // 60 s later: (1600 + 800) - (1000 + 500) = 900 reads, 15/s; 120 writes, 2/s.
  const CounterRates second = scrape(1060, 1600, 800, 320);
  EXPECT_DOUBLE_EQ(value(second.samples, "disk_reads"), 900);
  EXPECT_DOUBLE_EQ(value(second.samples, "disk_reads_per_second"), 15);
  EXPECT_DOUBLE_EQ(value(second.samples, "disk_writes_per_second"), 2);
  EXPECT_DOUBLE_EQ(second.delta.at("disk_reads"), 900);
  // A reboot: the counters start again from 0. No rate (not a negative one),
  // and the new values are the baseline of the next.
  const CounterRates reset = scrape(1120, 40, 10, 5);
  EXPECT_EQ(value(reset.samples, "disk_reads_per_second"), -1);
  EXPECT_EQ(value(reset.samples, "disk_writes_per_second"), -1);
  const CounterRates after = scrape(1150, 340, 10, 35);
  EXPECT_DOUBLE_EQ(value(after.samples, "disk_reads_per_second"), 10);  // 300 reads in 30 s
  EXPECT_DOUBLE_EQ(value(after.samples, "disk_writes_per_second"), 1);  // 30 writes in 30 s
  // A scrape at the same second gives no rate (no division by zero).
  EXPECT_TRUE(scrape(1150, 400, 10, 40).samples.empty());
}

TEST(CounterRates, InstancesKeepTheirOwnBaselines) {
  CounterTotals totals;
  const std::vector<Sample> first = {{"questions_total", "", 100}}, second = {{"questions_total", "", 160}};
  counter_rates(totals, "a", 0, first);
  counter_rates(totals, "b", 0, second);
  EXPECT_DOUBLE_EQ(value(counter_rates(totals, "a", 10, second).samples, "questions_per_second"), 6);
  // An object's counter (a table's, a user's) is not the instance's.
  EXPECT_TRUE(counter_rates(totals, "b", 10, {{"rows_read_total", "db.t", 5}}).samples.empty());
}

TEST(CpuRatios, BusyIsEveryModeButIdleAndIowait) {
  const auto before = cpu_modes(node_host_samples(parse_prometheus_text(node_text(100, 20, 10, 5, 0, 0, 0))));
  // +30 idle, +20 user, +6 system, +4 iowait: 60 CPU-seconds, 26 busy, 4 waiting.
  const auto after = cpu_modes(node_host_samples(parse_prometheus_text(node_text(130, 40, 16, 9, 0, 0, 0))));
  CpuRatios r;
  ASSERT_TRUE(cpu_ratios(before, after, r));
  EXPECT_DOUBLE_EQ(r.busy, 26.0 / 60);
  EXPECT_DOUBLE_EQ(r.iowait, 4.0 / 60);
  // A reboot (idle went back), no previous reading, or no time passed: none.
  const auto rebooted = cpu_modes(node_host_samples(parse_prometheus_text(node_text(3, 1, 1, 0, 0, 0, 0))));
  EXPECT_FALSE(cpu_ratios(after, rebooted, r));
  EXPECT_FALSE(cpu_ratios({}, after, r));
  EXPECT_FALSE(cpu_ratios(after, after, r));
}

}  // namespace
}  // namespace luckyhub::collect
