// Price elasticity of demand from real price changes: the slope of
// log(quantity) on log(price), by ordinary least squares with two fixed
// effects, one per group (a store: its own level of demand) and one per
// period (a month: what moves every store at once, the season, a launch),
// so that the slope rests on a store's price changing while others' do not
// (a difference in differences), with its 95% confidence interval from
// Student's t:
//
//   x = ln price, y = ln quantity, each less its group and period effects
//   (weighted alternating projections until they stop moving: exact, by
//   Frisch-Waugh-Lovell), w the observation's weight;
//   elasticity = sum w x y / sum w x^2;
//   se = sqrt(sum w e^2 / df / sum w x^2), df = n - groups - periods + 1 - 1,
//   interval = elasticity -/+ t(0.975, df) x se.
//
// With a single period this is the within-group slope (df = n - groups - 1).
//
// Without a price change, or without a residual degree of freedom, there is
// no estimate: "not enough variation", never a made-up number.
// Pure: no warehouse, no I/O.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace luckyhub::menu {

struct PriceObservation {
  std::string group;   // e.g. the store
  std::string period;  // e.g. the month ("" throughout: no period effect)
  double price = 0;     // > 0
  double quantity = 0;  // > 0 (a share or a count)
  double weight = 1;    // > 0: the observation's precision (e.g. the units behind a share)
};

struct ElasticityEstimate {
  double elasticity = 0, low = 0, high = 0;  // slope and its 95% interval
  double standard_error = 0;
  int observations = 0, groups = 0, periods = 0, degrees_of_freedom = 0;
};

struct ElasticityResult {
  int price_changes = 0;                     // what the estimate rests on
  std::optional<ElasticityEstimate> estimate;  // none: not enough variation
  std::string note;                           // why there is none
};

// The estimate from `observations` and the number of price changes behind
// them (counted by the caller). Observations with a price or quantity <= 0
// are ignored, as are groups of a single observation (they carry no change).
ElasticityResult estimate_elasticity(const std::vector<PriceObservation>& observations, int price_changes);

// The 0.975 quantile of Student's t with `df` degrees of freedom (REQUIRES:
// df >= 1): the tables' values to 30, a Cornish-Fisher expansion beyond.
double t_quantile_975(int df);

}  // namespace luckyhub::menu
