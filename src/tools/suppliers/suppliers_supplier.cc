// One supplier's page (supplier=ID): its scorecard as tiles, its delivery
// history (each shipment on time or late against its promise), the unit
// price of each goods item it sold over time, and its open orders: ordered
// in the window, not yet received as of `to`. Read from the same purchase
// tables as the ranking (Analysis::data), judged by the same rules.
#include <algorithm>
#include <cmath>
#include <set>

#include "tools/param_error.h"
#include "tools/suppliers/suppliers_panels.h"

namespace luckyhub::suppliers {
namespace {

Cell optional_cell(const std::optional<double>& v) { return v ? Cell{*v} : Cell{}; }

// The supplier's orders of the window, not cancelled, by PO id.
std::map<int64_t, const PoRow*> orders_of(const Analysis& a, int64_t supplier_id) {
  std::map<int64_t, const PoRow*> out;
  for (const PoRow& po : a.data.orders)
    if (po.supplier_id == supplier_id && po.status != kPoCancelled && po.order_date >= a.window.from &&
        po.order_date < a.window.to)
      out[po.id] = &po;
  return out;
}

// A shipment of one of those orders, as the page judges it as of `to`.
struct Delivery {
  const ShipRow* ship;
  const PoRow* po;
  bool arrived(Date to) const { return ship->arrival && *ship->arrival < to; }
};

std::vector<Delivery> deliveries_of(const Analysis& a, const std::map<int64_t, const PoRow*>& orders) {
  std::vector<Delivery> out;
  for (const ShipRow& s : a.data.shipments) {
    const auto it = orders.find(s.po_id);
    if (it != orders.end() && s.status != kShipCancelled) out.push_back({&s, it->second});
  }
  // Arrived first by arrival date, then the rest by their promise; ties by shipment id.
  const Date to = a.window.to;
  std::stable_sort(out.begin(), out.end(), [to](const Delivery& x, const Delivery& y) {
    const Date dx = x.arrived(to) ? *x.ship->arrival : x.ship->expected;
    const Date dy = y.arrived(to) ? *y.ship->arrival : y.ship->expected;
    if (x.arrived(to) != y.arrived(to)) return x.arrived(to);
    return dx != dy ? dx < dy : x.ship->id < y.ship->id;
  });
  return out;
}

std::string delivery_status(const Delivery& d, Date to) {
  if (d.arrived(to)) return *d.ship->arrival <= d.ship->expected ? "on time" : "late";
  return d.ship->expected < to ? "overdue" : "in transit";
}

Panel supplier_tiles(const Scorecard& c, const std::vector<Delivery>& deliveries, size_t open_orders, Date to) {
  int64_t arrived = 0, on_time = 0;
  for (const Delivery& d : deliveries) {
    if (!d.arrived(to)) continue;
    ++arrived;
    on_time += *d.ship->arrival <= d.ship->expected ? 1 : 0;
  }
  Panel p{.id = "supplier", .title = c.name + " (" + c.supplier_no + ", " + c.type + ")", .kind = PanelKind::kKpis};
  p.kpis = {
      {"rank", "Rank", c.rank ? Cell{int64_t{c.rank}} : Cell{}, ValueType::kInt, "", "", Status::kNone,
       c.score ? "score " + std::to_string(static_cast<int>(std::lround(*c.score))) : "no due order: not ranked"},
      {"otif", "OTIF", optional_cell(c.otif.otif_rate()), ValueType::kRate, "", "", Status::kNone,
       std::to_string(c.otif.due) + " due orders"},
      {"fill_rate", "Fill rate", optional_cell(c.otif.fill_rate()), ValueType::kRate},
      {"deliveries", "Deliveries", arrived, ValueType::kInt, "", "", Status::kNone, "shipments arrived by as-of"},
      {"deliveries_on_time", "Deliveries on time",
       arrived ? Cell{static_cast<double>(on_time) / static_cast<double>(arrived)} : Cell{}, ValueType::kRate, "", "",
       Status::kNone, "arrived on or before the shipment's promise"},
      {"lead_mean", "Lead time, mean", c.lead ? Cell{c.lead->mean} : Cell{}, ValueType::kNumber, "", "days"},
      {"price_change", "Median price change", optional_cell(c.price_change), ValueType::kRate, "", "",
       c.price_riser ? Status::kYellow : Status::kNone, "first to last unit price of its SKUs"},
      {"open_orders", "Open orders", static_cast<int64_t>(open_orders), ValueType::kInt, "", "", Status::kNone,
       "ordered, not yet received"},
  };
  return p;
}

// The delivery history as a chart: a bar per arrived shipment, its lead time
// (order date to arrival), blue when on time and orange when late, under a
// line at the lead time it was promised.
Panel delivery_timeline(const std::vector<Delivery>& deliveries, Date to) {
  Panel p{.id = "delivery_timeline", .title = "Delivery history", .kind = PanelKind::kBar};
  p.description = "Each arrived shipment by arrival date: days from order to arrival, on time (on or before the "
                  "shipment's promised date) or late; the line is the lead time promised.";
  p.series.x_label = "arrival (shipment)";
  Series on_time{"on_time", "On time: lead time", ValueType::kNumber, "", "days"};
  Series late{"late", "Late: lead time", ValueType::kNumber, "", "days"};
  Series promised{"promised", "Promised lead time", ValueType::kNumber, "", "days"};
  promised.draw = "line";
  for (const Delivery& d : deliveries) {
    if (!d.arrived(to)) continue;
    const Date arrival = *d.ship->arrival;
    p.series.x.push_back(arrival.str() + " " + d.ship->ship_no);
    const Cell lead = int64_t{arrival - d.po->order_date};
    const bool in_time = arrival <= d.ship->expected;
    on_time.values.push_back(in_time ? lead : Cell{});
    late.values.push_back(in_time ? Cell{} : lead);
    promised.values.push_back(int64_t{d.ship->expected - d.po->order_date});
  }
  p.series.series = {on_time, late, promised};
  return p;
}

Panel delivery_table(const std::vector<Delivery>& deliveries, Date to) {
  Panel p{.id = "deliveries", .title = "Deliveries", .kind = PanelKind::kTable};
  p.description = "Every shipment of the window's orders (cancelled ones left out), as of the window's end.";
  p.table.columns = {{"ship_id", "Shipment id", ValueType::kInt}, {"ship_no", "Shipment", ValueType::kText},
                     {"po_no", "PO", ValueType::kText},           {"order_date", "Ordered", ValueType::kDate},
                     {"promised", "Promised", ValueType::kDate},  {"arrival", "Arrived", ValueType::kDate},
                     {"lead_days", "Lead time", ValueType::kNumber, "", "days"},
                     {"days_late", "Days late", ValueType::kInt}, {"status", "Status", ValueType::kText}};
  for (const Delivery& d : deliveries) {
    const bool arrived = d.arrived(to);
    const Date seen = arrived ? *d.ship->arrival : to - 1;  // still waiting on the last day of data
    p.table.rows.push_back(
        {d.ship->id, d.ship->ship_no, d.po->po_no, d.po->order_date.str(), d.ship->expected.str(),
         arrived ? Cell{d.ship->arrival->str()} : Cell{}, arrived ? Cell{int64_t{*d.ship->arrival - d.po->order_date}} : Cell{},
         int64_t{std::max(0, seen - d.ship->expected)}, delivery_status(d, to)});
  }
  return p;
}

// Unit price per goods item and order date: the mean of that day's lines,
// rounded to the cent.
Panel goods_price_chart(const Analysis& a, const std::map<int64_t, const PoRow*>& orders) {
  std::map<int64_t, std::string> names;
  std::map<int64_t, std::map<std::string, std::pair<int64_t, int64_t>>> sums;  // goods -> day -> (Σ cents, lines)
  std::set<std::string> days;
  for (const LineRow& l : a.data.lines) {
    const auto it = orders.find(l.po_id);
    if (it == orders.end() || l.unit_price <= 0) continue;
    const std::string day = it->second->order_date.str();
    names.emplace(l.goods_id, l.goods_name);
    auto& s = sums[l.goods_id][day];
    s.first += l.unit_price, ++s.second;
    days.insert(day);
  }
  Panel p{.id = "goods_prices", .title = "Unit price per goods item", .kind = PanelKind::kTimeseries};
  p.description = "The unit price of each goods item on each order date (the mean of the day's order lines).";
  p.series.x_label = "order date";
  p.series.x_type = ValueType::kDate;
  p.series.x.assign(days.begin(), days.end());
  for (const auto& [goods, by_day] : sums) {
    Series s{"goods_" + std::to_string(goods), names[goods], ValueType::kMoney, "USD"};
    for (const std::string& day : p.series.x) {
      const auto it = by_day.find(day);
      s.values.push_back(it == by_day.end() ? Cell{}
                                            : Cell{static_cast<int64_t>(std::llround(
                                                  static_cast<double>(it->second.first) / it->second.second))});
    }
    p.series.series.push_back(std::move(s));
  }
  return p;
}

// The window's orders not yet received as of `to`: a shipment still out, or none yet.
Panel open_orders_table(const Analysis& a, const std::map<int64_t, const PoRow*>& orders,
                        const std::vector<Delivery>& deliveries) {
  const Date to = a.window.to;
  std::map<int64_t, std::pair<int64_t, int64_t>> shipped;  // po -> (shipments, arrived)
  for (const Delivery& d : deliveries) {
    auto& s = shipped[d.po->id];
    ++s.first;
    s.second += d.arrived(to) ? 1 : 0;
  }
  std::map<int64_t, std::pair<int64_t, int64_t>> lines;  // po -> (lines, Σ amount cents)
  for (const LineRow& l : a.data.lines) {
    if (!orders.count(l.po_id)) continue;
    ++lines[l.po_id].first;
    lines[l.po_id].second += l.amount;
  }
  Panel p{.id = "open_orders", .title = "Open orders", .kind = PanelKind::kTable};
  p.description = "The window's orders not yet received as of its end: a shipment still on the way, or none yet. "
                  "Overdue once the promised date has passed.";
  p.table.columns = {{"po_no", "PO", ValueType::kText},        {"order_date", "Ordered", ValueType::kDate},
                     {"promised", "Promised", ValueType::kDate}, {"lines", "Lines", ValueType::kInt},
                     {"amount", "Amount", ValueType::kMoney, "USD"}, {"shipments", "Shipments", ValueType::kInt},
                     {"arrived", "Arrived", ValueType::kInt},  {"status", "Status", ValueType::kText}};
  for (const auto& [id, po] : orders) {
    const auto [shipments, arrived] = shipped[id];
    if (shipments > 0 && arrived == shipments) continue;
    p.table.rows.push_back({po->po_no, po->order_date.str(), po->promised.str(), lines[id].first, lines[id].second,
                            shipments, arrived, std::string(po->promised < to ? "overdue" : "expected")});
  }
  return p;
}

}  // namespace

std::vector<Panel> supplier_page(const Analysis& a, int64_t supplier_id) {
  if (!a.data.suppliers.count(supplier_id))
    throw ParamValueError("supplier " + std::to_string(supplier_id) + " is not a supplier of t_supplier (tenant LKUS)");
  const Scorecard* card = a.find(supplier_id);
  if (!card) throw ParamValueError("supplier " + std::to_string(supplier_id) + " has no purchase order in the window");
  const auto orders = orders_of(a, supplier_id);
  const std::vector<Delivery> deliveries = deliveries_of(a, orders);
  Panel open = open_orders_table(a, orders, deliveries);
  return {supplier_tiles(*card, deliveries, open.table.rows.size(), a.window.to),
          delivery_timeline(deliveries, a.window.to), goods_price_chart(a, orders), std::move(open),
          delivery_table(deliveries, a.window.to)};
}

}  // namespace luckyhub::suppliers
