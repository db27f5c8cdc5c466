// The campaigns tool (Tool 5): on a tiny warehouse, a leaderboard, a daily
// series and an experiment with every figure known by hand; on the shared
// simulation, the planted low-ROI and unredeemed templates found with
// precision and recall 1.0 and the experiments' users and conversions equal
// to the manifest, planted lifts inside their intervals.
#include "tools/campaigns/campaigns.h"

#include <gtest/gtest.h>

#include <cmath>
#include <set>

#include "core/error.h"
#include "support/shared_sim.h"
#include "support/tiny_warehouse.h"
#include "tools/registry.h"

namespace luckyhub {
namespace {

size_t column(const Panel& p, const std::string& id) {
  for (size_t i = 0; i < p.table.columns.size(); ++i) {
    if (p.table.columns[i].id == id) return i;
  }
  throw Error("no column " + id + " in " + p.id);
}

// Templates 1001 (budget $100), 1002 ($50), 1003 ($10, never issued) and an
// LKNZ one. 1001: six coupons issued (four live, two expired); used on O1 by
// U1 (their first paid order: acquired) and on O2 by U2, who had paid O3
// before. 1002: two issued, one used on O4, which was cancelled.
// Experiment 7: control users A1-A4, variant B1-B4 (50/50). A1 pays $10 a day
// after their first exposure, B1 and B2 $20 and $30 within the week, B3 eight
// days after (too late), A2 before their exposure (too early).
class CampaignsTiny : public ::testing::Test {
 protected:
  void SetUp() override {
    tiny_ = std::make_unique<testing::TinyWarehouse>("2026-01-01", "2026-01-29");
    add_template(1, 1001, "LKUS", 10000);
    add_template(2, 1002, "LKUS", 5000);
    add_template(3, 1003, "LKUS", 1000);
    add_template(4, 9001, "LKNZ", 1000);
    add_coupon("t_coupon_record", 1, 1001, "U1", 2, "O1", "2026-01-10 17:00:00");
    add_coupon("t_coupon_record", 2, 1001, "U2", 2, "O2", "2026-01-12 17:00:00");
    add_coupon("t_coupon_record", 3, 1001, "U4", 1, "", "");
    add_coupon("t_coupon_record", 4, 1001, "U5", 1, "", "");
    add_coupon("t_coupon_record", 5, 1002, "U3", 2, "O4", "2026-01-14 17:00:00");
    add_coupon("t_coupon_record", 6, 9001, "U9", 1, "", "");
    add_coupon("t_coupon_record_expired", 1, 1001, "U6", 3, "", "");
    add_coupon("t_coupon_record_expired", 2, 1001, "U7", 3, "", "");
    add_coupon("t_coupon_record_expired", 3, 1002, "U8", 3, "", "");
    add_order(1, "U1", 40, "2026-01-10 17:00:00", 1000, 200, 864);
    add_order(2, "U2", 40, "2026-01-12 17:00:00", 2000, 500, 1600);
    add_order(3, "U2", 40, "2026-01-05 17:00:00", 700, 0, 760);
    add_order(4, "U3", 50, "2026-01-14 17:00:00", 500, 100, 430);
    // The experiment.
    for (int g = 1; g <= 2; ++g) {
      tiny_->add("luckyus_isalesdatamarketing", "t_experiment",
                 {{"id", int64_t{g}},
                  {"tenant", "LKUS"},
                  {"experiment_id", int64_t{7}},
                  {"experiment_name", "checkout_test"},
                  {"scene", "checkout"},
                  {"group_id", int64_t{g}},
                  {"group_name", g == 1 ? "control" : "variant_a"},
                  {"is_control", int64_t{g == 1}},
                  {"traffic_ratio", int64_t{5000}},
                  {"status", int64_t{3}}});
    }
    int64_t hit = 0;
    for (int i = 1; i <= 4; ++i) {
      add_hit(++hit, 1, "A" + std::to_string(i), "2026-01-15 12:00:00");
      add_hit(++hit, 2, "B" + std::to_string(i), "2026-01-15 12:00:00");
    }
    add_hit(++hit, 1, "A1", "2026-01-18 12:00:00");  // a later exposure: the first counts
    add_order(10, "A1", 40, "2026-01-16 12:00:00", 1000, 0, 1000);
    add_order(11, "B1", 40, "2026-01-20 12:00:00", 2000, 0, 2000);
    add_order(12, "B2", 40, "2026-01-22 11:00:00", 3000, 0, 3000);
    add_order(13, "B3", 40, "2026-01-23 13:00:00", 4000, 0, 4000);
    add_order(14, "A2", 40, "2026-01-14 12:00:00", 5000, 0, 5000);
    wh_ = tiny_->open();
  }

  void add_template(int64_t id, int64_t template_id, const std::string& tenant,
                    int64_t budget_cents) {
    tiny_->add("luckyus_sales_marketing", "t_coupon_template",
               {{"id", id},
                {"tenant", tenant},
                {"template_id", template_id},
                {"template_name", "Template " + std::to_string(template_id)},
                {"coupon_type", int64_t{1}},
                {"marketing_cost", budget_cents}});
  }
  void add_coupon(const std::string& table, int64_t id, int64_t template_id,
                  const std::string& user, int64_t status, const std::string& order_no,
                  const std::string& use_time) {
    tiny_->add("luckyus_sales_marketing", table,
               {{"id", id},
                {"tenant", template_id == 9001 ? "LKNZ" : "LKUS"},
                {"coupon_no", table.substr(2, 8) + std::to_string(id)},
                {"template_id", template_id},
                {"user_no", user},
                {"status", status},
                {"order_no", order_no.empty() ? SqlValue{} : SqlValue{order_no}},
                {"use_time", use_time.empty() ? SqlValue{} : SqlValue{use_time}}});
  }
  void add_order(int64_t id, const std::string& user, int64_t status, const std::string& time,
                 int64_t origin, int64_t coupon, int64_t pay) {
    const std::string order_no = "O" + std::to_string(id);
    tiny_->add("luckyus_sales_order", "t_order",
               {{"id", id},
                {"tenant", "LKUS"},
                {"order_no", order_no},
                {"user_no", user},
                {"shop_id", int64_t{1}},
                {"currency_code", "USD"},
                {"status", status},
                {"pay_money", pay},
                {"create_time", time},
                {"pay_time", status == 50 ? SqlValue{} : SqlValue{time}}});
    tiny_->add("luckyus_sales_order", "t_order_amount",
               {{"id", id},
                {"tenant", "LKUS"},
                {"order_id", id},
                {"order_no", order_no},
                {"currency_code", "USD"},
                {"origin_amount", origin},
                {"coupon_deduct", coupon},
                {"pay_amount", pay}});
  }
  void add_hit(int64_t id, int64_t group, const std::string& user, const std::string& time) {
    tiny_->add("luckyus_isalesdatamarketing", "t_user_hit_experiment_record",
               {{"id", id},
                {"tenant", "LKUS"},
                {"experiment_id", int64_t{7}},
                {"group_id", group},
                {"user_no", user},
                {"channel", int64_t{2}},
                {"hit_time", time}});
  }
  Report run(std::map<std::string, std::string> params) {
    return run_tool(ToolRegistry::instance().get("campaigns"), *wh_, params);
  }

  std::unique_ptr<testing::TinyWarehouse> tiny_;
  std::unique_ptr<Warehouse> wh_;
};

TEST_F(CampaignsTiny, LeaderboardByRoi) {
  const std::vector<campaigns::TemplateResult> t = campaigns::leaderboard(*wh_);
  ASSERT_EQ(t.size(), 3u);  // LKUS only
  EXPECT_EQ(t[0].template_id, 1001);
  EXPECT_EQ(t[0].issued, 6);
  EXPECT_EQ(t[0].redeemed, 2);
  EXPECT_EQ(t[0].discounts.value, 700);
  EXPECT_EQ(t[0].revenue.value, 2464);
  EXPECT_EQ(t[0].acquired, 1);
  EXPECT_DOUBLE_EQ(*t[0].discount_roi(), 2464.0 / 700);
  EXPECT_DOUBLE_EQ(*t[0].redemption_rate(), 2.0 / 6);
  EXPECT_DOUBLE_EQ(*t[0].discount_depth(), 700.0 / 3000);
  EXPECT_EQ(t[0].cost_per_acquired()->value, 700);
  EXPECT_DOUBLE_EQ(*t[0].roi(), 2464.0 / 10000);
  // 1002's only use was on a cancelled order: issued, never redeemed.
  EXPECT_EQ(t[1].template_id, 1002);
  EXPECT_EQ(t[1].issued, 2);
  EXPECT_EQ(t[1].redeemed, 0);
  EXPECT_FALSE(t[1].discount_roi());
  EXPECT_DOUBLE_EQ(*t[1].roi(), 0.0);
  EXPECT_DOUBLE_EQ(*t[1].redemption_rate(), 0.0);
  EXPECT_EQ(t[2].template_id, 1003);
  EXPECT_EQ(t[2].issued, 0);
  EXPECT_FALSE(t[2].redemption_rate());
  EXPECT_FALSE(t[2].cost_per_acquired());
}

TEST_F(CampaignsTiny, ReportPanelsAndDrillDown) {
  const Report r = run({{"days", "28"}});
  const Panel& summary = *r.panel("summary");
  auto tile = [&](const std::string& id) -> const Cell& {
    for (const KpiTile& k : summary.kpis)
      if (k.id == id) return k.value;
    throw Error("no tile " + id);
  };
  EXPECT_EQ(std::get<int64_t>(tile("templates")), 3);
  EXPECT_EQ(std::get<int64_t>(tile("issued")), 8);
  EXPECT_EQ(std::get<int64_t>(tile("redeemed")), 2);
  EXPECT_DOUBLE_EQ(std::get<double>(tile("discount_roi")), 3.52);  // 2464 / 700
  EXPECT_DOUBLE_EQ(std::get<double>(tile("roi")), 0.15);  // 2464 / (10000 + 5000 + 1000)
  const Panel& board = *r.panel("leaderboard");
  ASSERT_EQ(board.table.rows.size(), 3u);
  EXPECT_EQ(std::get<int64_t>(board.table.rows[0][column(board, "rank")]), 1);
  EXPECT_EQ(std::get<int64_t>(board.table.rows[0][column(board, "template_id")]), 1001);
  EXPECT_EQ(std::get<int64_t>(board.table.rows[0][column(board, "cost_per_acquired")]), 700);
  const Panel& daily = *r.panel("daily");
  ASSERT_EQ(daily.series.x.size(), 28u);
  EXPECT_EQ(daily.series.x[9], "2026-01-10");
  EXPECT_EQ(std::get<int64_t>(daily.series.series[0].values[9]), 1);
  EXPECT_EQ(std::get<int64_t>(daily.series.series[1].values[11]), 500);
  EXPECT_EQ(std::get<int64_t>(daily.series.series[2].values[11]), 1600);
  EXPECT_EQ(std::get<int64_t>(daily.series.series[0].values[13]), 0);  // the cancelled order
  // 28 days from Thursday 2026-01-01: the complete weeks of the 5th, 12th and 19th, the latest
  // first.
  const Panel& weeks = *r.panel("scorecard");
  ASSERT_EQ(weeks.table.rows.size(), 3u);
  EXPECT_EQ(std::get<std::string>(weeks.table.rows[2][column(weeks, "week")]), "2026-01-05");
  EXPECT_EQ(std::get<int64_t>(weeks.table.rows[2][column(weeks, "revenue")]), 864);
  EXPECT_EQ(std::get<int64_t>(weeks.table.rows[1][column(weeks, "revenue")]), 1600);
  EXPECT_DOUBLE_EQ(std::get<double>(weeks.table.rows[1][column(weeks, "discount_roi")]), 3.2);  // 1600 / 500
  EXPECT_DOUBLE_EQ(std::get<double>(weeks.table.rows[1][column(weeks, "revenue_change")]),
                   std::round((1600.0 / 864 - 1) * 1e4) / 1e4);
  EXPECT_DOUBLE_EQ(std::get<double>(weeks.table.rows[0][column(weeks, "revenue_change")]),
                   -1.0);  // none that week
  EXPECT_TRUE(std::holds_alternative<std::monostate>(weeks.table.rows[0][column(weeks, "discount_roi")]));
  EXPECT_TRUE(
      std::holds_alternative<std::monostate>(weeks.table.rows[2][column(weeks, "revenue_change")]));

  const Report one = run({{"template", "1001"}, {"days", "28"}});
  EXPECT_EQ(one.panel("template")->kpis[0].id, "issued");
  EXPECT_EQ(std::get<int64_t>(one.panel("template")->kpis[0].value), 6);
  EXPECT_THROW(run({{"template", "4242"}}), Error);
  EXPECT_THROW(run({{"sequential", "maybe"}}), Error);
  EXPECT_THROW(run({{"alpha", "0.9"}}), Error);
}

TEST_F(CampaignsTiny, ExperimentConversionWithinSevenDaysOfTheFirstExposure) {
  const std::vector<campaigns::ExperimentResult> e = campaigns::experiments(*wh_, {});
  ASSERT_EQ(e.size(), 1u);
  ASSERT_EQ(e[0].arms.size(), 2u);
  const campaigns::ArmResult &a = e[0].arms[0], &b = e[0].arms[1];
  EXPECT_TRUE(a.control);
  EXPECT_EQ(a.users, 4);
  EXPECT_EQ(a.converters, 1);
  EXPECT_EQ(a.revenue.value, 1000);
  EXPECT_EQ(b.users, 4);
  EXPECT_EQ(b.converters, 2);
  EXPECT_EQ(b.revenue.value, 5000);
  EXPECT_DOUBLE_EQ(b.revenue_squares, 20.0 * 20 + 30.0 * 30);
  EXPECT_DOUBLE_EQ(b.conversion_effect.estimate, 1.0);  // 2/4 against 1/4
  EXPECT_DOUBLE_EQ(b.revenue_per_user.mean, 12.5);
  EXPECT_DOUBLE_EQ(e[0].srm_p, 1.0);
  EXPECT_FALSE(e[0].srm());

  // The panel's chance to win, none for the control. Conversion 2/4 against 1/4: lift 1, its
  // variance 0.25 / (0.25² · 4) + 0.1875 · 0.5² / (0.25⁴ · 4) = 1 + 3 = 4, so Φ(1 / 2) = 0.6915.
  const Report r = run({{"days", "28"}});
  const Panel& panel = *r.panel("experiments");
  ASSERT_EQ(panel.table.rows.size(), 2u);
  const size_t win = column(panel, "chance_to_win");
  EXPECT_TRUE(std::holds_alternative<std::monostate>(panel.table.rows[0][win]));
  EXPECT_DOUBLE_EQ(std::get<double>(panel.table.rows[1][win]), 0.6915);
}

// CUPED over the 7 days before the first exposure: only A2 spent then ($50, the day before), and
// spent nothing after. Pooled over the 8 users X: ΣX 50, ΣX² 2500; Y: ΣY 60 (A1 10, B1 20, B2 30);
// ΣXY 0. cov = (0 − 50 · 60 / 8) / 7 = −375/7, var X = (2500 − 2500/8) / 7 = 312.5, θ = −6/35.
// Control: 2.5 − θ · 12.5 = 65/14; variant: 12.5 − θ · 0 = 12.5; lift over the raw control mean
// 2.5: (12.5 − 65/14) / 2.5 = 22/7. Without CUPED: (12.5 − 2.5) / 2.5 = 4.
TEST_F(CampaignsTiny, CupedAdjustsRevenuePerUserByThePrePeriod) {
  const campaigns::ArmResult plain = campaigns::experiments(*wh_, {})[0].arms[1];
  EXPECT_DOUBLE_EQ(plain.revenue_effect.estimate, 4.0);
  const std::vector<campaigns::ExperimentResult> e = campaigns::experiments(*wh_, {}, 7);
  ASSERT_EQ(e[0].arms.size(), 2u);
  EXPECT_DOUBLE_EQ(e[0].arms[0].pre_sum, 50.0);
  EXPECT_DOUBLE_EQ(e[0].arms[0].pre_squares, 2500.0);
  EXPECT_DOUBLE_EQ(e[0].arms[1].pre_sum, 0.0);
  ASSERT_TRUE(e[0].arms[1].revenue_effect.computable);
  EXPECT_NEAR(e[0].arms[1].revenue_effect.estimate, 22.0 / 7, 1e-12);
  // The conversion comparison does not change.
  EXPECT_DOUBLE_EQ(e[0].arms[1].conversion_effect.estimate, 1.0);
  // The report's parameter.
  const Report r = run({{"cuped_days", "7"}});
  const Panel& panel = *r.panel("experiments");
  EXPECT_DOUBLE_EQ(std::get<double>(panel.table.rows[1][column(panel, "revenue_lift")]), 3.1429);
}

// The 14 days before as-of hold four customers of store 1 with one paid
// order each: $10, $20, $30, $40 (A2's order on the 14th falls before).
// Mean $25, variance 500/3; z(0.975) + z(0.8) = 2.801585:
// MDE = 2.801585 √(2 · (500/3) / 2) / 25 = 1.44673; a 5% lift needs
// 2 (500/3) 2.801585² / 1.25² = 1674.43 users per arm, 14 · 1674.43 / 2 days.
TEST_F(CampaignsTiny, BeforeLaunchPowerPerStore) {
  const std::vector<campaigns::StorePower> s =
      campaigns::store_power(*wh_, Date::parse("2026-01-29"), 14, 0.05);
  ASSERT_EQ(s.size(), 1u);
  EXPECT_EQ(s[0].shop_id, 1);
  EXPECT_EQ(s[0].customers, 4);
  EXPECT_EQ(s[0].orders, 4);
  EXPECT_DOUBLE_EQ(s[0].per_customer.mean, 25);
  EXPECT_NEAR(s[0].per_customer.variance, 500.0 / 3, 1e-9);
  EXPECT_NEAR(s[0].mde_per_customer, 1.44673, 5e-6);
  EXPECT_NEAR(s[0].days_per_customer, 14 * 1674.43 / 2, 0.05);
  // One order each: revenue per order is revenue per customer.
  EXPECT_NEAR(s[0].mde_per_order, s[0].mde_per_customer, 1e-9);
  const Report r = run({{"test_days", "14"}});
  const Panel& p = *r.panel("power");
  ASSERT_EQ(p.table.rows.size(), 1u);
  EXPECT_DOUBLE_EQ(std::get<double>(p.table.rows[0][column(p, "mde_per_customer")]), 1.4467);
  EXPECT_DOUBLE_EQ(std::get<double>(p.table.rows[0][column(p, "days_per_customer")]), 11721);
}

// ---- The shared simulation ----

const nlohmann::json& truth_kind(const std::string& kind) {
  return testing::shared_sim().truth["anomalies"][kind];
}

TEST(CampaignsGroundTruth, LowRoiAndUnredeemedTemplatesExactly) {
  auto wh = testing::open_shared_warehouse();
  const std::vector<campaigns::TemplateResult> t = campaigns::leaderboard(*wh);
  EXPECT_EQ(t.size(), 1262u);  // every LKUS template, at any scale
  std::set<int64_t> low, unredeemed, planted_low, planted_unredeemed;
  // Templates whose redeeming orders paid nothing (free drinks) have ROI 0
  // whatever their budget: the planted ones are among those with revenue.
  for (const campaigns::TemplateResult& x : t) {
    if (x.revenue.value > 0 && *x.roi() < 0.4) low.insert(x.id);
    if (x.revenue.value > 0 && *x.roi() >= 0.4) {
      EXPECT_GE(*x.roi(), 2.0) << x.template_id;
    }
    if (x.issued > 0 && x.redeemed == 0) unredeemed.insert(x.id);
  }
  for (const auto& id : truth_kind("coupon_template_low_roi")["ids"])
    planted_low.insert(id.get<int64_t>());
  for (const auto& id : truth_kind("coupon_template_unredeemed")["ids"])
    planted_unredeemed.insert(id.get<int64_t>());
  ASSERT_FALSE(planted_low.empty());
  EXPECT_EQ(low, planted_low);
  EXPECT_EQ(unredeemed, planted_unredeemed);
}

TEST(CampaignsGroundTruth, ExperimentsAsPlanted) {
  auto wh = testing::open_shared_warehouse();
  const std::vector<campaigns::ExperimentResult> found = campaigns::experiments(*wh, {});
  std::map<std::pair<int64_t, int64_t>, const campaigns::ArmResult*> arms;
  std::map<int64_t, const campaigns::ArmResult*> controls;
  for (const campaigns::ExperimentResult& e : found) {
    for (const campaigns::ArmResult& a : e.arms) {
      arms[{e.experiment_id, a.group_id}] = &a;
      if (a.control) controls[e.experiment_id] = &a;
    }
  }
  int checked = 0;
  for (const std::string kind : {"experiment_effect", "experiment_no_effect"}) {
    for (const auto& item : truth_kind(kind)["items"]) {
      const int64_t experiment = item["experiment_id"].get<int64_t>();
      const campaigns::ArmResult* arm = arms.at({experiment, item["group_id"].get<int64_t>()});
      const campaigns::ArmResult* control = controls.at(experiment);
      EXPECT_EQ(control->users, item["control_users"].get<int64_t>()) << experiment;
      EXPECT_EQ(control->converters, item["control_conversions"].get<int64_t>()) << experiment;
      EXPECT_EQ(arm->users, item["group_users"].get<int64_t>()) << experiment;
      EXPECT_EQ(arm->converters, item["group_conversions"].get<int64_t>()) << experiment;
      const double planted = item["planted_lift"].get<double>();
      ASSERT_TRUE(arm->conversion_effect.computable) << experiment;
      EXPECT_LE(arm->conversion_effect.ci_low, planted) << experiment;
      EXPECT_GE(arm->conversion_effect.ci_high, planted) << experiment;
      ++checked;
    }
  }
  EXPECT_GE(checked, 20);
}

TEST(CampaignsGroundTruth, OnlyThePlantedSampleRatioMismatchIsFlagged) {
  std::set<int64_t> planted;
  for (const auto& item : truth_kind("experiment_srm")["items"])
    planted.insert(item["experiment_id"].get<int64_t>());
  ASSERT_EQ(planted.size(), 1u);
  auto wh = testing::open_shared_warehouse();
  std::set<int64_t> flagged;
  size_t experiments = 0;
  for (const campaigns::ExperimentResult& e : campaigns::experiments(*wh, {})) {
    ++experiments;
    if (e.srm()) flagged.insert(e.experiment_id);
  }
  EXPECT_GE(experiments, 21u);  // the nulls among them not flagged
  EXPECT_EQ(flagged, planted);
  const Report r = run_tool(ToolRegistry::instance().get("campaigns"), *wh, {});
  ASSERT_EQ(r.panel("alerts")->alerts.size(), 1u);
  EXPECT_NE(r.panel("alerts")->alerts[0].title.find("home_pickup_banner_logging"),
            std::string::npos);
}

// The experiments chart: one bar per group against its control, in the series
// of its verdict: the planted mismatch's bars alone under "srm", and of the
// others "significant" exactly when the whiskers (the interval) leave out 0.
TEST(CampaignsGroundTruth, ExperimentChartBarsByVerdict) {
  std::set<std::string> srm_names;
  for (const auto& item : truth_kind("experiment_srm")["items"]) srm_names.insert(item["experiment_name"].get<std::string>());
  ASSERT_EQ(srm_names.size(), 1u);
  auto wh = testing::open_shared_warehouse();
  const Report r = run_tool(ToolRegistry::instance().get("campaigns"), *wh, {{"incremental_top", "0"}});
  const Panel& chart = *r.panel("experiment_lifts");
  const Panel& table = *r.panel("experiments");
  size_t groups = 0;
  for (const auto& row : table.table.rows) groups += std::get<std::string>(row[column(table, "verdict")]) != "control";
  ASSERT_EQ(chart.series.x.size(), groups);
  ASSERT_EQ(chart.series.series.size(), 5u);
  auto values = [&](const std::string& id) {
    for (const Series& s : chart.series.series)
      if (s.id == id) return s.values;
    throw Error("no series " + id);
  };
  const auto significant = values("significant"), not_significant = values("not_significant"),
             srm = values("srm"), low = values("ci_low"), high = values("ci_high");
  size_t in_srm = 0, in_significant = 0;
  for (size_t i = 0; i < groups; ++i) {
    const std::string& label = chart.series.x[i];
    const std::string experiment = label.substr(0, label.find(": "));
    const bool mismatch = srm_names.count(experiment) > 0;
    const bool excludes_zero = std::get<double>(low[i]) > 0 || std::get<double>(high[i]) < 0;
    EXPECT_EQ(!std::holds_alternative<std::monostate>(srm[i]), mismatch) << label;
    EXPECT_EQ(!std::holds_alternative<std::monostate>(significant[i]), !mismatch && excludes_zero) << label;
    EXPECT_EQ(!std::holds_alternative<std::monostate>(not_significant[i]), !mismatch && !excludes_zero) << label;
    in_srm += mismatch;
    in_significant += !mismatch && excludes_zero;
  }
  EXPECT_GE(in_srm, 1u);
  EXPECT_GE(groups - in_srm - in_significant, 10u);  // the nulls (at this scale, the planted lifts too)
}

}  // namespace
}  // namespace luckyhub
