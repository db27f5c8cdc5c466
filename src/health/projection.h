// Capacity projections of the Database Health Monitor: a least-squares line
// through daily sizes, its value 30, 60 and 90 days ahead with a 95%
// prediction interval, and the days until a known limit is reached.
//
//   y = a + b x   (x in days), s^2 = SSE / (n - 2)
//   interval at x0: y(x0) +- t(0.975, n - 2) s sqrt(1 + 1/n + (x0 - mean x)^2 / Sxx)
#pragma once

#include <optional>
#include <vector>

namespace luckyhub::health {

struct Point {
  double day = 0;  // days on any origin
  double value = 0;
};

struct Forecast {
  double days_ahead = 0;
  double value = 0, low = 0, high = 0;  // the fit and the 95% prediction interval
};

struct Projection {
  int points = 0;
  double intercept = 0, slope_per_day = 0;
  double residual_sd = 0;
  std::vector<Forecast> forecasts;  // for each requested horizon, after `now_day`
  // Days after now_day until the fitted line reaches the limit; empty without
  // a limit, or when it is not growing toward it. 0 when already past.
  std::optional<double> days_until_limit;
};

// REQUIRES: at least 3 points with two distinct days (otherwise the result
// has points < 3 and no forecasts).
Projection project(const std::vector<Point>& points, double now_day, const std::vector<double>& horizons_days,
                   std::optional<double> limit = std::nullopt);

// The 0.975 quantile of Student's t with `df` degrees of freedom (df >= 1).
double t_975(int df);

}  // namespace luckyhub::health
