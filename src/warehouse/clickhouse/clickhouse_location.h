// Where a ClickHouse warehouse is: parsed from
//   clickhouse://USER@HOST:PORT/DATABASE[?cluster=NAME][&password_file=PATH][&shards=H:P,H:P]
// PORT is the HTTP interface's (8123 by default). The password is never in the
// location: it comes from the environment variable LUCKYHUB_CLICKHOUSE_PASSWORD
// or from password_file (owner-only, as in the fleet file); with neither, the
// user has no password. With cluster=NAME, tables are sharded over that
// cluster of the server's remote_servers; DDL for each shard's local tables
// goes to each shard's HTTP interface: `shards` lists them in the cluster's
// shard order, by default every shard host of system.clusters on PORT.
#pragma once

#include <string>
#include <vector>

namespace luckyhub::clickhouse {

inline constexpr const char* kPasswordEnv = "LUCKYHUB_CLICKHOUSE_PASSWORD";

struct Endpoint {
  std::string host;
  int port = 8123;
  std::string str() const { return host + ":" + std::to_string(port); }
};

struct Location {
  std::string user;
  std::string password;  // a secret: never logged, never in messages
  Endpoint endpoint;
  std::string database;  // where the warehouse lives (a plain identifier)
  std::string cluster;   // "" for a single node
  std::vector<Endpoint> shards;  // given with shards=; else discovered

  // The location as written, without any secret (for logs and messages).
  std::string display() const;
};

bool is_clickhouse_location(const std::string& location);

// Throws Error naming what is wrong (never echoing a password).
Location parse_location(const std::string& location);

}  // namespace luckyhub::clickhouse
