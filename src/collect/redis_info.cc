#include "collect/redis_info.h"

#include <hiredis/hiredis.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <map>

namespace luckyhub::collect {
namespace {

// INFO fields kept as they are, by stored metric name.
const std::map<std::string, std::string>& info_metrics() {
  static const std::map<std::string, std::string> m = {
      {"used_memory", "used_memory_bytes"},
      {"maxmemory", "maxmemory_bytes"},
      {"connected_clients", "connected_clients"},
      {"blocked_clients", "blocked_clients"},
      {"keyspace_hits", "keyspace_hits_total"},
      {"keyspace_misses", "keyspace_misses_total"},
      {"evicted_keys", "evicted_keys_total"},
      {"expired_keys", "expired_keys_total"},
      {"instantaneous_ops_per_sec", "ops_per_second"},
      {"connected_slaves", "connected_replicas"},
      {"uptime_in_seconds", "uptime_seconds"},
      {"maxclients", "max_connections"},
  };
  return m;
}

// A number as INFO and CONFIG GET write them ("1234", "0.5"); nullopt for
// anything else (an empty value, "abc", a number with a suffix).
std::optional<double> number(const std::string& text) {
  if (text.empty() || std::isspace(static_cast<unsigned char>(text[0]))) return std::nullopt;
  char* end = nullptr;
  const double x = std::strtod(text.c_str(), &end);
  if (end != text.c_str() + text.size() || !std::isfinite(x)) return std::nullopt;
  return x;
}

// "keys=12,expires=3,avg_ttl=0": the value of `name`, up to the next comma.
std::optional<double> field(const std::string& list, const std::string& name) {
  size_t at = 0;
  while (at < list.size()) {
    const size_t comma = std::min(list.find(',', at), list.size());
    if (list.compare(at, name.size() + 1, name + "=") == 0) {
      return number(list.substr(at + name.size() + 1, comma - at - name.size() - 1));
    }
    at = comma + 1;
  }
  return std::nullopt;
}

}  // namespace

ReplyValue reply_value(const redisReply* r) {
  ReplyValue v;
  switch (r->type) {
    case REDIS_REPLY_STRING:
    case REDIS_REPLY_STATUS:
      v.kind = ReplyValue::Kind::kString;
      v.text.assign(r->str, r->len);
      break;
    case REDIS_REPLY_ERROR:
      v.kind = ReplyValue::Kind::kError;
      v.text.assign(r->str, r->len);
      break;
    case REDIS_REPLY_INTEGER:
      v.kind = ReplyValue::Kind::kInteger;
      v.integer = r->integer;
      break;
    case REDIS_REPLY_ARRAY:
      v.kind = ReplyValue::Kind::kArray;
      for (size_t i = 0; i < r->elements; ++i) v.items.push_back(reply_value(r->element[i]));
      break;
    default:
      break;  // nil
  }
  return v;
}

void parse_redis_info(const std::string& info, Scrape& s) {
  size_t pos = 0;
  while (pos < info.size()) {
    size_t end = info.find('\n', pos);
    if (end == std::string::npos) end = info.size();
    std::string line = info.substr(pos, end - pos);
    pos = end + 1;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const size_t colon = line.find(':');
    if (line.empty() || line[0] == '#' || colon == std::string::npos) continue;
    const std::string key = line.substr(0, colon), value = line.substr(colon + 1);
    if (key == "role") {
      s.samples.push_back({"is_replica", "", value == "slave" || value == "replica" ? 1.0 : 0.0});
    } else if (key == "master_link_status") {
      s.samples.push_back({"replication_link_up", "", value == "up" ? 1.0 : 0.0});
    } else if (key.rfind("db", 0) == 0 && value.rfind("keys=", 0) == 0) {
      // db0:keys=12,expires=3,avg_ttl=0
      const std::optional<double> keys = field(value, "keys");
      if (!keys) continue;
      s.objects.push_back({"database", key});
      s.samples.push_back({"db_keys", key, *keys});
      if (const std::optional<double> expires = field(value, "expires")) {
        s.samples.push_back({"db_expiring_keys", key, *expires});
      }
    } else if (auto it = info_metrics().find(key); it != info_metrics().end() && key != "maxclients") {
      if (const std::optional<double> x = number(value)) s.samples.push_back({it->second, "", *x});
    }
  }
}

std::optional<double> config_get_number(const ReplyValue& reply) {
  if (reply.kind != ReplyValue::Kind::kArray || reply.items.size() != 2) return std::nullopt;
  if (reply.items[1].kind != ReplyValue::Kind::kString) return std::nullopt;
  return number(reply.items[1].text);
}

}  // namespace luckyhub::collect
