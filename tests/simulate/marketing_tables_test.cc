// The marketing family over a small stand-in world (marketing_test_world.h,
// scale 0.01): table sizes against calibration x scale, code sets, keys,
// and consistency with the orders the observer saw.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "simulate/marketing_test_world.h"

namespace luckyhub::testing {
namespace {

int64_t scalar(Warehouse& w, const std::string& sql) { return w.query(sql).int_at(0, 0); }

class MarketingTables : public ::testing::Test {
 protected:
  void SetUp() override { w_ = open_warehouse(marketing_test_run().warehouse_path); }
  int64_t count(const std::string& table) { return scalar(*w_, "SELECT COUNT(*) FROM " + table); }
  std::unique_ptr<Warehouse> w_;
};

TEST_F(MarketingTables, SizesFollowCalibrationTimesScale) {
  const MarketingTestRun& run = marketing_test_run();
  EXPECT_EQ(count("sales_crm__t_user"), run.customers);
  EXPECT_EQ(count("sales_marketing__t_coupon_template"), 60);
  EXPECT_EQ(count("sales_marketing__t_coupon_record_expired"), 370000);
  EXPECT_EQ(scalar(*w_, "SELECT COUNT(*) FROM sales_marketing__t_coupon_record WHERE status = 1 "
                        "AND expire_time > '2026-02-13 05:00:00'"),
            24000);
  // Calibrated by filling: within a few percent of figure x 0.01.
  EXPECT_NEAR(count("sales_marketing__t_user_group_label"), 39000, 39000 * 0.05);
  EXPECT_NEAR(count("isalesdatamarketing__t_user_hit_experiment_record"), 64000, 64000 * 0.05);
  EXPECT_NEAR(count("isales_cdp__t_user_state"), 9800, 9800 * 0.03);
  EXPECT_NEAR(count("isales_cdp__t_user_event_track"), 1680, 1680 * 0.1);
  EXPECT_NEAR(count("sales_marketing__t_market_activity_partake"), 5140, 5140 * 0.1);
  EXPECT_NEAR(count("sales_crm__t_user_profile"), 1930, 1930 * 0.1);
  EXPECT_GT(count("isales_cdp__t_realtime_user_group_log"), run.customers);
}

TEST_F(MarketingTables, UsedCouponsReconcileWithOrders) {
  const MarketingTestRun& run = marketing_test_run();
  const ResultSet r = w_->query(
      "SELECT order_no, deduct_amount, template_id FROM sales_marketing__t_coupon_record "
      "WHERE status = 2 ORDER BY order_no");
  ASSERT_EQ(r.size(), run.coupon_orders.size());
  std::map<std::string, int64_t> deduct;
  for (size_t i = 0; i < r.size(); ++i) deduct[r.text_at(i, 0)] = r.int_at(i, 1);
  for (const sim::OrderEvent& o : run.coupon_orders) {
    ASSERT_EQ(deduct.count(o.order_no), 1u) << o.order_no;
    EXPECT_EQ(deduct[o.order_no], o.coupon_deduct_cents) << o.order_no;
  }
  EXPECT_EQ(scalar(*w_, "SELECT COUNT(*) FROM sales_marketing__t_coupon_record WHERE status = 2 AND "
                        "(use_time IS NULL OR use_time < receive_time OR use_time > expire_time)"),
            0);
  EXPECT_EQ(scalar(*w_, "SELECT COUNT(*) FROM sales_marketing__t_coupon_record WHERE status <> 2 AND "
                        "(order_no IS NOT NULL OR deduct_amount <> 0)"),
            0);
}

TEST_F(MarketingTables, KeysAreUnique) {
  EXPECT_EQ(scalar(*w_, "SELECT COUNT(*) - COUNT(DISTINCT coupon_no) FROM (SELECT coupon_no FROM "
                        "sales_marketing__t_coupon_record UNION ALL SELECT coupon_no FROM "
                        "sales_marketing__t_coupon_record_expired)"),
            0);
  EXPECT_EQ(scalar(*w_, "SELECT COUNT(*) FROM (SELECT user_no, state_type FROM "
                        "isales_cdp__t_user_state GROUP BY 1, 2 HAVING COUNT(*) > 1)"),
            0);
  EXPECT_EQ(scalar(*w_, "SELECT COUNT(*) FROM (SELECT user_no, label_id FROM "
                        "sales_marketing__t_user_group_label GROUP BY 1, 2 HAVING COUNT(*) > 1)"),
            0);
  EXPECT_EQ(scalar(*w_, "SELECT COUNT(*) - COUNT(DISTINCT user_no) FROM sales_crm__t_user"), 0);
  // Every coupon, label, state and exposure belongs to a registered user.
  for (const char* t : {"sales_marketing__t_coupon_record", "isales_cdp__t_user_state",
                        "sales_marketing__t_user_group_label",
                        "isalesdatamarketing__t_user_hit_experiment_record"}) {
    EXPECT_EQ(scalar(*w_, std::string("SELECT COUNT(*) FROM ") + t +
                              " WHERE user_no NOT IN (SELECT user_no FROM sales_crm__t_user)"),
              0)
        << t;
  }
}

TEST_F(MarketingTables, CodesAreInTheDocumentedSets) {
  auto none_outside = [&](const std::string& table, const std::string& column, const std::string& set) {
    EXPECT_EQ(scalar(*w_, "SELECT COUNT(*) FROM " + table + " WHERE " + column + " NOT IN (" + set + ")"), 0)
        << table << "." << column;
  };
  none_outside("sales_crm__t_user", "origin", "1,2,3,8,9,10");
  none_outside("sales_crm__t_user", "member_level", "1,2,3,4");
  none_outside("sales_crm__t_user", "status", "1,2,3");
  none_outside("sales_crm__t_user_history", "action_type", "1,2,3,4,5,6,7,8,9");
  none_outside("sales_crm__t_user_profile", "gender", "0,1,2,3");
  none_outside("sales_crm__t_user_profile", "age_range", "0,1,2,3,4,5,6");
  none_outside("isales_cdp__t_user_state", "state_type", "1,2,3,4");
  none_outside("isales_cdp__t_user_state", "state_code",
               "'NEW','ACTIVE','SILENT','CHURNED','RECALLED','FREQ_LOW','FREQ_MID','FREQ_HIGH',"
               "'VALUE_LOW','VALUE_MID','VALUE_HIGH','COUPON_LOW','COUPON_MID','COUPON_HIGH'");
  none_outside("isales_cdp__t_realtime_user_group_log", "action", "1,2");
  none_outside("isales_cdp__t_realtime_user_group_log", "trigger_event",
               "'order_paid','coupon_received','app_open','daily_batch'");
  none_outside("isales_cdp__t_user_event_track", "event_type",
               "'app_download','register','first_order','repeat_order','invite_friend'");
  none_outside("isales_cdp__t_user_event_track", "source",
               "'organic','apple_search_ads','google_ads','meta_ads','tiktok_ads','referral',"
               "'store_flyer','delivery_platform'");
  none_outside("sales_marketing__t_coupon_record", "status", "1,2,4");
  none_outside("sales_marketing__t_coupon_record_expired", "status", "3");
  none_outside("sales_marketing__t_coupon_template", "coupon_type", "1,2,3,4,5");
  none_outside("sales_marketing__t_coupon_template", "status", "1,2,3");
  none_outside("sales_marketing__t_market_activity", "activity_type", "1,2,3,4,5,6,7");
  none_outside("sales_marketing__t_market_activity", "status", "1,2,3,4");
  none_outside("sales_marketing__t_market_activity_partake", "reward_type", "0,1,2,3");
  none_outside("sales_marketing__t_user_group_label", "source", "1,2,3");
  none_outside("isalesdatamarketing__t_experiment", "status", "1,2,3,4");
  none_outside("isalesdatamarketing__t_experiment", "scene",
               "'home_page','menu_page','checkout','coupon_push','recommendation'");
  // Expired archive rows: never used, expired before as-of.
  EXPECT_EQ(scalar(*w_, "SELECT COUNT(*) FROM sales_marketing__t_coupon_record_expired WHERE "
                        "use_time IS NOT NULL OR order_no IS NOT NULL OR deduct_amount <> 0 OR "
                        "expire_time >= '2026-02-13 05:00:00' OR update_time < expire_time"),
            0);
  // Experiment groups' traffic sums to 1 (DECIMAL(5,4)).
  EXPECT_EQ(scalar(*w_, "SELECT COUNT(*) FROM (SELECT experiment_id FROM isalesdatamarketing__t_experiment "
                        "GROUP BY 1 HAVING ABS(SUM(traffic_ratio) - 10000) > 2)"),
            0);
  // Partake coupon rewards point at real coupons.
  EXPECT_EQ(scalar(*w_, "SELECT COUNT(*) FROM sales_marketing__t_market_activity_partake p WHERE "
                        "reward_type = 1 AND NOT EXISTS (SELECT 1 FROM sales_marketing__t_coupon_record_expired e "
                        "WHERE e.coupon_no = p.reward_ref) AND NOT EXISTS (SELECT 1 FROM "
                        "sales_marketing__t_coupon_record r WHERE r.coupon_no = p.reward_ref)"),
            0);
}

TEST_F(MarketingTables, StatesFollowOrders) {
  // Users with a paid order (a first_order history event) have a frequency
  // and a value state; users without one have at most the LOW states, scored 0.
  const MarketingTestRun& run = marketing_test_run();
  for (int type : {2, 3}) {
    EXPECT_EQ(scalar(*w_, "SELECT COUNT(*) FROM sales_crm__t_user_history h WHERE h.action_type = 6 AND NOT EXISTS "
                          "(SELECT 1 FROM isales_cdp__t_user_state s WHERE s.user_no = h.user_no AND s.state_type = " +
                              std::to_string(type) + ")"),
              0);
  }
  EXPECT_EQ(scalar(*w_, "SELECT COUNT(*) FROM isales_cdp__t_user_state s WHERE s.state_type IN (2, 3) AND NOT EXISTS "
                        "(SELECT 1 FROM sales_crm__t_user_history h WHERE h.user_no = s.user_no AND h.action_type = 6) "
                        "AND (s.state_score <> 0 OR s.state_code NOT IN ('FREQ_LOW', 'VALUE_LOW'))"),
            0);
  EXPECT_EQ(scalar(*w_, "SELECT COUNT(*) FROM isales_cdp__t_user_state WHERE state_type = 1"), run.customers);
  // Churned users have been idle 60+ days: no exposure-free contradiction with active_7d labels.
  EXPECT_EQ(scalar(*w_, "SELECT COUNT(*) FROM isales_cdp__t_user_state s JOIN sales_marketing__t_user_group_label l "
                        "ON l.user_no = s.user_no AND l.label_name = 'active_7d' WHERE s.state_type = 1 AND "
                        "s.state_code = 'CHURNED'"),
            0);
}

}  // namespace
}  // namespace luckyhub::testing
