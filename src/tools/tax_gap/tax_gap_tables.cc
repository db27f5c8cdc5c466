#include "tools/tax_gap/tax_gap_tables.h"

#include "warehouse/lookup_table.h"

namespace luckyhub::tax_gap {
namespace {

const TableDef& source(std::string_view database, std::string_view table) {
  return SchemaCatalog::builtin().table(database, table);
}

const DerivedTableRegistration kItemOrdersTable(lookup_table({
    .owner = "tax-gap",
    .name = std::string(kItemOrders),
    .base = source("luckyus_sales_order", "t_order_item"),
    .lookup = source("luckyus_sales_order", "t_order"),
    .keys = {{"order_id", "id"}},
    .columns = {{"order_tenant", "tenant", "tenant"},
                {"order_currency_code", "currency_code", "currency_code"},
                {"order_status", "status", "status"},
                {"order_pay_time", "pay_time", "pay_time"}},
}));

const DerivedTableRegistration kOrderTaxTable(lookup_table({
    .owner = "tax-gap",
    .name = std::string(kOrderTax),
    .base = source("luckyus_sales_order", "t_order_amount"),
    .lookup = source("luckyus_sales_order", "t_order_item"),
    .keys = {{"order_id", "order_id"}},
    .sum = true,
    .columns = {{"items_tax", "SUM(tax)", "tax"}},
}));

}  // namespace
}  // namespace luckyhub::tax_gap
