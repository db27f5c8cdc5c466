#include "collect/redis_keyspace.h"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <random>
#include <set>
#include <thread>

#include "collect/redis_connection.h"
#include "core/error.h"

namespace luckyhub::collect {
namespace {

using Clock = std::chrono::steady_clock;

constexpr int64_t kCounterMaxBytes = 128;  // MEMORY USAGE of a string worth reading as a counter
constexpr size_t kMaxNamespaces = 10000;   // beyond these, keys go to kOtherNamespace
constexpr const char* kOtherNamespace = "(other)";
constexpr int64_t kMaxRetained = 400000;  // census sample keys held in memory, all namespaces
constexpr int64_t kMinKeep = 64;          // the least kept per namespace
constexpr int64_t kKeepShares = 4;        // kept per namespace: this many equal shares
constexpr int64_t kMinPilot = 30;         // the pilot's keys per namespace, at least
constexpr int kInspectBatch = 100;        // keys inspected per pipelined round trip
constexpr double kMinCv2 = 0.01;          // a namespace of equal sizes still gets a share

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

// One namespace as the census saw it.
struct Stratum {
  std::string ns;
  int64_t counted = 0;  // distinct keys the census saw
  // The keys with the smallest hashes, kept while the census runs: a max-heap
  // by hash (a key SCAN returns twice may sit in it twice until the end). Any
  // prefix of them in hash order is a simple random sample of the
  // namespace's keys.
  std::vector<std::pair<uint64_t, std::string>> smallest;
  std::vector<std::string> sample;  // `smallest` in hash order, after the census
  size_t next = 0;                  // sample[0, next) have been taken for inspection
  int64_t tried = 0;                // keys inspected (a budget may cut the last batch)
  int64_t alive = 0;                // of those, keys still there when inspected
};

// A seeded 64-bit hash of a key name: the order keys are sampled in.
uint64_t key_hash(std::string_view key, uint64_t seed) {
  uint64_t z = std::hash<std::string_view>()(key) ^ (seed * 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

class Sampler {
 public:
  Sampler(RedisConnection& connection, const KeyspaceOptions& options)
      : c_(connection),
        o_(options),
        started_(Clock::now()),
        base_commands_(connection.commands_sent()) {}

  KeyspaceAnalysis run() {
    read_instance();
    census();
    inspect_strata();
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
  double elapsed() const { return std::chrono::duration<double>(Clock::now() - started_).count(); }
  bool out_of_time() const { return elapsed() >= o_.max_seconds; }
  // Keys the rest of the command budget can still inspect.
  int64_t inspectable() const {
    return std::max<int64_t>(0, (o_.max_commands - used() - reserved()) / per_key());
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

  // The index of a key's stratum.
  size_t stratum_of(std::string_view key) {
    std::string ns = o_.namespaces.namespace_of(key);
    auto it = index_.find(ns);
    if (it == index_.end()) {
      // A keyspace of unbounded prefixes must not grow the census without end.
      if (index_.size() >= kMaxNamespaces) ns = kOtherNamespace;
      it = index_.find(ns);
      if (it == index_.end()) {
        it = index_.emplace(ns, strata_.size()).first;
        strata_.push_back(Stratum{ns});
        // No namespace is given more than a few times an equal share of
        // the inspection: keep no more names than that.
        const int64_t share = kKeepShares * inspection_keys_ / static_cast<int64_t>(strata_.size());
        if (share < keep_) {
          keep_ = std::max(kMinKeep, share);
          for (Stratum& t : strata_) trim(t);
        }
      }
    }
    return it->second;
  }

  // Keeps the `keep_` smallest hashes of each namespace, and no more than
  // kMaxRetained keys in all (halving `keep_` when they would be more).
  void offer(Stratum& s, uint64_t h, std::string_view key) {
    auto& heap = s.smallest;
    if (static_cast<int64_t>(heap.size()) >= keep_ && h >= heap.front().first) return;
    heap.emplace_back(h, std::string(key));
    std::push_heap(heap.begin(), heap.end());
    ++retained_;
    trim(s);
    while (retained_ > kMaxRetained && keep_ > kMinKeep) {
      keep_ /= 2;
      for (Stratum& t : strata_) trim(t);
    }
  }
  void trim(Stratum& s) {
    auto& heap = s.smallest;
    while (static_cast<int64_t>(heap.size()) > keep_) {
      std::pop_heap(heap.begin(), heap.end());
      heap.pop_back();
      --retained_;
    }
  }

  // Phase 1, the census: SCAN once around the cursor space from a point
  // given by the seed, counting every key's namespace (each key once: a
  // rehash may return one twice) and keeping each namespace's smallest
  // hashes. It may spend half of what is left of either budget; a census cut
  // short is scaled up to DBSIZE.
  void census() {
    inspection_keys_ = inspectable();
    keep_ = std::max<int64_t>(kMinKeep, std::min<int64_t>(inspection_keys_, kMaxRetained));
    uint64_t start_position = 0;
    if (o_.seed != 0) start_position = std::mt19937_64(o_.seed)();
    uint64_t cursor = reverse_bits(start_position);
    bool wrapped = start_position == 0;
    const std::string count = std::to_string(o_.scan_count);
    const int64_t command_limit = used() + (o_.max_commands - used()) / 2;
    const double time_limit = o_.max_seconds / 2;
    std::vector<std::pair<uint64_t, uint32_t>> seen;  // (hash, stratum)
    census_complete_ = false;
    for (;;) {
      if (used() + 1 > command_limit) {
        limited_by_ = "commands";
        break;
      }
      if (elapsed() >= time_limit) {
        limited_by_ = "time";
        break;
      }
      const ReplyPtr r = c_.command({"SCAN", std::to_string(cursor), "COUNT", count});
      if (r->type != REDIS_REPLY_ARRAY || r->elements != 2)
        throw Error(c_.instance().label() + ": SCAN: unexpected reply");
      cursor = std::stoull(r->element[0]->str);
      for (size_t i = 0; i < r->element[1]->elements; ++i) {
        const redisReply* k = r->element[1]->element[i];
        const std::string_view key(k->str, k->len);
        const uint64_t h = key_hash(key, o_.seed);
        const size_t at = stratum_of(key);
        seen.emplace_back(h, static_cast<uint32_t>(at));
        offer(strata_[at], h, key);
      }
      if (cursor == 0) {
        if (wrapped) {
          census_complete_ = true;
          break;
        }
        wrapped = true;
      }
      if (wrapped && start_position != 0 && reverse_bits(cursor) >= start_position) {
        census_complete_ = true;
        break;
      }
    }
    std::sort(seen.begin(), seen.end());
    seen.erase(std::unique(seen.begin(), seen.end(),
                           [](const auto& a, const auto& b) { return a.first == b.first; }),
               seen.end());
    for (const auto& [h, s] : seen) strata_[s].counted += 1;
    censused_ = static_cast<int64_t>(seen.size());
    for (Stratum& s : strata_) {
      std::sort_heap(s.smallest.begin(), s.smallest.end());
      s.sample.reserve(s.smallest.size());
      for (size_t i = 0; i < s.smallest.size(); ++i) {
        if (i > 0 && s.smallest[i].first == s.smallest[i - 1].first) continue;  // returned twice
        s.sample.push_back(std::move(s.smallest[i].second));
      }
      s.smallest = {};
    }
  }

  // Phase 2: inspect each namespace's sample. First a pilot of equal size
  // per namespace; then the rest of the budget goes where it buys the most:
  // a namespace's relative error is about cv * sqrt(1/n - 1/N), so keys are
  // allocated in proportion to cv^2 (the pilot's coefficient of variation of
  // key sizes, squared), none beyond its sample. Rounds repeat while budget
  // is left (counters may have needed less than was kept for them).
  void inspect_strata() {
    if (strata_.empty()) return;
    // A quarter of the budget, at least kMinPilot keys per namespace; when
    // even that does not fit, an equal share of all of it (at least 2 keys,
    // for a spread), so that no namespace is left out.
    const int64_t strata = static_cast<int64_t>(strata_.size());
    const int64_t pilot = std::max<int64_t>(
        {inspectable() / (4 * strata), std::min<int64_t>(kMinPilot, inspectable() / strata), 2});
    std::vector<int64_t> target(strata_.size());
    for (size_t i = 0; i < strata_.size(); ++i)
      target[i] = std::min<int64_t>(pilot, static_cast<int64_t>(strata_[i].sample.size()));
    if (!inspect_up_to(target)) return;
    for (int round = 0; round < 4; ++round) {
      const int64_t room = inspectable() - counter_allowance();
      if (room <= 0 || !allocate(room, target)) return;
      if (!inspect_up_to(target)) return;
    }
  }

  // The GETs the counters may still need: up to two per counter found in
  // the rest of the sample, at the rate counters turned up so far.
  int64_t counter_allowance() const {
    const int64_t left = o_.max_counters - static_cast<int64_t>(counters_.size());
    if (left <= 0 || a_.keys_sampled == 0) return 0;
    const double per_key = static_cast<double>(candidates_seen_) / a_.keys_sampled;
    return std::min<int64_t>(2 * left, std::llround(2 * per_key * inspectable()));
  }

  // Raises `target` by `room` keys in all, in proportion to each namespace's
  // cv^2 (water-filling up to the sample sizes). False when nothing is left.
  bool allocate(int64_t room, std::vector<int64_t>& target) {
    std::vector<double> weight(strata_.size());
    int64_t open = 0;
    for (size_t i = 0; i < strata_.size(); ++i) {
      const health::NamespaceTally& t = a_.namespaces[strata_[i].ns].tally;
      if (strata_[i].next < strata_[i].sample.size()) ++open;
      if (t.keys < 2 || t.memory <= 0) {
        weight[i] = 1;
        continue;
      }
      const double n = static_cast<double>(t.keys), mean = t.memory / n;
      const double variance = std::max(0.0, (t.memory_squares - n * mean * mean) / (n - 1));
      weight[i] = std::max(kMinCv2, variance / (mean * mean));
    }
    if (open == 0) return false;
    int64_t current = 0;
    for (size_t i = 0; i < strata_.size(); ++i) current += static_cast<int64_t>(strata_[i].next);
    const auto filled = [&](double lambda) {
      double sum = 0;
      for (size_t i = 0; i < strata_.size(); ++i)
        sum += std::clamp(lambda * weight[i], static_cast<double>(strata_[i].next),
                          static_cast<double>(strata_[i].sample.size()));
      return sum;
    };
    double low = 0, high = 1;
    while (filled(high) < static_cast<double>(current + room) && high < 1e18) high *= 2;
    for (int i = 0; i < 100; ++i) {
      const double mid = (low + high) / 2;
      (filled(mid) < static_cast<double>(current + room) ? low : high) = mid;
    }
    bool more = false;
    for (size_t i = 0; i < strata_.size(); ++i) {
      target[i] = static_cast<int64_t>(std::clamp(low * weight[i],
                                                  static_cast<double>(strata_[i].next),
                                                  static_cast<double>(strata_[i].sample.size())));
      more |= target[i] > static_cast<int64_t>(strata_[i].next);
    }
    return more;
  }

  // Inspects each namespace's sample up to its target, kInspectBatch keys per
  // round trip. False when a budget ran out.
  bool inspect_up_to(const std::vector<int64_t>& target) {
    std::vector<std::pair<size_t, std::string>> batch;  // (stratum, key)
    const auto flush = [&] {
      const int64_t room = inspectable();
      const bool partial = static_cast<int64_t>(batch.size()) > room;
      if (partial) batch.resize(static_cast<size_t>(room));
      inspect(batch);
      batch.clear();
      if (partial) limited_by_ = "commands";
      return !partial;
    };
    for (size_t i = 0; i < strata_.size(); ++i) {
      Stratum& s = strata_[i];
      while (static_cast<int64_t>(s.next) < target[i]) {
        batch.emplace_back(i, s.sample[s.next++]);
        if (static_cast<int>(batch.size()) < kInspectBatch) continue;
        if (out_of_time()) {
          limited_by_ = "time";
          return false;
        }
        if (!flush()) return false;
      }
    }
    if (batch.empty()) return true;
    if (out_of_time()) {
      limited_by_ = "time";
      return false;
    }
    return flush();
  }

  void inspect(const std::vector<std::pair<size_t, std::string>>& keys) {
    if (keys.empty()) return;
    std::vector<RedisConnection::Command> batch;
    const std::string samples = std::to_string(o_.memory_samples);
    for (const auto& [stratum, k] : keys) {
      batch.push_back({"TYPE", k});
      batch.push_back({"PTTL", k});
      batch.push_back({"MEMORY", "USAGE", k, "SAMPLES", samples});
      if (a_.lfu) batch.push_back({"OBJECT", "FREQ", k});
    }
    const std::vector<ReplyPtr> replies = c_.pipeline(batch);
    std::vector<std::pair<std::string, std::string>> candidates;  // (key, namespace)
    for (size_t i = 0; i < keys.size(); ++i) {
      const redisReply* type = replies[i * per_key()].get();
      const redisReply* ttl = replies[i * per_key() + 1].get();
      const redisReply* mem = replies[i * per_key() + 2].get();
      Stratum& stratum = strata_[keys[i].first];
      stratum.tried += 1;
      // Gone between SCAN and TYPE (expired or deleted): not part of the sample.
      if (type->type != REDIS_REPLY_STATUS || std::string(type->str) == "none") continue;
      health::KeySample s{keys[i].second, type->str};
      s.pttl_ms = ttl->type == REDIS_REPLY_INTEGER ? ttl->integer : -1;
      if (s.pttl_ms == -2) continue;
      stratum.alive += 1;
      s.memory_bytes = mem->type == REDIS_REPLY_INTEGER ? mem->integer : 0;
      if (a_.lfu) {
        const redisReply* f = replies[i * per_key() + 3].get();
        if (f->type == REDIS_REPLY_INTEGER) s.freq = static_cast<int>(f->integer);
      }
      s.ns = stratum.ns;
      if (s.type == "string" && s.memory_bytes <= kCounterMaxBytes) {
        ++candidates_seen_;
        if (static_cast<int>(counters_.size() + candidates.size()) < o_.max_counters)
          candidates.push_back({s.key, s.ns});
      }
      record(std::move(s));
    }
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

  void record(health::KeySample s) {
    const std::string& ns = s.ns;
    tally_key(a_, s, o_.examples);
    a_.keys_sampled += 1;
    if (s.freq >= 0) {
      lfu_.push_back({s.key, ns, "lfu", s.freq, 0});
      keep_top(lfu_, [](const HotKey& a, const HotKey& b) { return a.freq > b.freq; });
    }
    a_.big_keys.push_back(std::move(s));
    keep_top(a_.big_keys, [](const health::KeySample& a, const health::KeySample& b) {
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
    std::sort(a_.big_keys.begin(), a_.big_keys.end(),
              [](const health::KeySample& a, const health::KeySample& b) {
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
    // Which budget ended the analysis, if any did: every namespace's sample
    // inspected whole after a complete census is the whole keyspace.
    bool whole = census_complete_;
    for (const Stratum& st : strata_) whole &= st.tried == st.counted;
    // No budget ran out mid-round: either the rounds used it up (but for a
    // few keys' worth), or a namespace's kept names were all inspected
    // before its keys were: the cap on key names kept.
    bool capped = false;
    for (const Stratum& st : strata_)
      capped |= static_cast<int64_t>(st.sample.size()) < st.counted && st.next == st.sample.size();
    a_.stopped_by = whole                  ? "complete"
                    : !limited_by_.empty() ? limited_by_
                    : capped               ? "memory"
                                           : "commands";
    // A complete census counted every key still there (some of DBSIZE's may
    // have expired since); one cut short is scaled up to DBSIZE.
    const int64_t population = census_complete_ ? censused_ : std::max(a_.dbsize, censused_);
    a_.ttl = {};
    for (const Stratum& st : strata_) {
      auto it = a_.namespaces.find(st.ns);
      if (it == a_.namespaces.end()) continue;  // none of its keys inspected
      NamespaceSummary& n = it->second;
      n.service = o_.services.service_of(st.ns);
      const health::StratumEstimate e = health::estimate_stratum(
          {st.counted, st.tried, st.alive, n.tally.memory, n.tally.memory_squares}, censused_,
          population);
      n.keys = e.keys;
      n.memory_bytes = e.memory_bytes;
      // The instance's TTL histogram: each namespace's sampled keys weighted
      // by the keys each stands for.
      const double weight = n.keys.value / static_cast<double>(n.tally.keys);
      for (int b = 0; b < health::kTtlBuckets; ++b)
        a_.ttl[b] += std::llround(weight * static_cast<double>(n.tally.ttl[b]));
    }
  }

  RedisConnection& c_;
  const KeyspaceOptions& o_;
  Clock::time_point started_;
  int64_t base_commands_;
  KeyspaceAnalysis a_;
  std::vector<Stratum> strata_;
  std::map<std::string, size_t> index_;  // namespace -> its stratum
  int64_t keep_ = 0, retained_ = 0;     // the census' sample per namespace, and in all
  int64_t inspection_keys_ = 0;         // keys the budget could inspect when the census began
  int64_t censused_ = 0;                 // distinct keys the census saw
  bool census_complete_ = false;
  std::string limited_by_;   // "commands" or "time": the budget that cut work short
  int64_t candidates_seen_ = 0;  // small strings inspected (counter candidates)
  std::vector<Counter> counters_;
  std::vector<HotKey> lfu_, counter_hot_;
  double commands_processed_ = 0;
  Clock::time_point info_at_;
};

}  // namespace

void tally_key(KeyspaceAnalysis& a, const health::KeySample& s, int max_examples) {
  health::NamespaceTally& t = a.namespaces[s.ns].tally;
  const int bucket = health::ttl_bucket(s.pttl_ms);
  t.keys += 1;
  t.memory += static_cast<double>(s.memory_bytes);
  t.memory_squares += static_cast<double>(s.memory_bytes) * static_cast<double>(s.memory_bytes);
  t.ttl[bucket] += 1;
  a.ttl[bucket] += 1;
  if (s.freq >= 0) a.freq_counts[static_cast<size_t>(std::min(s.freq, 255))] += 1;
  std::vector<health::KeySample>& ex = a.examples[s.ns];
  if (s.pttl_ms < 0) {
    if (std::count_if(ex.begin(), ex.end(),
                      [](const health::KeySample& e) { return e.pttl_ms < 0; }) < max_examples) {
      ex.push_back(s);
    }
  } else if (s.pttl_ms > t.max_ttl_ms) {
    // The namespace's longest TTL seen so far replaces the previous one.
    ex.erase(std::remove_if(ex.begin(), ex.end(),
                            [](const health::KeySample& e) { return e.pttl_ms >= 0; }),
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
