// Customers' value by the reference models, fitted on every customer: each
// customer's purchase days (the derived table sales__customer_day of
// domain/customer_days.h, the channels summed) give the BG/NBD history
// (domain/bgnbd.h), the Gamma-Gamma spend (domain/gamma_gamma.h) and the RFM
// values (domain/rfm.h); the models fitted on every customer with a purchase
// before as-of, and the RFM bins of them all, then score any one customer in
// closed form. Read by customer-360 (its scores and profiles) and channels
// (lifetime value per acquisition channel): tools depend on this, not on each
// other. Where a fit is kept (in memory, and stored with the data) is
// domain/customer_fit_store.h.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/calendar.h"
#include "domain/bgnbd.h"
#include "domain/gamma_gamma.h"
#include "domain/rfm.h"
#include "warehouse/warehouse.h"

namespace luckyhub::customers {

// One day's paid orders of a customer (orders on one day are one purchase).
struct PurchaseDay {
  Date day;
  int64_t orders = 0;
  int64_t cents = 0;
};
using PurchaseDays = std::vector<PurchaseDay>;  // one customer's, in day order

// The models' summary at `end` (exclusive) of the days before it: x purchase
// days after the first, t_x and T = (end − 1) − first, in days. nullopt
// without any.
std::optional<bgnbd::History> history_at(const PurchaseDays& days, Date end);
// RFM's values at `end`: days from the last purchase day to end − 1, purchase
// days, mean dollars per purchase day.
rfm::Customer rfm_at(const PurchaseDays& days, Date end);

struct Models {
  bgnbd::Fit bgnbd;
  std::optional<gamma_gamma::Fit> gamma_gamma;  // none without customers with repeat purchases
};

// What scoring every customer leaves to score one more: the fitted models and
// the RFM bins (their edges; scores only as fit_customers() returns them).
struct Fitted {
  Models models;
  rfm::Scoring rfm;
};

// The models fitted on `customers` at as_of and their RFM scoring by
// `quantiles` (every customer's score, in input order). REQUIRES: customers
// non-empty, each with a purchase day before as_of.
Fitted fit_customers(const std::vector<const PurchaseDays*>& customers, Date as_of, int quantiles);
// How many times this process has run fit_customers().
int64_t model_fits();

// A customer's scores by the fitted models at as_of.
struct Value {
  double p_alive = 1, expected_30 = 0, expected_90 = 0;
  double expected_spend = 0;  // dollars per purchase day (Gamma-Gamma; 0 without it)
  double value_12m = 0;       // dollars
};
// REQUIRES: a purchase day before as_of.
Value value_of(const Models& models, const PurchaseDays& days, Date as_of);

// Every customer's purchase days before as_of ("user_no", "purchase_day"
// 'YYYY-MM-DD', "orders", "cents"), by user_no and day; with `user_no`, that
// customer's alone (an index range: the derived table's key starts with it).
Query purchase_days_query(Warehouse& wh, Date as_of, const std::string* user_no = nullptr);
PurchaseDay purchase_day_of(const Row& row);
// One customer's purchase days before as_of (none: no paid order).
PurchaseDays read_purchase_days(Warehouse& wh, Date as_of, const std::string& user_no);

}  // namespace luckyhub::customers
