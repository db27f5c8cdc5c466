// Forecast accuracy metrics: how far predictions ŷ are from actuals y. Used
// by the forecast-accuracy tool (over the warehouse) and by
// `luckyhub model forecast-accuracy` (over plain files).
//
// Everything follows from a handful of sums (ErrorSums), so a caller can add
// pairs one at a time, merge groups (a store's days into the store), or fill
// the sums from an SQL aggregate. The metrics and their formulas:
//
//   MAE   = Σ|ŷ − y| / n
//   MAPE  = Σ(|ŷ − y| / |y|) / n            undefined (null) when some y = 0
//   sMAPE = Σ(2|ŷ − y| / (|y| + |ŷ|)) / n   the ×2 form, 0..2; a pair with
//                                           y = ŷ = 0 counts as no error
//   WAPE  = Σ|ŷ − y| / Σ|y|                 undefined when every y = 0
//   bias  = Σ(ŷ − y) / n                    > 0: over-forecast
//   hit rate (±20%) = share of pairs with |ŷ − y| ≤ 0.2|y|
//   MASE  = MAE / scale, the scale being the in-sample MAE of the seasonal
//           naive forecast ŷ_t = y_{t−m} over a training series
//
// No metric divides by zero: an undefined one is nullopt with a note saying
// why. REQUIRES: finite values.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace luckyhub::forecast {

struct ErrorSums {
  int64_t n = 0;
  int64_t zero_actuals = 0;  // pairs with y = 0: their percentage error is undefined
  int64_t hits_20 = 0;       // pairs with |ŷ − y| ≤ 0.2|y|
  double abs_error = 0;      // Σ|ŷ − y|
  double abs_actual = 0;     // Σ|y|
  double signed_error = 0;   // Σ(ŷ − y)
  double ape = 0;            // Σ|ŷ − y| / |y| over pairs with y ≠ 0
  double sape = 0;           // Σ 2|ŷ − y| / (|y| + |ŷ|), 0 where y = ŷ = 0

  void add(double actual, double predicted);
  void merge(const ErrorSums& other);
  double mae() const { return n > 0 ? abs_error / static_cast<double>(n) : 0.0; }
};

struct Accuracy {
  int64_t n = 0;
  std::optional<double> mape, smape, wape, bias, mase, hit_rate_20, mae;
  std::vector<std::string> notes;  // why a metric is undefined
};

// The metrics of `sums`; MASE when `mase_scale` is given and positive.
Accuracy accuracy(const ErrorSums& sums, std::optional<double> mase_scale = std::nullopt);

// The MASE scale of a training series: the mean of |y_t − y_{t−season}| over
// t = season..n−1. nullopt when the series has no more than `season` values.
// REQUIRES: season ≥ 1.
std::optional<double> naive_scale(const std::vector<double>& training, int season);

// The share by which `mae` beats a baseline's MAE: 1 − mae / baseline_mae
// (0.25: 25% smaller errors; negative: the baseline is better). nullopt when
// the baseline's MAE is 0.
std::optional<double> improvement_over(double mae, double baseline_mae);

// One-line formulas, for labels beside the figures.
extern const char* const kMapeFormula;
extern const char* const kSmapeFormula;
extern const char* const kWapeFormula;
extern const char* const kBiasFormula;
extern const char* const kMaseFormula;
extern const char* const kHitRateFormula;

}  // namespace luckyhub::forecast
