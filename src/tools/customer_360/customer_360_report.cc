// The customer-360 report: parameters, compute() and the registration of
// Tool 4. Without `user` or `phone_tail`, every customer's panels; with one,
// that customer's profile (or the customers matching a masked phone). Any
// export filter adds the export panel, whose CSV is the list of user_nos.
#include <cstdio>

#include "tools/param_error.h"

#include "tools/customer_360/customer_360.h"

namespace luckyhub::customer_360 {

std::vector<ParamSpec> params() {
  // "" first: the page's select then offers "no segment".
  std::vector<std::string> segments = {""};
  segments.insert(segments.end(), rfm::segment_names().begin(), rfm::segment_names().end());
  return {
      {.name = "search",
       .type = ParamType::kText,
       .description = "Find a customer: their user_no, or the last four digits of their phone (1234 or "
                      "***-***-1234)",
       .label = "Find a customer (customer number or a phone's last 4 digits)"},
      {.name = "user",
       .type = ParamType::kText,
       .description = "A customer's profile: their user_no",
       .label = "Customer's profile (customer number)"},
      {.name = "phone_tail",
       .type = ParamType::kInt,
       .description = "Customers whose phone ends in these four digits",
       .min = 0,
       .max = 9999,
       .label = "Phone number ends in (4 digits)"},
      {.name = "quantiles",
       .type = ParamType::kChoice,
       .default_value = "4",
       .description = "RFM bins: 4 (quartiles) or 5 (quintiles)",
       .choices = {"4", "5"},
       .label = "RFM bins"},
      {.name = "cohort_by",
       .type = ParamType::kChoice,
       .default_value = "registration",
       .description =
           "Cohorts by registration month, first purchase month, favourite store or top product",
       .choices = {"registration", "first_purchase", "store", "product"},
       .label = "Cohorts by"},
      {.name = "cohort_months",
       .type = ParamType::kInt,
       .default_value = "12",
       .description = "Cohorts shown, ending at as-of's month",
       .min = 2,
       .max = 36,
       .label = "Cohorts shown (months)"},
      {.name = "risk_rows",
       .type = ParamType::kInt,
       .default_value = "50",
       .description = "Rows of the churn-risk table",
       .min = 1,
       .max = 10000,
       .label = "Churn-risk rows listed"},
      {.name = "recent_days",
       .type = ParamType::kInt,
       .default_value = "90",
       .description = "Declining frequency: the recent span, days",
       .min = 14,
       .max = 365,
       .label = "Declining frequency: recent span (days)"},
      {.name = "decline_share",
       .type = ParamType::kNumber,
       .default_value = "0.5",
       .description = "Declining frequency: the recent rate below this share of the earlier rate",
       .min = 0.01,
       .max = 1,
       .label = "Declining frequency: below (share of earlier rate)"},
      {.name = "segment",
       .type = ParamType::kChoice,
       .description = "Export the customers of this RFM segment",
       .choices = segments,
       .label = "Export: RFM segment"},
      {.name = "cohort",
       .type = ParamType::kDate,
       .description = "Export the customers of the cohort of this day's month",
       .label = "Export: cohort of the month of"},
      {.name = "cohort_group",
       .type = ParamType::kText,
       .description = "Export the customers of this favourite store's id (cohort_by=store) or most "
                      "bought product "
                      "(cohort_by=product)",
       .label = "Export: favourite store id or product"},
      {.name = "max_p_alive",
       .type = ParamType::kNumber,
       .default_value = "1",
       .description = "Export the customers with P(alive) at most this",
       .min = 0,
       .max = 1,
       .label = "Export: P(alive) at most"},
      {.name = "min_value",
       .type = ParamType::kNumber,
       .default_value = "0",
       .description = "Export the customers with a 12-month value of at least this, dollars",
       .min = 0,
       .max = 1e9,
       .label = "Export: 12-month value at least (USD)"},
  };
}

Scope scope_of(Warehouse& wh, const Params& p) {
  Scope s{.as_of = Date::parse(wh.meta("as_of")),
          .quantiles = static_cast<int>(p.integer("quantiles")),
          .cohort_by = p.text("cohort_by"),
          .cohort_months = static_cast<int>(p.integer("cohort_months")),
          .risk_rows = static_cast<int>(p.integer("risk_rows")),
          .decline = {.recent_days = static_cast<int>(p.integer("recent_days")),
                      .decline_share = p.number("decline_share")},
          .segment = p.text("segment"),
          .max_p_alive = p.number("max_p_alive"),
          .min_value = p.number("min_value"),
          .user = p.text("user")};
  if (p.has("cohort")) {
    if (s.cohorts_by_preference())
      throw ParamValueError("cohort: a cohort's month exports only with cohort_by=registration or first_purchase");
    s.cohort = p.date("cohort").month_str();
  }
  if (p.has("cohort_group") && !p.text("cohort_group").empty()) {
    const std::string group = p.text("cohort_group");
    if (!s.cohorts_by_preference())
      throw ParamValueError(
          "cohort_group: a favourite store or product exports only with cohort_by=store or "
          "product");
    if (s.cohort_by == "store" &&
        (group.size() > 18 || group.find_first_not_of("0123456789") != std::string::npos))
      throw ParamValueError("cohort_group: a store is its numeric id, not '" + group + "'");
    if (group.size() > 200) throw ParamValueError("cohort_group: a product name of at most 200 characters");
    s.cohort = group;
  }
  if (p.has("search")) {
    if (p.has("user") || p.has("phone_tail")) throw ParamValueError("search: give search alone, without user or phone_tail");
    const SearchTarget target = parse_search(p.text("search"));
    s.user = target.user;
    s.phone_tail = target.phone_tail;
    s.searched = true;
  }
  if (p.has("phone_tail")) {
    char tail[8];
    std::snprintf(tail, sizeof tail, "%04d", static_cast<int>(p.integer("phone_tail")));
    s.phone_tail = tail;
  }
  return s;
}

namespace {

Report compute(Warehouse& wh, const Params& params) {
  Scope scope = scope_of(wh, params);
  Report report;
  if (scope.searched && !scope.phone_tail.empty()) {  // one customer with those digits: their card
    const auto matches = phone_matches(wh, scope);
    if (matches.size() == 1) scope.user = matches[0].first;
  }
  if (scope.user.empty() && !scope.phone_tail.empty()) {  // a list of matches: no scores needed
    report.panels = profile_panels(wh, nullptr, scope);
    return report;
  }
  if (!scope.user.empty()) {  // one customer, scored by the kept fit
    const Customer customer = read_customer(wh, scope, scope.user);
    std::optional<Scored> scored;
    if (!customer.days.empty()) {
      scored = score_customer(customer, *customers::fitted_models(wh, scope.as_of, scope.quantiles),
                              scope);
    }
    report.panels = profile_panels(wh, scored ? &*scored : nullptr, scope);
    return report;
  }
  // The kept or stored fit, read before the data (a sync after it makes it
  // stale, never wrong for the data it was made of); else fitted now, and kept.
  const std::optional<std::string> key = customers::fit_key(wh, scope.as_of, scope.quantiles);
  const std::shared_ptr<const Fitted> fitted =
      customers::kept_or_stored_fit(wh, scope.as_of, scope.quantiles);
  const Population population = read_customers(wh, scope);
  const Analysis analysis = analyse(population.customers, scope, fitted.get());
  if (!fitted && key && !analysis.customers.empty())
    customers::keep_fit(*key, {analysis.models, analysis.rfm});
  report.panels = {summary_panel(analysis),          rfm_panel(analysis),
                   rfm_grid_panel(analysis),         cohort_panel(population, scope),
                   cohort_revenue_panel(population, scope), risk_panel(analysis, scope),
                   models_panel(analysis)};
  if (scope.exporting()) report.panels.push_back(export_panel(analysis, scope));
  return report;
}

const ToolRegistration kRegistration(Tool{
    .id = "customer-360",
    .number = 4,
    .department = "marketing",
    .title = "Customer 360",
    .summary = "One profile per customer (CRM, CDP segments, coupons, A/B exposures, orders), found by user_no or "
               "masked phone; RFM segments, cohort retention, churn (BG/NBD P(alive)) and lifetime value "
               "(Gamma-Gamma), exportable segment lists.",
    .params = params(),
    .compute = compute,
});

}  // namespace
}  // namespace luckyhub::customer_360
