#include "domain/payment_fees.h"

#include <algorithm>
#include <map>

#include "domain/order_rules.h"
#include "domain/tenants.h"
#include "warehouse/schema.h"
#include "domain/trade_fees.h"
#include "warehouse/derived_table.h"

namespace luckyhub::fees {
namespace {

std::vector<SqlValue> window_params(const Window& w, const std::string& currency) {
  return {tenant_for_currency(currency), currency, w.utc_from(), w.utc_to()};
}

std::string payments_where(const Dialect& dialect, const Window& w) {
  return " t.tenant = ? AND t.currency_code = ? AND " + rules::successful_payment("t") + " AND " +
         w.range(dialect, "t.pay_time");
}

// Least squares of fee on amount: fee = fixed + percent * amount. Falls back
// to a pure percentage when the amounts do not vary enough to separate them.
FeeModel fit(int64_t n, double sx, double sy, double sxx, double sxy) {
  FeeModel m;
  if (n == 0 || sx <= 0) return m;
  const double dn = static_cast<double>(n);
  const double var = sxx - sx * sx / dn;
  if (n >= 30 && var > 1e-9 * sxx) {
    m.percent = (sxy - sx * sy / dn) / var;
    m.fixed_cents = (sy - m.percent * sx) / dn;
  }
  if (n < 30 || var <= 1e-9 * sxx || m.fixed_cents < 0 || m.percent < 0) {
    m.percent = sy / sx;
    m.fixed_cents = 0;
  }
  return m;
}

std::map<int64_t, std::string> channel_names() {
  const TableDef& trade = SchemaCatalog::builtin().table("luckyus_sales_payment", "t_trade");
  return code_meanings(trade.column("channel_id"));
}

}  // namespace

Query channel_months_query(Warehouse& warehouse, const Window& window, const std::string& currency) {
  const Dialect& dialect = warehouse.dialect();
  Query trades = derived_from(warehouse, kTradeFees);
  Query q{"SELECT " + dialect.ny_month("t.pay_time") +
              R"( AS month, t.channel_id AS channel_id, COUNT(*) AS transactions,
           SUM(t.amount) AS revenue_cents, COALESCE(SUM(t.fee), 0) AS fee_cents,
           SUM(CAST(t.amount AS DOUBLE) * t.amount) AS sum_amount_squared,
           COALESCE(SUM(CAST(t.amount AS DOUBLE) * t.fee), 0) AS sum_amount_fee
    FROM )" + trades.sql + R"( t
    WHERE)" + payments_where(dialect, window) + R"(
    GROUP BY month, t.channel_id)",
          std::move(trades.params)};
  for (SqlValue& v : window_params(window, currency)) q.params.push_back(std::move(v));
  return q;
}

std::vector<ChannelMonth> channel_months(const ResultSet& r) {
  std::vector<ChannelMonth> out;
  for (const Row row : r) {
    ChannelMonth m;
    m.month = row.text("month");
    m.channel_id = row.integer("channel_id");
    m.transactions = row.integer("transactions");
    m.revenue_cents = row.cents("revenue_cents").value;
    m.fee_cents = row.cents("fee_cents").value;
    m.sum_amount_squared = row.number("sum_amount_squared");
    m.sum_amount_fee = row.number("sum_amount_fee");
    out.push_back(m);
  }
  // By month, then channel (the engines return groups in no set order).
  std::sort(out.begin(), out.end(), [](const ChannelMonth& a, const ChannelMonth& b) {
    return a.month != b.month ? a.month < b.month : a.channel_id < b.channel_id;
  });
  return out;
}

std::vector<ChannelMonth> channel_months(Warehouse& warehouse, const Window& window, const std::string& currency) {
  const Query q = channel_months_query(warehouse, window, currency);
  return channel_months(warehouse.query(q.sql, q.params));
}

std::vector<ChannelCost> channel_costs(Warehouse& warehouse, const Window& window, const std::string& currency) {
  return channel_costs(channel_months(warehouse, window, currency));
}

std::vector<ChannelCost> channel_costs(const std::vector<ChannelMonth>& months) {
  std::map<int64_t, ChannelMonth> sums;  // by channel, over the months
  for (const ChannelMonth& m : months) {
    ChannelMonth& c = sums[m.channel_id];
    c.transactions += m.transactions;
    c.revenue_cents += m.revenue_cents;
    c.fee_cents += m.fee_cents;
    c.sum_amount_squared += m.sum_amount_squared;
    c.sum_amount_fee += m.sum_amount_fee;
  }
  const auto names = channel_names();
  std::vector<ChannelCost> channels;
  for (const auto& [id, sum] : sums) {
    ChannelCost c;
    c.channel_id = id;
    const auto name = names.find(c.channel_id);
    c.name = name != names.end() ? name->second : "channel " + std::to_string(c.channel_id);
    c.transactions = sum.transactions;
    c.revenue_cents = sum.revenue_cents;
    c.fee_cents = sum.fee_cents;
    c.effective_rate = c.revenue_cents > 0 ? static_cast<double>(c.fee_cents) / static_cast<double>(c.revenue_cents) : 0;
    c.model = fit(c.transactions, static_cast<double>(c.revenue_cents), static_cast<double>(c.fee_cents),
                  sum.sum_amount_squared, sum.sum_amount_fee);
    channels.push_back(c);
  }
  std::vector<ChannelCost*> by_rate;
  for (ChannelCost& c : channels) by_rate.push_back(&c);
  std::stable_sort(by_rate.begin(), by_rate.end(), [](const ChannelCost* a, const ChannelCost* b) {
    return a->effective_rate > b->effective_rate ||
           (a->effective_rate == b->effective_rate && a->channel_id < b->channel_id);
  });
  for (size_t i = 0; i < by_rate.size(); ++i) by_rate[i]->cost_rank = static_cast<int>(i + 1);
  std::sort(channels.begin(), channels.end(), [](const ChannelCost& a, const ChannelCost& b) {
    return a.revenue_cents > b.revenue_cents || (a.revenue_cents == b.revenue_cents && a.channel_id < b.channel_id);
  });
  return channels;
}

Panel monthly_rate_panel(const std::vector<ChannelMonth>& rows, const std::vector<ChannelCost>& channels) {
  std::vector<std::string> months;
  std::map<std::pair<std::string, int64_t>, std::pair<int64_t, int64_t>> cells;
  std::map<std::string, std::pair<int64_t, int64_t>> totals;
  for (const ChannelMonth& r : rows) {
    if (months.empty() || months.back() != r.month) months.push_back(r.month);
    cells[{r.month, r.channel_id}] = {r.revenue_cents, r.fee_cents};
    totals[r.month].first += r.revenue_cents;
    totals[r.month].second += r.fee_cents;
  }
  auto rate = [](std::pair<int64_t, int64_t> v) -> Cell {
    if (v.first <= 0) return std::monostate{};
    return static_cast<double>(v.second) / static_cast<double>(v.first);
  };
  Panel p{.id = "monthly_rate", .title = "Effective processing rate by month", .kind = PanelKind::kTimeseries};
  p.series.x_label = "month";
  p.series.x_type = ValueType::kMonth;
  p.series.x = months;
  Series all{"all", "All channels", ValueType::kRate};
  for (const std::string& m : months) all.values.push_back(rate(totals[m]));
  p.series.series.push_back(all);
  for (const ChannelCost& c : channels) {
    Series s{"channel_" + std::to_string(c.channel_id), c.name + " (" + std::to_string(c.channel_id) + ")",
             ValueType::kRate};
    for (const std::string& m : months) {
      const auto it = cells.find({m, c.channel_id});
      s.values.push_back(it == cells.end() ? Cell{} : rate(it->second));
    }
    p.series.series.push_back(s);
  }
  return p;
}

}  // namespace luckyhub::fees
