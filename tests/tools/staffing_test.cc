// staffing on a hand-made warehouse: demand from the freshest forecast and
// from paid orders where none exists, work per order by product mix, Erlang
// staff per hour, actual staff saved and judged, a same-day spike, bad
// parameters and bad actual-staff bodies refused; and on the shared
// simulation, where nothing spikes.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "core/error.h"
#include "support/shared_sim.h"
#include "support/tiny_warehouse.h"
#include "tools/registry.h"
#include "tools/staffing/staffing.h"
#include "tools/staffing/staffing_actuals.h"

namespace luckyhub {
namespace {

using testing::TinyWarehouse;

// As-of Thursday 15 January 2026; the week of Monday the 12th.
class StaffingTest : public ::testing::Test {
 protected:
  void SetUp() override {
    wh_ = std::make_unique<TinyWarehouse>("2026-01-01", "2026-01-15");
    shop(1, "LKUS", "Store One");
    shop(2, "LKUS", "Store Two");
    shop(3, "LKNZ", "Test Store");
    // Store 1: two tickets with three items of product 7 (100 s, 200 s, and
    // one of 4000 s left out of the benchmark, though it is work): 3 x 150 / 2 = 225 s per order.
    ticket(1, 1), ticket(2, 1);
    item(1, 1, 1, 7, 100), item(2, 1, 1, 7, 200), item(3, 2, 1, 7, 4000);
    // Store 2: one ticket, one item of product 8 (300 s).
    ticket(3, 2), item(4, 3, 2, 8, 300);
    // Store 1, Monday 10:00: versions 7, 1 and 0 days ahead; the freshest (30) counts.
    forecast(1, 1, "2026-01-12", 10, 7, 40), forecast(2, 1, "2026-01-12", 10, 1, 32), forecast(3, 1, "2026-01-12", 10, 0, 30);
    // Wednesday the 14th (the last day before as-of) at 09:00: store 1 gets 20
    // paid orders against a same-morning forecast of 10; store 2 gets 12 against 10.
    forecast(4, 1, "2026-01-14", 9, 0, 10), forecast(5, 2, "2026-01-14", 9, 0, 10);
    int64_t id = 0;
    for (int i = 0; i < 20; ++i) order(++id, 1, 20, "2026-01-14 14:10:00");  // 09:10 New York
    for (int i = 0; i < 12; ++i) order(++id, 2, 40, "2026-01-14 14:20:00");
    // Tuesday the 13th at 11:00, no forecast: 3 paid orders stand in (a cancelled one does not count).
    for (int i = 0; i < 3; ++i) order(++id, 1, 40, "2026-01-13 16:05:00");
    order(++id, 1, 50, "2026-01-13 16:06:00");
    warehouse_ = wh_->open();
  }

  void shop(int64_t id, const std::string& tenant, const std::string& name) {
    wh_->add("luckyus_opshop", "t_shop_info", {{"id", id}, {"tenant", tenant}, {"shop_no", "US" + std::to_string(id)},
                                                {"shop_name", name}});
  }
  void ticket(int64_t id, int64_t shop) {
    wh_->add("luckyus_opproduction", "t_production",
             {{"id", id}, {"tenant", "LKUS"}, {"production_no", "P" + std::to_string(id)}, {"order_no", "X"},
              {"shop_id", shop}, {"cup_count", int64_t{1}}, {"status", int64_t{40}},
              {"accept_time", "2026-01-10 15:00:00"}, {"done_time", "2026-01-10 15:10:00"}});
  }
  void item(int64_t id, int64_t ticket, int64_t shop, int64_t product, int64_t seconds) {
    const Timestamp start = Timestamp::parse("2026-01-10 15:00:00");
    wh_->add("luckyus_opproduction", "t_commodity",
             {{"id", id}, {"tenant", "LKUS"}, {"production_id", ticket}, {"order_no", "X"}, {"shop_id", shop},
              {"commodity_id", product}, {"commodity_name", "Latte"}, {"status", int64_t{30}},
              {"start_time", start.str()}, {"done_time", (start + seconds).str()}});
  }
  void forecast(int64_t id, int64_t shop, const std::string& day, int64_t hour, int64_t lead, int64_t orders) {
    wh_->add("luckyus_ireplenishment", "t_order_predict_alg_v2",
             {{"id", id}, {"tenant", "LKUS"}, {"shop_id", shop}, {"pred_date", day}, {"pred_hour", hour},
              {"lead_days", lead}, {"predict_order_cnt", orders}, {"predict_cup_cnt", orders},
              {"alg_version", "v2.4.1"}, {"create_time", "2026-01-01 08:00:00"}, {"update_time", "2026-01-01 08:00:00"}});
  }
  void order(int64_t id, int64_t shop, int64_t status, const std::string& paid) {
    wh_->add("luckyus_sales_order", "t_order",
             {{"id", id}, {"tenant", "LKUS"}, {"order_no", "O" + std::to_string(id)}, {"shop_id", shop},
              {"currency_code", "USD"}, {"status", status}, {"pay_money", int64_t{449}}, {"pay_time", paid}});
  }

  Report run(std::map<std::string, std::string> params = {}) {
    return run_tool(ToolRegistry::instance().get("staffing"), *warehouse_, params);
  }

  std::unique_ptr<TinyWarehouse> wh_;
  std::unique_ptr<Warehouse> warehouse_;
};

const std::vector<Cell>& hour_row(const Report& r, const std::string& day, const std::string& hour) {
  for (const auto& row : r.panel("hours")->table.rows)
    if (std::get<std::string>(row[0]) == day && std::get<std::string>(row[1]) == hour) return row;
  throw std::runtime_error("no row " + day + " " + hour);
}

const KpiTile& tile(const Report& r, const std::string& id) {
  for (const KpiTile& k : r.panel("summary")->kpis)
    if (k.id == id) return k;
  throw std::runtime_error("no tile " + id);
}

// 30 orders/h x 225 s = 1.875 Erlangs. 3 agents: C = 0.3874, SL(120 s) =
// 1 − C·e^(−1.125·120/225) = 0.787 < 0.8; 4 agents: 0.953. Positions 4 / 0.85 → 5.
TEST_F(StaffingTest, FreshestForecastToStaffByProductMix) {
  const Report r = run();
  EXPECT_NEAR(std::get<double>(tile(r, "aht").value), 225, 1e-9);
  const auto& row = hour_row(r, "2026-01-12", "10:00");
  EXPECT_EQ(std::get<double>(row[2]), 30);
  EXPECT_EQ(std::get<std::string>(row[3]), "forecast, 0 d ahead");
  EXPECT_NEAR(std::get<double>(row[5]), 1.875, 1e-12);
  EXPECT_EQ(std::get<int64_t>(row[6]), 4);
  EXPECT_EQ(std::get<int64_t>(row[7]), 5);
  EXPECT_NEAR(std::get<double>(row[9]), 0.953424, 5e-7);
  // +20%: 36 orders, 2.25 Erlangs: still 4 agents (SL 0.905), 5 positions.
  EXPECT_EQ(std::get<int64_t>(row[10]), 5);
}

// 10:00 is an open hour (Monday has demand): Tuesday's 10:00, with none, keeps min_staff.
TEST_F(StaffingTest, AnOpenHourWithoutDemandKeepsTheMinimumStaff) {
  EXPECT_EQ(std::get<int64_t>(hour_row(run(), "2026-01-13", "10:00")[7]), 1);
  EXPECT_EQ(std::get<int64_t>(hour_row(run({{"min_staff", "2"}}), "2026-01-13", "10:00")[7]), 2);
  EXPECT_EQ(std::get<int64_t>(hour_row(run({{"min_staff", "0"}}), "2026-01-13", "10:00")[7]), 0);
  EXPECT_EQ(std::get<int64_t>(hour_row(run({{"min_staff", "2"}}), "2026-01-12", "10:00")[7]), 5);
}

TEST_F(StaffingTest, PaidOrdersStandInWhereNoForecastExists) {
  const Report r = run();
  const auto& row = hour_row(r, "2026-01-13", "11:00");
  EXPECT_EQ(std::get<double>(row[2]), 3);
  EXPECT_EQ(std::get<std::string>(row[3]), "paid orders (no forecast)");
  EXPECT_EQ(std::get<int64_t>(row[4]), 3);
  EXPECT_NE(tile(r, "orders").note.find("1 hours on paid orders"), std::string::npos) << tile(r, "orders").note;
}

TEST_F(StaffingTest, OnlyTheStoreAboveItsForecastSpikes) {
  const staffing::WeekData data = staffing::read_week(*warehouse_, Date::parse("2026-01-12"));
  const std::vector<alerts::Signal> spikes = staffing::demand_spikes(data.stores, Date::parse("2026-01-14"), 0.3, 5);
  ASSERT_EQ(spikes.size(), 1u);
  EXPECT_EQ(spikes[0].rule, "DemandSpike");
  EXPECT_EQ(spikes[0].instance, "1");
  EXPECT_DOUBLE_EQ(spikes[0].value, 1.0);
  EXPECT_DOUBLE_EQ(spikes[0].threshold, 0.3);
  EXPECT_NE(spikes[0].summary.find("20 paid orders on 2026-01-14 against 10"), std::string::npos) << spikes[0].summary;
  // 10 over is under a 20-order minimum; +100% is under a 150% threshold.
  EXPECT_TRUE(staffing::demand_spikes(data.stores, Date::parse("2026-01-14"), 0.3, 20).empty());
  EXPECT_TRUE(staffing::demand_spikes(data.stores, Date::parse("2026-01-14"), 1.5, 5).empty());
  const Report r = run();
  const Panel& alerts = *r.panel("alerts");
  ASSERT_EQ(alerts.alerts.size(), 1u);
  EXPECT_EQ(alerts.alerts[0].title, "Demand spike at store 1");
}

TEST_F(StaffingTest, ActualStaffIsSavedAndJudged) {
  staffing::ActualWeek week{.shop_id = 1, .week = Date::parse("2026-01-12"), .staff = std::vector<std::optional<int>>(168)};
  week.staff[10] = 4;  // Monday 10:00: 4 of 5 positions, the 4 agents: tight
  week.staff[24 + 11] = 0;  // Tuesday 11:00: nobody for 1 agent: under-staffed
  staffing::save_actual_week(*warehouse_, week);
  Report r = run();
  EXPECT_EQ(std::get<std::string>(hour_row(r, "2026-01-12", "10:00")[12]), "yellow");
  EXPECT_EQ(std::get<std::string>(hour_row(r, "2026-01-13", "11:00")[12]), "red");
  EXPECT_EQ(std::get<int64_t>(tile(r, "hours_red").value), 1);
  // A second PUT replaces the week: 5 at Monday 10:00 is well staffed, Tuesday is cleared.
  week.staff.assign(168, std::nullopt);
  week.staff[10] = 5;
  staffing::save_actual_week(*warehouse_, week);
  r = run();
  EXPECT_EQ(std::get<std::string>(hour_row(r, "2026-01-12", "10:00")[12]), "green");
  EXPECT_TRUE(std::holds_alternative<std::monostate>(hour_row(r, "2026-01-13", "11:00")[12]));
}

TEST_F(StaffingTest, BadActualStaffBodiesAreRefused) {
  auto refused = [&](const std::string& body, const std::string& reason) {
    try {
      staffing::parse_actual_week(*warehouse_, body);
      ADD_FAILURE() << "accepted: " << body;
    } catch (const Error& e) {
      EXPECT_NE(std::string(e.what()).find(reason), std::string::npos) << e.what();
    }
  };
  const std::string good_grid = "[" + [] {
    std::string days;
    for (int d = 0; d < 7; ++d) {
      days += d ? ",[" : "[";
      for (int h = 0; h < 24; ++h) days += h ? ",1" : "1";
      days += "]";
    }
    return days;
  }() + "]";
  EXPECT_EQ(staffing::parse_actual_week(*warehouse_, R"({"store":1,"week":"2026-01-12","staff":)" + good_grid + "}")
                .staff.size(),
            168u);
  refused(R"({"store":1,"week":"2026-01-12","staff":[[1]]})", "7 days (Monday first) of 24 hours");
  std::string negative = good_grid;
  negative.replace(negative.find("1"), 1, "-1");
  refused(R"({"store":1,"week":"2026-01-12","staff":)" + negative + "}", "whole number of people from 0 to 99");
  refused(R"({"store":3,"week":"2026-01-12","staff":)" + good_grid + "}", "store 3 is not a US store");
  refused(R"({"store":99,"week":"2026-01-12","staff":)" + good_grid + "}", "store 99 is not a US store");
  refused(R"({"store":1,"week":"2026-01-13","staff":)" + good_grid + "}", "2026-01-13 is not a Monday");
  refused(R"({"store":1,"week":"2027-01-11","staff":)" + good_grid + "}", "outside the warehouse's data");
  refused("not json", "not JSON");
  refused(std::string(20000, ' '), "over 16384 bytes");
}

TEST_F(StaffingTest, BadParametersAreOneError) {
  EXPECT_THROW(run({{"week", "2026-01-13"}}), Error);
  EXPECT_THROW(run({{"service_level", "1.5"}}), Error);
  EXPECT_THROW(run({{"store", "3"}}), Error);
  try {
    run({{"week", "2026-01-13"}});
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()), "week: 2026-01-13 is not a Monday");
  }
}

TEST(StaffingSharedSimulation, EveryStoreIsPlannedAndOnlyThePlantedSpikeFires) {
  std::unique_ptr<Warehouse> wh = testing::open_shared_warehouse();
  const Report r = run_tool(ToolRegistry::instance().get("staffing"), *wh, {});
  const ResultSet stores = wh->query(
      "SELECT COUNT(DISTINCT shop_id) AS n FROM ireplenishment__t_order_predict_alg_v2 WHERE tenant = 'LKUS'"
      " AND pred_date >= '2026-02-09' AND pred_date < '2026-02-16'");
  for (const Row row : stores) EXPECT_EQ(static_cast<int64_t>(r.panel("stores")->table.rows.size()), row.integer("n"));
  // The planted spike, and only it (precision and recall 1.0), in the alerts
  // panel and the fleet tile.
  const nlohmann::json& truth = testing::shared_sim().truth;
  std::set<std::string> planted, found;
  for (const auto& item : truth["anomalies"]["demand_spike"]["items"]) {
    EXPECT_EQ(item["date"], (Date::parse(truth["as_of"].get<std::string>()) - 1).str());  // the last day of data
    planted.insert("/reports/staffing?store=" + std::to_string(item["shop_id"].get<int64_t>()));
  }
  ASSERT_EQ(planted.size(), 1u);
  for (const auto& alert : r.panel("alerts")->alerts) found.insert(alert.link);
  EXPECT_EQ(found, planted);
  const auto tile = [&](const std::string& id) {
    const auto& kpis = r.panel("fleet")->kpis;
    const auto it = std::find_if(kpis.begin(), kpis.end(), [&](const KpiTile& k) { return k.id == id; });
    EXPECT_NE(it, kpis.end()) << id;
    return it == kpis.end() ? KpiTile{} : *it;
  };
  EXPECT_EQ(std::get<int64_t>(tile("spikes").value), 1);
  EXPECT_EQ(tile("spikes").status, Status::kRed);
  // The fleet's staff-hours are the stores' sum.
  int64_t staff_hours = 0;
  for (const auto& row : r.panel("stores")->table.rows) staff_hours += std::get<int64_t>(row[4]);
  EXPECT_EQ(std::get<int64_t>(tile("staff_hours").value), staff_hours);
  for (const auto& row : r.panel("stores")->table.rows) {
    // Rounding once never needs more staff-hours than rounding every hour.
    EXPECT_LE(std::get<int64_t>(row[5]), std::get<int64_t>(row[4]));
    EXPECT_GT(std::get<double>(row[3]), 0);  // a work time per order from the product mix
  }
}

}  // namespace
}  // namespace luckyhub
