// Stock movements per shop, goods and business day, one definition for every
// tool that reads the seven weekday stock-change tables
// (t_shop_goods_stock_change_{mon..sun}) as one history: forecast-accuracy
// scores forecasts against the day's consumption, inventory derives demand,
// write-offs and receipts from it.
//
// The derived table kGoodsDay (additive: sync adds each changed movement's
// contribution), quantities in milli-units of the goods' stock unit, signs
// turned so that every column counts up:
//   shop_id, goods_id, biz_date
//   consumed      −Σ change_qty of change_type 1 (consume, incl. day-end use)
//   consume_rows  the number of those rows (0: no consumption that day)
//   written_off   −Σ change_qty of change_type 3 (waste, expiry)
//   received      Σ change_qty of change_type 2 (deliveries)
//   net           Σ change_qty of every change type (counts, transfers and
//                 returns too): the day's change of the quantity on hand
// Only the production tenant (LKUS). A day with no movement has no row; a
// day with movements of other types only has a row with zero consumption
// (consume_rows 0).
#pragma once

#include <array>
#include <string_view>

namespace luckyhub::stock {

// The seven weekday change tables (warehouse names), Monday first: a
// movement of business day d is in kWeekdayTables[d.weekday()].
inline constexpr std::array<std::string_view, 7> kWeekdayTables = {
    "scm_shopstock__t_shop_goods_stock_change_mon", "scm_shopstock__t_shop_goods_stock_change_tue",
    "scm_shopstock__t_shop_goods_stock_change_wed", "scm_shopstock__t_shop_goods_stock_change_thu",
    "scm_shopstock__t_shop_goods_stock_change_fri", "scm_shopstock__t_shop_goods_stock_change_sat",
    "scm_shopstock__t_shop_goods_stock_change_sun"};

inline constexpr std::string_view kGoodsDay = "stock__goods_day";

}  // namespace luckyhub::stock
