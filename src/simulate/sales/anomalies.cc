// The anomalies planted in the plan before money is computed: wrong sales
// tax on some items, payment trades lost, charged wrong or booked under the
// wrong tenant, and rows with a tenant code nobody configured. The ids are
// recorded in the manifest when the rows are written (emit.cc); the kinds are
// described here, all in one place.
#include <algorithm>

#include "simulate/sales/sales_internal.h"

namespace luckyhub::sim {
namespace {

// Picks up to n distinct indexes of `candidates`, deterministic.
std::vector<size_t> pick(Rng& rng, std::vector<size_t> candidates, int64_t n) {
  n = std::min<int64_t>(n, static_cast<int64_t>(candidates.size()));
  for (int64_t i = 0; i < n; ++i) {
    std::swap(candidates[i], candidates[i + rng.range(0, static_cast<int64_t>(candidates.size()) - 1 - i)]);
  }
  candidates.resize(n);
  std::sort(candidates.begin(), candidates.end());
  return candidates;
}

int64_t at_least_one(const SimContext& ctx, double figure) { return std::max<int64_t>(1, ctx.scaled(figure)); }

}  // namespace

void describe_sales_anomalies(Truth& t) {
  t.describe("nzd_test_order", "luckyus_sales_order.t_order",
             "orders of the NZ test tenant (tenant LKNZ, currency NZD) at the test store, paid or not; their "
             "items, amounts and trades carry LKNZ/NZD too");
  t.describe("currency_mismatch", "luckyus_sales_order.t_order",
             "LKUS orders at US stores whose currency_code is not the store's USD; items {order_id, shop_id, "
             "currency_code}");
  t.describe("unknown_tenant", "",
             "rows whose tenant is neither LKUS nor LKNZ; items {table: db.table, id, tenant}");
  t.describe("recon_order_without_trade", "luckyus_sales_order.t_order",
             "paid USD orders with no successful payment trade; items {day, shop_id, order_id, order_no, "
             "order_cents, tax_cents}");
  t.describe("recon_trade_without_order", "luckyus_sales_payment.t_trade",
             "successful LKUS payment trades whose order_no is not in t_order; items {day, shop_id, trade_id, "
             "trade_no, order_no, trade_cents, tax_cents}");
  t.describe("recon_amount_mismatch", "luckyus_sales_payment.t_trade",
             "payment trade amount differs from pay_money x 100 of its order; items {day, shop_id, order_no, "
             "trade_no, order_cents, trade_cents}");
  t.describe("recon_missing_income_bill", "luckyus_ifiaccounting.t_acc_income_bill",
             "a (shop, biz_date, biz_hour, channel_id, bill_type) group of successful USD trades with no income "
             "bill; items {day, shop_id, biz_hour, channel_id, bill_type, trade_cnt, amount_cents, tax_cents}");
  t.describe("recon_duplicate_income_bill", "luckyus_ifiaccounting.t_acc_income_bill",
             "an income bill booked twice (two rows, different bill_no, same content); ids are the duplicate "
             "rows; items {day, shop_id, biz_hour, channel_id, bill_type, bill_nos, amount_cents, tax_cents}");
  t.describe("recon_currency_leak", "luckyus_sales_payment.t_trade",
             "payments of NZ test orders (LKNZ, NZD) written as tenant LKUS, currency USD and booked into an "
             "LKUS/USD income bill of the test store; items {day, shop_id, order_no, trade_no, bill_no, "
             "amount_cents, tax_cents}");
  t.describe("tax_missing", "luckyus_sales_order.t_order_item",
             "paid USD items with tax 0 although 8.875% applies (tax_rate still 0.08875)");
  t.describe("tax_wrong_rate", "luckyus_sales_order.t_order_item",
             "paid USD items taxed at a rate other than 0.08875 (tax = round(pay_money x that rate, 2))");
  t.describe("tax_wrong_amount", "luckyus_sales_order.t_order_item",
             "paid USD items with tax_rate 0.08875 but tax != round(pay_money x 0.08875, 2) and tax > 0");
  t.describe("tax_order_amount_off", "luckyus_sales_order.t_order_amount",
             "completed USD orders whose t_order_amount.tax_amount is not the sum of their items' tax (off by "
             "1, -1, 2, -3 or 10 cents; negated where it would be negative); ids are order ids; items {order_no, "
             "day, items_tax_cents, amount_tax_cents}");
  t.describe("tax_info_wrong", "luckyus_sales_order.t_order_item",
             "paid USD items taxed right (rate 0.08875, tax due) whose tax_info is not New York's split "
             "{NY_STATE 0.04, NYC 0.045, MCTD 0.00375}: MCTD left out, or its 0.00375 booked to NY_STATE");
}

void plant_order_anomalies(SimContext& ctx, SalesPlan& plan) {
  Rng rng = ctx.rng("sales/anomalies");
  std::vector<size_t> usd, nz_paid, unpaid_usd;
  std::vector<size_t> usd_lines;
  for (size_t i = 0; i < plan.orders.size(); ++i) {
    const PlannedOrder& o = plan.orders[i];
    if (o.flags != 0) continue;
    if (o.nz) {
      if (o.paid() && o.status == 40) nz_paid.push_back(i);
    } else if (!o.paid()) {
      unpaid_usd.push_back(i);
    } else {
      if (o.status == 40) usd.push_back(i);
      for (uint32_t k = 0; k < o.line_count; ++k) {
        if (plan.lines[o.line_begin + k].sale_cents >= 100) usd_lines.push_back(o.line_begin + k);
      }
    }
  }
  // Tax: disjoint sets of items.
  const int64_t n_missing = at_least_one(ctx, 320), n_rate = at_least_one(ctx, 210), n_amount = at_least_one(ctx, 260);
  std::vector<size_t> taxed = pick(rng, usd_lines, n_missing + n_rate + n_amount);
  for (size_t i = 0; i < taxed.size(); ++i) std::swap(taxed[i], taxed[i + rng.range(0, taxed.size() - 1 - i)]);
  const int32_t wrong_rates[] = {4000, 4500, 8500, 8375, 8000};
  for (size_t k = 0; k < taxed.size(); ++k) {
    PlannedLine& l = plan.lines[taxed[k]];
    if (static_cast<int64_t>(k) < n_missing) {
      l.tax_flag = kTaxMissing;
    } else if (static_cast<int64_t>(k) < n_missing + n_rate) {
      l.tax_flag = kTaxWrongRate;
      l.tax_rate_e5 = wrong_rates[rng.range(0, 4)];
    } else {
      l.tax_flag = kTaxWrongAmount;
      const int32_t deltas[] = {1, -1, 2, 5, 10, -3};
      l.tax_delta = deltas[rng.range(0, 5)];
    }
  }
  // tax_info: items taxed right whose jurisdiction split is not New York's,
  // from a stream of their own (the plants above stay as they were).
  Rng info_rng = ctx.rng("sales/anomalies/tax-info");
  std::vector<size_t> taxed_ok;
  for (size_t i : usd_lines)
    if (plan.lines[i].tax_flag == kTaxOk) taxed_ok.push_back(i);
  for (size_t i : pick(info_rng, taxed_ok, at_least_one(ctx, 40))) {
    plan.lines[i].tax_info_variant = static_cast<uint8_t>(1 + info_rng.range(0, 1));
  }
  // Orders: disjoint too.
  std::vector<size_t> chosen = pick(rng, usd, at_least_one(ctx, 36) + at_least_one(ctx, 36));
  for (size_t i = chosen.size(); i > 1; --i) std::swap(chosen[i - 1], chosen[rng.range(0, i - 1)]);
  const int64_t n_no_trade = at_least_one(ctx, 36);
  for (size_t k = 0; k < chosen.size(); ++k) {
    PlannedOrder& o = plan.orders[chosen[k]];
    if (static_cast<int64_t>(k) < n_no_trade) {
      o.flags |= kNoTrade;
    } else {
      o.flags |= kAmountMismatch;
      const int32_t deltas[] = {1, -1, 100, -100, 25, -50, 199};
      o.mismatch_cents = deltas[rng.range(0, 6)];
    }
  }
  for (size_t i : pick(rng, nz_paid, at_least_one(ctx, 30))) plan.orders[i].flags |= kCurrencyLeak;
  std::vector<size_t> odd = pick(rng, unpaid_usd, at_least_one(ctx, 8) + at_least_one(ctx, 6));
  for (size_t k = 0; k < odd.size(); ++k) {
    plan.orders[odd[k]].flags |= static_cast<int64_t>(k) < at_least_one(ctx, 8) ? kUnknownTenantItem : kUnknownTenantAmount;
  }
  // Completed USD orders that no other plant touches whose breakdown's tax
  // (t_order_amount.tax_amount) is not their items' tax, from a stream of
  // their own (the plants above stay as they were).
  Rng amount_rng = ctx.rng("sales/anomalies/order-tax");
  std::vector<size_t> clean;
  for (size_t i : usd)
    if (plan.orders[i].flags == 0) clean.push_back(i);
  const int8_t deltas[] = {1, -1, 2, -3, 10};
  for (size_t i : pick(amount_rng, clean, at_least_one(ctx, 25))) {
    plan.orders[i].amount_tax_delta = deltas[amount_rng.range(0, 4)];
  }
}

}  // namespace luckyhub::sim
