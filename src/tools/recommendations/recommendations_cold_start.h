// Cold start: what t_user_profile's demographics (age range, gender) and
// t_user_state's CDP segments (purchase frequency, monetary value) add for a
// customer with little history. Each feature's value is a group of
// customers; a product's lift in a group is how much more often the group's
// customers bought it than everyone, shrunk to 1 for small groups:
//   lift_f(i) = (buyers of i in the group + m p_i) / ((customers in the group + m) p_i),
// p_i the share of all customers who bought i, m = 50. A customer's prior
// for i is Σ over its known features of log lift_f(i) (naive Bayes).
//
// The report measures, on customers with one or two training days (the
// holdout of evaluate_models), the blend against the blend plus the prior
// (standardised, weight kColdStartWeight) and serves whichever wins there.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <vector>

#include "domain/recommend/interactions.h"
#include "report/report.h"
#include "tools/recommendations/recommendations.h"

namespace luckyhub::recommendations {

// Training days at or below which a customer is cold.
inline constexpr int kColdDays = 2;
// The weight of the standardised prior added to the blend's score.
inline constexpr double kColdStartWeight = 0.5;

// The prior of every customer, trained on `train` (what each customer had).
class DemographicPrior {
 public:
  DemographicPrior(const Data& data, const recommend::Interactions& train);
  // Σ log lift over the customer's known features; 0 for every product when none is known.
  void score(int32_t user, std::span<double> scores) const;

 private:
  const Data& data_;
  int32_t items_ = 0;
  std::vector<double> share_;  // per item: p_i
  // [feature][value]: customers, and buyers per item.
  std::array<std::vector<int64_t>, kFeatures> customers_;
  std::array<std::vector<std::vector<int64_t>>, kFeatures> buyers_;
};

// On the customers with `relevant` items (cold ones): the blend, the prior
// alone, and the blend plus kColdStartWeight × the standardised prior.
std::vector<Evaluated> evaluate_cold_start(const Data& data, const Settings& settings,
                                           const Models& m, const recommend::Recommender& blend,
                                           const std::vector<std::vector<int32_t>>& relevant);

// The cold customers' evaluation: the blend, the demographic prior alone
// and the blend plus the prior, on each cold customer's last day.
Panel cold_start_panel(const Evaluation& e, int k);

}  // namespace luckyhub::recommendations
