#include "collect/health_schema.h"

namespace luckyhub::collect {
namespace {

constexpr const char* kHealthDdl = R"(CREATE DATABASE IF NOT EXISTS health DEFAULT CHARACTER SET utf8mb4;
USE health;

CREATE TABLE targets (
  instance VARCHAR(128) NOT NULL COMMENT 'fleet file name',
  kind VARCHAR(16) NOT NULL COMMENT 'mysql, redis or postgres',
  host VARCHAR(255) NOT NULL COMMENT 'host',
  port INT NOT NULL COMMENT 'port',
  up TINYINT NOT NULL COMMENT '1 when the last scrape succeeded',
  last_scrape BIGINT NOT NULL COMMENT 'unix seconds of the last scrape',
  scrape_seconds DOUBLE NOT NULL COMMENT 'duration of the last scrape',
  error TEXT NULL COMMENT 'why the last scrape failed',
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
)";

}  // namespace

const SchemaCatalog& health_schema() {
  static const SchemaCatalog catalog = SchemaCatalog::parse({{"health", kHealthDdl}});
  return catalog;
}

const TableDef& health_table(const char* name) { return health_schema().table("health", name); }

}  // namespace luckyhub::collect
