// The marketing family over a small stand-in world (marketing_test_world.h):
// table sizes against calibration x scale, code sets, and consistency with
// the orders the observer saw.
#include <gtest/gtest.h>

#include "simulate/marketing_test_world.h"

namespace luckyhub::testing {
namespace {

int64_t count(Warehouse& w, const std::string& sql) {
  const ResultSet r = w.query(sql);
  return r.int_at(0, 0);
}

TEST(MarketingTables, SmokeCounts) {
  const MarketingTestRun& run = marketing_test_run();
  auto w = open_warehouse(run.warehouse_path);
  for (const char* t : {"sales_crm__t_user", "sales_crm__t_user_profile", "sales_crm__t_user_history",
                        "isales_cdp__t_user_state", "isales_cdp__t_realtime_user_group_log",
                        "isales_cdp__t_user_event_track", "sales_marketing__t_coupon_template",
                        "sales_marketing__t_coupon_record", "sales_marketing__t_coupon_record_expired",
                        "sales_marketing__t_user_group_label", "sales_marketing__t_market_activity",
                        "sales_marketing__t_market_activity_partake", "isalesdatamarketing__t_experiment",
                        "isalesdatamarketing__t_user_hit_experiment_record"}) {
    std::printf("%-50s %lld\n", t, static_cast<long long>(count(*w, std::string("SELECT COUNT(*) FROM ") + t)));
  }
}

}  // namespace
}  // namespace luckyhub::testing
