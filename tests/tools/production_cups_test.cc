// Per-cup times of the production-time tool on the shared simulation: the
// machines slow on their cups are exactly the planted one (which no ticket
// shows), a machine's and a product's per-cup percentiles are those of the
// raw cups sorted here, and the new parameters are checked.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "core/calendar.h"
#include "core/error.h"
#include "support/panel_columns.h"
#include "support/shared_sim.h"
#include "tools/registry.h"

namespace luckyhub {
namespace {

using testing::column;

const Report& cups_report() {
  static const Report report = [] {
    auto wh = testing::open_shared_warehouse();
    return run_tool(ToolRegistry::instance().get("production-time"), *wh, {});
  }();
  return report;
}

int64_t rank(const std::vector<int64_t>& sorted, double q) {
  return sorted[static_cast<size_t>(std::ceil(q * static_cast<double>(sorted.size()))) - 1];
}

// Every finished cup's making seconds by machine and by product, from t_commodity.
struct RawCups {
  std::map<std::string, std::vector<int64_t>> by_device;  // without the cups over 30 minutes
  std::map<std::string, int64_t> cups;                     // with them
  std::map<int64_t, std::vector<int64_t>> by_product;
  std::vector<int64_t> all;
};

const RawCups& raw_cups() {
  static const RawCups raw = [] {
    RawCups r;
    auto wh = testing::open_shared_warehouse();
    for (const Row row : wh->query("SELECT device_no, commodity_id, start_time, done_time FROM opproduction__t_commodity"
                                   " WHERE tenant = 'LKUS' AND status = 30 AND device_no IS NOT NULL"
                                   " AND start_time IS NOT NULL AND done_time IS NOT NULL")) {
      const int64_t s = Timestamp::parse(row.text("done_time")) - Timestamp::parse(row.text("start_time"));
      ++r.cups[row.text("device_no")];
      std::vector<int64_t>& product = r.by_product[row.integer("commodity_id")];
      if (s > 30 * 60) continue;
      product.push_back(s);
      r.by_device[row.text("device_no")].push_back(s);
      r.all.push_back(s);
    }
    for (auto& [k, v] : r.by_device) std::sort(v.begin(), v.end());
    for (auto& [k, v] : r.by_product) std::sort(v.begin(), v.end());
    std::sort(r.all.begin(), r.all.end());
    return r;
  }();
  return raw;
}

TEST(ProductionCupsGroundTruth, SlowMachinesAreExactlyThePlantedOne) {
  std::set<std::string> planted, found;
  for (const auto& item : testing::shared_sim().truth["anomalies"]["slow_cup_device"]["items"])
    planted.insert(item["device_no"].get<std::string>());
  ASSERT_EQ(planted.size(), 1u);
  const Panel& p = *cups_report().panel("cup_devices");
  for (const auto& row : p.table.rows)
    if (std::get<std::string>(row[column(p, "slow")]) == "yes") found.insert(std::get<std::string>(row[column(p, "device_no")]));
  EXPECT_EQ(found, planted);  // precision and recall 1.0
  // The chart leads with it.
  const Panel& chart = *cups_report().panel("cup_devices_chart");
  ASSERT_FALSE(chart.series.x.empty());
  EXPECT_EQ(chart.series.x.front(), *planted.begin());
}

// Every machine's cups, p50, p95 and slow-cup share against the raw cups;
// every product's p50 and p95.
TEST(ProductionCupsGroundTruth, PercentilesEqualADirectComputation) {
  const RawCups& raw = raw_cups();
  const int64_t fleet_p95 = rank(raw.all, 0.95);
  const Panel& p = *cups_report().panel("cup_devices");
  ASSERT_EQ(p.table.rows.size(), raw.cups.size());
  for (const auto& row : p.table.rows) {
    const std::string no = std::get<std::string>(row[column(p, "device_no")]);
    EXPECT_EQ(std::get<int64_t>(row[column(p, "cups")]), raw.cups.at(no)) << no;
    if (!raw.by_device.count(no)) continue;
    const std::vector<int64_t>& t = raw.by_device.at(no);
    EXPECT_EQ(std::get<double>(row[column(p, "p50_s")]), static_cast<double>(rank(t, 0.5))) << no;
    EXPECT_EQ(std::get<double>(row[column(p, "p95_s")]), static_cast<double>(rank(t, 0.95))) << no;
    const auto slow = std::count_if(t.begin(), t.end(), [&](int64_t s) { return s > fleet_p95; });
    EXPECT_NEAR(std::get<double>(row[column(p, "slow_share")]), static_cast<double>(slow) / static_cast<double>(t.size()), 1e-12) << no;
  }
  const Panel& products = *cups_report().panel("cup_products");
  ASSERT_EQ(products.table.rows.size(), raw.by_product.size());
  for (const auto& row : products.table.rows) {
    const std::vector<int64_t>& t = raw.by_product.at(std::get<int64_t>(row[column(products, "spu_id")]));
    if (t.empty()) continue;
    EXPECT_EQ(std::get<double>(row[column(products, "p50_s")]), static_cast<double>(rank(t, 0.5)));
    EXPECT_EQ(std::get<double>(row[column(products, "p95_s")]), static_cast<double>(rank(t, 0.95)));
  }
}

TEST(ProductionCupsParams, BadParametersAreRefused) {
  auto wh = testing::open_shared_warehouse();
  const Tool& tool = ToolRegistry::instance().get("production-time");
  for (const auto& [name, value] : std::vector<std::pair<std::string, std::string>>{
           {"slow_cup_ratio", "1"}, {"slow_cup_ratio", "x"}, {"min_cups", "0"}}) {
    EXPECT_THROW(run_tool(tool, *wh, {{name, value}}), Error) << name << "=" << value;
  }
}

}  // namespace
}  // namespace luckyhub
