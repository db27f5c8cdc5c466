#include "tools/menu/elasticity.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace luckyhub::menu {
namespace {

struct Point {
  double x, y, w;
  size_t group, period;
};

// Observations in logs, with group and period indexes; groups of one left out.
std::vector<Point> log_points(const std::vector<PriceObservation>& observations, size_t& groups, size_t& periods) {
  std::map<std::string, int> per_group;
  for (const PriceObservation& o : observations) {
    if (o.price > 0 && o.quantity > 0 && o.weight > 0) ++per_group[o.group];
  }
  std::map<std::string, size_t> group_index, period_index;
  std::vector<Point> out;
  for (const PriceObservation& o : observations) {
    if (o.price <= 0 || o.quantity <= 0 || o.weight <= 0 || per_group[o.group] < 2) continue;
    const size_t g = group_index.emplace(o.group, group_index.size()).first->second;
    const size_t t = period_index.emplace(o.period, period_index.size()).first->second;
    out.push_back({std::log(o.price), std::log(o.quantity), o.weight, g, t});
  }
  groups = group_index.size();
  periods = period_index.size();
  return out;
}

// Subtracts the weighted mean of each level of `level` from x and y; the largest change.
double demean(std::vector<Point>& points, size_t levels, size_t Point::*level) {
  std::vector<double> sx(levels, 0), sy(levels, 0), n(levels, 0);
  for (const Point& p : points) sx[p.*level] += p.w * p.x, sy[p.*level] += p.w * p.y, n[p.*level] += p.w;
  double moved = 0;
  for (Point& p : points) {
    const double mx = sx[p.*level] / n[p.*level], my = sy[p.*level] / n[p.*level];
    p.x -= mx;
    p.y -= my;
    moved = std::max({moved, std::fabs(mx), std::fabs(my)});
  }
  return moved;
}

// x and y less their group and period effects.
void remove_effects(std::vector<Point>& points, size_t groups, size_t periods) {
  for (int i = 0; i < 10000; ++i) {
    const double moved = demean(points, groups, &Point::group) + demean(points, periods, &Point::period);
    if (moved < 1e-13) break;
  }
}

ElasticityResult none(int price_changes, std::string note) {
  return {.price_changes = price_changes, .estimate = std::nullopt, .note = std::move(note)};
}

}  // namespace

double t_quantile_975(int df) {
  // Exact to 9 digits up to 30 degrees of freedom; beyond, a Cornish-Fisher
  // expansion around the normal quantile (within 1e-5).
  static constexpr double kTable[] = {
      12.706204736, 4.302652730, 3.182446305, 2.776445105, 2.570581836, 2.446911851, 2.364624252, 2.306004135,
      2.262157163,  2.228138852, 2.200985160, 2.178812830, 2.160368656, 2.144786688, 2.131449546, 2.119905299,
      2.109815578,  2.100922040, 2.093024054, 2.085963447, 2.079613845, 2.073873068, 2.068657610, 2.063898562,
      2.059538553,  2.055529439, 2.051830516, 2.048407142, 2.045229642, 2.042272456};
  if (df <= 30) return kTable[df - 1];
  const double z = 1.959963984540054, v = df;
  const double z3 = z * z * z, z5 = z3 * z * z, z7 = z5 * z * z, z9 = z7 * z * z;
  return z + (z3 + z) / (4 * v) + (5 * z5 + 16 * z3 + 3 * z) / (96 * v * v) +
         (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * v * v * v) +
         (79 * z9 + 776 * z7 + 1482 * z5 - 1920 * z3 - 945 * z) / (92160 * v * v * v * v);
}

ElasticityResult estimate_elasticity(const std::vector<PriceObservation>& observations, int price_changes) {
  if (price_changes == 0) return none(0, "not enough variation: no price change");
  size_t groups = 0, periods = 0;
  std::vector<Point> points = log_points(observations, groups, periods);
  remove_effects(points, groups, periods);
  const int n = static_cast<int>(points.size());
  const int df = n - static_cast<int>(groups) - static_cast<int>(periods);
  double sxx = 0, sxy = 0;
  for (const Point& p : points) sxx += p.w * p.x * p.x, sxy += p.w * p.x * p.y;
  if (sxx <= 1e-12) return none(price_changes, "not enough variation: no price change within a store");
  if (df < 1) return none(price_changes, "not enough variation: too few observations for an interval");
  ElasticityEstimate e;
  e.elasticity = sxy / sxx;
  double sse = 0;
  for (const Point& p : points) sse += p.w * (p.y - e.elasticity * p.x) * (p.y - e.elasticity * p.x);
  e.standard_error = std::sqrt(sse / df / sxx);
  const double half = t_quantile_975(df) * e.standard_error;
  e.low = e.elasticity - half;
  e.high = e.elasticity + half;
  e.observations = n;
  e.groups = static_cast<int>(groups);
  e.periods = static_cast<int>(periods);
  e.degrees_of_freedom = df;
  return {.price_changes = price_changes, .estimate = e, .note = ""};
}

}  // namespace luckyhub::menu
