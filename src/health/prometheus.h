// /metrics: the latest value of every health series in Prometheus' text
// exposition format (version 0.0.4), so an existing Prometheus/Grafana stack
// can scrape luckyhub as its exporter for the whole fleet.
//
//   luckyhub_up{instance="db1",kind="mysql"} 1
//   luckyhub_auth_failed{instance="db1",kind="mysql"} 0
//   luckyhub_connections{instance="db1",kind="mysql"} 12
//   luckyhub_table_bytes{instance="db1",kind="mysql",object="luckyus_x.t_y"} 16384
//   luckyhub_alert{alertname="ConnectionsNearMax",instance="db1",object="",severity="warning",state="firing"} 1
//
// Names are the stored metric names with the prefix luckyhub_; `*_total`
// series are counters, the rest gauges. An instance that is not up exports
// only `luckyhub_up 0` (its other series go stale, as Prometheus' own
// targets' do) and its auth_failed and last-scrape series. Only names and numbers: no secret
// is ever in the warehouse, so none can be here.
#pragma once

#include <string>

#include "warehouse/warehouse.h"

namespace luckyhub::health {

// The exposition text; "" series when the warehouse has no health history.
std::string prometheus_metrics(Warehouse& warehouse);

// A label value escaped as the format requires (\\, \", \n).
std::string escape_label(const std::string& value);

}  // namespace luckyhub::health
