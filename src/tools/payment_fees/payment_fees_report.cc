// The payment-fees report: panels and registration of Tool 8. The analysis
// is in domain/payment_fees.cc (the channels) and payment_fees.cc (the what-if).
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>

#include "core/error.h"
#include "tools/param_options.h"
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

// "12.5%" for 0.125: a share as the curve's x label, two decimals at most.
std::string share_label(double share) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", share * 100);
  std::string s = buf;
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  return s + "%";
}

// The incentive what-if: its figures at the chosen share, and the net per
// year over the share from 0 to 100% with the chosen share marked.
std::vector<Panel> incentive_panels(const std::vector<ChannelCost>& channels, const Params& params,
                                    const Window& w, const std::string& currency) {
  const ChannelCost* target = find_channel(channels, params.integer("incentive_to"));
  if (target == nullptr) {
    Panel p{.id = "incentive", .title = "Incentive what-if", .kind = PanelKind::kText};
    p.text = "Channel " + params.text("incentive_to") +
             " has no payments in this period; pick the channel to reward from the table above.";
    return {p};
  }
  const int64_t discount = params.integer("incentive_discount_cents");
  const double share = params.number("incentive_share");
  const bool on_all = params.text("incentive_paid_on") == "all";
  const Incentive at = incentive(channels, *target, discount, share, on_all, w.days());
  std::string sources;
  for (const int64_t id : at.sources) {
    sources += (sources.empty() ? "" : ", ") + find_channel(channels, id)->name;
  }
  Panel p{.id = "incentive", .title = "Incentive what-if", .kind = PanelKind::kKpis};
  p.description = "A " + std::to_string(discount) + "-cent discount per " + target->name +
                  " payment, paid on " + (on_all ? "every " + target->name + " payment" : "switched payments only") +
                  ", moves " + share_label(share) + " of the payments of each costlier channel (" +
                  (sources.empty() ? "none" : sources) + "). Per year: the window's figures x 365 / " +
                  std::to_string(w.days()) + " days.";
  KpiTile break_even{"break_even_share", "Break-even switch share", std::monostate{}, ValueType::kRate};
  if (at.break_even_share) {
    break_even.value = std::round(*at.break_even_share * 1e6) / 1e6;
    break_even.note = "the share from which the net is not negative";
  } else {
    break_even.note = "no share up to 100% pays for the discount";
  }
  p.kpis = {
      {"switched_transactions", "Payments switched per year", at.switched_per_year, ValueType::kInt},
      {"fees_saved", "Fees saved per year", at.fees_saved, ValueType::kMoney, currency},
      {"discount_paid", "Discount paid per year", at.discount_paid, ValueType::kMoney, currency},
      {"net", "Net per year", at.net, ValueType::kMoney, currency, "",
       at.net >= 0 ? Status::kGreen : Status::kRed, "fees saved - discount paid"},
      break_even,
  };
  Panel curve{.id = "incentive_curve", .title = "Net per year by switch share", .kind = PanelKind::kTimeseries};
  curve.description = "The incentive's net per year if this share of the costlier channels' payments "
                      "switched; the marked point is the chosen share.";
  curve.series.x_label = "Switch share";
  Series net{"net", "Net per year", ValueType::kMoney, currency};
  Series current{"current", "Chosen share", ValueType::kMoney, currency};
  std::vector<double> shares;
  for (int i = 0; i <= 20; ++i) shares.push_back(i / 20.0);
  if (std::find(shares.begin(), shares.end(), share) == shares.end()) {
    shares.insert(std::upper_bound(shares.begin(), shares.end(), share), share);
  }
  for (const double s : shares) {
    curve.series.x.push_back(share_label(s));
    net.values.push_back(incentive(channels, *target, discount, s, on_all, w.days()).net);
    current.values.push_back(s == share ? Cell{at.net} : Cell{});
  }
  curve.series.series = {net, current};
  return {p, curve};
}

// Who can switch: the users paying with a channel while a cheaper one is bound to them.
std::vector<Panel> switcher_panels(Warehouse& warehouse, const std::vector<ChannelCost>& channels,
                                   const Window& w, const std::string& currency) {
  const Switchers s = switchers(warehouse, w, currency, channels, 20);
  Panel k{.id = "switchable", .title = "Who can switch without onboarding", .kind = PanelKind::kKpis};
  k.description = "Users who paid with a channel while a cheaper one (for those payments, by the fitted fee "
                  "models) is already bound to their account; their payments and fees in the window.";
  k.kpis = {
      {"users", "Users", s.users, ValueType::kInt},
      {"transactions", "Their payments", s.transactions, ValueType::kInt},
      {"fees", "Their fees", s.fee_cents, ValueType::kMoney, currency},
      {"saving", "Fees they would save", s.saving_cents, ValueType::kMoney, currency, "", Status::kNone,
       "paying with the cheapest bound method instead"},
      {"annual_saving", "Saving per year", std::llround(static_cast<double>(s.saving_cents) * 365.0 / w.days()),
       ValueType::kMoney, currency, "", Status::kNone, "x 365 / " + std::to_string(w.days()) + " days"},
  };
  Panel t{.id = "switchable_users", .title = "Users who could switch, largest saving first", .kind = PanelKind::kTable};
  t.table.columns = {{"user_no", "User", ValueType::kText},
                     {"channels", "Channels it could leave", ValueType::kInt},
                     {"could_use", "Cheaper method bound", ValueType::kText},
                     {"transactions", "Payments", ValueType::kInt},
                     {"fee_cents", "Fees", ValueType::kMoney, currency},
                     {"saving_cents", "Would save", ValueType::kMoney, currency}};
  for (const Switcher& u : s.top) {
    t.table.rows.push_back({u.user_no, u.channels, u.could_use, u.transactions, u.fee_cents, u.saving_cents});
  }
  return {k, t};
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
    for (Panel& p : incentive_panels(channels, params, w, currency)) report.panels.push_back(std::move(p));
    for (Panel& p : switcher_panels(warehouse, channels, w, currency)) report.panels.push_back(std::move(p));
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
            {.name = "currency",
             .type = ParamType::kChoice,
             .default_value = "USD",
             .description = "USD (production) or NZD (test tenant)",
             .choices = {"USD", "NZD"},
             .label = "Currency (tenant)"},
            {.name = "shift_from",
             .type = ParamType::kInt,
             .default_value = "53",
             .description = "What-if: channel to steer away from",
             .min = 0,
             .max = 1e9,
             .label = "What-if: steer away from channel",
             .options = param_options::payment_channels},
            {.name = "shift_to",
             .type = ParamType::kInt,
             .default_value = "3",
             .description = "What-if: channel to steer to",
             .min = 0,
             .max = 1e9,
             .label = "What-if: steer to channel",
             .options = param_options::payment_channels},
            {.name = "shift_share",
             .type = ParamType::kNumber,
             .default_value = "0.1",
             .description = "What-if: share of its payments to move",
             .min = 0,
             .max = 1,
             .label = "What-if: share of payments moved"},
            {.name = "incentive_to",
             .type = ParamType::kInt,
             .default_value = "3",
             .description = "Incentive: channel whose payments get the discount",
             .min = 0,
             .max = 1e9,
             .label = "Incentive: discounted channel",
             .options = param_options::payment_channels},
            {.name = "incentive_discount_cents",
             .type = ParamType::kInt,
             .default_value = "5",
             .description = "Incentive: discount per payment, in cents",
             .min = 0,
             .max = 1000,
             .label = "Incentive: discount per payment (cents)"},
            {.name = "incentive_share",
             .type = ParamType::kNumber,
             .default_value = "0.1",
             .description = "Incentive: share of each costlier channel's payments that would switch",
             .min = 0,
             .max = 1,
             .label = "Incentive: share of payments that switch"},
            {.name = "incentive_paid_on",
             .type = ParamType::kChoice,
             .default_value = "all",
             .description = "Incentive: discount paid on every payment of the channel (all) or on switched ones only",
             .choices = {"all", "switched"},
             .label = "Incentive: discount paid on"},
        },
    .compute = compute,
});

}  // namespace

Status rate_status(double rate) {
  return rate < 0.025 ? Status::kGreen : rate < 0.03 ? Status::kYellow : Status::kRed;
}

}  // namespace luckyhub::payment_fees
