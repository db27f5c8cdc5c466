#include "collect/host_metrics.h"

#include <poll.h>
#include <sys/socket.h>

#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstring>
#include <limits>
#include <set>

#include "collect/cloudwatch.h"
#include "collect/http_answer.h"
#include "core/error.h"
#include "core/tcp.h"
#include "core/log.h"

namespace luckyhub::collect {
namespace {

constexpr size_t kMaxAnswerBytes = 32u << 20;  // a node exporter answers ~100 KiB

// ---- the sources ----------------------------------------------------------

class NodeExporterSource : public MetricSource {
 public:
  NodeExporterSource(Endpoint endpoint, std::string label) : endpoint_(std::move(endpoint)), label_(std::move(label)) {}

  Scrape scrape(const ScrapeRequest& request) override {
    return timed_scrape(
        [&](Scrape& s) {
          std::string body;
          try {
            body = http_get(endpoint_, "/metrics", request.connect_timeout_s, request.read_timeout_s);
          } catch (const Error& e) {
            throw Error(label_ + ": " + e.what());
          }
          std::vector<PromSample> parsed;
          try {
            parsed = parse_prometheus_text(body);
          } catch (const Error& e) {
            throw Error(label_ + ": /metrics: " + e.what());
          }
          s.samples = node_host_samples(parsed);
          bool any_cpu = false;
          for (const Sample& x : s.samples) any_cpu = any_cpu || x.metric == "cpu_seconds_total";
          if (!any_cpu) throw Error(label_ + ": /metrics has no node_cpu_seconds_total (is it a node exporter?)");
          add_cpu_ratios(s);
        },
        [&] { previous_cpu_.clear(); });
  }

 private:
  // Busy and iowait shares of the CPU time since the previous scrape; none
  // on the first scrape or when a counter went back (a reboot).
  void add_cpu_ratios(Scrape& s) {
    std::map<std::string, double> now;
    for (const Sample& x : s.samples) {
      if (x.metric == "cpu_seconds_total") now[x.object] = x.value;
    }
    CpuRatios r;
    if (cpu_ratios(previous_cpu_, now, r)) {
      s.samples.push_back({"cpu_busy_ratio", "", r.busy});
      s.samples.push_back({"cpu_iowait_ratio", "", r.iowait});
    }
    previous_cpu_ = std::move(now);
  }

  Endpoint endpoint_;
  std::string label_;
  std::map<std::string, double> previous_cpu_;
};

class WithHostMetrics : public MetricSource {
 public:
  WithHostMetrics(std::unique_ptr<MetricSource> database, std::unique_ptr<MetricSource> host, std::string source)
      : database_(std::move(database)), host_(std::move(host)), source_(std::move(source)) {}

  Scrape scrape(const ScrapeRequest& request) override {
    Scrape s = database_->scrape(request);
    Scrape h = host_->scrape(request);
    if (!h.up) log::warn("collect: ", h.error);
    s.samples.insert(s.samples.end(), h.samples.begin(), h.samples.end());
    s.samples.push_back({"host_up", "", h.up ? 1.0 : 0.0});
    s.samples.push_back({"host_scrape_duration_seconds", "", h.duration_s});
    s.samples.push_back({"host_source", source_, 1.0});
    return s;
  }

 private:
  std::unique_ptr<MetricSource> database_, host_;
  std::string source_;
};

}  // namespace

bool cpu_ratios(const std::map<std::string, double>& previous, const std::map<std::string, double>& now,
                CpuRatios& out) {
  if (previous.empty() || previous.size() != now.size()) return false;
  double total = 0, idle = 0, iowait = 0;
  for (const auto& [mode, value] : now) {
    const auto it = previous.find(mode);
    if (it == previous.end() || value < it->second) return false;
    const double d = value - it->second;
    total += d;
    if (mode == "idle") idle = d;
    if (mode == "iowait") iowait = d;
  }
  if (total <= 0) return false;
  out = {(total - idle - iowait) / total, iowait / total};
  return true;
}

std::vector<Sample> node_host_samples(const std::vector<PromSample>& samples) {
  std::map<std::string, double> cpu_by_mode;
  std::set<std::string> cpus;
  double reads = 0, writes = 0;
  bool have_reads = false, have_writes = false;
  std::vector<Sample> out;
  for (const PromSample& p : samples) {
    if (std::isnan(p.value)) continue;
    if (p.name == "node_cpu_seconds_total") {
      const auto mode = p.labels.find("mode");
      if (mode == p.labels.end()) continue;
      cpu_by_mode[mode->second] += p.value;
      if (const auto cpu = p.labels.find("cpu"); cpu != p.labels.end()) cpus.insert(cpu->second);
    } else if (p.name == "node_disk_reads_completed_total") {
      reads += p.value;
      have_reads = true;
    } else if (p.name == "node_disk_writes_completed_total") {
      writes += p.value;
      have_writes = true;
    } else if (p.name == "node_memory_MemTotal_bytes") {
      out.push_back({"memory_total_bytes", "", p.value});
    } else if (p.name == "node_memory_MemAvailable_bytes") {
      out.push_back({"memory_available_bytes", "", p.value});
    } else if (p.name == "node_load1") {
      out.push_back({"load1", "", p.value});
    }
  }
  for (const auto& [mode, seconds] : cpu_by_mode) out.push_back({"cpu_seconds_total", mode, seconds});
  if (!cpus.empty()) out.push_back({"cpus", "", static_cast<double>(cpus.size())});
  if (have_reads) out.push_back({"disk_reads_total", "", reads});
  if (have_writes) out.push_back({"disk_writes_total", "", writes});
  double total = 0, available = -1;
  for (const Sample& x : out) {
    if (x.metric == "memory_total_bytes") total = x.value;
    if (x.metric == "memory_available_bytes") available = x.value;
  }
  if (total > 0 && available >= 0) out.push_back({"memory_available_ratio", "", available / total});
  return out;
}

std::string http_get(const Endpoint& endpoint, const std::string& path, int connect_timeout_s, int read_timeout_s) {
  const std::string where = "http://" + endpoint.str() + path;
  const tcp::Socket fd = tcp::connect(endpoint.host, std::to_string(endpoint.port),
                                     std::chrono::steady_clock::now() + std::chrono::seconds(connect_timeout_s),
                                     where);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(read_timeout_s);
  const std::string timed_out = where + ": no complete answer within " + std::to_string(read_timeout_s) + " s";
  // HTTP/1.0: the server closes after the answer, which ends the body.
  const std::string request = "GET " + path + " HTTP/1.0\r\nHost: " + endpoint.str() +
                              "\r\nUser-Agent: luckyhub\r\nAccept: text/plain;version=0.0.4\r\n"
                              "Accept-Encoding: identity\r\nConnection: close\r\n\r\n";
  tcp::send_all(fd, request, deadline, where, timed_out);
  std::string response;
  for (;;) {
    if (!tcp::wait_for(fd.fd(), POLLIN, deadline)) throw Error(timed_out);
    char buffer[16384];
    const ssize_t n = ::recv(fd.fd(), buffer, sizeof buffer, 0);
    if (n == 0) break;
    if (n < 0) {
      if (errno == EAGAIN || errno == EINTR) continue;
      throw Error(where + ": read failed: " + std::strerror(errno));
    }
    response.append(buffer, static_cast<size_t>(n));
    if (response.size() > kMaxAnswerBytes) throw Error(where + ": answer larger than 32 MiB");
  }
  return http_answer_body(response, where);
}

std::unique_ptr<MetricSource> make_node_exporter_source(const Endpoint& endpoint, std::string label) {
  return std::make_unique<NodeExporterSource>(endpoint, std::move(label));
}

std::unique_ptr<MetricSource> make_host_source(const Instance& instance) {
  if (instance.node_exporter) {
    return make_node_exporter_source(*instance.node_exporter, instance.name + "'s node exporter");
  }
  if (instance.cloudwatch) return make_cloudwatch_source(instance);
  return nullptr;
}

std::unique_ptr<MetricSource> with_host_metrics(std::unique_ptr<MetricSource> database,
                                                std::unique_ptr<MetricSource> host, std::string source) {
  return std::make_unique<WithHostMetrics>(std::move(database), std::move(host), std::move(source));
}

}  // namespace luckyhub::collect
