#include "collect/host_metrics.h"

#include <gtest/gtest.h>

#include <cmath>

#include "core/error.h"

namespace luckyhub::collect {
namespace {

double find(const std::vector<Sample>& samples, const std::string& metric, const std::string& object = "") {
  for (const Sample& s : samples) {
    if (s.metric == metric && s.object == object) return s.value;
  }
  return -1;
}

TEST(PrometheusText, ParsesCommentsLabelsEscapesAndSpecialValues) {
  const std::string text =
      "# HELP node_cpu_seconds_total Seconds the CPUs spent in each mode.\n"
      "# TYPE node_cpu_seconds_total counter\n"
      "node_cpu_seconds_total{cpu=\"0\",mode=\"idle\"} 100.5\n"
      "node_cpu_seconds_total{ cpu = \"1\" , mode=\"idle\" , } 1.5e2\r\n"
      "  # an indented comment\n"
      "\n"
      "weird{path=\"C:\\\\dir\\\\\",msg=\"say \\\"hi\\\", {ok}\\n\"} NaN 1700000000000\n"
      "up_inf +Inf\n"
      "down_inf{a=\"\"} -Inf\n"
      "no_labels\t42\n"
      "colon:name_total{le=\"0.5\"} 3";  // no newline at the end
  const std::vector<PromSample> s = parse_prometheus_text(text);
  ASSERT_EQ(s.size(), 7u);
  EXPECT_EQ(s[0].name, "node_cpu_seconds_total");
  EXPECT_EQ(s[0].labels.at("cpu"), "0");
  EXPECT_EQ(s[0].labels.at("mode"), "idle");
  EXPECT_DOUBLE_EQ(s[0].value, 100.5);
  EXPECT_EQ(s[1].labels.at("cpu"), "1");
  EXPECT_DOUBLE_EQ(s[1].value, 150);
  EXPECT_EQ(s[2].name, "weird");
  EXPECT_EQ(s[2].labels.at("path"), "C:\\dir\\");
  EXPECT_EQ(s[2].labels.at("msg"), "say \"hi\", {ok}\n");
  EXPECT_TRUE(std::isnan(s[2].value));
  EXPECT_TRUE(std::isinf(s[3].value) && s[3].value > 0);
  EXPECT_TRUE(std::isinf(s[4].value) && s[4].value < 0);
  EXPECT_EQ(s[4].labels.at("a"), "");
  EXPECT_EQ(s[5].name, "no_labels");
  EXPECT_DOUBLE_EQ(s[5].value, 42);
  EXPECT_EQ(s[6].name, "colon:name_total");
  EXPECT_EQ(s[6].labels.at("le"), "0.5");
  EXPECT_DOUBLE_EQ(s[6].value, 3);
}

TEST(PrometheusText, RejectsMalformedLinesWithTheirNumber) {
  for (const std::string bad : {"ok 1\nbroken{a=\"x} 1\n", "ok 1\nnovalue{a=\"x\"}\n", "ok 1\nx{a=\"b\" 1\n",
                                "ok 1\nx 1.2.3\n", "ok 1\n{a=\"b\"} 1\n"}) {
    try {
      parse_prometheus_text(bad);
      ADD_FAILURE() << "accepted: " << bad;
    } catch (const Error& e) {
      EXPECT_NE(std::string(e.what()).find("line 2"), std::string::npos) << e.what();
    }
  }
  EXPECT_TRUE(parse_prometheus_text("").empty());
  EXPECT_TRUE(parse_prometheus_text("# only a comment").empty());
}

TEST(NodeHostSamples, SumsCpuModesOverCpusAndDisksOverDevices) {
  const std::string text =
      "node_cpu_seconds_total{cpu=\"0\",mode=\"idle\"} 100\n"
      "node_cpu_seconds_total{cpu=\"1\",mode=\"idle\"} 50\n"
      "node_cpu_seconds_total{cpu=\"0\",mode=\"user\"} 10\n"
      "node_cpu_seconds_total{cpu=\"1\",mode=\"user\"} 20\n"
      "node_cpu_seconds_total{cpu=\"1\",mode=\"steal\"} NaN\n"
      "node_disk_reads_completed_total{device=\"vda\"} 1000\n"
      "node_disk_reads_completed_total{device=\"nvme0n1\"} 24\n"
      "node_disk_writes_completed_total{device=\"vda\"} 7\n"
      "node_memory_MemTotal_bytes 8.589934592e+09\n"
      "node_memory_MemAvailable_bytes 2.147483648e+09\n"
      "node_memory_MemFree_bytes 1\n"
      "node_load1 0.75\n"
      "node_load5 9\n";
  const std::vector<Sample> s = node_host_samples(parse_prometheus_text(text));
  EXPECT_DOUBLE_EQ(find(s, "cpu_seconds_total", "idle"), 150);
  EXPECT_DOUBLE_EQ(find(s, "cpu_seconds_total", "user"), 30);
  EXPECT_EQ(find(s, "cpu_seconds_total", "steal"), -1);  // NaN is skipped
  EXPECT_DOUBLE_EQ(find(s, "cpus"), 2);
  EXPECT_DOUBLE_EQ(find(s, "disk_reads_total"), 1024);
  EXPECT_DOUBLE_EQ(find(s, "disk_writes_total"), 7);
  EXPECT_DOUBLE_EQ(find(s, "memory_total_bytes"), 8589934592.0);
  EXPECT_DOUBLE_EQ(find(s, "memory_available_bytes"), 2147483648.0);
  EXPECT_DOUBLE_EQ(find(s, "memory_available_ratio"), 0.25);
  EXPECT_DOUBLE_EQ(find(s, "load1"), 0.75);
  EXPECT_EQ(find(s, "load5"), -1);
}

}  // namespace
}  // namespace luckyhub::collect
