#include "domain/supplier_lead_times.h"

#include <algorithm>
#include <map>
#include <set>
#include <utility>

namespace luckyhub::supply {
namespace {

constexpr int64_t kCancelled = 60;

std::vector<SupplierLeadTime> summarise(const std::map<std::pair<int64_t, int64_t>, std::vector<int>>& groups) {
  std::vector<SupplierLeadTime> out;
  for (const auto& [key, days] : groups) {
    SupplierLeadTime s{.supplier_id = key.first, .goods_id = key.second, .stats = *lead_time_stats(days), .days = days};
    std::sort(s.days.begin(), s.days.end());
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace

std::vector<Delivery> deliveries(Warehouse& wh, Date from, Date to) {
  const Dialect& d = wh.dialect();
  std::map<int64_t, std::pair<int64_t, Date>> orders;  // po id -> supplier, order date
  for (const Row row : wh.query("SELECT id, supplier_id, " + d.date_text("order_date") +
                                    " AS order_date FROM scm_purchase__t_purchase_order"
                                    " WHERE tenant = 'LKUS' AND status <> ? AND order_date >= ? AND order_date < ?",
                                {kCancelled, from.str(), to.str()})) {
    orders[row.integer("id")] = {row.integer("supplier_id"), Date::parse(row.text("order_date"))};
  }
  std::vector<Delivery> out;
  for (const Row row : wh.query("SELECT id, po_id, " + d.date_text("arrival_date") +
                                    " AS arrival_date FROM scm_purchase__t_ship_order"
                                    " WHERE tenant = 'LKUS' AND arrival_date IS NOT NULL AND arrival_date < ? ORDER BY id",
                                {to.str()})) {
    const auto it = orders.find(row.integer("po_id"));
    if (it == orders.end()) continue;
    out.push_back({row.integer("id"), it->first, it->second.first, it->second.second,
                   Date::parse(row.text("arrival_date"))});
  }
  return out;
}

std::vector<SupplierLeadTime> lead_times_by_supplier(Warehouse& wh, Date from, Date to) {
  std::map<std::pair<int64_t, int64_t>, std::vector<int>> groups;
  for (const Delivery& d : deliveries(wh, from, to)) groups[{d.supplier_id, 0}].push_back(d.lead_days());
  return summarise(groups);
}

std::vector<SupplierLeadTime> lead_times_by_supplier_goods(Warehouse& wh, Date from, Date to) {
  std::map<int64_t, std::set<int64_t>> goods_of_po;
  for (const Row row : wh.query("SELECT po_id, goods_id FROM scm_purchase__t_purchase_order_item WHERE tenant = 'LKUS'")) {
    goods_of_po[row.integer("po_id")].insert(row.integer("goods_id"));
  }
  std::map<std::pair<int64_t, int64_t>, std::vector<int>> groups;
  for (const Delivery& d : deliveries(wh, from, to)) {
    for (int64_t goods : goods_of_po[d.po_id]) groups[{d.supplier_id, goods}].push_back(d.lead_days());
  }
  return summarise(groups);
}

}  // namespace luckyhub::supply
