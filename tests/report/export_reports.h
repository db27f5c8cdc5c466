// Hand-made reports for the export tests: a ledger of `rows` rows, and one of
// every panel kind.
#pragma once

#include <cstdio>
#include <string>

#include "report/report.h"

namespace luckyhub::testing {

// Row i (from 1): id "LG-00001"…, store "Store 1"… (7 of them), amount i*101
// cents, rate i/10000, count i, day 2026-01-01 plus i%28 days, a long memo.
inline Report ledger_report(int rows) {
  Report r{.tool = "ledger-test", .title = "Ledger test", .department = "finance", .as_of = "2026-02-13",
           .params = {{"scope", "all"}, {"min_gap", "0.05"}}};
  Panel kpis{.id = "kpis", .title = "Key figures", .kind = PanelKind::kKpis};
  kpis.kpis = {
      {.id = "total", .label = "Total gap", .value = int64_t{123456}, .type = ValueType::kMoney, .currency = "USD",
       .status = Status::kRed, .note = "over the limit"},
      {.id = "rate", .label = "Gap rate", .value = 0.0235, .type = ValueType::kRate, .status = Status::kYellow},
      {.id = "count", .label = "Entries", .value = int64_t{1204}, .type = ValueType::kInt, .status = Status::kGreen},
      {.id = "none", .label = "Unknown", .value = std::monostate{}, .type = ValueType::kInt},
  };
  r.panels.push_back(kpis);
  Panel t{.id = "ledger", .title = "Ledger entries", .kind = PanelKind::kTable};
  t.table.columns = {{.id = "id", .label = "Ledger id"},
                     {.id = "store", .label = "Store name"},
                     {.id = "amount", .label = "Amount", .type = ValueType::kMoney, .currency = "USD"},
                     {.id = "rate", .label = "Rate", .type = ValueType::kRate},
                     {.id = "count", .label = "Count", .type = ValueType::kInt},
                     {.id = "day", .label = "Day", .type = ValueType::kDate},
                     {.id = "memo", .label = "Memo"}};
  for (int i = 1; i <= rows; ++i) {
    char id[16], day[16];
    std::snprintf(id, sizeof id, "LG-%05d", i);
    std::snprintf(day, sizeof day, "2026-01-%02d", 1 + i % 28);
    t.table.rows.push_back({std::string(id), "Store " + std::to_string(1 + i % 7), int64_t{i * 101}, i / 10000.0,
                            int64_t{i}, std::string(day),
                            "a memo long enough to need cutting at the edge of its column in every row of the ledger, "
                            "repeated: a memo long enough to need cutting"});
  }
  r.panels.push_back(t);
  return r;
}

inline Report every_panel_report() {
  Report r{.tool = "every-kind", .title = "Every panel kind", .department = "operations", .as_of = "2026-02-13"};
  Panel kpis{.id = "kpis", .title = "KPI panel", .kind = PanelKind::kKpis};
  kpis.kpis = {{.id = "a", .label = "Orders", .value = int64_t{42}, .type = ValueType::kInt}};
  r.panels.push_back(kpis);
  Panel table{.id = "t", .title = "Table panel", .kind = PanelKind::kTable};
  table.table.columns = {{.id = "month", .label = "Month", .type = ValueType::kMonth},
                         {.id = "v", .label = "Wait", .type = ValueType::kNumber, .unit = "s"},
                         {.id = "nzd", .label = "Fees", .type = ValueType::kMoney, .currency = "NZD"}};
  table.table.rows = {{std::string("2026-01"), 12.5, int64_t{1999}}, {std::string("2026-02"), std::monostate{}, int64_t{5}}};
  r.panels.push_back(table);
  for (PanelKind kind : {PanelKind::kTimeseries, PanelKind::kBar}) {
    Panel p{.id = kind == PanelKind::kBar ? "bar" : "ts", .title = kind == PanelKind::kBar ? "Bar panel" : "Timeseries panel",
            .kind = kind};
    p.series.x_label = "day";
    p.series.x_type = ValueType::kDate;
    for (int d = 1; d <= 30; ++d) p.series.x.push_back("2026-01-" + std::string(d < 10 ? "0" : "") + std::to_string(d));
    Series a{.id = "a", .label = "Revenue", .type = ValueType::kMoney, .currency = "USD"};
    Series b{.id = "b", .label = "Target", .type = ValueType::kMoney, .currency = "USD", .draw = "line"};
    for (int d = 1; d <= 30; ++d) {
      a.values.push_back(int64_t{100000 + d * 1000});
      b.values.push_back(d == 7 ? Cell{} : Cell{int64_t{120000}});
    }
    p.series.series = {a, b};
    r.panels.push_back(p);
  }
  Panel heat{.id = "heat", .title = "Heatmap panel", .kind = PanelKind::kHeatmap};
  heat.heatmap = {.x_label = "hour", .y_label = "day", .value_label = "orders"};
  for (int h = 0; h < 24; ++h) heat.heatmap.x.push_back(std::to_string(h));
  for (int d = 0; d < 7; ++d) {
    heat.heatmap.y.push_back("day " + std::to_string(d));
    std::vector<Cell> row;
    for (int h = 0; h < 24; ++h) row.push_back(h == 3 ? Cell{} : Cell{int64_t{d * h}});
    heat.heatmap.values.push_back(row);
  }
  r.panels.push_back(heat);
  Panel status = heat;
  status.id = "status";
  status.title = "Status grid panel";
  status.heatmap.palette = "status";
  r.panels.push_back(status);
  Panel entry = heat;
  entry.id = "entry";
  entry.title = "Entry panel";
  entry.kind = PanelKind::kEntry;
  entry.entry = {.min = 0, .max = 99, .url = "/api/staffing/actual", .key = "staff"};
  r.panels.push_back(entry);
  Panel sc{.id = "sc", .title = "Scatter panel", .kind = PanelKind::kScatter};
  sc.scatter = {.x_label = "frequency", .y_label = "value", .x_split = 2, .y_split = 50,
                .quadrants = {"stars", "loyal", "sleepers", "spenders"}};
  for (int i = 0; i < 40; ++i)
    sc.scatter.points.push_back({.label = "c" + std::to_string(i), .x = i * 0.1, .y = i * 2.5, .size = double(i % 5),
                                 .group = i % 2 ? "new" : "old"});
  r.panels.push_back(sc);
  Panel dist{.id = "dist", .title = "Distribution panel", .kind = PanelKind::kDistribution};
  dist.distribution.unit = "s";
  for (int g = 0; g < 3; ++g)
    dist.distribution.groups.push_back({.label = "group " + std::to_string(g), .n = 100 + g, .min = 1, .p25 = 10.0 + g,
                                        .median = 20.0 + g, .p75 = 30.0 + g, .p95 = 50, .max = 80, .mean = 22});
  r.panels.push_back(dist);
  Panel al{.id = "al", .title = "Alerts panel", .kind = PanelKind::kAlerts};
  al.alerts = {{.severity = Status::kRed, .title = "Machine 12 offline", .detail = "no heartbeat for 40 minutes"},
               {.severity = Status::kYellow, .title = "Milk low at store 3"}};
  r.panels.push_back(al);
  Panel empty_alerts{.id = "al0", .title = "Quiet alerts panel", .kind = PanelKind::kAlerts};
  r.panels.push_back(empty_alerts);
  Panel tx{.id = "tx", .title = "Text panel", .kind = PanelKind::kText, .text = "Plain words about the method."};
  r.panels.push_back(tx);
  return r;
}

}  // namespace luckyhub::testing
