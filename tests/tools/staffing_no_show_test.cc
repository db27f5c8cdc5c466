// staffing's no-show rates and the shrinkage they feed: on a hand-made
// warehouse (a weekday with enough shifts takes its own rate, one without
// the store's, a store without history the parameter, and the recommended
// staff follow), and on the shared simulation (every rate as direct SQL
// gives it, the planted stores and only they stand out).
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "core/error.h"
#include "support/shared_sim.h"
#include "support/tiny_warehouse.h"
#include "tools/registry.h"
#include "tools/staffing/staffing.h"

namespace luckyhub {
namespace {

using testing::TinyWarehouse;

// As-of Thursday 15 January 2026, the week of Monday the 12th. Store 1: 30
// forecast orders on Monday 10:00, 225 s of work per order -> 4 agents.
class StaffingNoShowTest : public ::testing::Test {
 protected:
  void SetUp() override {
    wh_ = std::make_unique<TinyWarehouse>("2025-12-01", "2026-01-15");
    for (int64_t id : {1, 2})
      wh_->add("luckyus_opshop", "t_shop_info",
               {{"id", id}, {"tenant", "LKUS"}, {"shop_no", "US" + std::to_string(id)}, {"shop_name", "S" + std::to_string(id)}});
    const Timestamp start = Timestamp::parse("2026-01-10 15:00:00");
    for (int64_t i = 1; i <= 2; ++i) {
      wh_->add("luckyus_opproduction", "t_production",
               {{"id", i}, {"tenant", "LKUS"}, {"production_no", "P" + std::to_string(i)}, {"order_no", "X"}, {"shop_id", int64_t{1}},
                {"cup_count", int64_t{1}}, {"status", int64_t{40}}, {"accept_time", start.str()}, {"done_time", (start + 600).str()}});
    }
    int64_t item = 0;
    for (int64_t secs : {150, 300})
      wh_->add("luckyus_opproduction", "t_commodity",
               {{"id", ++item}, {"tenant", "LKUS"}, {"production_id", item}, {"order_no", "X"}, {"shop_id", int64_t{1}},
                {"commodity_id", int64_t{7}}, {"commodity_name", "Latte"}, {"status", int64_t{30}},
                {"start_time", start.str()}, {"done_time", (start + secs).str()}});
    // 2 items x 225 s / 2 tickets = 225 s per order.
    forecast(1, 1, "2026-01-12", 10, 30);
    forecast(2, 1, "2026-01-13", 10, 30);
    forecast(3, 2, "2026-01-12", 10, 30);
    // Store 1's Monday 5 January: 40 shifts, 10 missed -> 25%. Its Tuesdays: 10 shifts, none
    // missed (too few alone: the store's 10 / 50 = 20% is used). A shift on
    // the rota but not yet worked (status 1) and one outside the window do
    // not count. Store 2: 3 shifts, too few anywhere -> the parameter.
    for (int i = 0; i < 40; ++i) shift(1, "2026-01-05", 1, i, i < 10 ? 3 : 2);
    for (int i = 0; i < 10; ++i) shift(1, "2026-01-06", 2, i, 2);
    shift(1, "2026-01-19", 1, 99, 1);
    shift(1, "2025-09-01", 1, 98, 3);
    for (int i = 0; i < 3; ++i) shift(2, "2026-01-05", 1, i, 3);
    // A paid order before the week: the orders table the plan reads.
    wh_->add("luckyus_sales_order", "t_order",
             {{"id", int64_t{1}}, {"tenant", "LKUS"}, {"order_no", "O1"}, {"shop_id", int64_t{1}}, {"currency_code", "USD"},
              {"status", int64_t{40}}, {"pay_money", int64_t{449}}, {"pay_time", "2026-01-02 15:00:00"}});
    warehouse_ = wh_->open();
  }

  void forecast(int64_t id, int64_t shop, const std::string& day, int64_t hour, int64_t orders) {
    wh_->add("luckyus_ireplenishment", "t_order_predict_alg_v2",
             {{"id", id}, {"tenant", "LKUS"}, {"shop_id", shop}, {"pred_date", day}, {"pred_hour", hour},
              {"lead_days", int64_t{1}}, {"predict_order_cnt", orders}, {"predict_cup_cnt", orders}});
  }
  void shift(int64_t shop, const std::string& day, int64_t week_day, int employee, int64_t status) {
    wh_->add("luckyus_opshop", "t_shop_staff_shift",
             {{"id", ++shift_id_}, {"tenant", "LKUS"}, {"shop_id", shop}, {"biz_date", day}, {"week_day", week_day},
              {"employee_no", "E" + std::to_string(employee)}, {"status", status}});
  }
  Report run(std::map<std::string, std::string> params = {}) {
    return run_tool(ToolRegistry::instance().get("staffing"), *warehouse_, params);
  }

  int64_t shift_id_ = 0;
  std::unique_ptr<TinyWarehouse> wh_;
  std::unique_ptr<Warehouse> warehouse_;
};

// The no_show row of a store and weekday, by column name.
std::map<std::string, Cell> no_show_row(const Report& r, int64_t shop, const std::string& weekday) {
  const Panel* p = r.panel("no_show");
  for (const auto& row : p->table.rows) {
    if (std::get<int64_t>(row[0]) != shop || std::get<std::string>(row[2]) != weekday) continue;
    std::map<std::string, Cell> out;
    for (size_t i = 0; i < row.size(); ++i) out[p->table.columns[i].id] = row[i];
    return out;
  }
  throw std::runtime_error("no row");
}

int64_t positions(const Report& r, const std::string& day, const std::string& hour) {
  const Panel* p = r.panel("hours");
  for (const auto& row : p->table.rows)
    if (std::get<std::string>(row[0]) == day && std::get<std::string>(row[1]) == hour) return std::get<int64_t>(row[7]);
  throw std::runtime_error("no hour");
}

TEST_F(StaffingNoShowTest, EachWeekdayTakesItsRateTheStoresOrTheParameter) {
  const Report r = run({{"store", "1"}});
  auto mon = no_show_row(r, 1, "Mon");
  EXPECT_EQ(std::get<int64_t>(mon["scheduled"]), 40);
  EXPECT_EQ(std::get<int64_t>(mon["worked"]), 30);
  EXPECT_DOUBLE_EQ(std::get<double>(mon["no_show_rate"]), 0.25);
  EXPECT_DOUBLE_EQ(std::get<double>(mon["shrinkage"]), 0.25);
  EXPECT_EQ(std::get<std::string>(mon["source"]), "weekday history");
  auto tue = no_show_row(r, 1, "Tue");
  EXPECT_DOUBLE_EQ(std::get<double>(tue["no_show_rate"]), 0.0);
  EXPECT_DOUBLE_EQ(std::get<double>(tue["shrinkage"]), 0.2);  // 10 missed of the store's 50
  EXPECT_EQ(std::get<std::string>(tue["source"]), "store history");
  auto other = no_show_row(r, 2, "Mon");
  EXPECT_EQ(std::get<int64_t>(other["scheduled"]), 3);
  EXPECT_DOUBLE_EQ(std::get<double>(other["shrinkage"]), 0.15);
  EXPECT_EQ(std::get<std::string>(other["source"]), "parameter");
  // 4 agents: / (1 - 0.25) -> 6 positions on Monday, / (1 - 0.2) -> 5 on Tuesday;
  // with the parameter everywhere / 0.85 -> 5 both days.
  EXPECT_EQ(positions(r, "2026-01-12", "10:00"), 6);
  EXPECT_EQ(positions(r, "2026-01-13", "10:00"), 5);
  const Report fixed = run({{"store", "1"}, {"shrinkage_from", "parameter"}});
  EXPECT_EQ(positions(fixed, "2026-01-12", "10:00"), 5);
  EXPECT_EQ(std::get<std::string>(no_show_row(fixed, 1, "Mon")["source"]), "parameter");
  // A minimum above Monday's 40 shifts: the store's rate (50 shifts) instead.
  const Report strict = run({{"store", "1"}, {"no_show_min_shifts", "41"}});
  EXPECT_EQ(std::get<std::string>(no_show_row(strict, 1, "Mon")["source"]), "store history");
}

TEST_F(StaffingNoShowTest, BadNoShowParametersAreOneError) {
  EXPECT_THROW(run({{"shrinkage_from", "guess"}}), Error);
  EXPECT_THROW(run({{"no_show_days", "3"}}), Error);
  EXPECT_THROW(run({{"no_show_min_shifts", "0"}}), Error);
}

// The shared simulation: every store's rate per weekday is what the rota
// says (missed = no clock-in, counted here apart from the tool's status
// codes), and the manifest's planted stores are exactly those that stand out.
TEST(StaffingNoShowSharedSimulation, RatesAreTheRotasAndThePlantsStandOut) {
  std::unique_ptr<Warehouse> wh = testing::open_shared_warehouse();
  const nlohmann::json& truth = testing::shared_sim().truth;
  const Date as_of = Date::parse(truth["as_of"].get<std::string>());
  const Report r = run_tool(ToolRegistry::instance().get("staffing"), *wh, {});
  const ResultSet direct = wh->query(
      "SELECT shop_id, week_day, COUNT(*) AS n, SUM(CASE WHEN clock_in IS NULL THEN 1 ELSE 0 END) AS missed"
       " FROM opshop__t_shop_staff_shift WHERE tenant = 'LKUS' AND biz_date >= ? AND biz_date < ?"
       " GROUP BY shop_id, week_day ORDER BY shop_id, week_day",
      {(as_of - 84).str(), as_of.str()});
  const char* const days[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
  std::map<int64_t, std::pair<int64_t, int64_t>> store;  // shop -> (n, missed)
  size_t cells = 0;
  for (const Row row : direct) {
    const int64_t shop = row.integer("shop_id"), n = row.integer("n"), missed = row.integer("missed");
    auto got = no_show_row(r, shop, days[row.integer("week_day") - 1]);
    EXPECT_EQ(std::get<int64_t>(got["scheduled"]), n);
    EXPECT_EQ(std::get<int64_t>(got["worked"]), n - missed);
    EXPECT_NEAR(std::get<double>(got["no_show_rate"]), static_cast<double>(missed) / n, 1e-12);
    store[shop].first += n, store[shop].second += missed;
    ++cells;
  }
  ASSERT_GE(cells, 60u);
  // The planted stores: one misses many shifts on every day, one on Saturdays.
  std::set<int64_t> planted_all;
  int64_t planted_saturday = 0;
  for (const auto& item : truth["anomalies"]["staff_no_show"]["items"]) {
    if (item["week_day"] == 0) planted_all.insert(item["shop_id"].get<int64_t>());
    if (item["week_day"] == 6) planted_saturday = item["shop_id"].get<int64_t>();
  }
  ASSERT_EQ(planted_all.size(), 1u);
  ASSERT_NE(planted_saturday, 0);
  std::set<int64_t> high;
  for (const auto& [shop, c] : store)
    if (static_cast<double>(c.second) / c.first > 0.2) high.insert(shop);
  EXPECT_EQ(high, planted_all);
  // The Saturday store's worst weekday is Saturday, and its Saturdays are
  // planned with that rate.
  std::string worst;
  double worst_rate = -1;
  for (const char* day : days) {
    const double rate = std::get<double>(no_show_row(r, planted_saturday, day)["no_show_rate"]);
    if (rate > worst_rate) worst_rate = rate, worst = day;
  }
  EXPECT_EQ(worst, "Sat");
  EXPECT_GT(worst_rate, 0.35);
  auto sat = no_show_row(r, planted_saturday, "Sat");
  EXPECT_EQ(std::get<std::string>(sat["source"]), "weekday history");
  EXPECT_DOUBLE_EQ(std::get<double>(sat["shrinkage"]), std::get<double>(sat["no_show_rate"]));
}

}  // namespace
}  // namespace luckyhub
