#include "domain/inventory_policy.h"

#include <boost/math/distributions/normal.hpp>
#include <cmath>
#include <stdexcept>
#include <string>

namespace luckyhub::inventory {
namespace {

const boost::math::normal kStandard;

void require_positive(double value, const char* name) {
  if (!(value > 0) || !std::isfinite(value)) throw std::invalid_argument(std::string(name) + " must be positive");
}

void require_level(double value, const char* name) {
  if (!(value > 0 && value < 1)) throw std::invalid_argument(std::string(name) + " must be strictly between 0 and 1");
}

void require_lead_time(double lead_time) {
  if (!(lead_time >= 0) || !std::isfinite(lead_time)) throw std::invalid_argument("lead time must be 0 or more");
}

ReorderPolicy policy(double mean_demand, double sd, double lead_time, double z, double order_quantity) {
  ReorderPolicy p;
  p.z = z;
  p.safety_stock = z * sd * std::sqrt(lead_time);
  p.reorder_point = mean_demand * lead_time + p.safety_stock;
  p.order_quantity = order_quantity;
  return p;
}

}  // namespace

double normal_quantile(double q) {
  require_level(q, "a quantile's level");
  return boost::math::quantile(kStandard, q);
}

double normal_loss(double z) { return boost::math::pdf(kStandard, z) - z * boost::math::cdf(boost::math::complement(kStandard, z)); }

double economic_order_quantity(double fixed_cost, double holding_cost, double demand_rate) {
  require_positive(fixed_cost, "the fixed cost");
  require_positive(holding_cost, "the holding cost");
  require_positive(demand_rate, "the demand rate");
  return std::sqrt(2 * fixed_cost * demand_rate / holding_cost);
}

double newsvendor_normal(double holding_cost, double stockout_cost, double demand_mean, double demand_sd) {
  require_positive(holding_cost, "the holding cost");
  require_positive(stockout_cost, "the stockout cost");
  require_positive(demand_sd, "the demand's standard deviation");
  return demand_mean + normal_quantile(stockout_cost / (stockout_cost + holding_cost)) * demand_sd;
}

ReorderPolicy eoq_with_safety_stock(double holding_cost, double stockout_cost, double fixed_cost,
                                    double demand_mean, double demand_sd, double lead_time) {
  require_positive(stockout_cost, "the stockout cost");
  require_positive(demand_sd, "the demand's standard deviation");
  require_lead_time(lead_time);
  const double q = economic_order_quantity(fixed_cost, holding_cost, demand_mean);
  const double z = normal_quantile(stockout_cost / (stockout_cost + holding_cost));
  return policy(demand_mean, demand_sd, lead_time, z, q);
}

ReorderPolicy cycle_service_policy(double mean_daily_demand, double daily_sd, double lead_time_days,
                                   double cycle_service_level) {
  require_positive(daily_sd, "the daily demand's standard deviation");
  require_lead_time(lead_time_days);
  return policy(mean_daily_demand, daily_sd, lead_time_days, normal_quantile(cycle_service_level), 0);
}

double fill_rate(double z, double daily_sd, double lead_time_days, double order_quantity) {
  require_positive(daily_sd, "the daily demand's standard deviation");
  require_lead_time(lead_time_days);
  require_positive(order_quantity, "the order quantity");
  return 1 - daily_sd * std::sqrt(lead_time_days) * normal_loss(z) / order_quantity;
}

ReorderPolicy fill_rate_policy(double mean_daily_demand, double daily_sd, double lead_time_days,
                               double order_quantity, double target) {
  require_level(target, "the fill rate");
  // β(z) increases in z; β(0) already meets the target when the expected
  // shortage per cycle is small against Q.
  double lo = 0, hi = 8;
  if (fill_rate(lo, daily_sd, lead_time_days, order_quantity) < target) {
    for (int i = 0; i < 200 && hi - lo > 1e-12; ++i) {
      const double mid = (lo + hi) / 2;
      (fill_rate(mid, daily_sd, lead_time_days, order_quantity) < target ? lo : hi) = mid;
    }
    lo = hi;
  }
  return policy(mean_daily_demand, daily_sd, lead_time_days, lo, order_quantity);
}

}  // namespace luckyhub::inventory
