#include "collect/redis_keyspace.h"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <random>
#include <set>
#include <thread>

#include "core/error.h"

namespace luckyhub::collect {
namespace {

using Clock = std::chrono::steady_clock;

constexpr int64_t kCounterMaxBytes = 128;  // MEMORY USAGE of a string worth reading as a counter

uint64_t reverse_bits(uint64_t v) {
  uint64_t r = 0;
  for (int i = 0; i < 64; ++i, v >>= 1) r = (r << 1) | (v & 1);
  return r;
}

std::string info_field(const std::string& info, const std::string& name) {
  const std::string needle = "\n" + name + ":";
  size_t pos = info.find(needle);
  if (pos == std::string::npos) {
    if (info.rfind(name + ":", 0) != 0) return "";
    pos = 0;
  } else {
    pos += 1;
  }
  pos += name.size() + 1;
  const size_t end = info.find_first_of("\r\n", pos);
  return info.substr(pos, end == std::string::npos ? std::string::npos : end - pos);
}

bool parse_integer(const char* text, size_t size, int64_t& out) {
  const auto [end, ec] = std::from_chars(text, text + size, out);
  return ec == std::errc() && end == text + size && size > 0;
}

struct Counter {
  std::string key, ns;
  int64_t first = 0;
  Clock::time_point read_at;
};

class Sampler {
 public:
  Sampler(RedisConnection& connection, const KeyspaceOptions& options)
      : c_(connection),
        o_(options),
        started_(Clock::now()),
        base_commands_(connection.commands_sent()) {}

  KeyspaceAnalysis run() {
    read_instance();
    walk();
    read_counters_again();
    read_traffic();
    finish();
    a_.commands = used();
    a_.seconds = std::chrono::duration<double>(Clock::now() - started_).count();
    return std::move(a_);
  }

 private:
  int64_t used() const { return c_.commands_sent() - base_commands_; }
  int per_key() const { return 3 + (a_.lfu ? 1 : 0); }
  // Commands promised for later: the counters' second reads and the last INFO.
  int64_t reserved() const { return static_cast<int64_t>(counters_.size()) + 1; }
  bool out_of_time() const {
    return std::chrono::duration<double>(Clock::now() - started_).count() >= o_.max_seconds;
  }

  void read_instance() {
    // INFO, CONFIG GET and DBSIZE: 3 commands of the budget.
    const ReplyPtr info = c_.command({"INFO"});
    const std::string text(info->str, info->len);
    a_.used_memory_bytes = std::atof(info_field(text, "used_memory").c_str());
    commands_processed_ = std::atof(info_field(text, "total_commands_processed").c_str());
    info_at_ = Clock::now();
    // Managed Redis may refuse CONFIG: then the policy comes from INFO (7.0+) or is unknown.
    a_.maxmemory_policy = info_field(text, "maxmemory_policy");
    if (const ReplyPtr r = c_.command({"CONFIG", "GET", "maxmemory-policy"}, /*may_fail=*/true);
        r && r->type == REDIS_REPLY_ARRAY && r->elements == 2) {
      a_.maxmemory_policy = r->element[1]->str;
    }
    a_.lfu = a_.maxmemory_policy.find("lfu") != std::string::npos;
    a_.dbsize = c_.command({"DBSIZE"})->integer;
  }

  // SCAN from a point given by the seed, once around the cursor space (or
  // until a budget runs out).
  void walk() {
    uint64_t start_position = 0;
    if (o_.seed != 0) start_position = std::mt19937_64(o_.seed)();
    uint64_t cursor = reverse_bits(start_position);
    bool wrapped = start_position == 0;
    const std::string count = std::to_string(o_.scan_count);
    a_.stopped_by = "complete";
    for (;;) {
      // One SCAN and at least one key's inspection must fit, with the
      // counters' second reads already promised.
      if (used() + 1 + per_key() + reserved() > o_.max_commands) {
        a_.stopped_by = "commands";
        return;
      }
      if (out_of_time()) {
        a_.stopped_by = "time";
        return;
      }
      const ReplyPtr r = c_.command({"SCAN", std::to_string(cursor), "COUNT", count});
      if (r->type != REDIS_REPLY_ARRAY || r->elements != 2)
        throw Error(c_.instance().label() + ": SCAN: unexpected reply");
      cursor = std::stoull(r->element[0]->str);
      std::vector<std::string> keys;
      for (size_t i = 0; i < r->element[1]->elements; ++i) {
        const redisReply* k = r->element[1]->element[i];
        std::string key(k->str, k->len);
        if (seen_.insert(key).second) keys.push_back(std::move(key));
      }
      const int64_t room = (o_.max_commands - used() - reserved()) / per_key();
      bool partial = false;
      if (static_cast<int64_t>(keys.size()) > room) {
        keys.resize(static_cast<size_t>(std::max<int64_t>(0, room)));
        partial = true;
      }
      inspect(keys);
      if (partial) {
        a_.stopped_by = "commands";
        return;
      }
      if (cursor == 0) {
        if (wrapped) return;
        wrapped = true;
      }
      if (wrapped && start_position != 0 && reverse_bits(cursor) >= start_position) return;
    }
  }

  void inspect(const std::vector<std::string>& keys) {
    if (keys.empty()) return;
    std::vector<RedisConnection::Command> batch;
    const std::string samples = std::to_string(o_.memory_samples);
    for (const std::string& k : keys) {
      batch.push_back({"TYPE", k});
      batch.push_back({"PTTL", k});
      batch.push_back({"MEMORY", "USAGE", k, "SAMPLES", samples});
      if (a_.lfu) batch.push_back({"OBJECT", "FREQ", k});
    }
    const std::vector<ReplyPtr> replies = c_.pipeline(batch);
    std::vector<size_t> counter_candidates;
    std::vector<KeySample> inspected;
    for (size_t i = 0; i < keys.size(); ++i) {
      const redisReply* type = replies[i * per_key()].get();
      const redisReply* ttl = replies[i * per_key() + 1].get();
      const redisReply* mem = replies[i * per_key() + 2].get();
      // Gone between SCAN and TYPE (expired or deleted): not part of the sample.
      if (type->type != REDIS_REPLY_STATUS || std::string(type->str) == "none") continue;
      KeySample s{keys[i], type->str};
      s.pttl_ms = ttl->type == REDIS_REPLY_INTEGER ? ttl->integer : -1;
      if (s.pttl_ms == -2) continue;
      s.memory_bytes = mem->type == REDIS_REPLY_INTEGER ? mem->integer : 0;
      if (a_.lfu) {
        const redisReply* f = replies[i * per_key() + 3].get();
        if (f->type == REDIS_REPLY_INTEGER) s.freq = static_cast<int>(f->integer);
      }
      if (s.type == "string" && s.memory_bytes <= kCounterMaxBytes &&
          static_cast<int>(counters_.size() + counter_candidates.size()) < o_.max_counters) {
        counter_candidates.push_back(inspected.size());
      }
      inspected.push_back(std::move(s));
    }
    std::vector<std::pair<std::string, std::string>> candidates;  // (key, namespace)
    for (size_t i : counter_candidates) {
      candidates.push_back({inspected[i].key, o_.namespaces.namespace_of(inspected[i].key)});
    }
    for (KeySample& s : inspected) record(std::move(s));
    read_counters(candidates);
  }

  // First reads of small strings: those holding an integer become counters,
  // each owing one more GET (kept inside the budget).
  void read_counters(std::vector<std::pair<std::string, std::string>>& candidates) {
    const int64_t room = (o_.max_commands - used() - reserved()) / 2;
    if (static_cast<int64_t>(candidates.size()) > room)
      candidates.resize(static_cast<size_t>(std::max<int64_t>(0, room)));
    if (candidates.empty()) return;
    std::vector<RedisConnection::Command> batch;
    for (const auto& [key, ns] : candidates) batch.push_back({"GET", key});
    const std::vector<ReplyPtr> replies = c_.pipeline(batch);
    const Clock::time_point at = Clock::now();
    for (size_t i = 0; i < candidates.size(); ++i) {
      int64_t value = 0;
      const redisReply* r = replies[i].get();
      if (r->type == REDIS_REPLY_STRING && parse_integer(r->str, r->len, value)) {
        counters_.push_back({candidates[i].first, candidates[i].second, value, at});
      }
    }
  }

  // The second reads, at least counter_gap_ms after the last first read.
  void read_counters_again() {
    if (counters_.empty()) return;
    const Clock::time_point due =
        counters_.back().read_at + std::chrono::milliseconds(o_.counter_gap_ms);
    if (Clock::now() < due) std::this_thread::sleep_until(due);
    std::vector<RedisConnection::Command> batch;
    for (const Counter& k : counters_) batch.push_back({"GET", k.key});
    const std::vector<ReplyPtr> replies = c_.pipeline(batch);
    const Clock::time_point at = Clock::now();
    for (size_t i = 0; i < counters_.size(); ++i) {
      int64_t value = 0;
      const redisReply* r = replies[i].get();
      if (r->type != REDIS_REPLY_STRING || !parse_integer(r->str, r->len, value)) continue;
      const double seconds = std::chrono::duration<double>(at - counters_[i].read_at).count();
      // Stock counts go down, hit counts up: the rate of change either way.
      const double rate =
          seconds > 0 ? std::abs(static_cast<double>(value - counters_[i].first)) / seconds : 0;
      if (rate > 0)
        counter_hot_.push_back({counters_[i].key, counters_[i].ns, "counter", -1, rate});
    }
  }

  void record(KeySample s) {
    s.ns = o_.namespaces.namespace_of(s.key);
    const std::string& ns = s.ns;
    tally_key(a_, s, o_.examples);
    a_.keys_sampled += 1;
    if (s.freq >= 0) {
      lfu_.push_back({s.key, ns, "lfu", s.freq, 0});
      keep_top(lfu_, [](const HotKey& a, const HotKey& b) { return a.freq > b.freq; });
    }
    a_.big_keys.push_back(std::move(s));
    keep_top(a_.big_keys, [](const KeySample& a, const KeySample& b) {
      return a.memory_bytes > b.memory_bytes;
    });
  }

  template <typename T, typename Less>
  void keep_top(std::vector<T>& v, Less less) {
    if (static_cast<int>(v.size()) <= 2 * o_.top_keys) return;
    std::sort(v.begin(), v.end(), less);
    v.resize(static_cast<size_t>(o_.top_keys));
  }

  // The other clients' traffic during the analysis: commands the server
  // processed between the two INFO calls, less this analysis' own.
  void read_traffic() {
    // The first INFO counted itself only after answering: it is among ours.
    const double ours = static_cast<double>(used());
    const ReplyPtr info = c_.command({"INFO", "stats"});
    const std::string text(info->str, info->len);
    const double processed = std::atof(info_field(text, "total_commands_processed").c_str());
    const double seconds = std::chrono::duration<double>(Clock::now() - info_at_).count();
    if (seconds > 0)
      a_.ops_per_second = std::max(0.0, processed - commands_processed_ - ours) / seconds;
  }

  void finish() {
    std::sort(a_.big_keys.begin(), a_.big_keys.end(), [](const KeySample& a, const KeySample& b) {
      return a.memory_bytes > b.memory_bytes;
    });
    if (static_cast<int>(a_.big_keys.size()) > o_.top_keys)
      a_.big_keys.resize(static_cast<size_t>(o_.top_keys));
    const auto top = [&](std::vector<HotKey> v, auto more) {
      std::sort(v.begin(), v.end(), more);
      if (static_cast<int>(v.size()) > o_.top_keys) v.resize(static_cast<size_t>(o_.top_keys));
      a_.hot_keys.insert(a_.hot_keys.end(), v.begin(), v.end());
    };
    top(lfu_, [](const HotKey& a, const HotKey& b) {
      return a.freq > b.freq || (a.freq == b.freq && a.key < b.key);
    });
    top(counter_hot_,
        [](const HotKey& a, const HotKey& b) { return a.ops_per_second > b.ops_per_second; });
    // A complete walk saw every key still there (some of DBSIZE's may have
    // expired since): its sums are the totals.
    const int64_t population =
        a_.stopped_by == "complete" ? a_.keys_sampled : std::max(a_.dbsize, a_.keys_sampled);
    for (auto& [ns, n] : a_.namespaces) {
      n.service = o_.services.service_of(ns);
      n.keys = estimate_total(static_cast<double>(n.tally.keys), static_cast<double>(n.tally.keys),
                              a_.keys_sampled, population);
      n.memory_bytes =
          estimate_total(n.tally.memory, n.tally.memory_squares, a_.keys_sampled, population);
    }
  }

  RedisConnection& c_;
  const KeyspaceOptions& o_;
  Clock::time_point started_;
  int64_t base_commands_;
  KeyspaceAnalysis a_;
  std::set<std::string> seen_;
  std::vector<Counter> counters_;
  std::vector<HotKey> lfu_, counter_hot_;
  double commands_processed_ = 0;
  Clock::time_point info_at_;
};

}  // namespace

void tally_key(KeyspaceAnalysis& a, const KeySample& s, int max_examples) {
  NamespaceTally& t = a.namespaces[s.ns].tally;
  const int bucket = ttl_bucket(s.pttl_ms);
  t.keys += 1;
  t.memory += static_cast<double>(s.memory_bytes);
  t.memory_squares += static_cast<double>(s.memory_bytes) * static_cast<double>(s.memory_bytes);
  t.ttl[bucket] += 1;
  a.ttl[bucket] += 1;
  std::vector<KeySample>& ex = a.examples[s.ns];
  if (s.pttl_ms < 0) {
    if (std::count_if(ex.begin(), ex.end(), [](const KeySample& e) { return e.pttl_ms < 0; }) <
        max_examples) {
      ex.push_back(s);
    }
  } else if (s.pttl_ms > t.max_ttl_ms) {
    // The namespace's longest TTL seen so far replaces the previous one.
    ex.erase(
        std::remove_if(ex.begin(), ex.end(), [](const KeySample& e) { return e.pttl_ms >= 0; }),
        ex.end());
    ex.push_back(s);
  }
  t.max_ttl_ms = std::max(t.max_ttl_ms, s.pttl_ms);
}

void validate_keyspace_options(const KeyspaceOptions& o) {
  auto check = [](bool ok, const std::string& what) {
    if (!ok) throw Error("keyspace: " + what);
  };
  check(o.scan_count >= 10 && o.scan_count <= 1000, "scan_count must be 10..1000");
  check(o.max_commands >= 100, "max_commands must be at least 100");
  check(o.max_seconds > 0 && o.max_seconds <= 600, "max_seconds must be in (0, 600]");
  check(o.memory_samples >= 0 && o.memory_samples <= 64, "memory_samples must be 0..64");
  check(o.top_keys >= 1 && o.top_keys <= 1000, "top_keys must be 1..1000");
  check(o.max_counters >= 0 && o.max_counters <= 100000, "max_counters must be 0..100000");
  check(o.counter_gap_ms >= 0 && o.counter_gap_ms <= 10000, "counter_gap_ms must be 0..10000");
  check(o.examples >= 0 && o.examples <= 100, "examples must be 0..100");
  check(!o.namespaces.delimiter.empty(), "the namespace delimiter must not be empty");
  check(o.namespaces.depth >= 1 && o.namespaces.depth <= 16, "the namespace depth must be 1..16");
}

KeyspaceAnalysis analyze_keyspace(RedisConnection& connection, const KeyspaceOptions& options) {
  return Sampler(connection, options).run();
}

}  // namespace luckyhub::collect
