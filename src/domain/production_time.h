// Production time, one definition for every tool that reports it (the menu
// scorecard, the production-time optimizer):
//
//  - a ticket's time is t_production.accept_time -> done_time; an item's
//    (t_commodity) is its ticket's accept_time -> its own done_time: the wait
//    in the queue counts, as the customer lives it. Only finished rows count
//    (done_time set, not cancelled).
//  - a time above kOutlierSeconds (30 min) is an outlier: a ticket left open,
//    a data error or an incident. Outliers are counted apart and never enter
//    a percentile or a mean.
//  - percentiles are nearest-rank over the remaining times, in whole seconds:
//    the p-th percentile of n times is the ceil(p x n)-th smallest (1-based),
//    the same as sorting the times and reading that rank.
//
// Times are grouped in SQL as histograms of whole seconds (a value and its
// count), from which the percentiles are exact.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "warehouse/warehouse.h"

namespace luckyhub::production_time {

inline constexpr int64_t kOutlierSeconds = 30 * 60;

// The derived table of every t_commodity row with its ticket's accept_time
// (column ticket_accept_time): an item's production time without a join.
inline constexpr std::string_view kProductionItems = "wide__production_item";

// The derived table of every finished LKUS item (finished_item) with its
// production time: columns id, commodity_id, shop_id, ticket_accept_time and
// seconds (item_seconds). Reports that group item times read it: a narrow
// table with the time computed once, where kProductionItems carries every
// column of t_commodity and the time is computed per read.
inline constexpr std::string_view kItemTimes = "production__item_time";


// SQL over an item of kProductionItems aliased `alias`: it is finished (status
// 30, done_time set), and its production time in seconds.
std::string finished_item(std::string_view alias);
std::string item_seconds(const Dialect& dialect, std::string_view alias);

// Production times of one group (a product, a store...).
class Histogram {
 public:
  // Times above `outlier_above` are outliers: kOutlierSeconds, or
  // kKeepOutliers for the figures "with outliers" (none set apart).
  static constexpr int64_t kKeepOutliers = INT64_MAX;
  explicit Histogram(int64_t outlier_above = kOutlierSeconds) : outlier_above_(outlier_above) {}
  // `count` times of `seconds` each; an outlier when seconds > outlier_above.
  void add(int64_t seconds, int64_t count = 1);
  int64_t count() const { return count_; }        // without outliers
  int64_t outliers() const { return outliers_; }
  // Nearest rank, 0 < q <= 1; 0 when there is no time.
  int64_t percentile(double q) const;
  double mean() const;  // 0 when there is no time
  const std::map<int64_t, int64_t>& counts() const { return counts_; }  // seconds -> times, no outliers

 private:
  int64_t outlier_above_;
  std::map<int64_t, int64_t> counts_;
  int64_t count_ = 0, outliers_ = 0;
  double sum_ = 0;
};

}  // namespace luckyhub::production_time
