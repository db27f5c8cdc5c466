#include "domain/trade_fees.h"

#include "warehouse/lookup_table.h"

namespace luckyhub {
namespace {

const TableDef& source(std::string_view database, std::string_view table) {
  return SchemaCatalog::builtin().table(database, table);
}

const DerivedTableRegistration kTradeFeesTable(lookup_table({
    .owner = "payment-fees",
    .name = std::string(kTradeFees),
    .base = source("luckyus_sales_payment", "t_trade"),
    .lookup = source("luckyus_sales_payment", "t_channel_fee"),
    .keys = {{"trade_no", "trade_no"}},
    .columns = {{"fee", "total_fee", "total_fee"}},
}));

}  // namespace
}  // namespace luckyhub
