// The payment-fees report: panels and registration of Tool 8. The analysis
// is in domain/payment_fees.cc (the channels) and payment_fees.cc (the what-if).
#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "core/error.h"
#include "tools/payment_fees/payment_fees.h"
#include "tools/registry.h"

namespace luckyhub::payment_fees {
namespace {

using fees::ChannelCost;
using fees::ChannelMonth;

const ChannelCost* find_channel(const std::vector<ChannelCost>& channels, int64_t id) {
  for (const ChannelCost& c : channels) {
    if (c.channel_id == id) return &c;
  }
  return nullptr;
}

Panel summary_panel(const std::vector<ChannelCost>& channels, const Window& w,
                    const std::string& currency) {
  int64_t revenue = 0, fees = 0, transactions = 0;
  for (const ChannelCost& c : channels) {
    revenue += c.revenue_cents;
    fees += c.fee_cents;
    transactions += c.transactions;
  }
  const double rate = revenue > 0 ? static_cast<double>(fees) / static_cast<double>(revenue) : 0;
  const int64_t annual = std::llround(static_cast<double>(fees) * 365.0 / w.days());
  Panel p{.id = "summary", .title = "Processing costs", .kind = PanelKind::kKpis};
  p.kpis = {
      {"transactions", "Transactions", transactions, ValueType::kInt},
      {"revenue", "Revenue processed", revenue, ValueType::kMoney, currency},
      {"fees", "Processing fees", fees, ValueType::kMoney, currency},
      {"effective_rate", "Effective rate", rate, ValueType::kRate, "", "", rate_status(rate),
       "green under 2.5%, red from 3%"},
      {"annual_fees", "Annualised fees", annual, ValueType::kMoney, currency, "", Status::kNone,
       "fees x 365 / " + std::to_string(w.days()) + " days"},
  };
  return p;
}

Panel channel_table(const std::vector<ChannelCost>& channels, const Window& w,
                    const std::string& currency) {
  Panel p{.id = "channels", .title = "Cost by payment channel", .kind = PanelKind::kTable};
  p.description = "Successful payments " + w.from.str() + " to " + (w.to - 1).str() +
                  "; fee model = fixed + percent, fitted on the channel's fees.";
  p.table.columns = {
      {"channel_id", "Channel", ValueType::kInt},
      {"channel_name", "Method", ValueType::kText},
      {"transactions", "Transactions", ValueType::kInt},
      {"revenue_cents", "Revenue", ValueType::kMoney, currency},
      {"fee_cents", "Total fees", ValueType::kMoney, currency},
      {"effective_rate", "Effective rate", ValueType::kRate},
      {"cost_rank", "Cost rank", ValueType::kInt},
      {"avg_ticket_cents", "Avg ticket", ValueType::kMoney, currency},
      {"fixed_fee_cents", "Fixed fee", ValueType::kNumber, "", "cents"},
      {"percent_fee", "Percent fee", ValueType::kRate},
      {"annual_fee_cents", "Annualised fees", ValueType::kMoney, currency},
  };
  for (const ChannelCost& c : channels) {
    const int64_t avg = c.transactions ? std::llround(static_cast<double>(c.revenue_cents) / c.transactions) : 0;
    p.table.rows.push_back({c.channel_id, c.name, c.transactions, c.revenue_cents, c.fee_cents,
                            c.effective_rate, static_cast<int64_t>(c.cost_rank), avg,
                            std::round(c.model.fixed_cents * 100) / 100, c.model.percent,
                            std::llround(static_cast<double>(c.fee_cents) * 365.0 / w.days())});
  }
  return p;
}

Panel what_if_panel(const std::vector<ChannelCost>& channels, const Params& params,
                    const Window& w, const std::string& currency) {
  const ChannelCost* from = find_channel(channels, params.integer("shift_from"));
  const ChannelCost* to = find_channel(channels, params.integer("shift_to"));
  if (from == nullptr || to == nullptr) {
    Panel p{.id = "what_if", .title = "What if we steer payments", .kind = PanelKind::kText};
    p.text = "Channel " + params.text(from == nullptr ? "shift_from" : "shift_to") +
             " has no payments in this period; pick channels from the table above.";
    return p;
  }
  const double share = params.number("shift_share");
  const int64_t saving = annual_saving_cents(*from, *to, share, w.days());
  Panel p{.id = "what_if", .title = "What if we steer payments", .kind = PanelKind::kKpis};
  p.description = "Shift " + std::to_string(std::llround(share * 100)) + "% of " + from->name +
                  " payments to " + to->name + ".";
  p.kpis = {
      {"shifted_transactions", "Transactions shifted per year",
       std::llround(share * from->transactions * 365.0 / w.days()), ValueType::kInt},
      {"from_rate", from->name + " effective rate", from->effective_rate, ValueType::kRate},
      {"to_rate", to->name + " effective rate", to->effective_rate, ValueType::kRate},
      {"annual_saving", "Annual saving", saving, ValueType::kMoney, currency, "",
       saving > 0 ? Status::kGreen : Status::kRed},
  };
  return p;
}

// For every channel: the yearly saving of moving the same share of it to the
// cheapest channel that carries real volume (at least 1% of transactions).
Panel steering_table(const std::vector<ChannelCost>& channels, double share, const Window& w,
                     const std::string& currency) {
  int64_t total = 0;
  for (const ChannelCost& c : channels) total += c.transactions;
  const ChannelCost* cheapest = nullptr;
  for (const ChannelCost& c : channels) {
    if (c.transactions * 100 >= total && (cheapest == nullptr || c.effective_rate < cheapest->effective_rate)) {
      cheapest = &c;
    }
  }
  Panel p{.id = "steering", .title = "Savings from steering to the cheapest channel", .kind = PanelKind::kTable};
  p.table.columns = {{"channel_id", "From channel", ValueType::kInt},
                     {"channel_name", "Method", ValueType::kText},
                     {"to_channel_id", "To channel", ValueType::kInt},
                     {"annual_saving_cents", "Annual saving", ValueType::kMoney, currency}};
  if (cheapest == nullptr) return p;
  for (const ChannelCost& c : channels) {
    if (c.channel_id == cheapest->channel_id) continue;
    p.table.rows.push_back({c.channel_id, c.name, cheapest->channel_id,
                            annual_saving_cents(c, *cheapest, share, w.days())});
  }
  std::stable_sort(p.table.rows.begin(), p.table.rows.end(), [](const auto& a, const auto& b) {
    return std::get<int64_t>(a[3]) > std::get<int64_t>(b[3]);
  });
  return p;
}

Report compute(Warehouse& warehouse, const Params& params) {
  const Window w = report_window(warehouse, params);
  const std::string currency = params.text("currency");
  const std::vector<ChannelMonth> months = fees::channel_months(warehouse, w, currency);
  const std::vector<ChannelCost> channels = fees::channel_costs(months);
  Report report;
  report.panels.push_back(summary_panel(channels, w, currency));
  report.panels.push_back(channel_table(channels, w, currency));
  report.panels.push_back(fees::monthly_rate_panel(months, channels));
  if (!channels.empty()) {
    report.panels.push_back(what_if_panel(channels, params, w, currency));
    report.panels.push_back(steering_table(channels, params.number("shift_share"), w, currency));
  }
  return report;
}

const ToolRegistration kRegistration(Tool{
    .id = "payment-fees",
    .number = 8,
    .department = "finance",
    .title = "Payment Channel Cost Optimizer",
    .summary = "Fees and effective rate per Stripe channel, the monthly rate trend, and what "
               "steering payments between channels would save a year.",
    .params =
        {
            window_params()[0],
            window_params()[1],
            {"currency", ParamType::kChoice, "USD", "USD (production) or NZD (test tenant)", {"USD", "NZD"}},
            {"shift_from", ParamType::kInt, "53", "What-if: channel to steer away from", {}, 0, 1e9},
            {"shift_to", ParamType::kInt, "3", "What-if: channel to steer to", {}, 0, 1e9},
            {"shift_share", ParamType::kNumber, "0.1", "What-if: share of its payments to move", {}, 0, 1},
        },
    .compute = compute,
});

}  // namespace

Status rate_status(double rate) {
  return rate < 0.025 ? Status::kGreen : rate < 0.03 ? Status::kYellow : Status::kRed;
}

}  // namespace luckyhub::payment_fees
