// Procurement: purchase orders to suppliers (694 x scale), their shipments
// (1-4 per PO, 1,670 x scale in all) and supplier settlements. The calendar (order dates,
// promised and actual arrivals) is planned when the world is built, so that
// store receipts can name the shipment that brought their goods; quantities
// and amounts are filled at the end from what the stores actually received.
//
// Suppliers differ in lead time and on-time rate. Planted: one late,
// unreliable supplier (supplier_late), one whose prices rise every month
// (supplier_price_increase) and shipments promised before as-of that have
// not arrived (delivery_overdue). Every other shipment promised before
// as-of has arrived.
#include <algorithm>
#include <cstdio>

#include "simulate/ops/ops_internal.h"

namespace luckyhub::sim::ops {
namespace {

constexpr double kPurchaseOrders = 694;
constexpr double kShipmentsPerOrder = 1670.0 / 694;  // calibration.md: 1,670 shipments
constexpr int kMaxShipments = 4;

int lead_days(int supplier_type) {
  static const int kLead[] = {0, 7, 3, 10, 14, 4, 5, 10};
  return kLead[supplier_type];
}

std::string code(const char* prefix, Date day, int n) {
  int y, m, d;
  day.to_ymd(y, m, d);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%s%04d%02d%02d%04d", prefix, y, m, d, n);
  return buf;
}

// Shipments in all: 1,670 x scale, or as many per PO where a small run has
// more than 694 x scale POs.
int64_t ship_target(int64_t purchase_orders) {
  return std::llround(static_cast<double>(purchase_orders) * kShipmentsPerOrder);
}

// Moves the drawn shipment counts (0 for a PO that ships nothing) to total
// `target`: one more for a random PO with fewer than the maximum, or one
// fewer for a random PO with more than one, until they add up.
void fit_shipment_counts(std::vector<int>& counts, int64_t target, Rng& rng) {
  std::vector<size_t> shipping;
  int64_t total = 0;
  for (size_t i = 0; i < counts.size(); ++i) {
    if (counts[i] > 0) shipping.push_back(i);
    total += counts[i];
  }
  if (shipping.empty()) return;
  const int64_t most = static_cast<int64_t>(shipping.size()) * kMaxShipments;
  target = std::clamp<int64_t>(target, static_cast<int64_t>(shipping.size()), most);
  while (total != target) {
    int& n = counts[shipping[rng.range(0, static_cast<int64_t>(shipping.size()) - 1)]];
    if (total < target && n < kMaxShipments) ++n, ++total;
    else if (total > target && n > 1) --n, --total;
  }
}

}  // namespace

void plan_purchasing(SimContext& ctx) {
  OpsWorld& ops = ctx.world.ops;
  const World& world = ctx.world;
  Rng rng = ctx.rng("ops/purchasing");
  std::vector<std::vector<int>> goods_of(ops.suppliers.size());
  std::vector<std::vector<int>> stocked_of(ops.suppliers.size());
  for (size_t g = 0; g < ops.goods.size(); ++g) {
    if (ops.goods[g].supplier < 0 || ops.goods[g].status != 1) continue;
    goods_of[ops.goods[g].supplier].push_back(static_cast<int>(g));
    if (ops.goods[g].stocked) stocked_of[ops.goods[g].supplier].push_back(static_cast<int>(g));
  }
  // The planted suppliers: a dairy supplier is late, a bean supplier's
  // prices rise. Both have stocked goods, so they get regular orders.
  std::vector<double> weights(ops.suppliers.size(), 0.0);
  for (size_t s = 0; s < ops.suppliers.size(); ++s) {
    Supplier& sup = ops.suppliers[s];
    if (stocked_of[s].empty()) continue;
    weights[s] = sup.spend_weight * (1.0 + static_cast<double>(stocked_of[s].size()));
    if (ops.late_supplier < 0 && sup.supplier_type == 2) ops.late_supplier = static_cast<int>(s);
    if (ops.price_rising_supplier < 0 && sup.supplier_type == 1) ops.price_rising_supplier = static_cast<int>(s);
  }
  if (ops.late_supplier < 0 || ops.price_rising_supplier < 0) return;
  ops.suppliers[ops.late_supplier].on_time_rate = 0.35;
  ops.suppliers[ops.late_supplier].late_days_mean = 5.5;
  ops.suppliers[ops.price_rising_supplier].price_growth_per_month = 0.035;
  ops.suppliers[ops.late_supplier].per_shipment_settlement = true;
  ops.suppliers[ops.price_rising_supplier].per_shipment_settlement = true;

  const Date first = world.start - 14;
  const int span = std::max(1, world.end - 1 - first);
  // Every other supplier of stocked goods gets one order buying all of them,
  // so that every goods a store stocks has a purchase price however small
  // the run (the menu tool costs recipes at these prices).
  std::vector<int> stocking;
  for (size_t s = 0; s < ops.suppliers.size(); ++s) {
    const int si = static_cast<int>(s);
    if (!stocked_of[s].empty() && si != ops.late_supplier && si != ops.price_rising_supplier) stocking.push_back(si);
  }
  const int64_t covering = 10 + static_cast<int64_t>(stocking.size());
  const int64_t count = std::max<int64_t>({18, covering, ctx.scaled(kPurchaseOrders)});
  std::vector<double> day_weights(span);
  for (int d = 0; d < span; ++d) {
    int open = 1;
    for (const Store& st : world.sales.stores) open += (first + d >= st.opened - 7) ? 1 : 0;
    day_weights[d] = open * ((first + d).weekday() < 5 ? 1.0 : 0.15);
  }
  const AliasTable day_table(day_weights);
  const AliasTable supplier_table(weights);
  for (int64_t i = 0; i < count; ++i) {
    PlannedPurchaseOrder po;
    // The planted suppliers get at least five orders each.
    po.supplier = i < 5     ? ops.late_supplier
                  : i < 10  ? ops.price_rising_supplier
                  : i < covering ? stocking[static_cast<size_t>(i - 10)]
                                 : static_cast<int>(supplier_table.draw(rng));
    po.buys_all_stocked = i == 0 || i == 5 || (i >= 10 && i < covering);
    po.order_date = first + static_cast<int>(day_table.draw(rng));
    // Recent orders that the planted overdue deliveries can come from.
    if (i < 2 || i == 10) po.order_date = world.end - static_cast<int>(rng.range(8, 16));
    po.warehouse_id = rng.chance(0.7) ? 1 : 2;
    ops.purchase_orders.push_back(po);
  }
  std::stable_sort(ops.purchase_orders.begin(), ops.purchase_orders.end(),
                   [](const auto& a, const auto& b) { return a.order_date < b.order_date; });
  int seq = 0;
  // Shipments per PO: drawn, then fitted so that they total 1,670 x scale.
  std::vector<int> shipments_of(ops.purchase_orders.size(), 0);
  for (PlannedPurchaseOrder& po : ops.purchase_orders) {
    const Supplier& sup = ops.suppliers[po.supplier];
    po.seq = ++seq;
    po.po_no = code("PO", po.order_date, seq);
    const int lead = lead_days(sup.supplier_type) + static_cast<int>(rng.range(0, 2));
    po.expected_arrival = po.order_date + lead;
    // Goods: the supplier's stocked goods first, sometimes other SKUs.
    std::vector<int> pool = stocked_of[po.supplier];
    for (size_t k = pool.size(); k > 1; --k) std::swap(pool[k - 1], pool[rng.range(0, static_cast<int64_t>(k) - 1)]);
    size_t n = std::min<size_t>(pool.size(), static_cast<size_t>(rng.range(3, 12)));
    if (po.buys_all_stocked) n = pool.size();
    po.goods.assign(pool.begin(), pool.begin() + static_cast<long>(n));
    if (rng.chance(0.3) && !goods_of[po.supplier].empty())
      po.goods.push_back(goods_of[po.supplier][rng.range(0, static_cast<int64_t>(goods_of[po.supplier].size()) - 1)]);
    std::sort(po.goods.begin(), po.goods.end());
    po.goods.erase(std::unique(po.goods.begin(), po.goods.end()), po.goods.end());
    if (po.order_date >= world.end - 2) continue;  // just submitted
    if (rng.chance(0.025)) {
      po.cancelled = true;
      continue;
    }
    shipments_of[&po - ops.purchase_orders.data()] = static_cast<int>(std::min<int64_t>(kMaxShipments, 1 + rng.poisson(1.45)));
  }
  fit_shipment_counts(shipments_of, ship_target(count), rng);
  for (PlannedPurchaseOrder& po : ops.purchase_orders) {
    const int shipments = shipments_of[&po - ops.purchase_orders.data()];
    const Supplier& sup = ops.suppliers[po.supplier];
    const int lead = po.expected_arrival - po.order_date;
    for (int k = 0; k < shipments; ++k) {
      PlannedShipment sh;
      sh.ship_no = code("SH", po.order_date, po.seq * 10 + k);
      sh.ship_date = po.order_date + std::max(1, static_cast<int>((lead - 1) * (k + 1) / (shipments + 1)));
      sh.expected_arrival = po.expected_arrival;
      const bool on_time = rng.chance(sup.on_time_rate);
      Date arrival = on_time ? po.expected_arrival - static_cast<int>(rng.range(0, 1))
                             : po.expected_arrival + 1 + static_cast<int>(rng.exponential(sup.late_days_mean));
      arrival = std::max(arrival, sh.ship_date + 1);
      if (arrival >= world.end) {
        // Not arrived yet: only planted shipments may be overdue.
        if (sh.expected_arrival < world.end) arrival = std::max(sh.ship_date + 1, world.end - 1);
        if (arrival >= world.end) arrival = Date{INT32_MAX};
      }
      sh.arrival = arrival;
      po.shipments.push_back(sh);
    }
  }
  // Planted overdue deliveries: the late supplier's two latest shipments
  // promised in the last days, and one of another supplier.
  int overdue = 0;
  for (auto it = ops.purchase_orders.rbegin(); it != ops.purchase_orders.rend() && overdue < 3; ++it) {
    PlannedPurchaseOrder& po = *it;
    if (po.shipments.empty() || po.order_date > world.end - 6 || po.order_date < world.end - 20) continue;
    if (overdue < 2 ? po.supplier != ops.late_supplier : po.supplier == ops.late_supplier) continue;
    if (po.expected_arrival >= world.end) po.expected_arrival = world.end - static_cast<int>(rng.range(1, 3));
    PlannedShipment& sh = po.shipments.back();
    sh.expected_arrival = po.expected_arrival;
    sh.ship_date = std::min(sh.ship_date, po.expected_arrival - 1);
    sh.arrival = Date{INT32_MAX};
    sh.overdue = true;
    for (PlannedShipment& other : po.shipments) other.expected_arrival = po.expected_arrival;
    ++overdue;
  }

  // Arrival index for store receipts.
  ArrivalIndex& index = ops.arrivals;
  index.by_goods.assign(ops.goods.size(), {});
  index.by_supplier.assign(ops.suppliers.size(), {});
  for (const PlannedPurchaseOrder& po : ops.purchase_orders) {
    for (const PlannedShipment& sh : po.shipments) {
      if (sh.arrival.days == INT32_MAX) continue;
      const auto entry = std::make_pair(sh.arrival.days, static_cast<int32_t>(index.ship_nos.size()));
      index.ship_nos.push_back(sh.ship_no);
      for (int g : po.goods) index.by_goods[g].push_back(entry);
      index.by_supplier[po.supplier].push_back(entry);
      index.all.push_back(entry);
    }
  }
  for (auto& v : index.by_goods) std::sort(v.begin(), v.end());
  for (auto& v : index.by_supplier) std::sort(v.begin(), v.end());
  std::sort(index.all.begin(), index.all.end());
}

std::string latest_shipment_for(const OpsWorld& ops, int goods, Date day) {
  const ArrivalIndex& index = ops.arrivals;
  auto find = [&](const std::vector<std::pair<int32_t, int32_t>>& list) -> int {
    auto it = std::upper_bound(list.begin(), list.end(), std::make_pair(day.days, INT32_MAX));
    return it == list.begin() ? -1 : std::prev(it)->second;
  };
  if (index.ship_nos.empty()) return "";
  int k = find(index.by_goods[goods]);
  if (k < 0 && ops.goods[goods].supplier >= 0) k = find(index.by_supplier[ops.goods[goods].supplier]);
  if (k < 0) k = find(index.all);
  return k < 0 ? "" : index.ship_nos[k];
}

}  // namespace luckyhub::sim::ops
