// Each store's trajectory: the OLS slope of its weekly paid orders with a 95%
// confidence interval; improving when the interval is above 0, declining
// when below, flat when it holds 0.
#include <algorithm>
#include <cmath>

#include "tools/stores/stores.h"

namespace luckyhub::stores {

double student_t975(int df) {
  // The 0.975 quantile of Student's t, df 1..30, then 40, 60, 120 and the normal.
  static const double kT[30] = {12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
                                2.201,  2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
                                2.080,  2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042};
  if (df < 1) return 0;
  if (df <= 30) return kT[df - 1];
  if (df <= 40) return 2.021;
  if (df <= 60) return 2.000;
  if (df <= 120) return 1.980;
  return 1.960;
}

Slope ols(const std::vector<double>& x, const std::vector<double>& y) {
  Slope s;
  s.n = static_cast<int>(std::min(x.size(), y.size()));
  if (s.n == 0) return s;
  double mx = 0, my = 0;
  for (int i = 0; i < s.n; ++i) {
    mx += x[i];
    my += y[i];
  }
  mx /= s.n;
  my /= s.n;
  s.mean = my;
  double sxx = 0, sxy = 0;
  for (int i = 0; i < s.n; ++i) {
    sxx += (x[i] - mx) * (x[i] - mx);
    sxy += (x[i] - mx) * (y[i] - my);
  }
  if (sxx <= 0) {
    s.intercept = my;
    return s;
  }
  s.slope = sxy / sxx;
  s.intercept = my - s.slope * mx;
  if (s.n < 3) return s;
  double ssr = 0;
  for (int i = 0; i < s.n; ++i) {
    const double e = y[i] - (s.intercept + s.slope * x[i]);
    ssr += e * e;
  }
  const double se = std::sqrt(ssr / (s.n - 2) / sxx);
  const double t = student_t975(s.n - 2);
  s.low = s.slope - t * se;
  s.high = s.slope + t * se;
  return s;
}

const char* trend_name(Trend t) {
  switch (t) {
    case Trend::kImproving: return "improving";
    case Trend::kFlat: return "flat";
    case Trend::kDeclining: return "declining";
    case Trend::kUnknown: return "too new";
  }
  return "";
}

Trend trend_of(const Slope& s) {
  if (!s.low || !s.high) return Trend::kUnknown;
  if (*s.low > 0) return Trend::kImproving;
  if (*s.high < 0) return Trend::kDeclining;
  return Trend::kFlat;
}

std::vector<Trajectory> trajectories(const StoreData& data, const Scope& scope) {
  std::vector<Trajectory> out;
  for (const Store& s : data.stores) {
    Trajectory t{.store = &s};
    const auto days = data.days.find(s.id);
    for (int k = scope.trend_weeks - 1; k >= 0; --k) {
      const Date start = scope.as_of - 7 * (k + 1);
      if (start < s.opened) continue;
      int64_t orders = 0;
      if (days != data.days.end()) {
        for (auto it = days->second.lower_bound(start); it != days->second.end() && it->first < start + 7; ++it) {
          orders += it->second.orders;
        }
      }
      t.weeks.push_back(start);
      t.orders.push_back(orders);
    }
    std::vector<double> x, y;
    for (size_t i = 0; i < t.orders.size(); ++i) {
      x.push_back(static_cast<double>(i));
      y.push_back(static_cast<double>(t.orders[i]));
    }
    t.slope = ols(x, y);
    t.trend = trend_of(t.slope);
    out.push_back(std::move(t));
  }
  return out;
}

}  // namespace luckyhub::stores
