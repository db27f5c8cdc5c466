// What a Redis server sends the collector, decoded: a hiredis reply as a
// ReplyValue tree (redis_topology.h's parsers take those), the INFO text as
// samples and database objects, CONFIG GET's value as a number.
//
// Everything here is outside input: a value that is not a number is skipped
// (no sample), never thrown; the functions are pure, so fuzz/redis_values.cc
// feeds them bytes straight from hiredis's RESP reader.
#pragma once

#include <optional>
#include <string>

#include "collect/metric_source.h"
#include "collect/redis_topology.h"

struct redisReply;

namespace luckyhub::collect {

// A hiredis reply (strings, statuses, errors, integers, arrays; anything
// else is nil) as a tree.
ReplyValue reply_value(const redisReply* reply);

// INFO's fields as samples: the metrics of the tool catalog (used_memory,
// connected_clients, keyspace hits and misses, ...), is_replica and
// replication_link_up, and per database (db0:keys=12,expires=3) its keys and
// expiring keys with the database as an object. A field whose value is not a
// number gives no sample (a database line without a numeric keys= no object).
void parse_redis_info(const std::string& info, Scrape& s);

// CONFIG GET NAME's reply [name, value] as a number; nullopt when it is not that.
std::optional<double> config_get_number(const ReplyValue& reply);

}  // namespace luckyhub::collect
