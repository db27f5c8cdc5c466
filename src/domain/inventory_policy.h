// Inventory policy math for the inventory tool: how much stock a store should
// hold and when to reorder, from the demand it sees and its supplier's lead
// time. The textbook models (Snyder & Shen, Fundamentals of Supply Chain
// Theory, 2nd ed.), with the usual symbols:
//
//   EOQ:           Q* = √(2Kλ / h)                   K fixed cost per order, h holding
//                                                    cost per unit and period, λ demand rate
//   newsvendor:    S* = μ + z·σ, z = Φ⁻¹(p / (p + h)) p stockout cost per unit short,
//                                                    demand ~ N(μ, σ²)
//   EOQ + SS:      (r, Q) with Q = EOQ and r = λL + z·σ√L, z = Φ⁻¹(p / (p + h)),
//                  L the lead time, σ the demand's standard deviation per period
//
// The store policy the inventory tool reports is a continuous-review (r, Q)
// policy in days, with the service target said explicitly:
//
//   safety stock   SS = z·σ_d·√L                     σ_d daily demand's standard
//                                                    deviation, L lead time in days
//   reorder point  r  = d̄·L + SS                     d̄ mean daily demand
//   cycle service level α: P(no stock-out in a cycle) = Φ(z), so z = Φ⁻¹(α)
//   fill rate β: the share of demand met from stock, 1 − σ√L·G(z) / Q, where
//                G(z) = φ(z) − z(1 − Φ(z)) is the standard normal loss function;
//                the z for a target β is found by bisection (G decreases in z).
//
// Every function REQUIRES positive costs, rates and standard deviations, a
// lead time ≥ 0 and a level strictly between 0 and 1; it throws
// std::invalid_argument otherwise.
#pragma once

namespace luckyhub::inventory {

// The standard normal's quantile Φ⁻¹(q) and its loss function G(z).
double normal_quantile(double q);
double normal_loss(double z);

double economic_order_quantity(double fixed_cost, double holding_cost, double demand_rate);

// The base-stock level S* of the newsvendor with normal demand.
double newsvendor_normal(double holding_cost, double stockout_cost, double demand_mean, double demand_sd);

struct ReorderPolicy {
  double reorder_point = 0;  // r
  double order_quantity = 0;  // Q
  double safety_stock = 0;   // r − expected demand over the lead time
  double z = 0;              // the safety factor
};

// The EOQ + SS approximation of the (r, Q) policy.
ReorderPolicy eoq_with_safety_stock(double holding_cost, double stockout_cost, double fixed_cost,
                                    double demand_mean, double demand_sd, double lead_time);

// Safety stock and reorder point for a target cycle service level α.
ReorderPolicy cycle_service_policy(double mean_daily_demand, double daily_sd, double lead_time_days,
                                   double cycle_service_level);

// The z at which the fill rate of an (r, Q) policy ordering `order_quantity`
// reaches `fill_rate` (β), and the policy; z is never below 0 (a fill-rate
// target never asks for less than the expected lead-time demand).
ReorderPolicy fill_rate_policy(double mean_daily_demand, double daily_sd, double lead_time_days,
                               double order_quantity, double fill_rate);

// The fill rate β of an (r, Q) policy with safety factor z.
double fill_rate(double z, double daily_sd, double lead_time_days, double order_quantity);

}  // namespace luckyhub::inventory
