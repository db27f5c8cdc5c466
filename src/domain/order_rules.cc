#include "domain/order_rules.h"

namespace luckyhub::rules {
namespace {

std::string column(std::string_view alias, std::string_view name) {
  return alias.empty() ? std::string(name) : std::string(alias) + "." + std::string(name);
}

}  // namespace

std::string paid_order(std::string_view alias) { return paid_order_status(column(alias, "status")); }

std::string paid_order_status(std::string_view status_column) {
  return std::string(status_column) + " IN (20, 30, 40, 60)";
}

std::string successful_trade(std::string_view alias) { return column(alias, "trade_status") + " = 20"; }

std::string successful_payment(std::string_view alias) {
  return column(alias, "trade_type") + " = 1 AND " + successful_trade(alias);
}

std::string live_income_bill(std::string_view alias) { return column(alias, "status") + " <> 30"; }

}  // namespace luckyhub::rules
