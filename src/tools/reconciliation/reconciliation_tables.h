// The reconciliation's derived tables (warehouse/derived_table.h): the
// lookups its order and trade matching scan, and the income groups its bill
// matching reads.
#pragma once

#include <string_view>

namespace luckyhub::reconciliation {

// sales_payment__t_trade's columns and the order of its order_no, of any
// tenant and currency (a trade whose order is another's is a leak):
// order_id, order_tenant, order_currency_code.
inline constexpr std::string_view kTradeOrders = "wide__trade_order";

// sales_order__t_order's columns and `paid`: what its successful payments of
// its tenant and currency add up to (NULL: none).
inline constexpr std::string_view kOrderPaid = "wide__order_paid";

// sales_payment__t_channel_fee's columns and `payment_id`: the id of the
// successful payment trade of its trade_no, tenant and currency (NULL: its
// payment is gone or never succeeded, a fee without a payment).
inline constexpr std::string_view kFeePayment = "wide__fee_payment";

// The income groups: the successful trades and the live income bills, each
// counted and summed per tenant, currency, shop, New York business day and
// hour, channel and type (1 payment, 2 refund), side by side in one row per
// key (zeros for a side with none): trades, trade_cents, bills, sources (the
// bills' distinct sales sources), bill_cents (their absolute amounts), and
// the ids of each side, trade_ids and bill_ids (Dialect::id_list: in no
// promised order). A UNION ALL and a GROUP BY make it a FULL JOIN on every
// engine. Filters on the trades and bills narrow an inline read to a window.
inline constexpr std::string_view kIncomeGroups = "summary__income_group";

// The paid orders per tenant, currency and New York day of pay_time: orders,
// orders_cents (their pay_money) and delivery_cents (that of the delivery
// platforms' orders, channel 3), for the day totals. Additive: sync adds the
// changed orders' contributions.
inline constexpr std::string_view kOrderDays = "reconciliation__order_day";

// The fee rows whose payment exists (kFeePayment's payment_id not NULL) per
// tenant, currency, fee_date and channel_id: fee_rows and fee_cents (their
// total_fee), for the day's fees. Filters on the fees narrow an inline read.
inline constexpr std::string_view kFeeDays = "reconciliation__fee_day";

}  // namespace luckyhub::reconciliation
