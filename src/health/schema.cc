#include "health/schema.h"

#include <algorithm>

namespace luckyhub::health {
namespace {

constexpr const char* kHealthDdl = R"(CREATE DATABASE IF NOT EXISTS health DEFAULT CHARACTER SET utf8mb4;
USE health;

CREATE TABLE targets (
  instance VARCHAR(128) NOT NULL COMMENT 'fleet file name',
  kind VARCHAR(16) NOT NULL COMMENT 'mysql, redis or postgres',
  host VARCHAR(255) NOT NULL COMMENT 'host',
  port INT NOT NULL COMMENT 'port',
  up TINYINT NOT NULL COMMENT '1 when the last scrape succeeded',
  auth_failed TINYINT NOT NULL COMMENT '1 when the last scrape failed because the server refused the login',
  last_scrape BIGINT NOT NULL COMMENT 'unix seconds of the last scrape',
  scrape_seconds DOUBLE NOT NULL COMMENT 'duration of the last scrape',
  error TEXT NULL COMMENT 'why the last scrape failed',
  tables_error TEXT NULL COMMENT 'why the last table statistics failed (the instance may be up); NULL after a success',
  first_seen BIGINT NOT NULL COMMENT 'unix seconds of the first scrape',
  simulated TINYINT NOT NULL COMMENT '1 for the simulated demo fleet',
  PRIMARY KEY (instance)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='every monitored instance and its last scrape';

CREATE TABLE samples (
  instance VARCHAR(128) NOT NULL COMMENT 'health.targets.instance',
  metric VARCHAR(64) NOT NULL COMMENT 'metric name, unit last',
  object VARCHAR(255) NOT NULL COMMENT 'empty for the instance, else schema.table, a user, a database',
  step INT NOT NULL COMMENT 'resolution: 0 raw, 3600 hourly average, 86400 daily average',
  ts BIGINT NOT NULL COMMENT 'unix seconds; the start of the hour or day for averages',
  value DOUBLE NOT NULL COMMENT 'the value',
  PRIMARY KEY (instance, metric, object, step, ts),
  KEY idx_step_ts (step, ts),
  KEY idx_metric (metric, step, ts)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='metric history';

CREATE TABLE latest (
  instance VARCHAR(128) NOT NULL COMMENT 'health.targets.instance',
  metric VARCHAR(64) NOT NULL COMMENT 'metric name, unit last',
  object VARCHAR(255) NOT NULL COMMENT 'as in samples',
  ts BIGINT NOT NULL COMMENT 'unix seconds of the scrape that gave it',
  value DOUBLE NOT NULL COMMENT 'the value',
  PRIMARY KEY (instance, metric, object)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='the latest value of every series: what the tool and /metrics read';

CREATE TABLE objects (
  instance VARCHAR(128) NOT NULL COMMENT 'health.targets.instance',
  kind VARCHAR(16) NOT NULL COMMENT 'instance, database or table',
  name VARCHAR(255) NOT NULL COMMENT 'empty for the instance, a database, or schema.table',
  first_seen BIGINT NOT NULL COMMENT 'unix seconds',
  last_seen BIGINT NOT NULL COMMENT 'unix seconds',
  PRIMARY KEY (instance, kind, name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='auto-discovered databases and tables';

CREATE TABLE events (
  ts BIGINT NOT NULL COMMENT 'unix seconds',
  instance VARCHAR(128) NOT NULL COMMENT 'health.targets.instance',
  kind VARCHAR(32) NOT NULL COMMENT 'event kind: instance_added, new_database, new_table, down, up, alert_pending, alert_firing, alert_resolved',
  object VARCHAR(255) NOT NULL COMMENT 'what it concerns, or empty',
  severity VARCHAR(16) NOT NULL COMMENT 'info, warning or critical',
  detail TEXT NOT NULL COMMENT 'one line for people',
  KEY idx_ts (ts)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='the timeline: discovery, up and down, alert transitions';

CREATE TABLE alerts (
  rule VARCHAR(64) NOT NULL COMMENT 'rule name',
  instance VARCHAR(128) NOT NULL COMMENT 'health.targets.instance',
  object VARCHAR(255) NOT NULL COMMENT 'schema.table or empty',
  state VARCHAR(16) NOT NULL COMMENT 'pending, firing or resolved',
  severity VARCHAR(16) NOT NULL COMMENT 'warning or critical',
  active_since BIGINT NOT NULL COMMENT 'unix seconds the condition started',
  changed BIGINT NOT NULL COMMENT 'unix seconds of the last state change',
  value DOUBLE NOT NULL COMMENT 'the last value seen',
  threshold DOUBLE NOT NULL COMMENT 'the rule threshold',
  summary TEXT NOT NULL COMMENT 'one line for people',
  held_s BIGINT NULL COMMENT 'pending: seconds the condition was seen to hold, up to held_at',
  held_at BIGINT NULL COMMENT 'pending: unix seconds of the cycle held_s counts up to',
  PRIMARY KEY (rule, instance, object)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='alert state, kept across collector restarts';

CREATE TABLE sessions (
  instance VARCHAR(128) NOT NULL COMMENT 'health.targets.instance',
  ts BIGINT NOT NULL COMMENT 'unix seconds of the snapshot',
  id BIGINT NOT NULL COMMENT 'session or backend id',
  user VARCHAR(128) NOT NULL COMMENT 'user',
  db VARCHAR(128) NOT NULL COMMENT 'database',
  command VARCHAR(32) NOT NULL COMMENT 'Query, Sleep, ...',
  state VARCHAR(64) NOT NULL COMMENT 'state',
  seconds DOUBLE NOT NULL COMMENT 'time in the current command',
  query TEXT NOT NULL COMMENT 'literals masked, truncated',
  PRIMARY KEY (instance, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='the last processlist snapshot of each instance';

CREATE TABLE long_queries (
  instance VARCHAR(128) NOT NULL COMMENT 'health.targets.instance',
  ts BIGINT NOT NULL COMMENT 'unix seconds seen',
  id BIGINT NOT NULL COMMENT 'session id',
  user VARCHAR(128) NOT NULL COMMENT 'user',
  db VARCHAR(128) NOT NULL COMMENT 'database',
  seconds DOUBLE NOT NULL COMMENT 'running time when seen',
  query TEXT NOT NULL COMMENT 'literals masked, truncated',
  PRIMARY KEY (instance, id, ts)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='queries seen running longer than the long-query threshold';
CREATE TABLE keyspace_scans (
  instance VARCHAR(128) NOT NULL COMMENT 'health.targets.instance (a Redis instance)',
  ts BIGINT NOT NULL COMMENT 'unix seconds of the analysis',
  dbsize BIGINT NOT NULL COMMENT 'keys in database 0 when the analysis started',
  keys_sampled BIGINT NOT NULL COMMENT 'keys inspected',
  commands BIGINT NOT NULL COMMENT 'commands sent, INFO to the last GET',
  budget_commands BIGINT NOT NULL COMMENT 'the command budget',
  seconds DOUBLE NOT NULL COMMENT 'wall time of the analysis',
  stopped_by VARCHAR(16) NOT NULL COMMENT 'complete, commands, time or memory',
  maxmemory_policy VARCHAR(32) NOT NULL COMMENT 'the instance policy; OBJECT FREQ is read under an lfu one',
  lfu_median INT NOT NULL COMMENT 'median OBJECT FREQ of the sampled keys under an lfu policy, -1 otherwise',
  used_memory_bytes DOUBLE NOT NULL COMMENT 'INFO used_memory',
  ops_per_second DOUBLE NOT NULL COMMENT 'INFO instantaneous_ops_per_sec',
  simulated TINYINT NOT NULL COMMENT '1 for the simulated demo keyspace',
  PRIMARY KEY (instance, ts)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='one row per keyspace analysis of a Redis instance';

CREATE TABLE keyspace (
  instance VARCHAR(128) NOT NULL COMMENT 'health.targets.instance',
  ts BIGINT NOT NULL COMMENT 'health.keyspace_scans.ts',
  namespace VARCHAR(255) NOT NULL COMMENT 'key prefix (docs/redis-console.md)',
  service VARCHAR(128) NOT NULL COMMENT 'owning service from the keyspace file, or empty',
  keys_sampled BIGINT NOT NULL COMMENT 'sampled keys of the namespace',
  keys_estimate DOUBLE NOT NULL COMMENT 'estimated keys in the namespace',
  keys_error95 DOUBLE NOT NULL COMMENT 'half-width of the 95% interval of keys_estimate',
  memory_bytes_estimate DOUBLE NOT NULL COMMENT 'estimated MEMORY USAGE total',
  memory_bytes_error95 DOUBLE NOT NULL COMMENT 'half-width of the 95% interval of memory_bytes_estimate',
  max_ttl_ms BIGINT NOT NULL COMMENT 'longest sampled TTL, -1 when no sampled key expires',
  ttl_none BIGINT NOT NULL COMMENT 'sampled keys without TTL',
  ttl_lt_1m BIGINT NOT NULL COMMENT 'sampled keys expiring within a minute',
  ttl_lt_1h BIGINT NOT NULL COMMENT 'within an hour',
  ttl_lt_1d BIGINT NOT NULL COMMENT 'within a day',
  ttl_lt_7d BIGINT NOT NULL COMMENT 'within 7 days',
  ttl_ge_7d BIGINT NOT NULL COMMENT 'in 7 days or more',
  PRIMARY KEY (instance, ts, namespace)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='estimated keys, memory and TTLs per namespace per analysis';

CREATE TABLE redis_keys (
  instance VARCHAR(128) NOT NULL COMMENT 'health.targets.instance',
  ts BIGINT NOT NULL COMMENT 'health.keyspace_scans.ts',
  kind VARCHAR(16) NOT NULL COMMENT 'big, hot_lfu, hot_counter or example',
  name VARCHAR(512) NOT NULL COMMENT 'the key',
  namespace VARCHAR(255) NOT NULL COMMENT 'its namespace',
  type VARCHAR(16) NOT NULL COMMENT 'string, hash, list, set, zset, stream; empty for hot keys',
  memory_bytes BIGINT NOT NULL COMMENT 'MEMORY USAGE, -1 when not read',
  ttl_ms BIGINT NOT NULL COMMENT 'PTTL, -1 without expiry',
  freq INT NOT NULL COMMENT 'OBJECT FREQ under LFU, -1 otherwise',
  ops_per_second DOUBLE NOT NULL COMMENT 'rate of change of an integer value between two reads, 0 otherwise',
  PRIMARY KEY (instance, ts, kind, name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='big, hot and example keys of the latest analysis of each instance';

CREATE TABLE redis_topology (
  instance VARCHAR(128) NOT NULL COMMENT 'health.targets.instance that reported it',
  ts BIGINT NOT NULL COMMENT 'unix seconds read',
  position INT NOT NULL COMMENT 'row order: 0 the instance itself, then its peers as read',
  relation VARCHAR(32) NOT NULL COMMENT 'self, replica, cluster_node, monitored_master or monitored_replica',
  address VARCHAR(255) NOT NULL COMMENT 'host:port of the peer; empty for self',
  role VARCHAR(16) NOT NULL COMMENT 'master, replica or sentinel; empty when unknown',
  name VARCHAR(128) NOT NULL COMMENT 'a Sentinel name of the master, a cluster node id',
  master VARCHAR(255) NOT NULL COMMENT 'host:port of a replica master',
  link VARCHAR(128) NOT NULL COMMENT 'replication link or state, cluster link, Sentinel flags',
  repl_offset BIGINT NOT NULL COMMENT 'replication offset, -1 unknown',
  lag_s BIGINT NOT NULL COMMENT 'seconds since the replica last acknowledged, -1 unknown',
  slots TEXT NOT NULL COMMENT 'cluster slot ranges, 0-5460 10923',
  problems TEXT NOT NULL COMMENT 'self: what could not be read, one sentence a line',
  PRIMARY KEY (instance, position)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='the latest replication, cluster and Sentinel topology each Redis instance reported';

CREATE TABLE redis_policy (
  position INT NOT NULL COMMENT 'rule order: the first matching rule applies',
  pattern VARCHAR(255) NOT NULL COMMENT 'a namespace, or a prefix ending in *',
  must_expire TINYINT NOT NULL COMMENT '1 when its keys must have a TTL',
  max_ttl_s BIGINT NOT NULL COMMENT 'the longest TTL allowed, 0 for none',
  PRIMARY KEY (position)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='the TTL policy the keyspace file gave the collector';
)";

}  // namespace

const SchemaCatalog& schema() {
  static const SchemaCatalog catalog = SchemaCatalog::parse({{"health", kHealthDdl}});
  return catalog;
}

const TableDef& table(const char* name) { return schema().table("health", name); }

std::span<const AddedColumn> added_columns() {
  static constexpr AddedColumn kAdded[] = {
      {"health__targets", "auth_failed", "auth_failed INTEGER NOT NULL DEFAULT 0", "0"},
      {"health__keyspace_scans", "lfu_median", "lfu_median INTEGER NOT NULL DEFAULT -1", "-1"},
      {"health__targets", "tables_error", "tables_error TEXT NULL", "NULL"},
      {"health__alerts", "held_s", "held_s INTEGER NULL", "NULL"},
      {"health__alerts", "held_at", "held_at INTEGER NULL", "NULL"},
  };
  return kAdded;
}

std::string column_or_old_value(Warehouse& warehouse, const std::string& table, const std::string& column,
                                const std::string& alias) {
  for (const AddedColumn& c : added_columns()) {
    if (table != c.table || column != c.column) continue;
    const std::vector<std::string> have = warehouse.query("SELECT * FROM " + table + " LIMIT 0").columns;
    if (std::find(have.begin(), have.end(), column) == have.end()) return c.old_value;
  }
  return alias.empty() ? column : alias + "." + column;
}

bool is_table_statistic(std::string_view metric) {
  return metric == "table_data_bytes" || metric == "table_index_bytes" || metric == "table_rows" ||
         metric == "table_bytes" || metric == "auto_increment_used_ratio";
}

}  // namespace luckyhub::health
