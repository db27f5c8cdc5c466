// The channels tool's figures, from the rows read_channels() gives. Every
// formula is in docs/tools/channels.md.
#include <algorithm>
#include <unordered_map>

#include "tools/channels/channels.h"
#include "tools/window.h"

namespace luckyhub::channels {
namespace {

std::optional<double> ratio(double num, double den) {
  if (den <= 0) return std::nullopt;
  return num / den;
}

std::optional<double> change(double now, double before) {
  if (before <= 0) return std::nullopt;
  return now / before - 1;
}

bool in(Date d, Date from, Date to) { return d >= from && d < to; }

// The months [from, to) touches, YYYY-MM, ascending.
std::vector<std::string> months_of(Date from, Date to) {
  std::vector<std::string> out;
  for (Date d = from; d < to; d = Date::from_ymd(d.year() + (d.month() == 12), d.month() % 12 + 1, 1)) {
    out.push_back(d.month_str());
  }
  return out;
}

std::vector<MonthMix> every_month(const std::map<std::string, std::array<int64_t, kGroups>>& counts,
                                  const Scope& scope) {
  std::vector<MonthMix> out;
  for (const std::string& month : months_of(scope.start, scope.as_of)) {
    const auto it = counts.find(month);
    out.push_back({month, it == counts.end() ? std::array<int64_t, kGroups>{} : it->second});
  }
  return out;
}

int64_t total_orders(const Customer& c) {
  int64_t n = 0;
  for (const Customer::Day& d : c.days) n += d.orders;
  return n;
}

// Active in each 30-day period after the first order: of the buyers whose
// first order day is at least the period's end before as-of, those with a
// paid order on a day inside it.
void add_retention(const Customer& c, const Scope& scope, GroupMetrics& m) {
  const Date first = c.days.front().day;
  for (size_t i = 0; i < kRetentionDays.size(); ++i) {
    const int lo = i == 0 ? 1 : kRetentionDays[i - 1] + 1, hi = kRetentionDays[i];
    if (scope.as_of - first < hi) continue;
    m.retention_base[i] += 1;
    const bool active = std::any_of(c.days.begin(), c.days.end(), [&](const Customer::Day& d) {
      return d.day - first >= lo && d.day - first <= hi;
    });
    if (active) m.retention[i] = m.retention[i].value_or(0) + 1;
  }
}

void add_spend(const ChannelData& data, const Scope& scope, GroupMetrics& m) {
  int64_t spend = 0;
  bool any = false;
  for (const std::string& month : months_of(scope.from, scope.to)) {
    const auto it = data.spend.find({m.group, month});
    if (it == data.spend.end()) {
      m.spend_missing.push_back(month);
      continue;
    }
    spend += it->second;
    any = true;
  }
  if (!any) return;
  m.spend_cents = spend;
  // CAC only over a window whose every month has spend: a partial sum would understate it.
  if (m.spend_missing.empty()) m.cac_cents = ratio(static_cast<double>(spend), static_cast<double>(m.customers));
  if (m.cac_cents && m.value_cents && *m.cac_cents > 0) m.value_per_cac = *m.value_cents / *m.cac_cents;
}

}  // namespace

const char* group_id(int group) {
  static const char* const kIds[] = {"ios", "android", "delivery", "other"};
  return kIds[group];
}

const char* group_label(int group) {
  static const char* const kLabels[] = {"iOS", "Android", "Delivery", "Other"};
  return kLabels[group];
}

int group_of(int64_t code) {
  switch (code) {
    case 2: return kIos;
    case 1: return kAndroid;
    case 3: return kDelivery;
    default: return kOther;
  }
}

int group_of_id(const std::string& id) {
  for (int g = 0; g < kGroups; ++g)
    if (id == group_id(g)) return g;
  return -1;
}

std::array<GroupMetrics, kGroups> group_metrics(const ChannelData& data, const Scope& scope) {
  std::array<GroupMetrics, kGroups> out;
  for (int g = 0; g < kGroups; ++g) out[g].group = g;
  for (const Customer& c : data.customers) {
    if (!in(c.registered, scope.from, scope.to)) continue;
    GroupMetrics& m = out[c.group];
    m.customers += 1;
    if (c.days.empty()) continue;
    m.buyers += 1;
    for (const Customer::Day& d : c.days) {
      m.orders += d.orders;
      m.cents += d.cents;
    }
    add_retention(c, scope, m);
  }
  for (const Customer& c : data.customers) {
    if (!in(c.registered, scope.from, scope.to) || scope.as_of - c.registered < kEarlyValueDays) continue;
    GroupMetrics& m = out[c.group];
    m.early_base += 1;
    double cents = 0;
    for (const Customer::Day& d : c.days)
      if (d.day - c.registered < kEarlyValueDays) cents += static_cast<double>(d.cents);
    m.early_value_cents = m.early_value_cents.value_or(0) + cents;
  }
  for (GroupMetrics& m : out) {
    m.conversion = ratio(static_cast<double>(m.buyers), static_cast<double>(m.customers));
    m.aov_cents = ratio(static_cast<double>(m.cents), static_cast<double>(m.orders));
    m.value_cents = ratio(static_cast<double>(m.cents), static_cast<double>(m.customers));
    if (m.early_value_cents) m.early_value_cents = *m.early_value_cents / static_cast<double>(m.early_base);
    for (size_t i = 0; i < kRetentionDays.size(); ++i) {
      if (m.retention_base[i] > 0) {
        m.retention[i] = m.retention[i].value_or(0) / static_cast<double>(m.retention_base[i]);
      }
    }
    add_spend(data, scope, m);
  }
  return out;
}

std::array<Funnel, kGroups> funnels(const ChannelData& data, const Scope& scope) {
  std::unordered_map<std::string, int64_t> orders;
  for (const Customer& c : data.customers) orders.emplace(c.user_no, total_orders(c));
  std::array<Funnel, kGroups> out;
  for (int g = 0; g < kGroups; ++g) out[g].group = g;
  for (const Tracked& t : data.tracked) {
    if (!in(t.first_seen, scope.from, scope.to)) continue;
    Funnel& f = out[t.group];
    f.downloads += t.downloaded;
    f.registrations += t.registered;
    f.first_orders += t.first_order;
    f.repeats += t.repeat_order;
    if (t.registered && !t.user_no.empty()) {
      const auto it = orders.find(t.user_no);
      f.loyal += it != orders.end() && it->second >= scope.loyal_orders;
    }
  }
  return out;
}

std::vector<MonthMix> registration_mix(const ChannelData& data, const Scope& scope) {
  std::map<std::string, std::array<int64_t, kGroups>> months;
  for (const Customer& c : data.customers) {
    if (c.registered >= scope.start && c.registered < scope.as_of) months[c.registered.month_str()][c.group] += 1;
  }
  return every_month(months, scope);
}

std::vector<MonthMix> order_mix(const ChannelData& data, const Scope& scope) {
  return every_month(data.month_orders, scope);
}

std::array<WeekHealth, kGroups> week_health(const ChannelData& data, const Scope& scope) {
  const Date week = scope.as_of - scope.as_of.weekday() - 7;
  const Date prior = week - 28;
  std::array<WeekHealth, kGroups> out;
  for (int g = 0; g < kGroups; ++g) {
    out[g].group = g;
    out[g].week = week;
  }
  for (const Customer& c : data.customers) {
    WeekHealth& h = out[c.group];
    if (in(c.registered, week, week + 7)) h.customers += 1;
    if (in(c.registered, prior, week)) h.prior_customers += 1;
    if (!c.days.empty() && in(c.days.front().day, week, week + 7)) h.first_orders += 1;
    if (!c.days.empty() && in(c.days.front().day, prior, week)) h.prior_first_orders += 1;
    for (const Customer::Day& d : c.days) {
      if (in(d.day, week, week + 7)) {
        h.orders += d.orders;
        h.cents += d.cents;
      } else if (in(d.day, prior, week)) {
        h.prior_orders += static_cast<double>(d.orders);
        h.prior_cents += static_cast<double>(d.cents);
      }
    }
  }
  for (WeekHealth& h : out) {
    h.prior_customers /= 4;
    h.prior_first_orders /= 4;
    h.prior_orders /= 4;
    h.prior_cents /= 4;
    h.customers_change = change(static_cast<double>(h.customers), h.prior_customers);
    h.first_orders_change = change(static_cast<double>(h.first_orders), h.prior_first_orders);
    const std::optional<double> aov = ratio(static_cast<double>(h.cents), static_cast<double>(h.orders));
    const std::optional<double> prior_aov = ratio(h.prior_cents, h.prior_orders);
    if (aov && prior_aov) h.aov_change = change(*aov, *prior_aov);
    // A figure whose 4 weeks' mean is under health_min is too small to judge.
    std::optional<double> worst;
    if (h.customers_change && h.prior_customers >= scope.health_min) worst = *h.customers_change;
    if (h.first_orders_change && h.prior_first_orders >= scope.health_min) {
      worst = std::min(worst.value_or(*h.first_orders_change), *h.first_orders_change);
    }
    if (worst) {
      h.status = *worst <= -scope.health_drop       ? Status::kRed
                 : *worst <= -scope.health_drop / 2 ? Status::kYellow
                                                    : Status::kGreen;
    }
  }
  return out;
}

std::vector<ParamSpec> channel_params() {
  std::vector<ParamSpec> p = window_params();
  p[0].description = "First registration day counted (default: first day of data)";
  p[1].description = "Day after the last registration day counted (default: as-of)";
  p[0].label = "First registration day";
  p[1].label = "Up to (day after the last registration)";
  p.push_back({.name = "loyal_orders",
               .type = ParamType::kInt,
               .default_value = "5",
               .description = "Paid orders that make a customer loyal (the funnel's last step)",
               .min = 2,
               .max = 1000,
               .label = "Loyal from (paid orders)"});
  p.push_back({.name = "health_drop",
               .type = ParamType::kNumber,
               .default_value = "0.2",
               .description = "Last week's new customers or first orders this share below the 4 weeks before: red (half: yellow)",
               .min = 0.01,
               .max = 0.99,
               .label = "Channel health: red from a drop of (share)"});
  p.push_back({.name = "health_min",
               .type = ParamType::kNumber,
               .default_value = "5",
               .description = "A weekly figure is judged only when its 4 weeks' mean reaches this (fewer: too few to judge)",
               .min = 0,
               .max = 1e9,
               .label = "Channel health: judged from (weekly mean)"});
  return p;
}

Scope scope_of(Warehouse& wh, const Params& params) {
  const Window w = report_window(wh, params);
  const std::string start = wh.meta("start");
  Scope s{.as_of = Date::parse(wh.meta("as_of")), .from = w.from, .to = w.to,
          .loyal_orders = static_cast<int>(params.integer("loyal_orders")),
          .health_drop = params.number("health_drop"),
          .health_min = params.number("health_min")};
  s.start = start.empty() ? w.from : Date::parse(start);
  return s;
}

}  // namespace luckyhub::channels
