// The fixtures of customer-360's tests (customer_360_profile_test.cc,
// customer_360_rfm_cohorts_test.cc, customer_360_models_test.cc): a tiny
// warehouse of four customers whose every figure is worked out by hand in the
// tests, and the report over the shared simulation.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <set>

#include "core/error.h"
#include "domain/bgnbd.h"
#include "domain/customer_days.h"
#include "domain/rfm.h"
#include "report/render.h"
#include "support/panel_columns.h"
#include "support/shared_sim.h"
#include "support/tiny_warehouse.h"
#include "tools/customer_360/customer_360.h"
#include "tools/registry.h"
#include "warehouse/derived_table.h"
#include "warehouse/schema.h"
#include "warehouse/updater.h"

namespace luckyhub::customer_360_testing {

using testing::column;
using testing::upsert_row;

inline const std::vector<Cell>& row_of(const Panel& p, const std::string& key_column, const std::string& key) {
  for (const auto& row : p.table.rows)
    if (std::get<std::string>(row[column(p, key_column)]) == key) return row;
  throw Error("no row " + key + " in " + p.id);
}

inline const KpiTile& tile(const Panel& p, const std::string& id) {
  for (const KpiTile& t : p.kpis)
    if (t.id == id) return t;
  throw Error("no tile " + id + " in " + p.id);
}

inline Report run(Warehouse& wh, const std::map<std::string, std::string>& params) {
  return run_tool(ToolRegistry::instance().get("customer-360"), wh, params);
}

// As-of 2026-03-01. u1 (registered 2025-12-05, phone ...1234) paid on
// 12-10 $5, 01-10 $5 + $3 (one day), 02-20 $4; u2 (12-20) on 12-21 $10;
// u3 (2026-01-03) never; u4 (01-15, phone ...1234) on 01-16 $6 and 02-01
// $6, and cancelled an order on 01-17. An LKNZ order counts nowhere.
class Customer360Tiny : public ::testing::Test {
 protected:
  void SetUp() override {
    tiny_ = std::make_unique<testing::TinyWarehouse>("2025-12-01", "2026-03-01");
    user("u1", "2025-12-05 15:00:00", "1234");
    user("u2", "2025-12-20 15:00:00", "5678");
    user("u3", "2026-01-03 15:00:00", "0042");
    user("u4", "2026-01-15 15:00:00", "1234");
    order("u1", 1, 40, 500, "2025-12-10 17:00:00", "Latte", 1);
    order("u1", 1, 40, 500, "2026-01-10 17:00:00", "Latte", 2);
    order("u1", 2, 40, 300, "2026-01-10 18:00:00", "Mocha", 1);
    order("u1", 1, 20, 400, "2026-02-20 17:00:00", "Tea", 1);
    order("u2", 1, 40, 1000, "2025-12-21 17:00:00", "Latte", 3);
    order("u4", 2, 40, 600, "2026-01-16 17:00:00", "Latte", 1);
    order("u4", 2, 50, 600, "2026-01-17 17:00:00", "Latte", 1);
    order("u4", 2, 60, 600, "2026-02-01 17:00:00", "Latte", 1);
    order("u2", 1, 40, 900, "2026-01-05 17:00:00", "Latte", 1, "LKNZ");
    int64_t id = 0;
    for (const auto& [status, expires] : {std::pair{int64_t{1}, "2026-03-31 00:00:00"}, {int64_t{2}, "2026-03-31 00:00:00"},
                                          {int64_t{1}, "2026-02-15 00:00:00"}})
      tiny_->add("luckyus_sales_marketing", "t_coupon_record",
                 {{"id", ++id}, {"tenant", "LKUS"}, {"coupon_no", "C" + std::to_string(id)}, {"user_no", "u1"},
                  {"status", status}, {"receive_time", "2026-01-02 10:00:00"}, {"expire_time", expires}});
    for (const auto& [type, code] : {std::pair{int64_t{1}, "ACTIVE"}, {int64_t{2}, "FREQ_MID"}})
      tiny_->add("luckyus_isales_cdp", "t_user_state",
                 {{"id", ++id}, {"tenant", "LKUS"}, {"user_no", "u1"}, {"state_type", type}, {"state_code", code},
                  {"effective_time", "2026-02-20 17:00:00"}});
    tiny_->add("luckyus_isales_cdp", "t_realtime_user_group_log",
               {{"id", ++id}, {"tenant", "LKUS"}, {"user_no", "u1"}, {"group_id", int64_t{2}},
                {"group_name", "active_7d"}, {"action", int64_t{1}}, {"trigger_event", "order_paid"},
                {"log_time", "2026-02-20 17:00:00"}});
    tiny_->add("luckyus_isalesdatamarketing", "t_user_hit_experiment_record",
               {{"id", ++id}, {"tenant", "LKUS"}, {"experiment_id", int64_t{7}}, {"group_id", int64_t{2}},
                {"user_no", "u1"}, {"channel", int64_t{2}}, {"hit_time", "2026-01-20 12:00:00"}});
    tiny_->add("luckyus_sales_marketing", "t_user_group_label",
               {{"id", ++id}, {"tenant", "LKUS"}, {"user_no", "u1"}, {"label_id", int64_t{2}},
                {"label_name", "iced_lover"}, {"source", int64_t{2}}});
    tiny_->add("luckyus_sales_crm", "t_user_profile",
               {{"id", ++id}, {"tenant", "LKUS"}, {"user_no", "u1"}, {"gender", int64_t{2}}, {"age_range", int64_t{3}},
                {"city", "Brooklyn"}, {"state", "NY"}, {"zip_code", "11201"}, {"language", "en"},
                {"push_opt_in", int64_t{1}}, {"email_opt_in", int64_t{1}}, {"create_time", "2025-12-05 15:00:00"},
                {"update_time", "2025-12-05 15:00:00"}});
    // u1's account events: registered, a member level raised, a phone changed (its values never shown).
    for (const auto& [action, before, after, time] :
         {std::tuple{int64_t{1}, "", "", "2025-12-05 15:00:00"}, {int64_t{5}, "1", "2", "2026-01-10 17:00:00"},
          {int64_t{4}, "5550001", "5550002", "2026-02-01 12:00:00"}, {int64_t{3}, "", "profile", "2026-03-02 12:00:00"}})
      tiny_->add("luckyus_sales_crm", "t_user_history",
                 {{"id", ++id}, {"tenant", "LKUS"}, {"user_no", "u1"}, {"action_type", action}, {"channel", int64_t{2}},
                  {"before_value", *before ? SqlValue(std::string(before)) : SqlValue()},
                  {"after_value", *after ? SqlValue(std::string(after)) : SqlValue()}, {"action_time", time},
                  {"create_time", time}, {"update_time", time}});
    wh_ = tiny_->open();
  }

  void user(const std::string& user_no, const std::string& registered, const std::string& tail) {
    tiny_->add("luckyus_sales_crm", "t_user",
               {{"id", ++users_}, {"tenant", "LKUS"}, {"user_no", user_no}, {"origin", int64_t{2}},
                {"phone_hash", std::string(64, 'a' + users_)}, {"phone_tail", tail}, {"member_level", int64_t{1}},
                {"status", int64_t{1}}, {"register_time", registered}});
  }

  void order(const std::string& user_no, int64_t shop, int64_t status, int64_t cents, const std::string& time,
             const std::string& product, int64_t cups, const std::string& tenant = "LKUS") {
    ++orders_;
    tiny_->add("luckyus_sales_order", "t_order",
               {{"id", orders_}, {"tenant", tenant}, {"order_no", "O" + std::to_string(orders_)}, {"user_no", user_no},
                {"shop_id", shop}, {"currency_code", "USD"}, {"status", status}, {"pay_money", cents},
                {"create_time", time}});
    tiny_->add("luckyus_sales_order", "t_order_item",
               {{"id", orders_}, {"tenant", tenant}, {"order_id", orders_}, {"order_no", "O" + std::to_string(orders_)},
                {"spu_name", product}, {"quantity", cups}, {"create_time", time}});
  }

  std::unique_ptr<testing::TinyWarehouse> tiny_;
  std::unique_ptr<Warehouse> wh_;
  int64_t users_ = 0, orders_ = 0;
};

// ---- The shared simulation ----

inline const Report& shared_report() {
  static const Report r = [] {
    auto wh = testing::open_shared_warehouse();
    return run(*wh, {{"risk_rows", "10000"}, {"cohort_months", "6"}});
  }();
  return r;
}

inline std::string as_of_utc(Warehouse& wh) {
  return new_york_to_utc(Date::parse(wh.meta("as_of")), 0, 0, 0).str();
}

}  // namespace luckyhub::customer_360_testing
