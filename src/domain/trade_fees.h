// The trades with their Stripe fee: a derived table (warehouse/lookup_table.h)
// that payment-fees' channel costs and the reconciliation's monthly fee rate
// both scan, declared here once because two tools read it.
#pragma once

#include <string_view>

namespace luckyhub {

// sales_payment__t_trade's columns and `fee` (t_channel_fee.total_fee by
// trade_no; NULL for a trade without a fee row).
inline constexpr std::string_view kTradeFees = "wide__trade_fee";

}  // namespace luckyhub
