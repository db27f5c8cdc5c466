#include "domain/forecast_metrics.h"

#include <cmath>

namespace luckyhub::forecast {

const char* const kMapeFormula = "MAPE = mean(|ŷ − y| / |y|)";
const char* const kSmapeFormula = "sMAPE = mean(2|ŷ − y| / (|y| + |ŷ|)), 0..2";
const char* const kWapeFormula = "WAPE = Σ|ŷ − y| / Σ|y|";
const char* const kBiasFormula = "bias = mean(ŷ − y), > 0 over-forecast";
const char* const kMaseFormula = "MASE = MAE / MAE of the naive forecast y(t−m)";
const char* const kHitRateFormula = "hit rate = share with |ŷ − y| ≤ 20% of |y|";

void ErrorSums::add(double actual, double predicted) {
  const double error = predicted - actual;
  const double abs_e = std::fabs(error), abs_y = std::fabs(actual), abs_p = std::fabs(predicted);
  ++n;
  abs_error += abs_e;
  abs_actual += abs_y;
  signed_error += error;
  if (abs_y == 0) {
    ++zero_actuals;
  } else {
    ape += abs_e / abs_y;
  }
  if (abs_y + abs_p > 0) sape += 2 * abs_e / (abs_y + abs_p);
  // 5|e| ≤ |y| rather than |e| ≤ 0.2|y|: 0.2 has no exact binary form.
  if (5 * abs_e <= abs_y) ++hits_20;
}

void ErrorSums::merge(const ErrorSums& other) {
  n += other.n;
  zero_actuals += other.zero_actuals;
  hits_20 += other.hits_20;
  abs_error += other.abs_error;
  abs_actual += other.abs_actual;
  signed_error += other.signed_error;
  ape += other.ape;
  sape += other.sape;
}

Accuracy accuracy(const ErrorSums& sums, std::optional<double> mase_scale) {
  Accuracy a;
  a.n = sums.n;
  if (sums.n == 0) {
    a.notes.push_back("no pairs of actual and prediction");
    return a;
  }
  const double n = static_cast<double>(sums.n);
  a.mae = sums.abs_error / n;
  a.smape = sums.sape / n;
  a.bias = sums.signed_error / n;
  a.hit_rate_20 = static_cast<double>(sums.hits_20) / n;
  if (sums.zero_actuals == 0) {
    a.mape = sums.ape / n;
  } else {
    a.notes.push_back("MAPE undefined: " + std::to_string(sums.zero_actuals) + " of " + std::to_string(sums.n) +
                      " actuals are zero (WAPE and MASE do not divide by single actuals)");
  }
  if (sums.abs_actual > 0) {
    a.wape = sums.abs_error / sums.abs_actual;
  } else {
    a.notes.push_back("WAPE undefined: every actual is zero");
  }
  if (mase_scale && *mase_scale > 0) {
    a.mase = *a.mae / *mase_scale;
  } else if (mase_scale) {
    a.notes.push_back("MASE undefined: the naive forecast's in-sample error is zero (a constant training series)");
  }
  return a;
}

std::optional<double> naive_scale(const std::vector<double>& training, int season) {
  if (season < 1 || training.size() <= static_cast<size_t>(season)) return std::nullopt;
  double sum = 0;
  for (size_t t = static_cast<size_t>(season); t < training.size(); ++t) sum += std::fabs(training[t] - training[t - season]);
  return sum / static_cast<double>(training.size() - static_cast<size_t>(season));
}

std::optional<double> improvement_over(double mae, double baseline_mae) {
  if (baseline_mae <= 0) return std::nullopt;
  return 1 - mae / baseline_mae;
}

}  // namespace luckyhub::forecast
