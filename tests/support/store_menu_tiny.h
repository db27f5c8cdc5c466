// What the tiny warehouses of the recommendations tool's store-menu tests
// share: three products (1 Americano, hot coffee; 2 Iced Latte, iced coffee;
// 3 Croissant, food), a store of t_shop_info, and a paid order at a store.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "support/tiny_warehouse.h"

namespace luckyhub::testing {

inline void add_menu_products(TinyWarehouse& tiny) {
  const std::pair<int64_t, std::string> products[] = {
      {1, "Americano"}, {2, "Iced Latte"}, {3, "Croissant"}};
  for (const auto& [id, name] : products) {
    tiny.add("luckyus_scm_commodity", "t_commodity_base_info",
             {{"id", id},
              {"tenant", "LKUS"},
              {"commodity_name", name},
              {"category", id == 3 ? "Food" : "Coffee"},
              {"sugar_level", int64_t{0}},
              {"default_temperature", id == 3 ? int64_t{0} : id},
              {"calories", int64_t{100}},
              {"caffeine_mg", int64_t{0}},
              {"status", int64_t{1}}});
  }
}

// A US store; `zip_code` "" leaves it NULL.
inline void add_menu_shop(TinyWarehouse& tiny, int64_t id, const std::string& name, int64_t type,
                          double lat, double lon, const std::string& opens, int64_t status,
                          const std::string& zip_code = "") {
  std::map<std::string, SqlValue> row = {
      {"id", id},          {"tenant", "LKUS"},   {"shop_no", "US" + std::to_string(id)},
      {"shop_name", name}, {"shop_type", type},  {"latitude", lat},
      {"longitude", lon},  {"open_date", opens}, {"status", status}};
  if (!zip_code.empty()) row["zip_code"] = zip_code;
  tiny.add("luckyus_opshop", "t_shop_info", row);
}

// A paid USD order of `user_no` at `shop` on `day` (17:00 UTC), holding
// `lines` (spu_id, units); `id` numbers the rows.
inline void add_menu_order(TinyWarehouse& tiny, int64_t& id, const std::string& user_no,
                           int64_t shop, const std::string& day,
                           const std::vector<std::pair<int64_t, int64_t>>& lines) {
  const int64_t order_id = ++id;
  const std::string time = day + " 17:00:00";
  tiny.add("luckyus_sales_order", "t_order",
           {{"id", order_id},
            {"tenant", "LKUS"},
            {"order_no", "O" + std::to_string(order_id)},
            {"user_no", user_no},
            {"shop_id", shop},
            {"channel", int64_t{2}},
            {"status", int64_t{40}},
            {"currency_code", "USD"},
            {"pay_money", int64_t{500}},
            {"create_time", time},
            {"pay_time", time}});
  for (const auto& [spu, units] : lines) {
    tiny.add("luckyus_sales_order", "t_order_item",
             {{"id", ++id},
              {"order_id", order_id},
              {"spu_id", spu},
              {"quantity", units},
              {"pay_money", int64_t{100}}});
  }
}

}  // namespace luckyhub::testing
