// Customer 360 (Tool 4, marketing): every LKUS customer's purchase history
// from the shared derived table sales__customer_day (domain/customer_days.h:
// paid orders and revenue per customer, New York day and order channel, kept
// additively by sync; the channels summed), scored four ways:
//   - RFM by quantiles (domain/rfm.h), with each segment's customers, revenue
//     share and move since the same scoring 30 days earlier;
//   - cohorts by registration or first-purchase month: the share of each
//     cohort ordering in each month since its start, and its revenue;
//   - BG/NBD and Gamma-Gamma fitted on every customer's (repeat purchase
//     days, recency, T) in days (domain/customer_value.h, the fit kept by
//     domain/customer_fit_store.h): P(alive), expected purchases in 30 and 90
//     days, 12-month lifetime value;
//   - a declining-frequency flag against the customer's own history.
// A customer's profile (CRM, CDP, coupons, experiments, orders) is looked up
// by user_no or by the last four digits of the phone; a phone is only ever
// shown masked (***-***-1234).
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/calendar.h"
#include "domain/customer_days.h"
#include "domain/customer_fit_store.h"
#include "domain/customer_value.h"
#include "report/report.h"
#include "tools/registry.h"
#include "warehouse/derived_table.h"
#include "warehouse/warehouse.h"

namespace luckyhub::customer_360 {

using customers::kCustomerDay;

// A frequency is declining when the customer's purchase days in the last
// `recent_days` fall below `decline_share` of what their own rate before
// gives for that span, having had at least `min_history_days` purchase days
// before it.
struct DeclineRule {
  int recent_days = 90;
  double decline_share = 0.5;
  int min_history_days = 4;
};

struct Scope {
  Date as_of;                // data up to the day before
  int quantiles = 4;         // RFM: 4 or 5
  std::string cohort_by;     // "registration", "first_purchase", "store" or "product"
  int cohort_months = 12;    // cohorts shown, ending at as-of's month
  int risk_rows = 50;        // rows of the churn-risk table
  DeclineRule decline;
  // Segment export filters (none given: no export panel).
  std::string segment;       // an RFM segment name
  std::string cohort;  // 'YYYY-MM', or with cohort_by store or product the store id or product
  double max_p_alive = 1;    // at most
  double min_value = 0;      // 12-month value at least, dollars
  // Profile lookup.
  std::string user;          // a user_no
  std::string phone_tail;    // four digits
  // Found through `search` (the page's box): a phone with one match opens
  // that customer's card, none says no customer was found.
  bool searched = false;

  // Cohorts by a customer's favourite store or product (not by a month).
  bool cohorts_by_preference() const { return cohort_by == "store" || cohort_by == "product"; }
  bool exporting() const { return !segment.empty() || !cohort.empty() || max_p_alive < 1 || min_value > 0; }
};

using customers::Fitted;
using customers::Models;
using customers::PurchaseDay;

struct Customer {
  std::string user_no;
  std::string registered_month;  // 'YYYY-MM' of register_time, New York ("" when not in t_user)
  std::vector<PurchaseDay> days; // before as-of, in day order
  std::string preferred;         // cohort_by store or product: the favourite store's id or the top product
  int64_t cents() const;
  int64_t orders() const;
};

struct Population {
  std::vector<Customer> customers;              // with a paid order before as-of, by user_no
  std::map<std::string, int64_t> registrations;  // LKUS registrations per New York month
};

Population read_customers(Warehouse& wh, const Scope& scope);

struct Scored {
  const Customer* customer = nullptr;
  bgnbd::History history;     // in days
  rfm::Score rfm;
  double p_alive = 1, expected_30 = 0, expected_90 = 0;
  double expected_spend = 0;  // dollars per purchase day
  double value_12m = 0;       // dollars
  bool declining = false;
};

struct Analysis {
  std::vector<Scored> customers;  // in read order (user_no)
  Models models;
  rfm::Scoring rfm;
  rfm::Scoring rfm_month_ago;     // the same customers' scoring 30 days before as-of
  std::vector<const Customer*> month_ago_customers;
};

// The summary the models use, at `end` (exclusive), of the days before it:
// x purchase days after the first, t_x and T in days. nullopt without any.
std::optional<bgnbd::History> history_at(const Customer& c, Date end);
bool declining(const Customer& c, Date end, const DeclineRule& rule);
rfm::Customer rfm_at(const Customer& c, Date end);

// Every customer scored by `fitted` (the fit kept in memory or stored with
// the data: customers::kept_or_stored_fit(), of these same customers, as-of
// and quantiles), or, when null, by the models fitted on them now. The same
// Analysis either way: score_one() by the fit's bins is the score it gave.
Analysis analyse(const std::vector<Customer>& customers, const Scope& scope,
                 const Fitted* fitted = nullptr);

// ---- One customer ----
// One customer's purchase days before as-of (none: not a customer with orders).
Customer read_customer(Warehouse& wh, const Scope& scope, const std::string& user_no);
// `c` scored as analyse() scores it among every customer, by the models
// fitted on every customer (customers::fitted_models(): kept in memory, or
// stored with the data, else fitted now).
Scored score_customer(const Customer& c, const Fitted& fitted, const Scope& scope);

// ---- The materialised profile (customer_360_tables.cc) ----
// customer_360__profile, one row per LKUS customer (recompute, kept by sync
// for the customers whose rows changed): registration, origin, phone tail,
// paid orders and revenue, first and last purchase day, favourite store, top
// three products, the CDP's current segments.
inline constexpr std::string_view kProfile = "customer_360__profile";
// Its sources restricted to one customer's rows: derived_from(wh, kProfile,
// profile_of(u)) reads that customer's row alone, materialised or inline.
SourceFilters profile_of(const std::string& user_no);
// customer_360__phone: user_no, phone_tail, registered, one row per LKUS
// customer of t_user, indexed by phone_tail (kept by sync as the profile is).
// phone_tail_of(t) restricts its source to the phones ending in t.
inline constexpr std::string_view kPhone = "customer_360__phone";
SourceFilters phone_tail_of(const std::string& tail);

// The page's search box (customer_360_search.cc): a user_no, or a phone's
// last four digits bare or masked. Throws Error (never repeating the text)
// on anything else, a whole phone number included.
struct SearchTarget {
  std::string user;
  std::string phone_tail;
};
SearchTarget parse_search(const std::string& typed);

// The registered customers whose phone ends in scope.phone_tail, by user_no
// (at most 100): user_no and registered day.
std::vector<std::pair<std::string, std::string>> phone_matches(Warehouse& wh, const Scope& scope);

// Masks a phone's last four digits: "***-***-1234".
std::string masked_phone(const std::string& tail);

// ---- Panels (customer_360_panels.cc, customer_360_profile.cc) ----
Panel summary_panel(const Analysis& a);
Panel rfm_panel(const Analysis& a);
Panel rfm_grid_panel(const Analysis& a);
Panel cohort_panel(const Population& population, const Scope& scope);
Panel cohort_revenue_panel(const Population& population, const Scope& scope);
Panel risk_panel(const Analysis& a, const Scope& scope);
Panel models_panel(const Analysis& a);
Panel export_panel(const Analysis& a, const Scope& scope);
// `scored`: the customer's scores (nullptr without paid orders, or for a phone lookup).
std::vector<Panel> profile_panels(Warehouse& wh, const Scored* scored, const Scope& scope);

std::vector<ParamSpec> params();
Scope scope_of(Warehouse& wh, const Params& p);

}  // namespace luckyhub::customer_360
