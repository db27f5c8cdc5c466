// Customer 360's panels over all customers: the summary tiles, the RFM
// segments and grid, the cohort triangle and revenue, the churn-risk table,
// the models' diagnostics and the segment export.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <tuple>

#include "report/cells.h"
#include "tools/customer_360/customer_360.h"

namespace luckyhub::customer_360 {
namespace {

// Model outputs to 4 decimals: what the page shows, and the same digits on
// every engine.
double rounded(double v) { return std::round(v * 1e4) / 1e4; }
int64_t to_cents(double dollars) { return std::llround(dollars * 100); }
std::string profile_link() { return "/tools/customer-360?user={user_no}"; }

bool at_risk(const Scored& s) { return s.history.x > 0 && s.p_alive < 0.3; }

// 'YYYY-MM' of the month `months` after `month`.
std::string add_months(const std::string& month, int months) {
  const int index = std::stoi(month.substr(0, 4)) * 12 + std::stoi(month.substr(5, 2)) - 1 + months;
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d", index / 12, index % 12 + 1);
  return buf;
}

int months_between(const std::string& from, const std::string& to) {
  return (std::stoi(to.substr(0, 4)) - std::stoi(from.substr(0, 4))) * 12 + std::stoi(to.substr(5, 2)) -
         std::stoi(from.substr(5, 2));
}

std::string cohort_of(const Customer& c, const Scope& scope) {
  if (scope.cohorts_by_preference()) return c.preferred;
  return scope.cohort_by == "first_purchase" ? c.days.front().day.month_str() : c.registered_month;
}

// Each month cohort's size: every LKUS registration of the month, or the
// customers whose first purchase was in it.
std::map<std::string, int64_t> month_cohort_sizes(const Population& population, const Scope& scope) {
  if (scope.cohort_by != "first_purchase") return population.registrations;
  std::map<std::string, int64_t> size;
  for (const Customer& c : population.customers) size[c.days.front().day.month_str()] += 1;
  return size;
}

// The rows of the triangle: the last cohort_months months to as-of − 1's,
// less the leading months without anyone in the cohort (before launch); or
// the cohort_months favourite stores (products) with the most customers.
std::vector<std::string> cohort_rows(const Population& population, const Scope& scope) {
  if (scope.cohorts_by_preference()) {
    std::map<std::string, int64_t> customers;
    for (const Customer& c : population.customers)
      if (!c.preferred.empty()) customers[c.preferred] += 1;
    std::vector<std::pair<std::string, int64_t>> groups(customers.begin(), customers.end());
    std::stable_sort(groups.begin(), groups.end(), [](const auto& l, const auto& r) { return l.second > r.second; });
    std::vector<std::string> rows;
    for (const auto& [group, n] : groups) {
      if (rows.size() == static_cast<size_t>(scope.cohort_months)) break;
      rows.push_back(group);
    }
    return rows;
  }
  const std::map<std::string, int64_t> size = month_cohort_sizes(population, scope);
  const std::string last = (scope.as_of - 1).month_str();
  std::vector<std::string> months;
  for (int i = scope.cohort_months - 1; i >= 0; --i) {
    const std::string month = add_months(last, -i);
    const auto it = size.find(month);
    if (months.empty() && (it == size.end() || it->second == 0)) continue;  // before launch
    months.push_back(month);
  }
  return months;
}

std::string cohort_noun(const Scope& scope) {
  if (scope.cohort_by == "store") return "favourite store";
  if (scope.cohort_by == "product") return "favourite product";
  return scope.cohort_by == "first_purchase" ? "first purchase month" : "registration month";
}

}  // namespace

Panel summary_panel(const Analysis& a) {
  int64_t repeat = 0, risk = 0, falling = 0, cents = 0;
  double value = 0;
  for (const Scored& s : a.customers) {
    repeat += s.history.x > 0;
    risk += at_risk(s);
    falling += s.declining;
    cents += s.customer->cents();
    value += s.value_12m;
  }
  const int64_t n = static_cast<int64_t>(a.customers.size());
  Panel p{.id = "summary", .title = "Customers", .kind = PanelKind::kKpis};
  p.kpis = {
      {"customers", "Customers with paid orders", n, ValueType::kInt},
      {"repeat_share", "Bought on 2+ days", rate_cell(n ? std::optional(double(repeat) / double(n)) : std::nullopt),
       ValueType::kRate},
      {"revenue", "Lifetime revenue", cents, ValueType::kMoney, "USD"},
      {"at_risk", "At risk (P(alive) < 0.3)", risk, ValueType::kInt, "", "", risk ? Status::kYellow : Status::kGreen,
       "repeat customers the BG/NBD model thinks have probably left"},
      {"declining", "Frequency declining", falling, ValueType::kInt, "", "", Status::kNone,
       "purchase days in the last 90 days under half their own earlier rate"},
      {"value_12m", "Expected value, next 12 months", to_cents(value), ValueType::kMoney, "USD", "", Status::kNone,
       "BG/NBD expected purchases x Gamma-Gamma expected spend"},
  };
  return p;
}

Panel rfm_panel(const Analysis& a) {
  Panel p{.id = "rfm", .title = "RFM segments", .kind = PanelKind::kTable};
  p.description = "Recency, frequency and monetary value scored by " +
                  std::string(a.rfm.quantiles == 4 ? "quartiles" : "quintiles") +
                  " (pymc-marketing's rfm_segments); \"a month ago\" is the same scoring 30 days before as-of.";
  for (const std::string& w : a.rfm.warnings) p.description += " Warning: " + w + ".";
  std::map<std::string, std::pair<int64_t, int64_t>> now;  // segment → customers, cents
  std::map<std::string, int64_t> before;
  int64_t total_cents = 0;
  for (const Scored& s : a.customers) {
    now[s.rfm.segment].first += 1;
    now[s.rfm.segment].second += s.customer->cents();
    total_cents += s.customer->cents();
  }
  for (const rfm::Score& s : a.rfm_month_ago.scores) before[s.segment] += 1;
  const double n = static_cast<double>(a.customers.size());
  p.table.columns = {{"segment", "Segment", ValueType::kText},
                     {"customers", "Customers", ValueType::kInt},
                     {"share", "Share of customers", ValueType::kRate},
                     {"revenue", "Revenue", ValueType::kMoney, "USD"},
                     {"revenue_share", "Share of revenue", ValueType::kRate},
                     {"month_ago", "A month ago", ValueType::kInt},
                     {"move", "Move", ValueType::kInt}};
  for (const std::string& name : rfm::segment_names()) {
    const auto [customers, cents] = now[name];
    p.table.rows.push_back({name, customers, rate_cell(n ? std::optional(customers / n) : std::nullopt), cents,
                            rate_cell(total_cents ? std::optional(double(cents) / double(total_cents)) : std::nullopt),
                            before[name], customers - before[name]});
  }
  return p;
}

Panel rfm_grid_panel(const Analysis& a) {
  Panel p{.id = "rfm_grid", .title = "Customers by recency and frequency score", .kind = PanelKind::kHeatmap};
  HeatmapData& h = p.heatmap;
  h.x_label = "frequency score";
  h.y_label = "recency score";
  h.value_label = "customers";
  const int q = a.rfm.quantiles;
  for (int f = 1; f <= q; ++f) h.x.push_back(std::to_string(f));
  for (int r = q; r >= 1; --r) h.y.push_back(std::to_string(r));
  h.values.assign(q, std::vector<Cell>(q, int64_t{0}));
  for (const Scored& s : a.customers) std::get<int64_t>(h.values[q - s.rfm.r][s.rfm.f - 1]) += 1;
  return p;
}

Panel cohort_panel(const Population& population, const Scope& scope) {
  Panel p{.id = "cohorts", .title = "Retention by cohort", .kind = PanelKind::kHeatmap};
  const std::vector<std::string> rows = cohort_rows(population, scope);
  const std::string last = (scope.as_of - 1).month_str();
  HeatmapData& h = p.heatmap;
  h.x_label = scope.cohorts_by_preference() ? "months since first purchase" : "months since start";
  h.y_label = cohort_noun(scope);
  h.value_label = "share ordering";
  for (int m = 0; m < scope.cohort_months; ++m) h.x.push_back(std::to_string(m));
  if (scope.cohorts_by_preference()) {
    // Each customer's months counted from their own first purchase; a cell's
    // share is of the group's customers whose first purchase was at least k
    // months before as-of − 1's month.
    p.description = "Customers by their " + cohort_noun(scope) + " (" +
                    (scope.cohort_by == "store" ? "the store of most paid orders" : "the product of most cups") +
                    ", the " + std::to_string(scope.cohort_months) +
                    " with the most customers): the share with a paid order in each month since their own first "
                    "purchase, of those whose first purchase was that many months before as-of's month.";
    std::map<std::string, std::pair<std::vector<int64_t>, std::vector<int64_t>>> counts;  // group → active, eligible
    for (const Customer& c : population.customers) {
      if (c.preferred.empty()) continue;
      auto& [active, eligible] = counts[c.preferred];
      active.resize(scope.cohort_months, 0);
      eligible.resize(scope.cohort_months, 0);
      const std::string start = c.days.front().day.month_str();
      for (int k = 0; k < scope.cohort_months && k <= months_between(start, last); ++k) eligible[k] += 1;
      std::string counted;
      for (const PurchaseDay& d : c.days) {
        const std::string month = d.day.month_str();
        if (month == counted) continue;
        counted = month;
        const int k = months_between(start, month);
        if (k < scope.cohort_months) active[k] += 1;
      }
    }
    for (const std::string& group : rows) {
      h.y.push_back(scope.cohort_by == "store" ? "store " + group : group);
      const auto& [active, eligible] = counts[group];
      std::vector<Cell> row;
      for (int k = 0; k < scope.cohort_months; ++k)
        row.push_back(eligible[k] ? rate_cell(double(active[k]) / double(eligible[k])) : Cell());
      h.values.push_back(std::move(row));
    }
    return p;
  }
  const bool by_registration = scope.cohort_by != "first_purchase";
  p.description = std::string("Customers by ") + (by_registration ? "registration" : "first purchase") +
                  " month: the share of the cohort with a paid order in each month since. " +
                  (by_registration ? "The cohort counts every LKUS registration of the month. " : "") +
                  "Months before the first cohort are left out.";
  std::map<std::string, std::vector<int64_t>> active;  // cohort → customers ordering in month k
  for (const Customer& c : population.customers) {
    const std::string cohort = cohort_of(c, scope);
    if (cohort.empty()) continue;
    std::vector<int64_t>& counts = active[cohort];
    counts.resize(scope.cohort_months, 0);
    std::string counted;  // the last month counted: a customer counts once a month
    for (const PurchaseDay& d : c.days) {
      const std::string month = d.day.month_str();
      if (month == counted) continue;
      counted = month;
      const int k = months_between(cohort, month);
      if (k >= 0 && k < scope.cohort_months) counts[k] += 1;
    }
  }
  const std::map<std::string, int64_t> size = month_cohort_sizes(population, scope);
  for (const std::string& cohort : rows) {
    const auto it = size.find(cohort);
    const int64_t n = it == size.end() ? 0 : it->second;
    h.y.push_back(cohort);
    std::vector<Cell> row;
    const std::vector<int64_t> counts = active.count(cohort) ? active[cohort] : std::vector<int64_t>(scope.cohort_months, 0);
    for (int k = 0; k < scope.cohort_months; ++k) {
      if (k > months_between(cohort, last) || n == 0) row.push_back(std::monostate{});
      else row.push_back(rate_cell(double(counts[k]) / double(n)));
    }
    h.values.push_back(std::move(row));
  }
  return p;
}

Panel cohort_revenue_panel(const Population& population, const Scope& scope) {
  Panel p{.id = "cohort_revenue", .title = "Revenue per cohort", .kind = PanelKind::kBar};
  p.description = "Paid revenue to as-of of each cohort's customers (by " + cohort_noun(scope) + "), and their number.";
  const std::vector<std::string> rows = cohort_rows(population, scope);
  std::map<std::string, std::pair<int64_t, int64_t>> by;  // cohort → customers, cents
  for (const Customer& c : population.customers) {
    auto& [n, cents] = by[cohort_of(c, scope)];
    n += 1;
    cents += c.cents();
  }
  p.series.x_label = cohort_noun(scope);
  if (!scope.cohorts_by_preference()) p.series.x_type = ValueType::kMonth;
  for (const std::string& row : rows) p.series.x.push_back(scope.cohort_by == "store" ? "store " + row : row);
  Series revenue{.id = "revenue", .label = "Revenue", .type = ValueType::kMoney, .currency = "USD"};
  Series customers{.id = "customers", .label = "Customers with orders", .type = ValueType::kInt, .draw = "line"};
  for (const std::string& m : rows) {
    revenue.values.push_back(by[m].second);
    customers.values.push_back(by[m].first);
  }
  p.series.series = {revenue, customers};
  return p;
}

Panel risk_panel(const Analysis& a, const Scope& scope) {
  Panel p{.id = "churn_risk", .title = "Churn risk", .kind = PanelKind::kTable};
  p.description = "Repeat customers by P(alive) (BG/NBD), lowest first, then by revenue; the first " +
                  std::to_string(scope.risk_rows) +
                  ". Declining: purchase days in the last " + std::to_string(scope.decline.recent_days) +
                  " days under " + std::to_string(static_cast<int>(scope.decline.decline_share * 100)) +
                  "% of the customer's own earlier rate.";
  std::vector<const Scored*> rows;
  for (const Scored& s : a.customers)
    if (s.history.x > 0) rows.push_back(&s);
  std::sort(rows.begin(), rows.end(), [](const Scored* l, const Scored* r) {
    if (rounded(l->p_alive) != rounded(r->p_alive)) return rounded(l->p_alive) < rounded(r->p_alive);
    if (l->customer->cents() != r->customer->cents()) return l->customer->cents() > r->customer->cents();
    return l->customer->user_no < r->customer->user_no;
  });
  if (rows.size() > static_cast<size_t>(scope.risk_rows)) rows.resize(scope.risk_rows);
  p.table.columns = {{"user_no", "Customer", ValueType::kText, "", "", profile_link()},
                     {"orders", "Paid orders", ValueType::kInt},
                     {"revenue", "Revenue", ValueType::kMoney, "USD"},
                     {"last_purchase", "Last purchase", ValueType::kDate},
                     {"p_alive", "P(alive)", ValueType::kRate},
                     {"expected_30", "Expected purchases, 30 days", ValueType::kNumber},
                     {"expected_90", "Expected purchases, 90 days", ValueType::kNumber},
                     {"value_12m", "Expected value, 12 months", ValueType::kMoney, "USD"},
                     {"declining", "Declining", ValueType::kText},
                     {"segment", "RFM segment", ValueType::kText}};
  for (const Scored* s : rows) {
    const Customer& c = *s->customer;
    p.table.rows.push_back({c.user_no, c.orders(), c.cents(), c.days.back().day.str(), rounded(s->p_alive),
                            rounded(s->expected_30), rounded(s->expected_90), to_cents(s->value_12m),
                            std::string(s->declining ? "yes" : ""), s->rfm.segment});
  }
  return p;
}

Panel models_panel(const Analysis& a) {
  Panel p{.id = "models", .title = "Model fits", .kind = PanelKind::kTable};
  p.description = "Maximum likelihood in log-parameters with the analytic gradient (BFGS), best of several starts; "
                  "standard errors from the observed information. Time in days.";
  p.table.columns = {{"model", "Model", ValueType::kText},     {"parameter", "Parameter", ValueType::kText},
                     {"estimate", "Estimate", ValueType::kNumber}, {"standard_error", "Standard error", ValueType::kNumber},
                     {"log_likelihood", "Log-likelihood", ValueType::kNumber},
                     {"iterations", "Iterations", ValueType::kInt}, {"converged", "Converged", ValueType::kText},
                     {"customers", "Customers", ValueType::kInt}};
  const auto se = [](double v) { return std::isfinite(v) ? Cell(rounded(v)) : Cell(); };
  const auto add = [&](const char* model, const char* name, double value, double error, double ll, int iterations,
                       bool converged, double customers) {
    p.table.rows.push_back({model, name, rounded(value), se(error), rounded(ll), int64_t{iterations},
                            std::string(converged ? "yes" : "no"), std::llround(customers)});
  };
  const bgnbd::Fit& b = a.models.bgnbd;
  if (a.customers.empty()) return p;
  for (const auto& [name, value, error] : {std::tuple{"r", b.params.r, b.standard_errors.r},
                                           std::tuple{"alpha", b.params.alpha, b.standard_errors.alpha},
                                           std::tuple{"a", b.params.a, b.standard_errors.a},
                                           std::tuple{"b", b.params.b, b.standard_errors.b}})
    add("BG/NBD", name, value, error, b.log_likelihood, b.iterations, b.converged, b.customers);
  if (a.models.gamma_gamma) {
    const gamma_gamma::Fit& g = *a.models.gamma_gamma;
    for (const auto& [name, value, error] : {std::tuple{"p", g.params.p, g.standard_errors.p},
                                             std::tuple{"q", g.params.q, g.standard_errors.q},
                                             std::tuple{"v", g.params.v, g.standard_errors.v}})
      add("Gamma-Gamma", name, value, error, g.log_likelihood, g.iterations, g.converged, g.customers);
  }
  return p;
}

Panel export_panel(const Analysis& a, const Scope& scope) {
  Panel p{.id = "export", .title = "Segment export", .kind = PanelKind::kTable};
  std::string filter;
  const auto add = [&filter](const std::string& f) { filter += (filter.empty() ? "" : " and ") + f; };
  if (!scope.segment.empty()) add("RFM segment " + scope.segment);
  if (!scope.cohort.empty()) add(cohort_noun(scope) + " " + scope.cohort);
  if (scope.max_p_alive < 1) add("P(alive) <= " + std::to_string(scope.max_p_alive).substr(0, 4));
  if (scope.min_value > 0) add("12-month value >= $" + std::to_string(static_cast<int64_t>(scope.min_value)));
  p.description = "The customers with " + filter + ", for campaign targeting (download as CSV).";
  p.table.columns = {{"user_no", "Customer", ValueType::kText, "", "", profile_link()}};
  for (const Scored& s : a.customers) {
    if (!scope.segment.empty() && s.rfm.segment != scope.segment) continue;
    if (!scope.cohort.empty() && cohort_of(*s.customer, scope) != scope.cohort) continue;
    if (rounded(s.p_alive) > scope.max_p_alive) continue;
    if (to_cents(s.value_12m) < std::llround(scope.min_value * 100)) continue;
    p.table.rows.push_back({s.customer->user_no});
  }
  return p;
}

}  // namespace luckyhub::customer_360
