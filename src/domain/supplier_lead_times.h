// Supplier lead times from the warehouse: for each delivery (a shipment of
// t_ship_order that has arrived), the days from its purchase order's
// order_date to its arrival_date. The suppliers tool reports them; the
// inventory tool (Tool 16) reads them here to plan replenishment.
//
// Contract:
// - Purchase orders of tenant LKUS, not cancelled (status 60), with order_date
//   in [from, to). A shipment counts once it has an arrival_date before `to`.
// - Per supplier: every such delivery of its orders. Per supplier and goods:
//   a delivery counts for every goods on its order's lines (a shipment carries
//   a share of each line), once per goods.
// - Days are whole calendar days, New York dates; statistics as
//   supply::lead_time_stats (mean, sample stdev, nearest-rank p90).
// - Sorted by supplier_id, then goods_id. Suppliers (or supplier x goods)
//   without a delivery are absent.
#pragma once

#include <cstdint>
#include <vector>

#include "core/calendar.h"
#include "domain/supplier_performance.h"
#include "warehouse/warehouse.h"

namespace luckyhub::supply {

// One delivery: a shipment that arrived.
struct Delivery {
  int64_t ship_id = 0;
  int64_t po_id = 0;
  int64_t supplier_id = 0;
  Date order_date, arrival;
  int lead_days() const { return arrival - order_date; }
};

// The deliveries of the orders placed in [from, to), arrived before `to`,
// by ship_id.
std::vector<Delivery> deliveries(Warehouse& warehouse, Date from, Date to);

struct SupplierLeadTime {
  int64_t supplier_id = 0;
  int64_t goods_id = 0;  // 0 in lead_times_by_supplier
  LeadTimeStats stats;
  std::vector<int> days;  // each delivery's lead time, ascending
};

std::vector<SupplierLeadTime> lead_times_by_supplier(Warehouse& warehouse, Date from, Date to);
std::vector<SupplierLeadTime> lead_times_by_supplier_goods(Warehouse& warehouse, Date from, Date to);

}  // namespace luckyhub::supply
