// The stores tool (Tool 13): the trajectory's OLS slope and interval on
// hand-made points and on a tiny warehouse with known weekly orders; the KPIs
// and the figures against peers there; on the shared simulation the planted
// cannibalisation and missed days found with precision and recall 1.0, every
// store's KPIs equal to direct SQL over the source tables, the alert rule,
// the store page and the parameters.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <set>

#include "core/error.h"
#include "server/http_client.h"
#include "server/http_server.h"
#include "support/panel_columns.h"
#include "support/shared_sim.h"
#include "support/tiny_warehouse.h"
#include "tools/registry.h"
#include "tools/stores/stores.h"

namespace luckyhub {
namespace {

using testing::column;

const Cell& cell(const Panel& p, int64_t store_id, const std::string& id) {
  for (const auto& row : p.table.rows) {
    if (std::get<int64_t>(row[column(p, "store_id")]) == store_id) return row[column(p, id)];
  }
  throw Error("no store " + std::to_string(store_id) + " in " + p.id);
}

// x = 0..4, y = 1 3 2 5 4: slope 8/10, intercept 3 - 1.6; residuals -0.4 0.8
// -1 1.2 -0.6 (Σe² 3.6); se = √(3.6 / 3 / 10); t(3) = 3.182.
TEST(StoresMath, OlsSlopeAndItsInterval) {
  const stores::Slope s = stores::ols({0, 1, 2, 3, 4}, {1, 3, 2, 5, 4});
  EXPECT_NEAR(s.slope, 0.8, 1e-12);
  EXPECT_NEAR(s.intercept, 1.4, 1e-12);
  const double half = 3.182 * std::sqrt(3.6 / 3 / 10);
  EXPECT_NEAR(*s.low, 0.8 - half, 1e-9);
  EXPECT_NEAR(*s.high, 0.8 + half, 1e-9);
  EXPECT_EQ(stores::trend_of(s), stores::Trend::kFlat);
  EXPECT_FALSE(stores::ols({0, 1}, {1, 2}).low);  // two points: no interval
  EXPECT_EQ(stores::trend_of(stores::ols({0, 1}, {1, 2})), stores::Trend::kUnknown);
  EXPECT_DOUBLE_EQ(stores::student_t975(1), 12.706);
  EXPECT_DOUBLE_EQ(stores::student_t975(1000), 1.96);
}

TEST(StoresMath, DistanceBetweenStores) {
  stores::Store a{.latitude = 40.7481, .longitude = -73.9884}, b{.latitude = 40.7507, .longitude = -73.9870};
  // 0.0026° of latitude (0.289 km) and 0.0014° of longitude at 40.75° (0.118 km).
  EXPECT_NEAR(stores::distance_km(a, b), std::hypot(0.0026 * 111.195, 0.0014 * 111.195 * std::cos(40.749 * M_PI / 180)),
              0.001);
}

// Three stores opened 2026-01-01 (a Thursday), as-of 2026-01-29: four weeks.
// Each is scheduled open 20 half-hours a day (10 h) for app pickup. Paid
// orders of $5.00 on each week's Thursday: store 1 10 12 14 16 (+2 a week,
// exactly), store 2 20 17 14 11 (-3), store 3 10 30 10 30 (slope 4, but
// an interval of ±4.303 x √(320 / 2 / 5)). An unpaid order and an LKNZ order
// count nowhere.
class StoresTiny : public ::testing::Test {
 protected:
  void SetUp() override {
    tiny_ = std::make_unique<testing::TinyWarehouse>("2026-01-01", "2026-01-29");
    const int64_t weekly[3][4] = {{10, 12, 14, 16}, {20, 17, 14, 11}, {10, 30, 10, 30}};
    const double lat[3] = {40.75, 40.751, 40.80};
    int64_t slot = 0, order = 0;
    for (int64_t s = 1; s <= 3; ++s) {
      tiny_->add("luckyus_opshop", "t_shop_info",
                 {{"id", s}, {"tenant", "LKUS"}, {"shop_no", "US000" + std::to_string(s)},
                  {"shop_name", "Luckin Coffee Test " + std::to_string(s)}, {"latitude", lat[s - 1]},
                  {"longitude", -73.99}, {"open_date", "2026-01-01"}});
      for (Date d = Date::parse("2026-01-01"); d < Date::parse("2026-01-29"); ++d) {
        for (int k = 0; k < 22; ++k) {
          tiny_->add("luckyus_opshop", "t_shop_opening_time",
                     {{"id", ++slot}, {"tenant", "LKUS"}, {"shop_id", s}, {"biz_date", d.str()},
                      {"business_type", int64_t{k < 21 ? 1 : 2}}, {"is_open", int64_t{k < 20 ? 1 : 0}}});
        }
      }
      for (int w = 0; w < 4; ++w) {
        const std::string day = (Date::parse("2026-01-01") + 7 * w).str();
        for (int64_t i = 0; i < weekly[s - 1][w]; ++i) add_order(++order, s, "LKUS", 40, day + " 17:00:00");
      }
    }
    add_order(++order, 1, "LKUS", 10, "2026-01-02 17:00:00");
    add_order(++order, 1, "LKNZ", 40, "2026-01-02 17:00:00");
    wh_ = tiny_->open();
  }

  void add_order(int64_t id, int64_t shop, const std::string& tenant, int64_t status, const std::string& time) {
    tiny_->add("luckyus_sales_order", "t_order",
               {{"id", id}, {"tenant", tenant}, {"order_no", "O" + std::to_string(id)}, {"shop_id", shop},
                {"currency_code", "USD"}, {"status", status}, {"pay_money", int64_t{500}}, {"create_time", time},
                {"pay_time", status == 10 ? SqlValue{} : SqlValue{time}}});
  }

  Report run(std::map<std::string, std::string> params) {
    return run_tool(ToolRegistry::instance().get("stores"), *wh_, params);
  }

  std::unique_ptr<testing::TinyWarehouse> tiny_;
  std::unique_ptr<Warehouse> wh_;
};

TEST_F(StoresTiny, TrajectoryHasTheKnownSlopes) {
  const Report r = run({{"trend_weeks", "4"}});
  const Panel& t = *r.panel("trajectory");
  EXPECT_EQ(std::get<int64_t>(cell(t, 1, "weeks")), 4);
  EXPECT_DOUBLE_EQ(std::get<double>(cell(t, 1, "slope")), 2.0);
  EXPECT_DOUBLE_EQ(std::get<double>(cell(t, 1, "low")), 2.0);  // on a line: no residual
  EXPECT_EQ(std::get<std::string>(cell(t, 1, "trend")), "improving");
  EXPECT_DOUBLE_EQ(std::get<double>(cell(t, 2, "slope")), -3.0);
  EXPECT_EQ(std::get<std::string>(cell(t, 2, "trend")), "declining");
  const double half = 4.303 * std::sqrt(320.0 / 2 / 5);
  EXPECT_DOUBLE_EQ(std::get<double>(cell(t, 3, "slope")), 4.0);
  EXPECT_DOUBLE_EQ(std::get<double>(cell(t, 3, "low")), std::round((4 - half) * 10) / 10);
  EXPECT_DOUBLE_EQ(std::get<double>(cell(t, 3, "high")), std::round((4 + half) * 10) / 10);
  EXPECT_EQ(std::get<std::string>(cell(t, 3, "trend")), "flat");
}

// Store 1: 52 paid orders in 28 days of 10 scheduled hours; the other two
// took 62 and 80 on the same days since opening and weekdays: its peers' mean
// is 71, its index 52/71, under the red 0.75. It traded on 4 of 28 days.
TEST_F(StoresTiny, KpisAgainstPeersAndTheirLights) {
  const Report r = run({});
  const Panel& k = *r.panel("kpis");
  EXPECT_EQ(std::get<int64_t>(cell(k, 1, "orders")), 52);
  EXPECT_DOUBLE_EQ(std::get<double>(cell(k, 1, "open_hours")), 280.0);
  EXPECT_DOUBLE_EQ(std::get<double>(cell(k, 1, "orders_per_hour")), std::round(52.0 / 280 * 100) / 100);
  EXPECT_EQ(std::get<int64_t>(cell(k, 1, "revenue_per_hour")), std::llround(52.0 * 500 / 280));
  EXPECT_DOUBLE_EQ(std::get<double>(cell(k, 1, "orders_vs_peers")), std::round(52.0 / 71 * 1e4) / 1e4);
  EXPECT_DOUBLE_EQ(std::get<double>(cell(k, 3, "orders_vs_peers")), std::round(80.0 / 57 * 1e4) / 1e4);
  EXPECT_DOUBLE_EQ(std::get<double>(cell(k, 1, "compliance")), std::round(4.0 / 28 * 1e4) / 1e4);
  EXPECT_EQ(std::get<std::string>(cell(k, 1, "status")), "red");
  std::set<std::string> red;
  for (const Alert& a : r.panel("alerts")->alerts) red.insert(a.title);
  EXPECT_TRUE(red.contains("StoreKpiRed: store 1 orders_per_hour")) << ::testing::PrintToString(red);
  EXPECT_FALSE(red.contains("StoreKpiRed: store 3 orders_per_hour"));
  // Raising the red bound of compliance to 0 clears that light.
  const Report lenient = run({{"compliance_red", "0"}, {"compliance_yellow", "0"}});
  for (const Alert& a : lenient.panel("alerts")->alerts) EXPECT_EQ(a.title.find("compliance"), std::string::npos);
}

// ---- The shared simulation ----

const Report& shared_report(const std::map<std::string, std::string>& params = {}) {
  static std::map<std::map<std::string, std::string>, Report> reports;
  auto it = reports.find(params);
  if (it == reports.end()) {
    auto wh = testing::open_shared_warehouse();
    it = reports.emplace(params, run_tool(ToolRegistry::instance().get("stores"), *wh, params)).first;
  }
  return it->second;
}

const nlohmann::json& items(const std::string& kind) {
  return testing::shared_sim().truth["anomalies"][kind]["items"];
}

TEST(StoresGroundTruth, CannibalisationIsExactlyThePlantedOne) {
  std::set<std::pair<int64_t, int64_t>> planted, found;
  for (const auto& i : items("store_cannibalisation")) planted.insert({i["opened_shop_id"].get<int64_t>(), i["shop_id"].get<int64_t>()});
  ASSERT_EQ(planted.size(), 1u);
  const Panel& p = *shared_report().panel("cannibalisation");
  EXPECT_GE(p.table.rows.size(), 3u);  // the other nearby stores are judged too
  for (const auto& row : p.table.rows) {
    if (std::get<std::string>(row[column(p, "cannibalised")]) != "yes") continue;
    found.insert({std::get<int64_t>(row[column(p, "opened_id")]), std::get<int64_t>(row[column(p, "store_id")])});
    EXPECT_LE(std::get<double>(row[column(p, "change")]), -0.1);
    EXPECT_GT(std::get<double>(row[column(p, "lost_orders")]), 0);
  }
  EXPECT_EQ(found, planted);
}

TEST(StoresGroundTruth, MissedDaysAreExactlyThePlantedOnes) {
  std::set<std::pair<int64_t, std::string>> planted, found;
  for (const auto& i : items("store_closed_day")) planted.insert({i["shop_id"].get<int64_t>(), i["day"].get<std::string>()});
  ASSERT_EQ(planted.size(), 4u);
  const Panel& p = *shared_report().panel("missed_days");
  for (const auto& row : p.table.rows) {
    found.insert({std::get<int64_t>(row[column(p, "store_id")]), std::get<std::string>(row[column(p, "day")])});
  }
  EXPECT_EQ(found, planted);
}

// The window: the 28 New York days before as-of 2026-02-13 (EST, UTC-5).
const char* kFromDay = "2026-01-16";
const char* kToDay = "2026-02-13";
const char* kFromUtc = "2026-01-16 05:00:00";
const char* kToUtc = "2026-02-13 05:00:00";

double sql_number(Warehouse& wh, const std::string& sql, int64_t shop) {
  return wh.query(sql, {shop}).row(0).number("v");
}

TEST(StoresGroundTruth, KpisEqualDirectSql) {
  auto wh = testing::open_shared_warehouse();
  const Panel& p = *shared_report().panel("kpis");
  ASSERT_EQ(p.table.rows.size(), 10u);
  const std::string window = std::string(" AND create_time >= '") + kFromUtc + "' AND create_time < '" + kToUtc + "'";
  for (int64_t shop = 1; shop <= 10; ++shop) {
    const double orders = sql_number(*wh, "SELECT COUNT(*) AS v FROM sales_order__t_order WHERE tenant = 'LKUS'"
                                          " AND status IN (20, 30, 40, 60) AND shop_id = ?" + window, shop);
    const double cents = sql_number(*wh, "SELECT COALESCE(SUM(pay_money), 0) AS v FROM sales_order__t_order WHERE"
                                         " tenant = 'LKUS' AND status IN (20, 30, 40, 60) AND shop_id = ?" + window, shop);
    const double hours = sql_number(*wh, std::string("SELECT COALESCE(SUM(is_open), 0) / 2.0 AS v FROM"
                                         " opshop__t_shop_opening_time WHERE tenant = 'LKUS' AND business_type = 1"
                                         " AND shop_id = ? AND biz_date >= '") + kFromDay + "' AND biz_date < '" + kToDay + "'", shop);
    EXPECT_EQ(std::get<int64_t>(cell(p, shop, "orders")), static_cast<int64_t>(orders)) << shop;
    EXPECT_DOUBLE_EQ(std::get<double>(cell(p, shop, "open_hours")), std::round(hours * 10) / 10) << shop;
    EXPECT_DOUBLE_EQ(std::get<double>(cell(p, shop, "orders_per_hour")), std::round(orders / hours * 100) / 100) << shop;
    EXPECT_EQ(std::get<int64_t>(cell(p, shop, "revenue_per_hour")), std::llround(cents / hours)) << shop;
    const double production = sql_number(
        *wh, std::string("SELECT AVG(s) AS v FROM (SELECT (julianday(done_time) - julianday(accept_time)) * 86400 AS s"
                         " FROM opproduction__t_production WHERE tenant = 'LKUS' AND shop_id = ? AND done_time IS NOT NULL"
                         " AND status <> 50 AND accept_time >= '") + kFromUtc + "' AND accept_time < '" + kToUtc +
                 "') WHERE s >= -0.5 AND s <= 1800.5", shop);
    EXPECT_NEAR(std::get<double>(cell(p, shop, "production_s")), production, 0.051) << shop;
    const double stock_outs = sql_number(
        *wh, "SELECT COUNT(*) AS v FROM (SELECT SUM(stock_qty) AS q, MAX(safety_stock) AS ss FROM"
             " scm_shopstock__t_shop_goods_stock WHERE tenant = 'LKUS' AND shop_id = ? GROUP BY goods_id) WHERE 2 * q < ss",
        shop);
    EXPECT_EQ(std::get<int64_t>(cell(p, shop, "stock_outs")), static_cast<int64_t>(stock_outs)) << shop;
    const double scheduled = sql_number(
        *wh, std::string("SELECT COUNT(DISTINCT biz_date) AS v FROM opshop__t_shop_opening_time WHERE tenant = 'LKUS'"
                         " AND business_type = 1 AND is_open = 1 AND shop_id = ? AND biz_date >= '") + kFromDay +
                 "' AND biz_date < '" + kToDay + "'", shop);
    const double traded = sql_number(
        *wh, std::string("SELECT COUNT(DISTINCT date(create_time, '-5 hours')) AS v FROM sales_order__t_order"
                         " WHERE tenant = 'LKUS' AND status IN (20, 30, 40, 60) AND shop_id = ?") + window, shop);
    EXPECT_DOUBLE_EQ(std::get<double>(cell(p, shop, "compliance")), std::round(traded / scheduled * 1e4) / 1e4) << shop;
  }
  // The planted store-outs of inventory are out of stock here too.
  for (const auto& i : items("stockout_risk")) {
    EXPECT_GE(std::get<int64_t>(cell(p, i["shop_id"].get<int64_t>(), "stock_outs")), 1) << i.dump();
  }
}

TEST(StoresAlerts, MissedDaysTurnComplianceRedAndFire) {
  auto wh = testing::open_shared_warehouse();
  const stores::Scope scope = stores::scope_of(*wh, Params::parse(stores::store_params(), {}));
  const auto signals = stores::store_signals(stores::assess(stores::read_stores(*wh, scope), scope), scope);
  std::set<std::string> compliance;
  for (const alerts::Signal& s : signals) {
    EXPECT_EQ(s.rule, "StoreKpiRed");
    EXPECT_FALSE(s.summary.empty());
    if (s.object == "compliance") {
      compliance.insert(s.instance);
      EXPECT_LT(s.value, s.threshold);
    }
  }
  std::set<std::string> planted;
  for (const auto& i : items("store_closed_day")) {
    if (i["day"].get<std::string>() >= kFromDay) planted.insert(std::to_string(i["shop_id"].get<int64_t>()));
  }
  ASSERT_FALSE(planted.empty());
  EXPECT_EQ(compliance, planted);
}

TEST(StoresPage, ShowsOneStoresHoursQueueMachinesAndStockOuts) {
  const Report& r = shared_report({{"store", "1"}});
  ASSERT_NE(r.panel("store"), nullptr);
  EXPECT_EQ(r.panel("grid"), nullptr);
  auto wh = testing::open_shared_warehouse();
  int64_t orders = 0;
  for (const Cell& c : r.panel("hourly_orders")->series.series.at(0).values) orders += std::get<int64_t>(c);
  EXPECT_EQ(orders, static_cast<int64_t>(sql_number(
                        *wh, std::string("SELECT COUNT(*) AS v FROM sales_order__t_order WHERE tenant = 'LKUS' AND"
                                         " status IN (20, 30, 40, 60) AND shop_id = ? AND create_time >= '") +
                                 kFromUtc + "' AND create_time < '" + kToUtc + "'",
                        1)));
  EXPECT_FALSE(r.panel("queue")->series.x.empty());
  EXPECT_EQ(static_cast<double>(r.panel("machines")->table.rows.size()),
            sql_number(*wh, "SELECT COUNT(*) AS v FROM iot_platform__t_device WHERE tenant = 'LKUS' AND shop_id = ?", 1));
  EXPECT_NE(r.panel("stock_outs"), nullptr);
  EXPECT_THROW(run_tool(ToolRegistry::instance().get("stores"), *wh, {{"store", "99"}}), Error);
}

TEST(StoresParams, BadParametersAreRefused) {
  auto wh = testing::open_shared_warehouse();
  const Tool& tool = ToolRegistry::instance().get("stores");
  for (const auto& [name, value] : std::vector<std::pair<std::string, std::string>>{
           {"weeks", "0"}, {"weeks", "x"}, {"radius_km", "-1"}, {"index_red", "abc"}, {"store", "-1"},
           {"uptime_red", "2"}, {"min_drop", "0"}, {"trend_weeks", "2"}, {"nonsense", "1"}}) {
    EXPECT_THROW(run_tool(tool, *wh, {{name, value}}), Error) << name << "=" << value;
  }
}

TEST(StoresCli, BadParameterIsOneErrorLine) {
  std::string err;
  const int rc = testing::run_luckyhub(
      "report stores --warehouse " + testing::shared_sim().warehouse_path + " --param uptime_red=5", nullptr, &err);
  EXPECT_NE(rc, 0);
  EXPECT_EQ(std::count(err.begin(), err.end(), '\n'), 1) << err;
  EXPECT_NE(err.find("uptime_red"), std::string::npos) << err;
}

// The thresholds file: the documented defaults run; a bad value in a file is
// one error line naming it; --param overrides the file.
TEST(StoresCli, ThresholdsFromAParametersFile) {
  const std::string base = "report stores --format json --warehouse " + testing::shared_sim().warehouse_path;
  std::string out, err;
  ASSERT_EQ(testing::run_luckyhub(base + " --params " + LUCKYHUB_SOURCE_DIR + "/docs/stores-thresholds.example.toml",
                                  &out, &err), 0) << err;
  std::string defaults;
  ASSERT_EQ(testing::run_luckyhub(base, &defaults, &err), 0) << err;
  EXPECT_EQ(out, defaults);  // the example file holds the compiled-in defaults
  const std::string file = testing::temp_dir() + "/thresholds.toml";
  std::ofstream(file) << "uptime_red = 5\n";
  EXPECT_NE(testing::run_luckyhub(base + " --params " + file, nullptr, &err), 0);
  EXPECT_EQ(std::count(err.begin(), err.end(), '\n'), 1) << err;
  EXPECT_NE(err.find("uptime_red"), std::string::npos) << err;
  EXPECT_EQ(testing::run_luckyhub(base + " --params " + file + " --param uptime_red=0.9", &out, &err), 0) << err;
  std::ofstream(file) << "compliance_red = 1.0\ncompliance_yellow = 1.0\n";
  ASSERT_EQ(testing::run_luckyhub(base + " --params " + file, &out, &err), 0) << err;
  EXPECT_NE(out, defaults);
  std::ofstream(file) << "uptime_red = \n";
  EXPECT_NE(testing::run_luckyhub(base + " --params " + file, nullptr, &err), 0);
  EXPECT_EQ(std::count(err.begin(), err.end(), '\n'), 1) << err;
  EXPECT_NE(err.find("thresholds.toml:1"), std::string::npos) << err;
}

TEST(StoresApi, BadParameterIs400) {
  server::ServerOptions options;
  options.port = 0;
  server::HttpServer server(options, testing::shared_sim().warehouse_path);
  server.start();
  const testing::HttpReply bad = testing::http_get(server.port(), "/api/reports/stores?radius_km=far");
  EXPECT_EQ(bad.status, 400) << bad.body;
  EXPECT_NE(bad.body.find("radius_km"), std::string::npos) << bad.body;
  EXPECT_EQ(testing::http_get(server.port(), "/api/reports/stores?store=x").status, 400);
}

}  // namespace
}  // namespace luckyhub
