#include "domain/customer_value.h"

#include <atomic>

#include "domain/customer_days.h"
#include "warehouse/derived_table.h"

namespace luckyhub::customers {
namespace {

constexpr int kValueMonths = 12;  // the lifetime value's horizon

std::atomic<int64_t> fits{0};

// Gamma-Gamma's spend of a history: the mean dollars of the repeat purchase
// days (the first excluded) before end; 0 without a repeat purchase.
double repeat_mean_dollars(const PurchaseDays& days, Date end, double x) {
  if (x <= 0) return 0;
  int64_t cents = 0;
  for (size_t i = 1; i < days.size() && days[i].day < end; ++i) cents += days[i].cents;
  return static_cast<double>(cents) / 100.0 / x;
}

}  // namespace

std::optional<bgnbd::History> history_at(const PurchaseDays& days, Date end) {
  int count = 0;
  Date first, last;
  for (const PurchaseDay& d : days) {
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

rfm::Customer rfm_at(const PurchaseDays& days, Date end) {
  int count = 0;
  int64_t cents = 0;
  Date last;
  for (const PurchaseDay& d : days) {
    if (!(d.day < end)) break;
    ++count;
    cents += d.cents;
    last = d.day;
  }
  return {.recency_days = static_cast<double>((end - 1) - last),
          .frequency = static_cast<double>(count),
          .monetary = count == 0 ? 0 : static_cast<double>(cents) / 100.0 / count};
}

Fitted fit_customers(const std::vector<const PurchaseDays*>& customers, Date as_of, int quantiles) {
  std::vector<bgnbd::History> histories;
  std::vector<gamma_gamma::Spend> spends;
  std::vector<rfm::Customer> rfm_values;
  for (const PurchaseDays* days : customers) {
    const bgnbd::History h = *history_at(*days, as_of);
    histories.push_back(h);
    if (const double m = repeat_mean_dollars(*days, as_of, h.x); m > 0) spends.push_back({h.x, m});
    rfm_values.push_back(rfm_at(*days, as_of));
  }
  Fitted f;
  f.rfm = rfm::score(rfm_values, quantiles);
  f.models.bgnbd = bgnbd::fit(histories);
  if (!spends.empty()) f.models.gamma_gamma = gamma_gamma::fit(spends);
  ++fits;
  return f;
}

int64_t model_fits() { return fits.load(); }

Value value_of(const Models& models, const PurchaseDays& days, Date as_of) {
  const bgnbd::History h = *history_at(days, as_of);
  const bgnbd::Params& p = models.bgnbd.params;
  Value v{.p_alive = bgnbd::p_alive(p, h),
          .expected_30 = bgnbd::expected_purchases(p, h, 30),
          .expected_90 = bgnbd::expected_purchases(p, h, 90)};
  if (models.gamma_gamma && models.gamma_gamma->params.q > 1) {
    v.expected_spend = gamma_gamma::expected_spend(models.gamma_gamma->params, h.x,
                                                   repeat_mean_dollars(days, as_of, h.x));
    v.value_12m = gamma_gamma::lifetime_value(p, h, v.expected_spend, kValueMonths, 0, 1);
  }
  return v;
}

Query purchase_days_query(Warehouse& wh, Date as_of, const std::string* user_no) {
  Query q = derived_from(wh, kCustomerDay);
  q.sql = "SELECT d.user_no AS user_no, " + wh.dialect().date_text("d.day") +
          " AS purchase_day, SUM(d.orders) AS orders, SUM(d.cents) AS cents FROM " + q.sql +
          " d WHERE " + (user_no ? "d.user_no = ? AND " : "") +
          "d.day < ? GROUP BY d.user_no, d.day ORDER BY user_no, purchase_day";
  if (user_no) q.params.push_back(*user_no);  // the channels summed
  q.params.push_back(as_of.str());
  return q;
}

PurchaseDay purchase_day_of(const Row& row) {
  return {Date::parse(row.text("purchase_day")), row.integer("orders"), row.integer("cents")};
}

PurchaseDays read_purchase_days(Warehouse& wh, Date as_of, const std::string& user_no) {
  const Query q = purchase_days_query(wh, as_of, &user_no);
  PurchaseDays days;
  for (const Row row : wh.query(q.sql, q.params)) days.push_back(purchase_day_of(row));
  return days;
}

}  // namespace luckyhub::customers
