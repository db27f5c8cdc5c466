// The simulator's generator families and the order they run in
// (simulate.cc): each family builds its section of the World, then writes its
// tables. Orders are the spine: the sales family generates them and hands
// each one to the other families' observers.
#pragma once

#include <memory>
#include <vector>

#include "simulate/context.h"
#include "simulate/order_event.h"

namespace luckyhub::sim {

// sales/: shops, products, customers, orders, payments, finance, tax.
void build_sales_world(SimContext& ctx);
void generate_sales(SimContext& ctx, const std::vector<OrderObserver*>& observers);

// marketing/: CRM, CDP, coupons, campaigns, experiments.
void build_marketing_world(SimContext& ctx);
std::unique_ptr<OrderObserver> make_marketing_observer(SimContext& ctx);
// The recommendation lists served, planted against each customer's next purchase.
std::unique_ptr<OrderObserver> make_served_recommendations_observer(SimContext& ctx);
void generate_marketing(SimContext& ctx);

// ops/: production, machines, commodities, stock, forecasts, purchasing.
void build_ops_world(SimContext& ctx);
std::unique_ptr<OrderObserver> make_ops_observer(SimContext& ctx);
void generate_ops(SimContext& ctx);

}  // namespace luckyhub::sim
