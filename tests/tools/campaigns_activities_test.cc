// The campaigns tool's campaigns panel (t_market_activity with its
// participation): every figure of every campaign on the shared simulation
// against plain SQL on the source tables, written here apart from the tool.
#include <gtest/gtest.h>

#include <map>

#include "support/panel_columns.h"
#include "support/shared_sim.h"
#include "tools/registry.h"

namespace luckyhub {
namespace {

struct Expected {
  int64_t partakes = 0, participants = 0, coupons = 0, points = 0, value = 0;
  int64_t templates = 0, redeemed = 0, revenue = 0, budget = 0;
};

TEST(CampaignsActivitiesGroundTruth, EveryCampaignEqualsPlainSql) {
  auto wh = testing::open_shared_warehouse();
  std::map<int64_t, Expected> want;
  for (const Row row : wh->query(
           "SELECT activity_id, budget FROM sales_marketing__t_market_activity WHERE tenant = 'LKUS'")) {
    want[row.integer("activity_id")].budget = row.integer("budget");
  }
  ASSERT_GT(want.size(), 10u);
  for (const Row row : wh->query(
           "SELECT activity_id, COUNT(*) AS n, COUNT(DISTINCT user_no) AS users, "
           "SUM(CASE WHEN reward_type = 1 THEN 1 ELSE 0 END) AS coupons, "
           "SUM(CASE WHEN reward_type = 2 THEN 1 ELSE 0 END) AS points, SUM(reward_amount) AS value "
           "FROM sales_marketing__t_market_activity_partake WHERE tenant = 'LKUS' GROUP BY activity_id")) {
    Expected& e = want[row.integer("activity_id")];
    e.partakes = row.integer("n");
    e.participants = row.integer("users");
    e.coupons = row.integer("coupons");
    e.points = row.integer("points");
    e.value = row.integer("value");
  }
  for (const Row row : wh->query(
           "SELECT activity_id, COUNT(*) AS n FROM sales_marketing__t_coupon_template "
           "WHERE tenant = 'LKUS' AND activity_id IS NOT NULL GROUP BY activity_id")) {
    want[row.integer("activity_id")].templates = row.integer("n");
  }
  // Coupons used on a paid order (status 20, 30, 40 or 60), with its pay_amount.
  for (const Row row : wh->query(
           "SELECT t.activity_id AS activity_id, COUNT(*) AS n, SUM(a.pay_amount) AS revenue "
           "FROM sales_marketing__t_coupon_record c "
           "JOIN sales_marketing__t_coupon_template t ON t.template_id = c.template_id AND t.tenant = 'LKUS' "
           "JOIN sales_order__t_order o ON o.order_no = c.order_no AND o.tenant = 'LKUS' "
           "AND o.status IN (20, 30, 40, 60) "
           "JOIN sales_order__t_order_amount a ON a.order_no = c.order_no AND a.tenant = 'LKUS' "
           "WHERE c.tenant = 'LKUS' AND c.status = 2 AND c.use_time IS NOT NULL "
           "AND t.activity_id IS NOT NULL GROUP BY t.activity_id")) {
    Expected& e = want[row.integer("activity_id")];
    e.redeemed = row.integer("n");
    e.revenue = row.integer("revenue");
  }

  const Report r = run_tool(ToolRegistry::instance().get("campaigns"), *wh, {{"incremental_top", "0"}});
  const Panel& p = *r.panel("activities");
  ASSERT_EQ(p.table.rows.size(), want.size());
  using testing::column;
  int64_t with_points = 0, previous = INT64_MAX;
  for (const auto& row : p.table.rows) {
    const int64_t id = std::get<int64_t>(row[column(p, "activity_id")]);
    ASSERT_TRUE(want.count(id)) << id;
    const Expected& e = want[id];
    EXPECT_EQ(std::get<int64_t>(row[column(p, "partakes")]), e.partakes) << id;
    EXPECT_EQ(std::get<int64_t>(row[column(p, "participants")]), e.participants) << id;
    EXPECT_EQ(std::get<int64_t>(row[column(p, "coupon_rewards")]), e.coupons) << id;
    EXPECT_EQ(std::get<int64_t>(row[column(p, "point_rewards")]), e.points) << id;
    EXPECT_EQ(std::get<int64_t>(row[column(p, "reward_value")]), e.value) << id;
    EXPECT_EQ(std::get<int64_t>(row[column(p, "templates")]), e.templates) << id;
    EXPECT_EQ(std::get<int64_t>(row[column(p, "redeemed")]), e.redeemed) << id;
    EXPECT_EQ(std::get<int64_t>(row[column(p, "revenue")]), e.revenue) << id;
    EXPECT_EQ(std::get<int64_t>(row[column(p, "budget")]), e.budget) << id;
    const Cell& roi = row[column(p, "roi")];
    ASSERT_TRUE(std::holds_alternative<double>(roi)) << id;
    EXPECT_NEAR(std::get<double>(roi), static_cast<double>(e.revenue) / static_cast<double>(e.budget), 0.005) << id;
    EXPECT_LE(e.partakes, previous) << "most participations first";
    previous = e.partakes;
    with_points += e.points > 0;
  }
  EXPECT_EQ(with_points, 1) << "the stamp card's loyalty points";
}

}  // namespace
}  // namespace luckyhub
