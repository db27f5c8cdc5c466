// Reads every customer's purchase days and scores them: the models' histories,
// RFM now and 30 days before, the BG/NBD and Gamma-Gamma fits (kept or
// stored, else made now) and each customer's P(alive), expected purchases
// and 12-month value.
#include <algorithm>
#include <map>
#include <mutex>

#include "core/error.h"
#include "tools/customer_360/customer_360.h"
#include "warehouse/derived_table.h"

namespace luckyhub::customer_360 {
namespace {

constexpr int kMonthAgoDays = 30; // RFM's move: the scoring this many days before as-of

// The models' scores of s (its history set) by the fitted models.
void apply_models(Scored& s, const Models& models, Date as_of) {
  const customers::Value v = customers::value_of(models, s.customer->days, as_of);
  s.p_alive = v.p_alive;
  s.expected_30 = v.expected_30;
  s.expected_90 = v.expected_90;
  s.expected_spend = v.expected_spend;
  s.value_12m = v.value_12m;
}

}  // namespace

int64_t Customer::cents() const {
  int64_t sum = 0;
  for (const PurchaseDay& d : days) sum += d.cents;
  return sum;
}

int64_t Customer::orders() const {
  int64_t sum = 0;
  for (const PurchaseDay& d : days) sum += d.orders;
  return sum;
}

Population read_customers(Warehouse& wh, const Scope& scope) {
  const Dialect& d = wh.dialect();
  const std::vector<ResultSet> results =
      wh.query_all({customers::purchase_days_query(wh, scope.as_of),
                    {"SELECT user_no, " + d.ny_month("register_time") +
                         " AS registered FROM sales_crm__t_user WHERE tenant = 'LKUS' AND "
                         "register_time < ? ORDER BY user_no",
                     {new_york_to_utc(scope.as_of, 0, 0, 0).str()}}});
  Population population;
  std::map<std::string, std::string> preferred;
  if (scope.cohorts_by_preference()) {  // from the materialised profiles
    const bool store = scope.cohort_by == "store";
    const Query profiles = derived_from(wh, kProfile);
    const std::string column = store ? "favourite_store" : "product_1";
    for (const Row row : wh.query("SELECT d.user_no AS user_no, d." + column + " AS preferred FROM " + profiles.sql +
                                      " d WHERE d." + column + " IS NOT NULL",
                                  profiles.params))
      preferred.emplace(row.text("user_no"), store ? std::to_string(row.integer("preferred")) : row.text("preferred"));
  }
  std::map<std::string, std::string> registered;
  for (const Row row : results[1]) {
    registered.emplace(row.text("user_no"), row.text("registered"));
    population.registrations[row.text("registered")] += 1;
  }
  std::vector<Customer>& out = population.customers;
  for (const Row row : results[0]) {
    const std::string user = row.text("user_no");
    if (out.empty() || out.back().user_no != user) {
      const auto it = registered.find(user);
      out.push_back({.user_no = user, .registered_month = it == registered.end() ? "" : it->second});
      const auto group = preferred.find(user);
      if (group != preferred.end()) out.back().preferred = group->second;
    }
    out.back().days.push_back(customers::purchase_day_of(row));
  }
  return population;
}

std::optional<bgnbd::History> history_at(const Customer& c, Date end) {
  return customers::history_at(c.days, end);
}

rfm::Customer rfm_at(const Customer& c, Date end) { return customers::rfm_at(c.days, end); }

bool declining(const Customer& c, Date end, const DeclineRule& rule) {
  const Date recent_from = end - rule.recent_days;
  int before = 0, recent = 0;
  Date first;
  for (const PurchaseDay& d : c.days) {
    if (!(d.day < end)) break;
    if (d.day < recent_from) {
      if (before++ == 0) first = d.day;
    } else {
      ++recent;
    }
  }
  if (before < rule.min_history_days) return false;
  const double rate_before = static_cast<double>(before) / static_cast<double>(recent_from - first);
  return recent < rule.decline_share * rate_before * rule.recent_days;
}

Analysis analyse(const std::vector<Customer>& customers, const Scope& scope, const Fitted* fitted) {
  Analysis a;
  std::vector<const customers::PurchaseDays*> histories;
  std::vector<rfm::Customer> rfm_before;
  const Date month_ago = scope.as_of - kMonthAgoDays;
  for (const Customer& c : customers) {
    histories.push_back(&c.days);
    a.customers.push_back({.customer = &c,
                           .history = *history_at(c, scope.as_of),
                           .declining = declining(c, scope.as_of, scope.decline)});
    if (history_at(c, month_ago)) {
      rfm_before.push_back(rfm_at(c, month_ago));
      a.month_ago_customers.push_back(&c);
    }
  }
  if (customers.empty()) return a;
  if (fitted) {  // every customer's score by the fit's bins: the scores it gave them
    a.models = fitted->models;
    a.rfm = fitted->rfm;
    a.rfm.scores.clear();
    for (const Customer& c : customers)
      a.rfm.scores.push_back(rfm::score_one(a.rfm, rfm_at(c, scope.as_of)));
  } else {
    customers::Fitted fresh = customers::fit_customers(histories, scope.as_of, scope.quantiles);
    a.models = std::move(fresh.models);
    a.rfm = std::move(fresh.rfm);
  }
  a.rfm_month_ago = rfm::score(rfm_before, scope.quantiles);
  for (size_t i = 0; i < a.customers.size(); ++i) {
    Scored& s = a.customers[i];
    s.rfm = a.rfm.scores[i];
    apply_models(s, a.models, scope.as_of);
  }
  return a;
}

Customer read_customer(Warehouse& wh, const Scope& scope, const std::string& user_no) {
  return {.user_no = user_no, .days = customers::read_purchase_days(wh, scope.as_of, user_no)};
}

Scored score_customer(const Customer& c, const Fitted& fitted, const Scope& scope) {
  Scored s{.customer = &c, .history = *history_at(c, scope.as_of)};
  s.rfm = rfm::score_one(fitted.rfm, rfm_at(c, scope.as_of));
  s.declining = declining(c, scope.as_of, scope.decline);
  apply_models(s, fitted.models, scope.as_of);
  return s;
}

std::string masked_phone(const std::string& tail) { return "***-***-" + tail; }

}  // namespace luckyhub::customer_360
