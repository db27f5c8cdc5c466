// The campaigns tool's incremental revenue: on a tiny warehouse with every
// figure worked by hand, and on the shared simulation against the planted
// campaign effects of the manifest.
#include <gtest/gtest.h>

#include "core/error.h"
#include "support/shared_sim.h"
#include "support/tiny_warehouse.h"
#include "tools/campaigns/campaigns.h"
#include "tools/registry.h"

namespace luckyhub {
namespace {

// As-of 2026-02-17: a window must end before it, so the last day measured is
// 2026-01-19 and the baseline Mondays are 2026-01-12 and 2026-01-19 (the first
// orders are on Monday 2026-01-05). Everyone's first order: $10 on Jan 5.
//  - U1 and U2 receive template 2001 on Monday Jan 12 (prior: 1 order, $10,
//    7 days since: one stratum). U1 then pays $30 on Jan 20, U2 $50 on Jan 25
//    (and $5 on the receipt's own day, which counts on neither side). U1's
//    second coupon on Jan 30 has no complete window. Receivers: 30, 50 →
//    mean 40, variance 200.
//  - U3, U4, U5 receive nothing: on Jan 12 in the receivers' stratum, with
//    28-day spends $8 (Jan 14), $0, $16 (Feb 1) → mean 8, variance 64. On Jan
//    19 they are in other strata (7+ days since the last order, or 2 orders).
//  - U1's and U2's Mondays are within 27 days of their receipts: not baseline.
//  - U6 receives a coupon but never ordered: not an existing customer.
//  - U7 receives one on Dec 24, before a first order ($10 on Jan 5 like
//    everyone's) and nothing after: not a receiver (no order before it), but
//    it did receive the coupon, so its Jan 12 ($0, the receivers' stratum)
//    is not baseline either; counted, the baseline mean would be 6.
// Effect 40 − 8 = 32 dollars per receipt, variance 200/2 + 64/3, sd 11.01514,
// 95% interval 32 ± 1.959964 · 11.01514 = (10.41072, 53.58928), p 0.0036714.
class CampaignsIncrementalTiny : public ::testing::Test {
 protected:
  void SetUp() override {
    tiny_ = std::make_unique<testing::TinyWarehouse>("2026-01-01", "2026-02-17");
    tiny_->add("luckyus_sales_marketing", "t_coupon_template",
               {{"id", int64_t{1}}, {"tenant", "LKUS"}, {"template_id", int64_t{2001}},
                {"template_name", "Winter"}, {"coupon_type", int64_t{1}}, {"marketing_cost", int64_t{10000}}});
    tiny_->add("luckyus_sales_marketing", "t_coupon_template",
               {{"id", int64_t{2}}, {"tenant", "LKUS"}, {"template_id", int64_t{2002}},
                {"template_name", "Spring"}, {"coupon_type", int64_t{1}}, {"marketing_cost", int64_t{10000}}});
    coupon("t_coupon_record_expired", 1, "U1", "2026-01-12 17:00:00");
    coupon("t_coupon_record_expired", 2, "U2", "2026-01-12 18:00:00");
    coupon("t_coupon_record", 3, "U1", "2026-01-30 17:00:00");
    coupon("t_coupon_record", 4, "U6", "2026-01-12 17:00:00");
    coupon("t_coupon_record_expired", 6, "U7", "2025-12-24 17:00:00");
    int64_t id = 0;
    for (const char* user : {"U1", "U2", "U3", "U4", "U5"}) order(++id, user, "2026-01-05 17:00:00", 1000);
    order(++id, "U1", "2026-01-20 17:00:00", 3000);
    order(++id, "U2", "2026-01-25 17:00:00", 5000);
    order(++id, "U2", "2026-01-12 20:00:00", 500);
    order(++id, "U3", "2026-01-14 17:00:00", 800);
    order(++id, "U5", "2026-02-01 17:00:00", 1600);
    order(++id, "U7", "2026-01-05 17:00:00", 1000);
    // U3's order O9 (Jan 14, $8) redeemed a coupon of template 2002 (no receipt time: not a receipt).
    tiny_->add("luckyus_sales_marketing", "t_coupon_record",
               {{"id", int64_t{5}}, {"tenant", "LKUS"}, {"coupon_no", "C5"}, {"template_id", int64_t{2002}},
                {"user_no", "U3"}, {"status", int64_t{2}}, {"order_no", "O9"}, {"use_time", "2026-01-14 17:00:00"}});
    wh_ = tiny_->open();
  }

  void coupon(const std::string& table, int64_t id, const std::string& user, const std::string& received) {
    tiny_->add("luckyus_sales_marketing", table,
               {{"id", id}, {"tenant", "LKUS"}, {"coupon_no", "C" + std::to_string(id)},
                {"template_id", int64_t{2001}}, {"user_no", user}, {"status", int64_t{table == "t_coupon_record" ? 1 : 3}},
                {"receive_time", received}});
  }
  void order(int64_t id, const std::string& user, const std::string& time, int64_t pay) {
    tiny_->add("luckyus_sales_order", "t_order",
               {{"id", id}, {"tenant", "LKUS"}, {"order_no", "O" + std::to_string(id)}, {"user_no", user},
                {"shop_id", int64_t{1}}, {"currency_code", "USD"}, {"status", int64_t{40}}, {"pay_money", pay},
                {"create_time", time}, {"pay_time", time}});
    tiny_->add("luckyus_sales_order", "t_order_amount",
               {{"id", id}, {"tenant", "LKUS"}, {"order_id", id}, {"order_no", "O" + std::to_string(id)},
                {"currency_code", "USD"}, {"origin_amount", pay}, {"coupon_deduct", int64_t{0}}, {"pay_amount", pay}});
  }

  std::unique_ptr<testing::TinyWarehouse> tiny_;
  std::unique_ptr<Warehouse> wh_;
};

TEST_F(CampaignsIncrementalTiny, StratumWeightedDifferenceWithItsInterval) {
  const std::vector<campaigns::Incrementality> x =
      campaigns::incrementality(*wh_, Date::parse("2026-02-17"), {2001, 2002}, 0.05);
  ASSERT_EQ(x.size(), 2u);
  const campaigns::Incrementality& a = x[0];
  EXPECT_EQ(a.template_id, 2001);
  EXPECT_EQ(a.receipts, 2);
  EXPECT_EQ(a.matched, 2);
  ASSERT_TRUE(a.computable);
  EXPECT_DOUBLE_EQ(a.receivers_mean, 40);
  EXPECT_DOUBLE_EQ(a.baseline_mean, 8);
  EXPECT_DOUBLE_EQ(a.effect, 32);
  EXPECT_NEAR(a.stddev, 11.01514, 1e-5);
  EXPECT_NEAR(a.ci_low, 10.41072, 1e-5);
  EXPECT_NEAR(a.ci_high, 53.58928, 1e-5);
  EXPECT_NEAR(a.p_value, 0.0036714, 1e-7);
  // 2002 has no coupons: nothing to measure.
  EXPECT_EQ(x[1].template_id, 2002);
  EXPECT_EQ(x[1].receipts, 0);
  EXPECT_FALSE(x[1].computable);
}

TEST_F(CampaignsIncrementalTiny, OnTheLeaderboardAndTheTemplatePage) {
  const Tool& tool = ToolRegistry::instance().get("campaigns");
  const Report board = run_tool(tool, *wh_, {{"incremental_top", "1"}});
  const Panel& chart = *board.panel("incremental");
  ASSERT_EQ(chart.series.x.size(), 1u);  // the one template with the most coupons
  EXPECT_EQ(chart.series.x[0], "2001 Winter");
  ASSERT_EQ(chart.series.series.size(), 3u);
  EXPECT_DOUBLE_EQ(std::get<double>(chart.series.series[0].values[0]), 32.0);
  EXPECT_DOUBLE_EQ(std::get<double>(chart.series.series[1].values[0]), 10.41);
  EXPECT_DOUBLE_EQ(std::get<double>(chart.series.series[2].values[0]), 53.59);
  EXPECT_EQ(chart.series.series[1].draw, "whisker_low");
  const Panel& table = *board.panel("leaderboard");
  size_t total = 0, effect = 0;
  for (size_t i = 0; i < table.table.columns.size(); ++i) {
    if (table.table.columns[i].id == "incremental_revenue") total = i;
    if (table.table.columns[i].id == "incremental") effect = i;
  }
  ASSERT_GT(total, 0u);
  for (const auto& row : table.table.rows) {
    if (std::get<int64_t>(row[1]) == 2001) {
      EXPECT_EQ(std::get<int64_t>(row[total]), 6400);  // $32 × 2 receipts
      EXPECT_DOUBLE_EQ(std::get<double>(row[effect]), 32.0);
    } else {
      EXPECT_TRUE(std::holds_alternative<std::monostate>(row[effect]));
    }
  }
  const Report none = run_tool(tool, *wh_, {{"incremental_top", "0"}});
  EXPECT_TRUE(none.panel("incremental")->series.x.empty());

  const Report page = run_tool(tool, *wh_, {{"template", "2001"}});
  const Panel& tiles = *page.panel("template_incremental");
  std::map<std::string, Cell> kpi;
  for (const KpiTile& k : tiles.kpis) kpi[k.id] = k.value;
  EXPECT_EQ(std::get<int64_t>(kpi.at("receipts")), 2);
  EXPECT_DOUBLE_EQ(std::get<double>(kpi.at("receivers_mean")), 40.0);
  EXPECT_DOUBLE_EQ(std::get<double>(kpi.at("baseline_mean")), 8.0);
  EXPECT_DOUBLE_EQ(std::get<double>(kpi.at("effect")), 32.0);
  EXPECT_DOUBLE_EQ(std::get<double>(kpi.at("p_value")), 0.003671);
  EXPECT_EQ(std::get<int64_t>(kpi.at("total")), 6400);
  EXPECT_EQ(page.panel("incremental")->series.x.size(), 1u);
}

TEST_F(CampaignsIncrementalTiny, ABadTopCountIsRefused) {
  const Tool& tool = ToolRegistry::instance().get("campaigns");
  EXPECT_THROW(run_tool(tool, *wh_, {{"incremental_top", "-1"}}), Error);
  EXPECT_THROW(run_tool(tool, *wh_, {{"incremental_top", "lots"}}), Error);
}

// Last touch, 7 days: O9 redeemed 2002 ($8); O8 (U2, $5, Jan 12 20:00) came 2 hours after U2's
// coupon of 2001; O6 (U1, $30, Jan 20) 8 days after U1's — outside 7 days, inside 10; O7 (U2,
// Jan 25) 13 days after; the first orders (Jan 5) before any coupon; U6 never ordered.
TEST_F(CampaignsIncrementalTiny, LastTouchAttributionWithinItsWindow) {
  std::vector<campaigns::Attribution> a = campaigns::attribution(*wh_, 7);
  ASSERT_EQ(a.size(), 2u);
  EXPECT_EQ(a[0].template_id, 2002);
  EXPECT_EQ(a[0].redeemed_orders, 1);
  EXPECT_EQ(a[0].received_orders, 0);
  EXPECT_EQ(a[0].revenue.value, 800);
  EXPECT_EQ(a[1].template_id, 2001);
  EXPECT_EQ(a[1].redeemed_orders, 0);
  EXPECT_EQ(a[1].received_orders, 1);
  EXPECT_EQ(a[1].revenue.value, 500);
  a = campaigns::attribution(*wh_, 10);
  ASSERT_EQ(a.size(), 2u);
  EXPECT_EQ(a[0].template_id, 2001);
  EXPECT_EQ(a[0].received_orders, 2);
  EXPECT_EQ(a[0].revenue.value, 3500);
  EXPECT_TRUE(campaigns::attribution(*wh_, 0).empty());

  const Tool& tool = ToolRegistry::instance().get("campaigns");
  EXPECT_EQ(run_tool(tool, *wh_, {}).panel("attribution"), nullptr);  // off by default
  const Report r = run_tool(tool, *wh_, {{"attribution_days", "7"}});
  const Panel& p = *r.panel("attribution");
  ASSERT_EQ(p.table.rows.size(), 2u);
  EXPECT_EQ(std::get<int64_t>(p.table.rows[0][0]), 2002);
  EXPECT_EQ(std::get<std::string>(p.table.rows[0][1]), "Spring");
  EXPECT_EQ(std::get<int64_t>(p.table.rows[1][3]), 1);
  EXPECT_EQ(std::get<int64_t>(p.table.rows[1][4]), 500);
  EXPECT_THROW(run_tool(tool, *wh_, {{"attribution_days", "366"}}), Error);
}

// ---- The shared simulation: the planted campaign effects ----

// The manifest's campaign_effect items give each planted template its sign:
// positive (receipts placed just before the receivers' orders) significantly
// above 0, zero (receivers drawn like any template's) with 0 inside its
// interval, cannibalising (receipts right after an order the receiver follows
// with none for 28 days) significantly below 0, its receivers' spend near 0.
TEST(CampaignsIncrementalGroundTruth, PlantedEffectsFoundWithTheirSigns) {
  auto wh = testing::open_shared_warehouse();
  const nlohmann::json& items = testing::shared_sim().truth["anomalies"]["campaign_effect"]["items"];
  ASSERT_EQ(items.size(), 3u);
  std::vector<int64_t> ids;
  for (const auto& item : items) ids.push_back(item["template_id"].get<int64_t>());
  const std::vector<campaigns::Incrementality> x =
      campaigns::incrementality(*wh, Date::parse(wh->meta("as_of")), ids, 0.05);
  ASSERT_EQ(x.size(), 3u);
  for (size_t i = 0; i < 3; ++i) {
    const int sign = items[i]["sign"].get<int>();
    const campaigns::Incrementality& r = x[i];
    ASSERT_TRUE(r.computable) << r.template_id;
    EXPECT_GT(r.matched, 100) << r.template_id;
    if (sign > 0) {
      EXPECT_GT(r.ci_low, 0) << r.template_id;
    } else if (sign < 0) {
      EXPECT_LT(r.ci_high, 0) << r.template_id;
      // Its expired coupons all planted; its few live and revoked ones drawn like any template's.
      EXPECT_LT(r.receivers_mean, 0.1 * r.baseline_mean) << r.template_id;
    } else {
      EXPECT_LT(r.ci_low, 0) << r.template_id;
      EXPECT_GT(r.ci_high, 0) << r.template_id;
    }
  }
}

}  // namespace
}  // namespace luckyhub
