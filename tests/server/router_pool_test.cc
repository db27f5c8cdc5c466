// The router and the worker pool on their own, without sockets: what a
// request target becomes (answers, refusals, report jobs), and that the pool
// runs every task, with its worker's own warehouse or the reason it has none.
#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <nlohmann/json.hpp>

#include "server/report_service.h"
#include "server/router.h"
#include "server/worker_pool.h"
#include "support/shared_sim.h"

namespace luckyhub::server {
namespace {

using nlohmann::json;

class RouterTest : public ::testing::Test {
 protected:
  RouterTest() : reports_(testing::shared_sim().warehouse_path, 1, 16), router_(reports_) {}

  HttpResponse answer(std::string_view method, std::string_view target) {
    Routed r = router_.route(method, target, "");
    if (!r.job) return r.response;
    std::promise<void> done;
    r.job->on_done([&] { done.set_value(); });
    done.get_future().wait();
    HttpResponse answer = r.finish(*r.job);
    if (answer.shared_body) answer.body = *answer.shared_body;  // a cached report's body, not copied when served
    return answer;
  }

  ReportService reports_;
  Router router_;
};

TEST_F(RouterTest, AnswersHealthToolsAndReports) {
  const HttpResponse health = answer("GET", "/api/health");
  EXPECT_EQ(health.status, 200);
  EXPECT_EQ(json::parse(health.body)["status"], "ok");
  const HttpResponse tools = answer("GET", "/api/tools");
  EXPECT_EQ(tools.status, 200);
  EXPECT_FALSE(json::parse(tools.body)["tools"].empty());
  const HttpResponse report = answer("GET", "/api/reports/payment-fees");
  ASSERT_EQ(report.status, 200) << report.body;
  EXPECT_EQ(json::parse(report.body)["tool"], "payment-fees");
}

TEST_F(RouterTest, RefusesWhatItCannotServe) {
  auto error = [&](std::string_view method, std::string_view target) {
    const HttpResponse r = answer(method, target);
    EXPECT_TRUE(json::parse(r.body).contains("error")) << target;
    return r.status;
  };
  EXPECT_EQ(error("GET", "/api/reports/no-such-tool"), 404);
  EXPECT_EQ(error("GET", "/api/reports/payment-fees?no_such_parameter=1"), 400);
  EXPECT_EQ(error("DELETE", "/api/tools"), 405);
  EXPECT_EQ(error("GET", "/assets/..%2f..%2fCMakeLists.txt"), 400);
}

TEST(WorkerPool, RunsEveryQueuedTaskBeforeItStops) {
  std::atomic<int> ran = 0, with_warehouse = 0;
  {
    WorkerPool pool(testing::shared_sim().warehouse_path, 2);
    for (int i = 0; i < 20; ++i) {
      pool.submit("v1", [&](Warehouse* warehouse, const std::string& error) {
        ran += 1;
        with_warehouse += warehouse != nullptr && error.empty();
      });
    }
  }  // the destructor finishes the queue, then joins
  EXPECT_EQ(ran, 20);
  EXPECT_EQ(with_warehouse, 20);
}

TEST(WorkerPool, ATaskLearnsWhyThereIsNoWarehouse) {
  std::promise<std::pair<bool, std::string>> seen;
  WorkerPool pool("/nonexistent-dir/luckyhub/w.db", 1);
  pool.submit("v1", [&](Warehouse* warehouse, const std::string& error) { seen.set_value({warehouse == nullptr, error}); });
  const auto [none, error] = seen.get_future().get();
  EXPECT_TRUE(none);
  EXPECT_FALSE(error.empty());
}

}  // namespace
}  // namespace luckyhub::server
