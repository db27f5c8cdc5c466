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
#include "core/error.h"
#include "core/tcp.h"
#include "core/log.h"

namespace luckyhub::collect {
namespace {

constexpr size_t kMaxBody = 32u << 20;  // a node exporter answers ~100 KiB

// ---- the exposition format ------------------------------------------------

bool name_start(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_' || c == ':'; }
bool name_char(char c) { return name_start(c) || std::isdigit(static_cast<unsigned char>(c)); }

double parse_value(std::string_view v, size_t line) {
  if (v == "NaN" || v == "nan") return std::numeric_limits<double>::quiet_NaN();
  if (v == "+Inf" || v == "Inf" || v == "+inf" || v == "inf") return std::numeric_limits<double>::infinity();
  if (v == "-Inf" || v == "-inf") return -std::numeric_limits<double>::infinity();
  const std::string text(v);
  char* end = nullptr;
  errno = 0;
  const double x = std::strtod(text.c_str(), &end);
  if (text.empty() || end != text.c_str() + text.size()) {
    throw Error("line " + std::to_string(line) + ": '" + text + "' is not a sample value");
  }
  return x;
}

PromSample parse_sample(std::string_view l, size_t line) {
  const auto fail = [&](const std::string& why) -> Error { return Error("line " + std::to_string(line) + ": " + why); };
  PromSample s;
  size_t i = 0;
  if (i >= l.size() || !name_start(l[i])) throw fail("no metric name");
  while (i < l.size() && name_char(l[i])) ++i;
  s.name = std::string(l.substr(0, i));
  auto skip_blanks = [&] {
    while (i < l.size() && (l[i] == ' ' || l[i] == '\t')) ++i;
  };
  skip_blanks();
  if (i < l.size() && l[i] == '{') {
    ++i;
    for (;;) {
      skip_blanks();
      if (i < l.size() && l[i] == '}') {
        ++i;
        break;
      }
      const size_t start = i;
      if (i >= l.size() || !name_start(l[i])) throw fail("bad label name in " + s.name);
      while (i < l.size() && name_char(l[i])) ++i;
      const std::string label(l.substr(start, i - start));
      skip_blanks();
      if (i >= l.size() || l[i] != '=') throw fail("no '=' after label " + label);
      ++i;
      skip_blanks();
      if (i >= l.size() || l[i] != '"') throw fail("label " + label + " has no quoted value");
      ++i;
      std::string value;
      for (;; ++i) {
        if (i >= l.size()) throw fail("unterminated value of label " + label);
        if (l[i] == '"') break;
        if (l[i] == '\\' && i + 1 < l.size()) {
          ++i;
          value += l[i] == 'n' ? '\n' : l[i];  // \\ and \" as themselves
        } else {
          value += l[i];
        }
      }
      ++i;  // the closing quote
      s.labels[label] = std::move(value);
      skip_blanks();
      if (i < l.size() && l[i] == ',') {
        ++i;
      } else if (i >= l.size() || l[i] != '}') {
        throw fail("expected ',' or '}' after label " + label);
      }
    }
    skip_blanks();
  }
  const size_t start = i;
  while (i < l.size() && l[i] != ' ' && l[i] != '\t') ++i;
  if (start == i) throw fail(s.name + " has no value");
  s.value = parse_value(l.substr(start, i - start), line);
  // An optional timestamp (ms since the epoch) follows; it is not needed.
  return s;
}

// ---- HTTP -----------------------------------------------------------------

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string dechunk(const std::string& body, const std::string& where) {
  std::string out;
  size_t pos = 0;
  for (;;) {
    const size_t eol = body.find("\r\n", pos);
    if (eol == std::string::npos) throw Error(where + ": truncated chunked answer");
    const size_t size = std::strtoul(body.substr(pos, eol - pos).c_str(), nullptr, 16);
    pos = eol + 2;
    if (size == 0) return out;
    if (pos + size > body.size()) throw Error(where + ": truncated chunked answer");
    out.append(body, pos, size);
    pos += size + 2;
  }
}

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

std::vector<PromSample> parse_prometheus_text(std::string_view text) {
  std::vector<PromSample> out;
  size_t pos = 0, line = 0;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view l = text.substr(pos, end - pos);
    pos = end + 1;
    ++line;
    if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
    while (!l.empty() && (l.front() == ' ' || l.front() == '\t')) l.remove_prefix(1);
    while (!l.empty() && (l.back() == ' ' || l.back() == '\t')) l.remove_suffix(1);
    if (l.empty() || l.front() == '#') continue;
    out.push_back(parse_sample(l, line));
  }
  return out;
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
    if (response.size() > kMaxBody) throw Error(where + ": answer larger than 32 MiB");
  }
  const size_t head_end = response.find("\r\n\r\n");
  if (head_end == std::string::npos) throw Error(where + ": not an HTTP answer");
  const std::string head = lower(response.substr(0, head_end));
  const size_t space = head.find(' ');
  const int status = space == std::string::npos ? 0 : std::atoi(head.c_str() + space + 1);
  if (status != 200) throw Error(where + ": answered " + (status ? std::to_string(status) : "nothing"));
  std::string body = response.substr(head_end + 4);
  if (head.find("\r\ncontent-encoding:") != std::string::npos &&
      head.find("\r\ncontent-encoding: identity") == std::string::npos) {
    throw Error(where + ": compressed answer");
  }
  if (head.find("\r\ntransfer-encoding: chunked") != std::string::npos) body = dechunk(body, where);
  return body;
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
