#include "collect/redis_topology.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <optional>
#include <sstream>

namespace luckyhub::collect {
namespace {

std::optional<int64_t> to_int(const std::string& s) {
  int64_t v = 0;
  const char* end = s.data() + s.size();
  const auto [p, ec] = std::from_chars(s.data(), end, v);
  if (ec != std::errc() || p != end || s.empty()) return std::nullopt;
  return v;
}

bool valid_port(const std::string& s) {
  const auto p = to_int(s);
  return p && *p > 0 && *p < 65536;
}

// A reply element as text: a bulk string, or an integer written out.
std::optional<std::string> text_of(const ReplyValue& v) {
  if (v.kind == ReplyValue::Kind::kString) return v.text;
  if (v.kind == ReplyValue::Kind::kInteger) return std::to_string(v.integer);
  return std::nullopt;
}

std::optional<int64_t> int_of(const ReplyValue& v) {
  if (v.kind == ReplyValue::Kind::kInteger) return v.integer;
  if (v.kind == ReplyValue::Kind::kString) return to_int(v.text);
  return std::nullopt;
}

std::string role_name(const std::string& r) { return r == "slave" ? "replica" : r; }

RedisPeer* find_peer(RedisTopology& t, const std::string& relation, const std::string& address) {
  for (RedisPeer& p : t.peers) {
    if (p.relation == relation && p.address == address) return &p;
  }
  return nullptr;
}

std::vector<std::string> split(const std::string& s, char by) {
  std::vector<std::string> out;
  std::stringstream in(s);
  for (std::string part; std::getline(in, part, by);) out.push_back(part);
  return out;
}

// "ip=127.0.0.1,port=6380,state=online,offset=42,lag=0" -> fields.
std::map<std::string, std::string> comma_fields(const std::string& s) {
  std::map<std::string, std::string> out;
  for (const std::string& part : split(s, ',')) {
    const size_t eq = part.find('=');
    if (eq != std::string::npos) out[part.substr(0, eq)] = part.substr(eq + 1);
  }
  return out;
}

// A flat [field, value, field, value, ...] array (Sentinel's replies).
std::optional<std::map<std::string, std::string>> flat_fields(const ReplyValue& v) {
  if (v.kind != ReplyValue::Kind::kArray || v.items.size() % 2 != 0) return std::nullopt;
  std::map<std::string, std::string> out;
  for (size_t i = 0; i < v.items.size(); i += 2) {
    const auto key = text_of(v.items[i]), value = text_of(v.items[i + 1]);
    if (!key || !value) return std::nullopt;
    out[*key] = *value;
  }
  return out;
}

std::string field(const std::map<std::string, std::string>& m, const std::string& key) {
  const auto it = m.find(key);
  return it == m.end() ? "" : it->second;
}

bool is_hex_id(const std::string& s) {
  return s.size() == 40 && std::all_of(s.begin(), s.end(), [](char c) {
           return std::isxdigit(static_cast<unsigned char>(c));
         });
}

}  // namespace

std::map<std::string, std::string> info_fields(const std::string& info) {
  std::map<std::string, std::string> out;
  std::stringstream in(info);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const size_t colon = line.find(':');
    if (line.empty() || line[0] == '#' || colon == std::string::npos || colon == 0) continue;
    out[line.substr(0, colon)] = line.substr(colon + 1);
  }
  return out;
}

void apply_role(const ReplyValue& role, RedisTopology& t) {
  if (role.kind != ReplyValue::Kind::kArray || role.items.empty() || !text_of(role.items[0])) {
    t.problems.push_back("ROLE: not an array starting with the role");
    return;
  }
  const std::string name = *text_of(role.items[0]);
  if (name == "master") {
    t.role = "master";
    if (role.items.size() >= 2) {
      if (auto off = int_of(role.items[1])) t.offset = *off;
    }
    if (role.items.size() < 3 || role.items[2].kind != ReplyValue::Kind::kArray) return;
    for (const ReplyValue& r : role.items[2].items) {
      const bool ok = r.kind == ReplyValue::Kind::kArray && r.items.size() >= 2 &&
                      text_of(r.items[0]) && text_of(r.items[1]) &&
                      valid_port(*text_of(r.items[1]));
      if (!ok) {
        t.problems.push_back("ROLE: a replica entry without ip and port");
        continue;
      }
      RedisPeer p{.relation = "replica",
                  .address = *text_of(r.items[0]) + ":" + *text_of(r.items[1]),
                  .role = "replica"};
      if (r.items.size() >= 3) p.offset = int_of(r.items[2]).value_or(-1);
      if (!find_peer(t, p.relation, p.address)) t.peers.push_back(std::move(p));
    }
  } else if (name == "slave" || name == "replica") {
    t.role = "replica";
    if (role.items.size() < 5 || !text_of(role.items[1]) || !text_of(role.items[2]) ||
        !valid_port(*text_of(role.items[2]))) {
      t.problems.push_back("ROLE: a replica's reply without its master's ip and port");
      return;
    }
    t.master = *text_of(role.items[1]) + ":" + *text_of(role.items[2]);
    if (auto state = text_of(role.items[3])) t.master_link = *state == "connected" ? "up" : *state;
    t.offset = int_of(role.items[4]).value_or(-1);
  } else if (name == "sentinel") {
    t.role = "sentinel";
  } else {
    t.problems.push_back("ROLE: unknown role '" + name.substr(0, 32) + "'");
  }
}

void apply_info(const std::map<std::string, std::string>& info, RedisTopology& t) {
  if (t.role.empty()) {
    const std::string role = field(info, "role");
    if (info.count("sentinel_masters"))
      t.role = "sentinel";
    else if (role == "master" || role == "slave" || role == "replica")
      t.role = role_name(role);
  }
  t.cluster = field(info, "cluster_enabled") == "1";
  if (t.role == "replica") {
    const std::string host = field(info, "master_host"), port = field(info, "master_port");
    if (t.master.empty() && !host.empty() && valid_port(port)) t.master = host + ":" + port;
    if (const std::string link = field(info, "master_link_status"); !link.empty())
      t.master_link = link;
  }
  if (t.offset < 0) {
    if (auto off = to_int(field(info, "master_repl_offset"))) t.offset = *off;
  }
  for (const auto& [key, value] : info) {
    if (key.rfind("slave", 0) != 0 || !to_int(key.substr(5))) continue;  // slave0, slave1, ...
    const auto f = comma_fields(value);
    if (field(f, "ip").empty() || !valid_port(field(f, "port"))) {
      t.problems.push_back("INFO replication: " + key + " without ip and port");
      continue;
    }
    const std::string address = field(f, "ip") + ":" + field(f, "port");
    RedisPeer* p = find_peer(t, "replica", address);
    if (!p) {
      t.peers.push_back({.relation = "replica", .address = address, .role = "replica"});
      p = &t.peers.back();
    }
    p->link = field(f, "state");
    if (auto off = to_int(field(f, "offset"))) p->offset = *off;
    if (auto lag = to_int(field(f, "lag"))) p->lag_s = *lag;
  }
}

void apply_cluster_nodes(const std::string& nodes, RedisTopology& t) {
  struct Node {
    std::string id, address, master_id, link, slots;
    bool myself = false, master = false, failed = false;
  };
  std::vector<Node> parsed;
  std::stringstream in(nodes);
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    std::stringstream words(line);
    std::vector<std::string> w;
    for (std::string word; words >> word;) w.push_back(word);
    const std::string where = "CLUSTER NODES line " + std::to_string(number);
    if (w.size() < 8 || !is_hex_id(w[0])) {
      t.problems.push_back(where + ": not a node line");
      continue;
    }
    Node n{.id = w[0], .link = w[7]};
    n.address = w[1].substr(0, w[1].find_first_of("@,"));
    const size_t colon = n.address.rfind(':');
    if (colon == std::string::npos || colon == 0 || !valid_port(n.address.substr(colon + 1))) {
      t.problems.push_back(where + ": no host:port in '" + w[1].substr(0, 64) + "'");
      continue;
    }
    for (const std::string& flag : split(w[2], ',')) {
      n.myself |= flag == "myself";
      n.master |= flag == "master";
      n.failed |= flag == "fail" || flag == "fail?";
    }
    if (w[3] != "-") {
      if (!is_hex_id(w[3])) {
        t.problems.push_back(where + ": a master id that is not one");
        continue;
      }
      n.master_id = w[3];
    }
    if (n.failed) n.link += ",fail";
    for (size_t i = 8; i < w.size(); ++i) {
      if (w[i].front() == '[') continue;  // a slot being imported or migrated
      const size_t dash = w[i].find('-');
      const auto lo = to_int(w[i].substr(0, dash));
      const auto hi = dash == std::string::npos ? lo : to_int(w[i].substr(dash + 1));
      if (!lo || !hi || *lo < 0 || *hi > 16383 || *lo > *hi) {
        t.problems.push_back(where + ": a slot range '" + w[i].substr(0, 32) + "' out of 0-16383");
        continue;
      }
      n.slots += (n.slots.empty() ? "" : " ") + w[i];
    }
    parsed.push_back(std::move(n));
  }
  std::map<std::string, std::string> address_of;
  for (const Node& n : parsed) address_of[n.id] = n.address;
  for (const Node& n : parsed) {
    if (n.myself) {
      t.slots = n.slots;
      continue;
    }
    RedisPeer p{.relation = "cluster_node",
                .address = n.address,
                .role = n.master ? "master" : "replica",
                .name = n.id,
                .link = n.link,
                .slots = n.slots};
    if (!n.master_id.empty())
      p.master = address_of.count(n.master_id) ? address_of[n.master_id] : n.master_id;
    t.peers.push_back(std::move(p));
  }
}

std::vector<std::pair<std::string, std::string>> apply_sentinel_masters(const ReplyValue& masters,
                                                                        RedisTopology& t) {
  std::vector<std::pair<std::string, std::string>> out;
  if (masters.kind != ReplyValue::Kind::kArray) {
    t.problems.push_back("SENTINEL MASTERS: not an array");
    return out;
  }
  for (const ReplyValue& m : masters.items) {
    const auto f = flat_fields(m);
    if (!f || field(*f, "name").empty() || field(*f, "ip").empty() ||
        !valid_port(field(*f, "port"))) {
      t.problems.push_back("SENTINEL MASTERS: an entry without name, ip and port");
      continue;
    }
    const std::string address = field(*f, "ip") + ":" + field(*f, "port");
    t.peers.push_back({.relation = "monitored_master",
                       .address = address,
                       .role = "master",
                       .name = field(*f, "name"),
                       .link = field(*f, "flags"),
                       .offset = -1});
    out.emplace_back(field(*f, "name"), address);
  }
  return out;
}

void apply_sentinel_replicas(const std::string& master_name, const std::string& master_address,
                             const ReplyValue& replicas, RedisTopology& t) {
  if (replicas.kind != ReplyValue::Kind::kArray) {
    t.problems.push_back("SENTINEL REPLICAS " + master_name + ": not an array");
    return;
  }
  for (const ReplyValue& r : replicas.items) {
    const auto f = flat_fields(r);
    if (!f || field(*f, "ip").empty() || !valid_port(field(*f, "port"))) {
      t.problems.push_back("SENTINEL REPLICAS " + master_name + ": an entry without ip and port");
      continue;
    }
    t.peers.push_back({.relation = "monitored_replica",
                       .address = field(*f, "ip") + ":" + field(*f, "port"),
                       .role = "replica",
                       .name = master_name,
                       .master = master_address,
                       .link = field(*f, "flags"),
                       .offset = to_int(field(*f, "slave-repl-offset")).value_or(-1)});
  }
}

}  // namespace luckyhub::collect
