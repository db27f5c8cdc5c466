// The channels report: one function per panel, compute() and the
// registration of Tool 6.
#include <cmath>

#include "report/cells.h"
#include "tools/channels/channels.h"
#include "tools/channels/channels_spend.h"

namespace luckyhub::channels {
namespace {

Cell money_cell(std::optional<double> cents) {
  if (!cents) return {};
  return static_cast<int64_t>(std::llround(*cents));
}

std::string joined(const std::vector<std::string>& months) {
  if (months.size() <= 3) {
    std::string s;
    for (const std::string& m : months) s += (s.empty() ? "" : ", ") + m;
    return s;
  }
  return months.front() + " … " + months.back() + " (" + std::to_string(months.size()) + " months)";
}

Panel summary_panel(const std::array<GroupMetrics, kGroups>& m, const Scope& scope) {
  int64_t customers = 0, buyers = 0, orders = 0, cents = 0, base = 0;
  double retained = 0;
  for (const GroupMetrics& g : m) {
    customers += g.customers;
    buyers += g.buyers;
    orders += g.orders;
    cents += g.cents;
    base += g.retention_base[2];
    retained += g.retention[2].value_or(0) * static_cast<double>(g.retention_base[2]);
  }
  const auto share = [](double a, double b) { return b > 0 ? std::optional<double>(a / b) : std::nullopt; };
  Panel p{.id = "summary", .title = "New customers " + scope.from.str() + " to " + (scope.to - 1).str(),
          .kind = PanelKind::kKpis};
  p.kpis = {
      {"customers", "New customers", customers, ValueType::kInt},
      {"ios_share", "From iOS", rate_cell(share(static_cast<double>(m[kIos].customers), static_cast<double>(customers))),
       ValueType::kRate},
      {"conversion", "Placed a first order", rate_cell(share(static_cast<double>(buyers), static_cast<double>(customers))),
       ValueType::kRate},
      {"aov", "Average order value", money_cell(share(static_cast<double>(cents), static_cast<double>(orders))),
       ValueType::kMoney, "USD"},
      {"retention_90", "Still ordering on days 61-90", rate_cell(share(retained, static_cast<double>(base))),
       ValueType::kRate, "", "", Status::kNone, "after the first order, of first orders at least 90 days old"},
  };
  return p;
}

Panel comparison_panel(const std::array<GroupMetrics, kGroups>& m) {
  Panel p{.id = "channels", .title = "Channels side by side", .kind = PanelKind::kTable};
  p.description = "Per registration source (t_user.origin): the window's new customers; what their paid orders "
                  "brought to as-of; retention at 30, 60 and 90 days: the share who ordered 1-30, 31-60 and 61-90 "
                  "days after their first order day (of first orders at least that old); spend entered for the window's months and CAC = spend / "
                  "new customers (only when every month has spend); LTV = value to date + the 12 months' value customer-360's "
                  "BG/NBD and Gamma-Gamma models expect from each buyer, per new customer.";
  p.table.columns = {{"channel", "Channel"},
                     {"customers", "New customers", ValueType::kInt},
                     {"conversion", "First order", ValueType::kRate},
                     {"orders", "Orders", ValueType::kInt},
                     {"aov", "AOV", ValueType::kMoney, "USD"},
                     {"value", "Value to date", ValueType::kMoney, "USD"},
                     {"value_90", "Value, first 90 days", ValueType::kMoney, "USD"},
                     {"retention_30", "Active d 1-30", ValueType::kRate},
                     {"retention_60", "Active d 31-60", ValueType::kRate},
                     {"retention_90", "Active d 61-90", ValueType::kRate},
                     {"spend", "Spend", ValueType::kMoney, "USD"},
                     {"cac", "CAC", ValueType::kMoney, "USD"},
                     {"value_per_cac", "Value / CAC", ValueType::kNumber, "", "x"},
                     {"ltv", "LTV (to date + 12 months expected)", ValueType::kMoney, "USD"},
                     {"ltv_per_cac", "LTV / CAC", ValueType::kNumber, "", "x"}};
  for (const GroupMetrics& g : m) {
    p.table.rows.push_back({std::string(group_label(g.group)), g.customers, rate_cell(g.conversion), g.orders,
                            money_cell(g.aov_cents), money_cell(g.value_cents), money_cell(g.early_value_cents),
                            rate_cell(g.retention[0]), rate_cell(g.retention[1]), rate_cell(g.retention[2]),
                            g.spend_cents ? Cell{*g.spend_cents} : Cell{}, money_cell(g.cac_cents),
                            g.value_per_cac ? Cell{std::round(*g.value_per_cac * 100) / 100} : Cell{},
                            money_cell(g.ltv_cents),
                            g.ltv_per_cac ? Cell{std::round(*g.ltv_per_cac * 100) / 100} : Cell{}});
  }
  return p;
}

// Says, per channel, which months of the window have no spend.
Panel spend_panel(const std::array<GroupMetrics, kGroups>& m) {
  Panel p{.id = "spend", .title = "Marketing spend", .kind = PanelKind::kText};
  std::string missing;
  for (const GroupMetrics& g : m) {
    if (g.spend_missing.empty()) continue;
    missing += std::string(missing.empty() ? "" : "; ") + group_label(g.group) + ": " + joined(g.spend_missing);
  }
  p.text = missing.empty()
               ? "Spend is entered for every channel and month of the window."
               : "No spend entered for " + missing + ". CAC is left empty where a month lacks spend. Enter spend "
                 "with `luckyhub channels-spend FILE.csv` or PUT /api/channels/spend (CSV: channel,month,spend).";
  return p;
}

// The last 12 months' spend as an editable grid, in whole dollars.
Panel spend_entry_panel(const ChannelData& data, const Scope& scope) {
  Panel p{.id = "spend_entry", .title = "Marketing spend: enter and save", .kind = PanelKind::kEntry};
  p.description = "Spend per channel and month, in whole dollars (empty: not entered; a saved value is replaced by "
                  "a newer one, never removed). CAC divides it by the month's new customers.";
  p.heatmap = {.x_label = "month", .y_label = "channel", .value_label = "spend"};
  Date month = Date::from_ymd((scope.as_of - 1).year(), (scope.as_of - 1).month(), 1);
  const Date start_month = Date::from_ymd(scope.start.year(), scope.start.month(), 1);
  for (int i = 0; i < 11 && month > start_month; ++i) {
    month = Date::from_ymd(month.year() - (month.month() == 1), (month.month() + 10) % 12 + 1, 1);
  }
  const std::string first = month.month_str();
  for (const Date end = scope.as_of; month < end;) {
    p.heatmap.x.push_back(month.month_str());
    month = Date::from_ymd(month.year() + (month.month() == 12), month.month() % 12 + 1, 1);
  }
  for (int g = 0; g < kGroups; ++g) {
    p.heatmap.y.push_back(group_label(g));
    std::vector<Cell> row;
    for (const std::string& m : p.heatmap.x) {
      const auto it = data.spend.find({g, m});
      row.push_back(it == data.spend.end() ? Cell{} : Cell{static_cast<int64_t>(std::llround(it->second / 100.0))});
    }
    p.heatmap.values.push_back(std::move(row));
  }
  p.entry = {.min = 0, .max = kMaxSpendDollars, .url = "/api/channels/spend", .method = "PUT", .key = "spend",
             .fields = {{"first_month", first}}};
  return p;
}

Panel funnel_chart(const std::array<Funnel, kGroups>& f) {
  Panel p{.id = "funnel", .title = "Funnel per channel", .kind = PanelKind::kBar};
  p.description = "Installs and accounts the tracking SDK attributed (t_user_event_track), first seen in the window: "
                  "app download, registration, first order, repeat order, loyal (registered and at the loyal_orders "
                  "count of paid orders).";
  p.series.x_label = "Step";
  p.series.x = {"Download", "Registration", "First order", "Repeat", "Loyal"};
  for (const Funnel& g : f) {
    p.series.series.push_back({group_id(g.group), group_label(g.group), ValueType::kInt, "", "",
                               {g.downloads, g.registrations, g.first_orders, g.repeats, g.loyal}});
  }
  return p;
}

Panel funnel_table(const std::array<Funnel, kGroups>& f) {
  Panel p{.id = "funnel_steps", .title = "Funnel step by step", .kind = PanelKind::kTable};
  p.description = "Each step's share of the step before (registrations of the app channels against downloads).";
  p.table.columns = {{"channel", "Channel"},
                     {"downloads", "Downloads", ValueType::kInt},
                     {"registrations", "Registrations", ValueType::kInt},
                     {"download_to_registration", "Download → registration", ValueType::kRate},
                     {"first_orders", "First orders", ValueType::kInt},
                     {"registration_to_first", "Registration → first order", ValueType::kRate},
                     {"repeats", "Repeat", ValueType::kInt},
                     {"first_to_repeat", "First → repeat", ValueType::kRate},
                     {"loyal", "Loyal", ValueType::kInt},
                     {"repeat_to_loyal", "Repeat → loyal", ValueType::kRate}};
  const auto step = [](int64_t a, int64_t b) {
    return b > 0 ? rate_cell(static_cast<double>(a) / static_cast<double>(b)) : Cell{};
  };
  for (const Funnel& g : f) {
    p.table.rows.push_back({std::string(group_label(g.group)), g.downloads, g.registrations,
                            step(g.registrations, g.downloads), g.first_orders, step(g.first_orders, g.registrations),
                            g.repeats, step(g.repeats, g.first_orders), g.loyal, step(g.loyal, g.repeats)});
  }
  return p;
}

Panel mix_panel(std::string id, std::string title, std::string description, const std::vector<MonthMix>& months) {
  Panel p{.id = std::move(id), .title = std::move(title), .kind = PanelKind::kTimeseries};
  p.description = std::move(description);
  p.series.x_label = "Month";
  p.series.x_type = ValueType::kMonth;
  for (int g = 0; g < kGroups; ++g) p.series.series.push_back({group_id(g), group_label(g), ValueType::kRate});
  for (const MonthMix& m : months) {
    int64_t total = 0;
    for (int64_t n : m.counts) total += n;
    p.series.x.push_back(m.month);
    for (int g = 0; g < kGroups; ++g) {
      p.series.series[g].values.push_back(
          total > 0 ? rate_cell(static_cast<double>(m.counts[g]) / static_cast<double>(total)) : Cell{});
    }
  }
  return p;
}

Panel payments_panel(const ChannelData& data) {
  Panel p{.id = "payments", .title = "How each channel's customers pay", .kind = PanelKind::kTable};
  p.description = "Successful payments (t_trade) of the window's new customers, per payment method, as a share of "
                  "their channel's payments.";
  p.table.columns = {{"channel", "Channel"},
                     {"method", "Payment method"},
                     {"payments", "Payments", ValueType::kInt},
                     {"share", "Share of channel", ValueType::kRate},
                     {"amount", "Amount", ValueType::kMoney, "USD"}};
  std::array<int64_t, kGroups> totals{};
  for (const PaymentMix& m : data.payments) totals[m.group] += m.payments;
  for (const PaymentMix& m : data.payments) {
    const auto name = data.method_names.find(m.method);
    p.table.rows.push_back({std::string(group_label(m.group)),
                            name == data.method_names.end() ? std::to_string(m.method) : name->second, m.payments,
                            rate_cell(static_cast<double>(m.payments) / static_cast<double>(totals[m.group])), m.cents});
  }
  return p;
}

Panel health_panel(const std::array<WeekHealth, kGroups>& weeks) {
  Panel p{.id = "health", .title = "Channel health, week of " + weeks[0].week.str(), .kind = PanelKind::kTable};
  p.description = "The last complete week (Monday to Sunday) against the weekly mean of the four weeks before; red "
                  "when new customers or first orders fall by the health_drop share or more, yellow by half of it; "
                  "a figure whose 4-week mean is under health_min is not judged (status none).";
  p.table.columns = {{"channel", "Channel"},
                     {"customers", "New customers", ValueType::kInt},
                     {"customers_before", "4-week mean", ValueType::kNumber},
                     {"customers_change", "Change", ValueType::kRate},
                     {"first_orders", "First orders", ValueType::kInt},
                     {"first_orders_before", "4-week mean", ValueType::kNumber},
                     {"first_orders_change", "Change", ValueType::kRate},
                     {"orders", "Orders", ValueType::kInt},
                     {"aov_change", "AOV change", ValueType::kRate},
                     {"status", "Status"}};
  static const char* kNames[] = {"none", "green", "yellow", "red"};
  for (const WeekHealth& h : weeks) {
    p.table.rows.push_back({std::string(group_label(h.group)), h.customers, number_cell(h.prior_customers),
                            rate_cell(h.customers_change), h.first_orders, number_cell(h.prior_first_orders),
                            rate_cell(h.first_orders_change), h.orders, rate_cell(h.aov_change),
                            std::string(kNames[static_cast<int>(h.status)])});
  }
  return p;
}

}  // namespace

Panel week_panel(const std::array<WeekHealth, kGroups>& weeks) {
  int64_t customers = 0, first_orders = 0, red = 0;
  for (const WeekHealth& h : weeks) {
    customers += h.customers;
    first_orders += h.first_orders;
    red += h.status == Status::kRed;
  }
  Panel p{.id = "week", .title = "Last week", .kind = PanelKind::kKpis};
  const std::string note = "week of " + weeks[0].week.str();
  p.kpis = {{"week_customers", "New customers", customers, ValueType::kInt, "", "", Status::kNone, note},
            {"week_first_orders", "First orders", first_orders, ValueType::kInt, "", "", Status::kNone, note},
            {"red_channels", "Channels red", red, ValueType::kInt, "", "", red ? Status::kRed : Status::kGreen,
             "new customers or first orders down against the 4 weeks before"}};
  return p;
}

namespace {

Report compute(Warehouse& wh, const Params& params) {
  const Scope scope = scope_of(wh, params);
  const ChannelData data = read_channels(wh, scope);
  std::array<GroupMetrics, kGroups> metrics = group_metrics(data, scope);
  add_lifetime_value(wh, data, scope, metrics);
  const std::array<Funnel, kGroups> funnel = funnels(data, scope);
  const std::array<WeekHealth, kGroups> weeks = week_health(data, scope);
  Report r;
  r.panels = {summary_panel(metrics, scope),
              comparison_panel(metrics),
              spend_panel(metrics),
              spend_entry_panel(data, scope),
              funnel_chart(funnel),
              funnel_table(funnel),
              mix_panel("registration_mix", "New customers by channel since launch",
                        "Each month's registrations (t_user.origin), as shares of the month.",
                        registration_mix(data, scope)),
              mix_panel("order_mix", "Orders by channel since launch",
                        "Each month's paid orders by the channel they were placed on (t_order.channel), as shares.",
                        order_mix(data, scope)),
              payments_panel(data),
              week_panel(weeks),
              health_panel(weeks)};
  return r;
}

const ToolRegistration kRegistration(Tool{
    .id = "channels",
    .number = 6,
    .department = "marketing",
    .title = "Customer Acquisition Channel Tracker",
    .summary = "iOS, Android, delivery and other registration sources side by side: new customers, CAC from the "
               "entered spend, first-order conversion, AOV, value, retention 30/60/90 days after the first order, "
               "payment methods, the funnel download to loyal, the channel mix since launch and last week's health.",
    .params = channel_params(),
    .compute = compute,
});

}  // namespace
}  // namespace luckyhub::channels
