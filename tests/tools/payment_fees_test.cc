#include "tools/payment_fees/payment_fees.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <set>
#include <utility>
#include <vector>

#include "core/error.h"
#include "report/render.h"
#include "support/shared_sim.h"
#include "support/tiny_warehouse.h"
#include "tools/registry.h"

namespace luckyhub {
namespace {

using testing::TinyWarehouse;

// Two channels with exactly linear fee structures, plus rows that must not
// count: a failed payment, a refund, NZD test data, a USD-tenant trade in NZD,
// and a payment before the window.
class PaymentFeesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    wh_ = std::make_unique<TinyWarehouse>("2026-01-01", "2026-01-11");
    // Apple Pay payers U1 (even i) and U2 (odd i), debit payer U3.
    for (int i = 0; i < 40; ++i) {
      const int64_t apple = 300 + 50 * i;   // fee 5 + 2%
      user_ = i % 2 == 0 ? "U1" : "U2";
      add_trade(53, apple, 5 + apple / 50, "2026-01-05 15:00:00");
      const int64_t debit = 400 + 100 * i;  // fee 2 + 1%
      user_ = "U3";
      add_trade(3, debit, 2 + debit / 100, "2026-01-06 15:00:00");
    }
    user_ = "U0";
    // A bound method of a user who never paid: no one to switch.
    wh_->add("luckyus_sales_payment", "t_user_channel",
             {{"id", int64_t{100}}, {"tenant", "LKUS"}, {"user_no", "U9"}, {"channel_id", int64_t{3}},
              {"is_default", int64_t{1}}, {"status", int64_t{1}}, {"bind_time", "2025-12-01 10:00:00"}});
    add_more();
    add_trade(53, 999, 99, "2026-01-05 15:00:00", "LKUS", "USD", 1, 30);  // failed
    add_trade(53, 999, 99, "2026-01-05 15:00:00", "LKUS", "USD", 2, 20);  // refund
    add_trade(53, 999, 99, "2026-01-05 15:00:00", "LKNZ", "NZD");         // test tenant
    add_trade(53, 999, 99, "2026-01-05 15:00:00", "LKUS", "NZD");         // currency leak
    add_trade(53, 999, 99, "2026-01-01 04:59:59");  // Dec 31 in New York: before the window
    warehouse_ = wh_->open();
  }

  virtual void add_more() {}

  void add_trade(int64_t channel, int64_t amount, int64_t fee, const std::string& pay_time,
                 const std::string& tenant = "LKUS", const std::string& currency = "USD",
                 int64_t type = 1, int64_t status = 20) {
    const std::string trade_no = "T" + std::to_string(++next_);
    wh_->add("luckyus_sales_payment", "t_trade",
             {{"id", next_}, {"tenant", tenant}, {"trade_no", trade_no}, {"order_no", "O" + trade_no},
              {"user_no", user_}, {"channel_id", channel}, {"trade_type", type}, {"trade_status", status},
              {"amount", amount}, {"currency_code", currency}, {"pay_time", pay_time}});
    wh_->add("luckyus_sales_payment", "t_channel_fee",
             {{"id", next_}, {"tenant", tenant}, {"trade_no", trade_no}, {"channel_id", channel},
              {"currency_code", currency}, {"amount", amount}, {"transaction_fee", fee},
              {"merchant_service_fee", int64_t{0}}, {"total_fee", fee}});
  }

  Report run(const std::map<std::string, std::string>& params = {}) {
    return run_tool(ToolRegistry::instance().get("payment-fees"), *warehouse_, params);
  }

  std::unique_ptr<TinyWarehouse> wh_;
  std::unique_ptr<Warehouse> warehouse_;
  int64_t next_ = 0;
  std::string user_ = "U0";
};

TEST_F(PaymentFeesTest, ChannelTableHasHandComputedValues) {
  const Report report = run();
  const Panel* table = report.panel("channels");
  ASSERT_NE(table, nullptr);
  const std::vector<std::string> leading = {"channel_id", "transactions", "revenue_cents",
                                            "fee_cents", "effective_rate", "cost_rank"};
  std::vector<std::string> ids;
  for (const Column& c : table->table.columns) ids.push_back(c.id);
  for (const std::string& id : leading) {
    EXPECT_NE(std::find(ids.begin(), ids.end(), id), ids.end()) << id;
  }
  ASSERT_EQ(table->table.rows.size(), 2u);
  // Sorted by revenue: debit (94,000 cents) before Apple Pay (51,000 cents).
  const auto& debit = table->table.rows[0];
  const auto& apple = table->table.rows[1];
  EXPECT_EQ(std::get<int64_t>(debit[0]), 3);
  EXPECT_EQ(std::get<std::string>(debit[1]), "debit card");
  EXPECT_EQ(std::get<int64_t>(debit[2]), 40);
  EXPECT_EQ(std::get<int64_t>(debit[3]), 94000);
  EXPECT_EQ(std::get<int64_t>(debit[4]), 1020);
  EXPECT_DOUBLE_EQ(std::get<double>(debit[5]), 1020.0 / 94000.0);
  EXPECT_EQ(std::get<int64_t>(debit[6]), 2);
  EXPECT_EQ(std::get<int64_t>(apple[0]), 53);
  EXPECT_EQ(std::get<int64_t>(apple[2]), 40);
  EXPECT_EQ(std::get<int64_t>(apple[3]), 51000);
  EXPECT_EQ(std::get<int64_t>(apple[4]), 1220);
  EXPECT_EQ(std::get<int64_t>(apple[6]), 1);
  // The fitted fee models recover fixed + percent.
  EXPECT_NEAR(std::get<double>(apple[8]), 5.0, 1e-6);
  EXPECT_NEAR(std::get<double>(apple[9]), 0.02, 1e-9);
  EXPECT_NEAR(std::get<double>(debit[8]), 2.0, 1e-6);
  EXPECT_NEAR(std::get<double>(debit[9]), 0.01, 1e-9);
}

TEST_F(PaymentFeesTest, SummaryAnnualisesOverTheWindow) {
  const Report report = run();
  const Panel* summary = report.panel("summary");
  ASSERT_NE(summary, nullptr);
  std::map<std::string, int64_t> tiles;
  for (const KpiTile& k : summary->kpis) {
    if (const auto* v = std::get_if<int64_t>(&k.value)) tiles[k.id] = *v;
  }
  EXPECT_EQ(tiles["fees"], 2240);
  EXPECT_EQ(tiles["revenue"], 145000);
  EXPECT_EQ(tiles["annual_fees"], 81760);  // 2240 x 36.5
  EXPECT_EQ(report.as_of, "2026-01-11");
}

TEST_F(PaymentFeesTest, WhatIfAppliesBothFeeModelsToTheShiftedPayments) {
  // 20% of Apple Pay: 8 payments, $102.00. Now 8 x 5 + 2% = 244 cents; on debit
  // 8 x 2 + 1% = 118 cents; 126 cents saved in 10 days = 4,599 cents a year.
  const Report report = run({{"shift_from", "53"}, {"shift_to", "3"}, {"shift_share", "0.2"}});
  const Panel* what_if = report.panel("what_if");
  ASSERT_NE(what_if, nullptr);
  bool found = false;
  for (const KpiTile& k : what_if->kpis) {
    if (k.id == "annual_saving") {
      EXPECT_EQ(std::get<int64_t>(k.value), 4599);
      found = true;
    }
  }
  EXPECT_TRUE(found);
}

// The incentive's figures by tile id: integers, and the break-even share
// (a rate, or null: -1 here).
std::map<std::string, double> incentive_tiles(const Report& report) {
  std::map<std::string, double> tiles;
  const Panel* p = report.panel("incentive");
  if (p == nullptr) return tiles;
  for (const KpiTile& k : p->kpis) {
    if (const auto* i = std::get_if<int64_t>(&k.value)) tiles[k.id] = static_cast<double>(*i);
    if (const auto* d = std::get_if<double>(&k.value)) tiles[k.id] = *d;
    if (std::holds_alternative<std::monostate>(k.value)) tiles[k.id] = -1;
  }
  return tiles;
}

// By hand, 10 days, a 5-cent discount on debit (channel 3). Apple Pay is the
// only costlier channel: moving all its 40 payments ($510.00) saves
// 40 x (5 - 2) + 1% x 51,000 = 630 cents in the window.
TEST_F(PaymentFeesTest, IncentivePaidOnEveryDebitPayment) {
  // 20%: 8 payments switch, 126 cents saved, discount on 8 + 40 debit payments = 240 cents.
  // A year is 36.5 windows. Break-even: s x (630 - 5 x 40) = 5 x 40, s = 200 / 430.
  const Report report = run({{"incentive_share", "0.2"}});
  auto t = incentive_tiles(report);
  ASSERT_EQ(t.size(), 5u);
  EXPECT_EQ(t["switched_transactions"], 292);
  EXPECT_EQ(t["fees_saved"], 4599);
  EXPECT_EQ(t["discount_paid"], 8760);
  EXPECT_EQ(t["net"], -4161);
  EXPECT_NEAR(t["break_even_share"], 200.0 / 430.0, 1e-6);
  EXPECT_NE(report.panel("incentive")->description.find("Apple Pay"), std::string::npos);
}

TEST_F(PaymentFeesTest, IncentivePaidOnSwitchedPaymentsOnly) {
  // The same 20%: the discount on the 8 switched payments only, 40 cents.
  auto t = incentive_tiles(run({{"incentive_share", "0.2"}, {"incentive_paid_on", "switched"}}));
  EXPECT_EQ(t["fees_saved"], 4599);
  EXPECT_EQ(t["discount_paid"], 1460);
  EXPECT_EQ(t["net"], 3139);
  EXPECT_EQ(t["break_even_share"], 0);  // each switch saves 15.75 cents and costs 5: any share pays
  // 20 cents a switch is more than the 15.75 a switch saves: no share pays.
  t = incentive_tiles(run({{"incentive_share", "0.2"}, {"incentive_paid_on", "switched"},
                           {"incentive_discount_cents", "20"}}));
  EXPECT_EQ(t["discount_paid"], 5840);
  EXPECT_EQ(t["net"], -1241);
  EXPECT_EQ(t["break_even_share"], -1);
}

TEST_F(PaymentFeesTest, IncentiveOnTheDearestChannelMovesNothing) {
  // Debit is cheaper than Apple Pay: nothing switches, the discount is paid on
  // Apple Pay's own 40 payments, 200 cents in the window.
  auto t = incentive_tiles(run({{"incentive_to", "53"}}));
  EXPECT_EQ(t["switched_transactions"], 0);
  EXPECT_EQ(t["fees_saved"], 0);
  EXPECT_EQ(t["net"], -7300);
  EXPECT_EQ(t["break_even_share"], -1);
  const Report idle = run({{"incentive_to", "777"}});
  EXPECT_EQ(idle.panel("incentive")->kind, PanelKind::kText);
  EXPECT_EQ(idle.panel("incentive_curve"), nullptr);
}

TEST_F(PaymentFeesTest, IncentiveCurveRunsFromNoneToAllWithTheChosenShareMarked) {
  const Report report = run({{"incentive_share", "0.123"}});
  const Panel* curve = report.panel("incentive_curve");
  ASSERT_NE(curve, nullptr);
  ASSERT_EQ(curve->series.x.size(), 22u);  // 0%, 5%, ..., 100% and 12.3%
  EXPECT_EQ(curve->series.x[0], "0%");
  EXPECT_EQ(curve->series.x[2], "10%");
  EXPECT_EQ(curve->series.x[3], "12.3%");
  EXPECT_EQ(curve->series.x[4], "15%");
  EXPECT_EQ(curve->series.x[21], "100%");
  ASSERT_EQ(curve->series.series.size(), 2u);
  const auto& net = curve->series.series[0].values;
  const auto& chosen = curve->series.series[1].values;
  EXPECT_EQ(std::get<int64_t>(net[0]), -7300);   // the discount on debit's own 40 payments
  EXPECT_EQ(std::get<int64_t>(net[21]), 8395);   // 630 saved - 5 x 80 paid = 230 a window
  // 12.3%: 0.123 x 630 = 77.49 cents saved a window, 2,828.385 a year: 2,828;
  // 5 x (0.123 x 40 + 40) = 224.6 cents paid a window, 8,197.9 a year: 8,198.
  EXPECT_EQ(std::get<int64_t>(net[3]), 2828 - 8198);
  for (size_t i = 0; i < chosen.size(); ++i) {
    if (i == 3) {
      EXPECT_EQ(std::get<int64_t>(chosen[i]), std::get<int64_t>(net[3]));
    } else {
      EXPECT_TRUE(std::holds_alternative<std::monostate>(chosen[i])) << i;
    }
  }
  EXPECT_EQ(incentive_tiles(report)["net"], std::get<int64_t>(net[3]));
}

// Bound payment methods by hand: U1 pays with Apple Pay and has debit bound;
// U2 too, but its debit is unbound and its other debit row is the NZ tenant's;
// U3 pays with debit and has Apple Pay bound (dearer); U1's stored balance (91)
// has no payments, so no fee model, and does not count.
class PaymentFeesSwitchersTest : public PaymentFeesTest {
 protected:
  void add_more() override {
    int64_t id = 0;
    auto bind = [&](const std::string& user, int64_t channel, int64_t status, const std::string& tenant) {
      wh_->add("luckyus_sales_payment", "t_user_channel",
               {{"id", ++id}, {"tenant", tenant}, {"user_no", user}, {"channel_id", channel},
                {"is_default", int64_t{0}}, {"status", status}, {"bind_time", "2025-12-01 10:00:00"}});
    };
    bind("U1", 53, 1, "LKUS");
    bind("U1", 3, 1, "LKUS");
    bind("U1", 91, 1, "LKUS");
    bind("U2", 53, 1, "LKUS");
    bind("U2", 3, 2, "LKUS");
    bind("U2", 3, 1, "LKNZ");
    bind("U3", 3, 1, "LKUS");
    bind("U3", 53, 1, "LKUS");
  }
};

TEST_F(PaymentFeesSwitchersTest, OnlyUsersWithACheaperBoundMethodCount) {
  // U1's 20 Apple Pay payments: 300, 400, ..., 2,200 cents = 25,000; fees
  // 20 x 5 + 2% = 600; on debit 20 x 2 + 1%: 310 cents saved.
  const Report report = run();
  const Panel* k = report.panel("switchable");
  ASSERT_NE(k, nullptr);
  std::map<std::string, int64_t> tiles;
  for (const KpiTile& t : k->kpis) tiles[t.id] = std::get<int64_t>(t.value);
  EXPECT_EQ(tiles["users"], 1);
  EXPECT_EQ(tiles["transactions"], 20);
  EXPECT_EQ(tiles["fees"], 600);
  EXPECT_EQ(tiles["saving"], 310);
  EXPECT_EQ(tiles["annual_saving"], 11315);  // 310 x 36.5
  const Panel* t = report.panel("switchable_users");
  ASSERT_NE(t, nullptr);
  ASSERT_EQ(t->table.rows.size(), 1u);
  const auto& row = t->table.rows[0];
  EXPECT_EQ(std::get<std::string>(row[0]), "U1");
  EXPECT_EQ(std::get<int64_t>(row[1]), 1);
  EXPECT_EQ(std::get<std::string>(row[2]), "debit card");
  EXPECT_EQ(std::get<int64_t>(row[3]), 20);
  EXPECT_EQ(std::get<int64_t>(row[4]), 600);
  EXPECT_EQ(std::get<int64_t>(row[5]), 310);
}

TEST_F(PaymentFeesTest, NoPayerWithABoundMethodNoSwitcher) {
  const Report report = run();
  for (const KpiTile& t : report.panel("switchable")->kpis) EXPECT_EQ(std::get<int64_t>(t.value), 0) << t.id;
  EXPECT_TRUE(report.panel("switchable_users")->table.rows.empty());
}

TEST_F(PaymentFeesTest, NzdIsReportedOnlyWhenAskedFor) {
  const Report report = run({{"currency", "NZD"}});
  const Panel* table = report.panel("channels");
  ASSERT_EQ(table->table.rows.size(), 1u);
  EXPECT_EQ(std::get<int64_t>(table->table.rows[0][3]), 999);
}

TEST_F(PaymentFeesTest, WhatIfOnAnIdleChannelExplainsInsteadOfFailing) {
  const Report report = run({{"shift_from", "777"}});
  const Panel* what_if = report.panel("what_if");
  ASSERT_NE(what_if, nullptr);
  EXPECT_EQ(what_if->kind, PanelKind::kText);
  EXPECT_NE(what_if->text.find("777"), std::string::npos);
}

TEST_F(PaymentFeesTest, MonthlyTrendHasOnePointPerMonth) {
  const Report report = run();
  const Panel* trend = report.panel("monthly_rate");
  ASSERT_NE(trend, nullptr);
  EXPECT_EQ(trend->series.x, std::vector<std::string>{"2026-01"});
  EXPECT_DOUBLE_EQ(std::get<double>(trend->series.series[0].values[0]), 2240.0 / 145000.0);
}

TEST_F(PaymentFeesTest, RejectsBadParameters) {
  EXPECT_THROW(run({{"bogus", "1"}}), Error);
  EXPECT_THROW(run({{"shift_share", "1.5"}}), Error);
  EXPECT_THROW(run({{"from", "2026-02-30"}}), Error);
  EXPECT_THROW(run({{"currency", "EUR"}}), Error);
  for (const auto& [name, value] : std::vector<std::pair<std::string, std::string>>{
           {"incentive_discount_cents", "-1"}, {"incentive_discount_cents", "2.5"},
           {"incentive_discount_cents", "five"}, {"incentive_discount_cents", "1001"},
           {"incentive_share", "1.5"}, {"incentive_share", "-0.1"}, {"incentive_paid_on", "sometimes"},
           {"incentive_to", "debit"}}) {
    try {
      run({{name, value}});
      ADD_FAILURE() << name << "=" << value << " was accepted";
    } catch (const Error& e) {
      EXPECT_NE(std::string(e.what()).find(name), std::string::npos) << e.what();
    }
  }
}

}  // namespace
}  // namespace luckyhub

namespace luckyhub {
namespace {

// Who can switch on the shared simulation, against plain SQL read here: the
// payments, their fees and the bound methods, joined in the test. The fee
// models are the domain's (fees::channel_costs), the ones the report prices
// channels with; what is checked is the population and its sums.
TEST(PaymentFeesSharedSimulation, SwitchersEqualDirectSql) {
  auto wh = testing::open_shared_warehouse();
  const Date as_of = Date::parse(wh->meta("as_of"));
  const Window w{as_of - 91, as_of};
  const Report report = run_tool(ToolRegistry::instance().get("payment-fees"), *wh,
                                 {{"from", w.from.str()}, {"to", w.to.str()}});
  std::map<int64_t, fees::FeeModel> model;
  for (const fees::ChannelCost& c : fees::channel_costs(*wh, w, "USD")) model[c.channel_id] = c.model;

  std::map<std::string, int64_t> fee_of;
  for (const Row row : wh->query("SELECT trade_no, total_fee FROM sales_payment__t_channel_fee", {})) {
    fee_of[row.text("trade_no")] = row.cents("total_fee").value;
  }
  std::map<std::string, std::set<int64_t>> bound;
  for (const Row row : wh->query("SELECT user_no, channel_id FROM sales_payment__t_user_channel"
                                 " WHERE tenant = 'LKUS' AND status = 1", {})) {
    bound[row.text("user_no")].insert(row.integer("channel_id"));
  }
  struct Sum {
    int64_t n = 0, amount = 0, fee = 0;
  };
  std::map<std::pair<std::string, int64_t>, Sum> paid;
  const std::string sql =
      "SELECT trade_no, user_no, channel_id, amount FROM sales_payment__t_trade WHERE tenant = 'LKUS'"
      " AND currency_code = 'USD' AND trade_type = 1 AND trade_status = 20 AND " +
      w.range(wh->dialect(), "pay_time");
  for (const Row row : wh->query(sql, {SqlValue{w.utc_from()}, SqlValue{w.utc_to()}})) {
    Sum& s = paid[{row.text("user_no"), row.integer("channel_id")}];
    ++s.n;
    s.amount += row.cents("amount").value;
    const auto fee = fee_of.find(row.text("trade_no"));
    if (fee != fee_of.end()) s.fee += fee->second;
  }
  std::map<std::string, double> saving;
  std::map<std::string, Sum> user_sum;
  for (const auto& [key, s] : paid) {
    const auto& [user, channel] = key;
    if (!bound.count(user) || !model.count(channel)) continue;
    double best = 0;
    for (const int64_t b : bound[user]) {
      if (b == channel || !model.count(b)) continue;
      best = std::max(best, s.n * (model[channel].fixed_cents - model[b].fixed_cents) +
                                s.amount * (model[channel].percent - model[b].percent));
    }
    if (best <= 0) continue;
    saving[user] += best;
    user_sum[user].n += s.n;
    user_sum[user].fee += s.fee;
  }
  int64_t transactions = 0, fees = 0, saved = 0;
  for (const auto& [user, s] : user_sum) {
    transactions += s.n;
    fees += s.fee;
    saved += std::llround(saving[user]);
  }
  ASSERT_GT(user_sum.size(), 10u);  // the simulation binds second methods to a third of its users
  std::map<std::string, int64_t> tiles;
  for (const KpiTile& t : report.panel("switchable")->kpis) tiles[t.id] = std::get<int64_t>(t.value);
  EXPECT_EQ(tiles["users"], static_cast<int64_t>(user_sum.size()));
  EXPECT_EQ(tiles["transactions"], transactions);
  EXPECT_EQ(tiles["fees"], fees);
  EXPECT_NEAR(tiles["saving"], saved, 1);
  const auto& rows = report.panel("switchable_users")->table.rows;
  ASSERT_EQ(rows.size(), std::min<size_t>(20, user_sum.size()));
  int64_t largest = 0;
  for (const auto& [user, v] : saving) largest = std::max<int64_t>(largest, std::llround(v));
  EXPECT_NEAR(std::get<int64_t>(rows[0][5]), largest, 1);
  const std::string top_user = std::get<std::string>(rows[0][0]);
  EXPECT_EQ(std::get<int64_t>(rows[0][3]), user_sum[top_user].n);
  EXPECT_EQ(std::get<int64_t>(rows[0][4]), user_sum[top_user].fee);
}

}  // namespace
}  // namespace luckyhub
