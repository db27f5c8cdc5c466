// Redis replication, cluster and Sentinel topology as the collector reads it
// from one instance on each cycle: ROLE and INFO replication (its role, its
// master, its replicas with their offsets and lag), CLUSTER NODES on a
// cluster-enabled instance (the nodes, their roles and slots), and on a
// Sentinel SENTINEL MASTERS and SENTINEL REPLICAS <name> (the masters it
// watches and their replicas).
//
// What a server sends is outside input: the parsers never throw and never
// guess. A malformed line, field or reply element is skipped and named in
// `problems`, which the collector stores beside the topology so a reader
// sees what could not be read. Replies are taken as ReplyValue trees, not
// hiredis objects, so the parsers are pure functions.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace luckyhub::collect {

// One reply, as a tree.
struct ReplyValue {
  enum class Kind { kNil, kString, kInteger, kArray, kError };
  Kind kind = Kind::kNil;
  std::string text;               // kString, kError
  int64_t integer = 0;            // kInteger
  std::vector<ReplyValue> items;  // kArray
};

// Another node as this instance sees it.
struct RedisPeer {
  std::string relation;  // "replica", "cluster_node", "monitored_master", "monitored_replica"
  std::string address;   // host:port
  std::string role;      // "master" or "replica"
  std::string name;      // a Sentinel's name of the master; a cluster node's id
  std::string master;    // a replica's master (host:port), "" otherwise
  std::string link;      // replica state ("online"), cluster link ("connected"), Sentinel flags
  int64_t offset = -1;   // replication offset, -1 unknown
  int64_t lag_s = -1;    // seconds since the replica's last acknowledgement, -1 unknown
  std::string slots;     // a cluster master's slot ranges: "0-5460 10923"
};

struct RedisTopology {
  std::string role;         // "master", "replica" or "sentinel"; "" unknown
  std::string master;       // a replica's master (host:port)
  std::string master_link;  // a replica's link to it: "up", "down", ...
  int64_t offset = -1;      // its own replication offset
  bool cluster = false;     // cluster_enabled:1
  std::string slots;        // its own slot ranges in the cluster
  std::vector<RedisPeer> peers;
  std::vector<std::string> problems;  // what could not be read, one sentence each
};

// "key:value" lines of an INFO reply ("# Section" lines and blank ones skipped).
std::map<std::string, std::string> info_fields(const std::string& info);

// ROLE: ["master", offset, [[ip, port, offset], ...]],
//       ["slave", ip, port, state, offset], ["sentinel", [names]].
void apply_role(const ReplyValue& role, RedisTopology& t);
// INFO replication (role, master_host/port, master_link_status,
// master_repl_offset, slaveN:ip=,port=,state=,offset=,lag=) and the Cluster
// section (cluster_enabled). Fills what ROLE left unknown, adds each replica's
// state and lag (a replica ROLE did not list is added).
void apply_info(const std::map<std::string, std::string>& info, RedisTopology& t);
// CLUSTER NODES: "<id> <ip:port@cport[,host]> <flags> <master-id|-> <ping> <pong>
// <epoch> <link> [slot ...]" per line; the `myself` node gives this
// instance's slots, the others are peers.
void apply_cluster_nodes(const std::string& nodes, RedisTopology& t);
// SENTINEL MASTERS: an array of flat field/value arrays (name, ip, port,
// flags, ...). Returns (name, address) of each master, for SENTINEL REPLICAS.
std::vector<std::pair<std::string, std::string>> apply_sentinel_masters(const ReplyValue& masters,
                                                                        RedisTopology& t);
// SENTINEL REPLICAS <name>: the same shape (ip, port, flags,
// slave-repl-offset, master-link-down-time, ...).
void apply_sentinel_replicas(const std::string& master_name, const std::string& master_address,
                             const ReplyValue& replicas, RedisTopology& t);

}  // namespace luckyhub::collect
