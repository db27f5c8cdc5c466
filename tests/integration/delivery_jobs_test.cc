// `serve --delivery`'s sync job against the real MariaDB fleet: the scheduler
// syncs the sources into the warehouse, then evaluates every tool's alerts on
// what it synced and routes them by the file's [route] (a recording HTTP
// receiver stands for finance's webhook).
#include <gtest/gtest.h>

#include <chrono>
#include <set>
#include <thread>

#include <nlohmann/json.hpp>

#include "delivery/clock.h"
#include "delivery/cron.h"
#include "delivery/delivery_file.h"
#include "delivery/scheduler.h"
#include "integration/fleet_harness.h"
#include "support/http_recorder.h"
#include "support/shared_sim.h"
#include "warehouse/warehouse.h"

namespace luckyhub {
namespace {

TEST(DeliveryJobs, ASyncJobSyncsTheFleetThenRoutesTheToolsAlerts) {
  testing::load_pristine_sources();
  const std::string dir = testing::temp_dir();
  const std::string warehouse = dir + "/w.db";
  testing::HttpRecorder hook;
  const std::string file = testing::write_file(
      dir, "delivery.toml",
      "[[job]]\nname = \"sync\"\nkind = \"sync\"\nfleet = \"" + testing::test_fleet().fleet_file +
          "\"\ncadence = \"15m\"\n"
          "[route]\nreceiver = \"finance\"\ngroup_wait = \"0s\"\ngroup_by = [\"alertname\"]\n"
          "[[receiver]]\nname = \"finance\"\nwebhook_url = \"" + hook.url("/finance") + "\"\n");
  const delivery::DeliveryConfig config = delivery::load_delivery_file(file);
  ASSERT_TRUE(config.routing);
  delivery::ManualClock clock(delivery::parse_utc("2026-03-07T12:00:00Z"));
  delivery::Scheduler scheduler(config, {.warehouse = warehouse}, clock);
  scheduler.start();
  nlohmann::json job;
  for (int i = 0; i < 3000; ++i) {  // bounded: up to 5 minutes for a small fleet's first sync
    job = scheduler.status()["jobs"][0];
    if (!job["last_run"].is_null()) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  scheduler.stop();
  ASSERT_FALSE(job["last_run"].is_null()) << "the sync job never finished";
  EXPECT_EQ(job["last_run"]["status"], "done") << job.dump();
  EXPECT_EQ(job["next_run_utc"], "2026-03-07T12:15:00Z");

  // The warehouse holds the sources' rows.
  auto w = open_warehouse(warehouse);
  EXPECT_EQ(w->query("SELECT COUNT(*) FROM sales_order__t_order").int_at(0, 0),
            testing::loader_connection("luckyus_sales_order")
                ->query("SELECT COUNT(*) FROM luckyus_sales_order.t_order")
                .int_at(0, 0));

  // The reconciliation's breaks fired, one alert per planted break day, and
  // went to the receiver in one notice (grouped by alertname).
  const nlohmann::json truth = nlohmann::json::parse(testing::read_file(testing::fleet_truth_path()));
  std::set<std::string> break_days;
  for (const auto& [kind, anomaly] : truth.at("anomalies").items()) {
    if (kind.rfind("recon_", 0) != 0) continue;
    for (const auto& item : anomaly.at("items")) break_days.insert(item.at("day").get<std::string>());
  }
  for (const auto& item : truth.at("anomalies").at("unknown_tenant").at("items")) {  // a stray cost bill's day
    if (item.at("table") == "luckyus_ifiaccounting.t_acc_cost_bill") break_days.insert(item.at("day").get<std::string>());
  }
  ASSERT_FALSE(break_days.empty());
  const ResultSet firing = w->query("SELECT object FROM health__alerts WHERE rule = 'ReconciliationBreak' AND "
                                    "state = 'firing' ORDER BY object");
  std::set<std::string> fired;
  for (size_t i = 0; i < firing.size(); ++i) fired.insert(firing.text_at(i, 0));
  EXPECT_EQ(fired, break_days);
  const std::vector<testing::HttpRecorder::Request> posts = hook.take();
  size_t notices = 0;
  for (const auto& p : posts) {
    EXPECT_EQ(p.path, "/finance");
    notices += p.body.find("ReconciliationBreak") != std::string::npos;
  }
  EXPECT_EQ(notices, 1u);
}

}  // namespace
}  // namespace luckyhub
