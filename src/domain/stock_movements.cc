#include "domain/stock_movements.h"

#include "warehouse/derived_table.h"

namespace luckyhub::stock {
namespace {

std::string sums(std::string_view rows) {
  return "SELECT shop_id, goods_id, biz_date,"
         " -SUM(CASE WHEN change_type = 1 THEN change_qty ELSE 0 END) AS consumed,"
         " SUM(CASE WHEN change_type = 1 THEN 1 ELSE 0 END) AS consume_rows,"
         " -SUM(CASE WHEN change_type = 3 THEN change_qty ELSE 0 END) AS written_off,"
         " SUM(CASE WHEN change_type = 2 THEN change_qty ELSE 0 END) AS received,"
         " SUM(change_qty) AS net FROM " +
         std::string(rows) + " WHERE tenant = 'LKUS' GROUP BY shop_id, goods_id, biz_date";
}

// Each weekday table is optional: a partial sync sums the days it has.
DerivedTable goods_day_table() {
  DerivedTable d{.owner = "domain", .refresh = DerivedRefresh::kAdditive};
  d.def.database = "stock";
  d.def.name = "goods_day";
  d.def.comment = "consumption, write-offs and receipts per shop, goods and business day";
  d.def.columns = {not_null_column("shop_id", ColumnType::kInt),  not_null_column("goods_id", ColumnType::kInt),
                   not_null_column("biz_date", ColumnType::kDate), not_null_column("consumed", ColumnType::kInt),
                   not_null_column("consume_rows", ColumnType::kInt), not_null_column("written_off", ColumnType::kInt),
                   not_null_column("received", ColumnType::kInt),
                   not_null_column("net", ColumnType::kInt)};
  d.def.primary_key = d.key = {"shop_id", "goods_id", "biz_date"};
  for (const std::string_view table : kWeekdayTables)
    d.sources.push_back({std::string(table), [](const Dialect&, std::string_view rows) { return sums(rows); }, /*optional=*/true});
  return d;
}

const DerivedTableRegistration kGoodsDayTable(goods_day_table());

}  // namespace
}  // namespace luckyhub::stock
