// Tool 6, the Customer Acquisition Channel Tracker (id `channels`, Marketing):
// per acquisition channel — the registration source t_user.origin, grouped as
// iOS, Android, Delivery and Other — the new customers of a window, what they
// cost (marketing spend entered per channel and month, channels_spend.h), what
// they bring (first-order conversion, AOV, value to date and in their first
// 90 days), how they stay (active 1-30, 31-60, 61-90 days after their first order), how they pay (t_trade), the
// tracked funnel download -> registration -> first order -> repeat -> loyal
// (t_user_event_track), the mix over time since launch, and last week's health
// against the four weeks before. docs/tools/channels.md has every formula.
//
// The analysis is plain C++ over rows read once (customers, their paid orders
// per day from the shared derived table sales__customer_day, their payments per
// method from channels__user_payment, the tracked events): every figure is
// computed here, not in SQL, so it is the same on every engine.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/calendar.h"
#include "report/report.h"
#include "tools/registry.h"
#include "warehouse/warehouse.h"

namespace luckyhub::channels {

// The four channel groups, in the report's order.
inline constexpr int kGroups = 4;
enum Group { kIos = 0, kAndroid = 1, kDelivery = 2, kOther = 3 };
// "ios", "android", "delivery", "other": the ids of the spend file and the JSON.
const char* group_id(int group);
const char* group_label(int group);  // "iOS", "Android", "Delivery", "Other"
// The group of a t_order.channel / t_user.origin code: 2 iOS, 1 Android,
// 3 Delivery, anything else Other.
int group_of(int64_t channel_code);
// The group of an id ("ios"...), or -1.
int group_of_id(const std::string& id);

inline constexpr std::array<int, 3> kRetentionDays = {30, 60, 90};
inline constexpr int kEarlyValueDays = 90;  // "first 90 days" value

// What the report reads: the window and the thresholds.
struct Scope {
  Date start;   // the warehouse's first day
  Date as_of;   // its as-of (exclusive)
  Date from;    // registrations counted from this day (inclusive)
  Date to;      // ... to this day (exclusive)
  int loyal_orders = 5;        // paid orders that make a customer loyal
  double health_drop = 0.2;    // week against the 4 before: a drop this large is red
  double health_min = 5;       // ... judged only when the 4 weeks' mean is at least this
};

// One customer of the LKUS tenant, with their paid orders by New York day.
struct Customer {
  std::string user_no;
  int group = kOther;
  Date registered;
  struct Day {
    Date day;
    int64_t orders = 0;
    int64_t cents = 0;
  };
  std::vector<Day> days;  // ascending, one per day with a paid order
};

// A tracked install or account in t_user_event_track.
struct Tracked {
  int group = kOther;
  Date first_seen;  // New York day of its first event
  bool downloaded = false, registered = false, first_order = false, repeat_order = false;
  std::string user_no;  // empty before registration
};

// Successful payments per acquisition group and payment method (t_trade.channel_id).
struct PaymentMix {
  int group = kOther;
  int64_t method = 0;
  int64_t payments = 0;
  int64_t cents = 0;
};

// Spend entered per group and month (channels_spend.h): cents, latest entry.
using Spend = std::map<std::pair<int, std::string>, int64_t>;  // (group, YYYY-MM) -> cents

struct ChannelData {
  std::vector<Customer> customers;  // every LKUS customer registered before as_of
  // Paid orders per month (YYYY-MM) and order channel group (t_order.channel).
  std::map<std::string, std::array<int64_t, kGroups>> month_orders;
  std::vector<Tracked> tracked;
  std::vector<PaymentMix> payments;  // of the window's customers
  Spend spend;
  std::map<int64_t, std::string> method_names;  // t_trade.channel_id meanings
};

ChannelData read_channels(Warehouse& wh, const Scope& scope);

// One group's figures over the window's customers.
struct GroupMetrics {
  int group = kOther;
  int64_t customers = 0;       // registered in [from, to)
  int64_t buyers = 0;          // ... with a paid order before as_of
  int64_t orders = 0;          // their paid orders before as_of
  int64_t cents = 0;           // their revenue before as_of
  std::optional<double> conversion;  // buyers / customers
  std::optional<double> aov_cents;   // cents / orders
  std::optional<double> value_cents; // cents / customers: value to date
  // Revenue in the first kEarlyValueDays days from registration, per customer
  // registered at least that long before as_of; its base.
  std::optional<double> early_value_cents;
  int64_t early_base = 0;
  // Retention at 30, 60 and 90 days (kRetentionDays): of the buyers whose
  // first order day is at least d days before as_of, the share active in the
  // 30 days up to d — with a paid order 1-30, 31-60 or 61-90 days after
  // their first order day.
  std::array<int64_t, 3> retention_base{};
  std::array<std::optional<double>, 3> retention{};
  // Spend of the window's months (null when no month of the window has an
  // entry for the group), and CAC = spend / customers.
  std::optional<int64_t> spend_cents;
  std::optional<double> cac_cents;
  std::vector<std::string> spend_missing;  // months of the window without an entry
  std::optional<double> value_per_cac;     // value_cents / cac_cents
  // Lifetime value (add_lifetime_value): per new customer, the value to date
  // plus the 12-month value Tool 4's models (BG/NBD and Gamma-Gamma, fitted
  // on every customer) expect from the buyers; and LTV / CAC.
  std::optional<double> ltv_cents;
  std::optional<double> ltv_per_cac;
};

std::array<GroupMetrics, kGroups> group_metrics(const ChannelData& data, const Scope& scope);
// Fills ltv_cents and ltv_per_cac (channels_ltv.cc) from customer-360's
// fitted models (read from the warehouse, or kept from an earlier fit).
void add_lifetime_value(Warehouse& wh, const ChannelData& data, const Scope& scope,
                        std::array<GroupMetrics, kGroups>& metrics);

// The funnel of tracked installs and accounts first seen in the window.
struct Funnel {
  int group = kOther;
  int64_t downloads = 0, registrations = 0, first_orders = 0, repeats = 0, loyal = 0;
};
std::array<Funnel, kGroups> funnels(const ChannelData& data, const Scope& scope);

// Counts per month and group, every month from the warehouse's start to as-of.
struct MonthMix {
  std::string month;
  std::array<int64_t, kGroups> counts{};
};
// New customers per registration month and registration group.
std::vector<MonthMix> registration_mix(const ChannelData& data, const Scope& scope);
// Paid orders per month and order channel group.
std::vector<MonthMix> order_mix(const ChannelData& data, const Scope& scope);

// Last complete week (Monday to Sunday before as_of) against the mean of the
// four weeks before it, per group.
struct WeekHealth {
  int group = kOther;
  Date week;  // its Monday
  int64_t customers = 0, first_orders = 0, orders = 0, cents = 0;
  double prior_customers = 0, prior_first_orders = 0, prior_orders = 0, prior_cents = 0;  // weekly means
  std::optional<double> customers_change, first_orders_change, aov_change;  // relative
  Status status = Status::kNone;  // kNone: too few to judge
};
std::array<WeekHealth, kGroups> week_health(const ChannelData& data, const Scope& scope);

// The "week" panel: last week's new customers and first orders over every
// channel, and how many channels are red (the home tile shows the same).
Panel week_panel(const std::array<WeekHealth, kGroups>& weeks);

// The parameters and their reading.
std::vector<ParamSpec> channel_params();
Scope scope_of(Warehouse& wh, const Params& params);

}  // namespace luckyhub::channels
