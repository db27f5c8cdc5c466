// Reads every customer's purchase days and scores them: the models' histories,
// RFM now and 30 days before, the BG/NBD and Gamma-Gamma fits and each
// customer's P(alive), expected purchases and 12-month value.
#include <algorithm>
#include <atomic>
#include <map>
#include <mutex>

#include "core/error.h"
#include "tools/customer_360/customer_360.h"
#include "warehouse/derived_table.h"

namespace luckyhub::customer_360 {
namespace {

constexpr int kValueMonths = 12;  // the lifetime value's horizon
constexpr int kMonthAgoDays = 30; // RFM's move: the scoring this many days before as-of

std::atomic<int64_t> fits{0};

// The models' scores of s (its history set) by the fitted models.
void apply_models(Scored& s, const Models& models) {
  const bgnbd::Params& p = models.bgnbd.params;
  s.p_alive = bgnbd::p_alive(p, s.history);
  s.expected_30 = bgnbd::expected_purchases(p, s.history, 30);
  s.expected_90 = bgnbd::expected_purchases(p, s.history, 90);
  if (models.gamma_gamma && models.gamma_gamma->params.q > 1) {
    const Customer& c = *s.customer;
    const double mean =
        s.history.x > 0 ? static_cast<double>(c.cents() - c.days.front().cents) / 100.0 / s.history.x : 0;
    s.expected_spend = gamma_gamma::expected_spend(models.gamma_gamma->params, s.history.x, mean);
    s.value_12m = gamma_gamma::lifetime_value(p, s.history, s.expected_spend, kValueMonths, 0, 1);
  }
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
  Query days = derived_from(wh, kCustomerDay);
  days.sql = "SELECT d.user_no AS user_no, " + d.date_text("d.day") +
             " AS purchase_day, SUM(d.orders) AS orders, SUM(d.cents) AS cents FROM " + days.sql +
             " d WHERE d.day < ? GROUP BY d.user_no, d.day ORDER BY user_no, purchase_day";  // the channels summed
  days.params.push_back(scope.as_of.str());
  const std::vector<ResultSet> results = wh.query_all(
      {days, {"SELECT user_no, " + d.ny_month("register_time") +
                  " AS registered FROM sales_crm__t_user WHERE tenant = 'LKUS' AND register_time < ? ORDER BY user_no",
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
    out.back().days.push_back(
        {Date::parse(row.text("purchase_day")), row.integer("orders"), row.integer("cents")});
  }
  return population;
}

std::optional<bgnbd::History> history_at(const Customer& c, Date end) {
  int count = 0;
  Date first, last;
  for (const PurchaseDay& d : c.days) {
    if (!(d.day < end)) break;
    if (count++ == 0) first = d.day;
    last = d.day;
  }
  if (count == 0) return std::nullopt;
  // T runs to the end of the observation, the day before `end`.
  return bgnbd::History{.x = static_cast<double>(count - 1),
                        .t_x = static_cast<double>(last - first),
                        .T = static_cast<double>((end - 1) - first)};
}

rfm::Customer rfm_at(const Customer& c, Date end) {
  int days = 0;
  int64_t cents = 0;
  Date last;
  for (const PurchaseDay& d : c.days) {
    if (!(d.day < end)) break;
    ++days;
    cents += d.cents;
    last = d.day;
  }
  return {.recency_days = static_cast<double>((end - 1) - last),
          .frequency = static_cast<double>(days),
          .monetary = days == 0 ? 0 : static_cast<double>(cents) / 100.0 / days};
}

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

Analysis analyse(const std::vector<Customer>& customers, const Scope& scope) {
  Analysis a;
  std::vector<bgnbd::History> histories;
  std::vector<gamma_gamma::Spend> spends;
  std::vector<rfm::Customer> rfm_now;
  std::vector<rfm::Customer> rfm_before;
  const Date month_ago = scope.as_of - kMonthAgoDays;
  for (const Customer& c : customers) {
    Scored s{.customer = &c, .history = *history_at(c, scope.as_of)};
    histories.push_back(s.history);
    if (s.history.x > 0) {
      const double repeat_cents = static_cast<double>(c.cents() - c.days.front().cents);
      if (repeat_cents > 0) spends.push_back({s.history.x, repeat_cents / 100.0 / s.history.x});
    }
    rfm_now.push_back(rfm_at(c, scope.as_of));
    if (history_at(c, month_ago)) {
      rfm_before.push_back(rfm_at(c, month_ago));
      a.month_ago_customers.push_back(&c);
    }
    s.declining = declining(c, scope.as_of, scope.decline);
    a.customers.push_back(std::move(s));
  }
  if (customers.empty()) return a;
  a.rfm = rfm::score(rfm_now, scope.quantiles);
  a.rfm_month_ago = rfm::score(rfm_before, scope.quantiles);
  a.models.bgnbd = bgnbd::fit(histories);
  if (!spends.empty()) a.models.gamma_gamma = gamma_gamma::fit(spends);
  ++fits;
  for (size_t i = 0; i < a.customers.size(); ++i) {
    Scored& s = a.customers[i];
    s.rfm = a.rfm.scores[i];
    apply_models(s, a.models);
  }
  return a;
}

Scored score_customer(const Customer& c, const Fitted& fitted, const Scope& scope) {
  Scored s{.customer = &c, .history = *history_at(c, scope.as_of)};
  s.rfm = rfm::score_one(fitted.rfm, rfm_at(c, scope.as_of));
  s.declining = declining(c, scope.as_of, scope.decline);
  apply_models(s, fitted.models);
  return s;
}

int64_t model_fits() { return fits.load(); }

std::string masked_phone(const std::string& tail) { return "***-***-" + tail; }

}  // namespace luckyhub::customer_360
