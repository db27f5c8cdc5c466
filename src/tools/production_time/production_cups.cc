// Per-cup times by product and device (production_cups.h): the derived
// table, its reads and the three panels.
#include "tools/production_time/production_cups.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "warehouse/derived_table.h"

namespace luckyhub::production {
namespace {

using production_time::Histogram;
using production_time::kOutlierSeconds;

TableDef cup_times_def() {
  TableDef t;
  t.database = "production";
  t.name = "cup_time";
  t.comment = "finished LKUS cups made on a machine (t_commodity with device_no) and their making seconds";
  t.columns = {not_null_column("id", ColumnType::kInt), not_null_column("device_no", ColumnType::kText),
               not_null_column("commodity_id", ColumnType::kInt), not_null_column("shop_id", ColumnType::kInt),
               not_null_column("start_time", ColumnType::kDateTime), not_null_column("seconds", ColumnType::kInt)};
  t.primary_key = {"id"};
  t.indexes = {{.name = "idx_cup_time_device", .columns = {"device_no", "commodity_id", "seconds", "start_time"}},
               {.name = "idx_cup_time_shop", .columns = {"shop_id", "start_time"}}};
  return t;
}

const DerivedTableRegistration kCupTimesTable(DerivedTable{
    .owner = "production-time",
    .def = cup_times_def(),
    .key = {"id"},
    .refresh = DerivedRefresh::kSelection,
    .sources = {{"opproduction__t_commodity",
                 [](const Dialect& d, std::string_view rows) {
                   return "SELECT id, device_no, commodity_id, shop_id, start_time, " +
                          d.seconds_between("start_time", "done_time") + " AS seconds FROM " + std::string(rows) +
                          " WHERE tenant = 'LKUS' AND status = 30 AND device_no IS NOT NULL AND start_time IS NOT NULL"
                          " AND done_time IS NOT NULL";
                 }}},
});

// The cups of the scope, grouped by `keys` and seconds.
Query cups_query(Warehouse& wh, const Scope& s, const std::string& keys) {
  Query q = derived_from(wh, kCupTimes);
  q.sql = "SELECT " + keys + ", c.seconds AS seconds, COUNT(*) AS n FROM " + q.sql + " c WHERE " +
          s.window.range(wh.dialect(), "c.start_time") + (s.shop_id ? " AND c.shop_id = ?" : "") + " GROUP BY " + keys +
          ", c.seconds ORDER BY " + keys + ", seconds";
  q.params.push_back(s.window.utc_from());
  q.params.push_back(s.window.utc_to());
  if (s.shop_id) q.params.push_back(s.shop_id);
  return q;
}

Query devices_query() {
  return {"SELECT device_no, shop_id, machine_type FROM iot_platform__t_device WHERE tenant = 'LKUS' ORDER BY device_no", {}};
}

double round3(double x) { return std::round(x * 1000) / 1000; }

}  // namespace

CupData read_cups(Warehouse& wh, const Scope& scope, const CupScope& cups) {
  CupData data;
  if (!wh.has_table("opproduction__t_commodity")) return data;
  const std::vector<ResultSet> r =
      wh.query_all({cups_query(wh, scope, "c.commodity_id"), cups_query(wh, scope, "c.device_no, c.commodity_id"),
                    devices_query()});
  for (const Row row : r[0]) {
    data.products[row.integer("commodity_id")].add(row.integer("seconds"), row.integer("n"));
    data.fleet.add(row.integer("seconds"), row.integer("n"));
  }
  const int64_t p95 = data.fleet.percentile(0.95);
  std::map<std::string, CupDevice> by_no;
  for (const Row row : r[2])
    by_no[row.text("device_no")] = {.device_no = row.text("device_no"), .machine_type = row.text("machine_type"),
                                    .shop_id = row.integer("shop_id")};
  std::map<int64_t, std::map<std::string, BrewSums>> by_product_device;
  for (const Row row : r[1]) {
    const std::string no = row.text("device_no");
    CupDevice& d = by_no.try_emplace(no, CupDevice{.device_no = no}).first->second;
    const int64_t seconds = row.integer("seconds"), n = row.integer("n");
    d.times.add(seconds, n);
    if (seconds > kOutlierSeconds) continue;
    if (seconds > p95) d.slow_cups += n;
    BrewSums& b = by_product_device[row.integer("commodity_id")][no];
    b.n += n;
    b.seconds += static_cast<double>(seconds * n);
  }
  const std::map<std::string, Efficiency> scores = efficiency_scores(by_product_device);
  for (auto& [no, d] : by_no) {
    if (d.times.count() + d.times.outliers() == 0) continue;
    const auto s = scores.find(no);
    if (s != scores.end() && s->second.score > 0) d.vs_fleet = 1 / s->second.score;
    d.slow = d.vs_fleet && d.times.count() >= cups.min_cups && *d.vs_fleet >= cups.slow_ratio;
    data.devices.push_back(std::move(d));
  }
  return data;
}

Panel cup_products_panel(const CupData& data, const ProductionData& names) {
  Panel p{.id = "cup_products", .title = "Per-cup making time by product", .kind = PanelKind::kTable,
          .description = "Each cup from its own start to its own done (t_commodity), on the machine that made it; "
                         "cups over 30 minutes are outliers, left out of the times."};
  p.table.columns = {{"spu_id", "Product id", ValueType::kInt},
                     {"product", "Product", ValueType::kText},
                     {"cups", "Cups", ValueType::kInt},
                     {"p50_s", "p50", ValueType::kNumber, "", "s"},
                     {"p95_s", "p95", ValueType::kNumber, "", "s"}};
  for (const auto& [spu, h] : data.products) {
    const auto name = names.product_names.find(spu);
    p.table.rows.push_back({spu, name == names.product_names.end() ? std::string() : name->second, h.count() + h.outliers(),
                            static_cast<double>(h.percentile(0.5)), static_cast<double>(h.percentile(0.95))});
  }
  return p;
}

Panel cup_devices_panel(const CupData& data, const CupScope& scope) {
  char ratio[32];
  std::snprintf(ratio, sizeof ratio, "%.2f", scope.slow_ratio);
  Panel p{.id = "cup_devices", .title = "Per-cup making time by machine", .kind = PanelKind::kTable,
          .description = "Slow cups: over the fleet's per-cup p95 (" + std::to_string(data.fleet.percentile(0.95)) +
                         " s). Against the fleet: the machine's cup seconds over what the fleet takes on average for "
                         "the same products. Slow: at least " + std::string(ratio) + " times the fleet with at least " +
                         std::to_string(scope.min_cups) + " cups."};
  p.table.columns = {{"device_no", "Machine", ValueType::kText},
                     {"shop_id", "Store", ValueType::kInt},
                     {"machine_type", "Type", ValueType::kText},
                     {"cups", "Cups", ValueType::kInt},
                     {"p50_s", "p50", ValueType::kNumber, "", "s"},
                     {"p95_s", "p95", ValueType::kNumber, "", "s"},
                     {"slow_share", "Slow cups", ValueType::kRate},
                     {"vs_fleet", "Against the fleet", ValueType::kNumber, "", "x"},
                     {"slow", "Slow", ValueType::kText}};
  for (const CupDevice& d : data.devices) {
    const int64_t n = d.times.count();
    p.table.rows.push_back({d.device_no, d.shop_id, d.machine_type, n + d.times.outliers(),
                            static_cast<double>(d.times.percentile(0.5)), static_cast<double>(d.times.percentile(0.95)),
                            n > 0 ? Cell{static_cast<double>(d.slow_cups) / static_cast<double>(n)} : Cell{},
                            d.vs_fleet ? Cell{round3(*d.vs_fleet)} : Cell{}, std::string(d.slow ? "yes" : "no")});
  }
  return p;
}

Panel cup_devices_chart(const CupData& data, const CupScope& scope) {
  Panel p{.id = "cup_devices_chart", .title = "Machines: cup time against the fleet", .kind = PanelKind::kBar,
          .description = "The 30 machines slowest on their cups against the fleet on the same products (1 = the fleet); "
                         "those with at least " + std::to_string(scope.min_cups) + " cups."};
  std::vector<const CupDevice*> shown;
  for (const CupDevice& d : data.devices)
    if (d.vs_fleet && d.times.count() >= scope.min_cups) shown.push_back(&d);
  std::stable_sort(shown.begin(), shown.end(), [](const CupDevice* a, const CupDevice* b) { return *a->vs_fleet > *b->vs_fleet; });
  if (shown.size() > 30) shown.resize(30);
  p.series.x_label = "machine";
  Series s{.id = "vs_fleet", .label = "Cup time against the fleet", .type = ValueType::kNumber, .unit = "x"};
  for (const CupDevice* d : shown) {
    p.series.x.push_back(d->device_no);
    s.values.push_back(round3(*d->vs_fleet));
  }
  p.series.series = {s};
  return p;
}

}  // namespace luckyhub::production
