#include "health/projection.h"

#include <cmath>

namespace luckyhub::health {

double t_975(int df) {
  // Exact for small df (tables), then the Cornish-Fisher expansion around
  // the normal quantile, within 0.001 from df = 8.
  static const double kSmall[] = {0, 12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365};
  if (df < 1) return NAN;
  if (df < 8) return kSmall[df];
  const double z = 1.959964, n = df;
  return z + (z * z * z + z) / (4 * n) + (5 * std::pow(z, 5) + 16 * z * z * z + 3 * z) / (96 * n * n) +
         (3 * std::pow(z, 7) + 19 * std::pow(z, 5) + 17 * z * z * z - 15 * z) / (384 * n * n * n);
}

Projection project(const std::vector<Point>& points, double now_day, const std::vector<double>& horizons_days,
                   std::optional<double> limit) {
  Projection p;
  p.points = static_cast<int>(points.size());
  const double n = points.size();
  if (points.size() < 3) return p;
  double mean_x = 0, mean_y = 0;
  for (const Point& q : points) mean_x += q.day / n, mean_y += q.value / n;
  double sxx = 0, sxy = 0;
  for (const Point& q : points) {
    sxx += (q.day - mean_x) * (q.day - mean_x);
    sxy += (q.day - mean_x) * (q.value - mean_y);
  }
  if (sxx <= 0) {
    p.points = 0;
    return p;
  }
  p.slope_per_day = sxy / sxx;
  p.intercept = mean_y - p.slope_per_day * mean_x;
  double sse = 0;
  for (const Point& q : points) {
    const double e = q.value - (p.intercept + p.slope_per_day * q.day);
    sse += e * e;
  }
  p.residual_sd = std::sqrt(sse / (n - 2));
  const double t = t_975(static_cast<int>(n) - 2);
  for (const double h : horizons_days) {
    const double x0 = now_day + h;
    const double fit = p.intercept + p.slope_per_day * x0;
    const double half = t * p.residual_sd * std::sqrt(1 + 1 / n + (x0 - mean_x) * (x0 - mean_x) / sxx);
    p.forecasts.push_back({h, fit, fit - half, fit + half});
  }
  if (limit) {
    const double now_fit = p.intercept + p.slope_per_day * now_day;
    if (now_fit >= *limit) {
      p.days_until_limit = 0;
    } else if (p.slope_per_day > 0) {
      p.days_until_limit = (*limit - now_fit) / p.slope_per_day;
    }
  }
  return p;
}

}  // namespace luckyhub::health
