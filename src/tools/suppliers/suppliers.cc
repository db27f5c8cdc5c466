// The suppliers analysis: the window's orders joined with their lines,
// shipments and settlements (suppliers_data.h), judged by the domain's rules
// (domain/supplier_performance.h, domain/supplier_lead_times.h).
#include "tools/suppliers/suppliers.h"

#include <algorithm>
#include <cmath>
#include <set>

#include "domain/supplier_lead_times.h"
#include "tools/suppliers/suppliers_data.h"

namespace luckyhub::suppliers {
namespace {

std::string month_of(Date d) { return d.str().substr(0, 7); }

bool in_window(const Window& w, Date d) { return d >= w.from && d < w.to; }

std::optional<double> median(std::vector<double> v) {
  if (v.empty()) return std::nullopt;
  std::sort(v.begin(), v.end());
  const size_t n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

// Each window order's delivery facts, by PO id. Arrivals on or after `to`
// had not happened as of `to`.
std::map<int64_t, supply::OrderDelivery> order_deliveries(const PurchaseData& data, const std::map<int64_t, const PoRow*>& orders,
                                                          Date to) {
  std::map<int64_t, supply::OrderDelivery> out;
  for (const auto& [id, po] : orders) out[id].promised = po->promised;
  for (const LineRow& l : data.lines) {
    const auto it = out.find(l.po_id);
    if (it != out.end()) it->second.lines.push_back({static_cast<double>(l.quantity), static_cast<double>(l.received)});
  }
  for (const ShipRow& s : data.shipments) {
    const auto it = out.find(s.po_id);
    if (it == out.end() || s.status == kShipCancelled) continue;
    supply::OrderDelivery& o = it->second;
    ++o.shipments;
    if (!s.arrival || *s.arrival >= to) continue;
    ++o.arrived;
    o.last_arrival = o.last_arrival ? std::max(*o.last_arrival, *s.arrival) : *s.arrival;
  }
  return out;
}

std::vector<PriceTrend> price_trends(const PurchaseData& data, const std::map<int64_t, const PoRow*>& orders,
                                     double threshold) {
  std::map<std::pair<int64_t, int64_t>, PriceTrend> trends;
  for (const LineRow& l : data.lines) {  // lines by id: POs in id order are in order-date order within a day
    const auto it = orders.find(l.po_id);
    if (it == orders.end() || l.unit_price <= 0) continue;
    const PoRow& po = *it->second;
    PriceTrend& t = trends[{po.supplier_id, l.goods_id}];
    const std::string day = po.order_date.str();
    if (t.lines == 0) {
      t = PriceTrend{.supplier_id = po.supplier_id, .goods_id = l.goods_id, .goods_name = l.goods_name};
      const auto cat = data.goods_category.find(l.goods_id);
      t.category = cat == data.goods_category.end() ? "unknown" : cat->second;
      t.first_date = day, t.first_cents = t.min_cents = t.max_cents = l.unit_price;
    }
    if (day < t.first_date) t.first_date = day, t.first_cents = l.unit_price;
    if (day >= t.last_date) t.last_date = day, t.last_cents = l.unit_price;
    t.min_cents = std::min(t.min_cents, l.unit_price);
    t.max_cents = std::max(t.max_cents, l.unit_price);
    t.quantity_milli += l.quantity;
    t.amount_cents += l.amount;
    ++t.lines;
  }
  std::vector<PriceTrend> out;
  for (auto& [key, t] : trends) {
    t.flagged = t.lines >= 2 && t.change() >= threshold - 1e-12;
    out.push_back(std::move(t));
  }
  return out;
}

// Mean over each supplier's lines of a month of unit price / the SKU's first price.
std::map<int64_t, std::map<std::string, double>> price_index(const PurchaseData& data,
                                                             const std::map<int64_t, const PoRow*>& orders,
                                                             const std::vector<PriceTrend>& trends) {
  std::map<std::pair<int64_t, int64_t>, int64_t> first;
  for (const PriceTrend& t : trends) first[{t.supplier_id, t.goods_id}] = t.first_cents;
  std::map<int64_t, std::map<std::string, std::pair<double, int>>> sums;
  for (const LineRow& l : data.lines) {
    const auto it = orders.find(l.po_id);
    if (it == orders.end() || l.unit_price <= 0) continue;
    const PoRow& po = *it->second;
    auto& s = sums[po.supplier_id][month_of(po.order_date)];
    s.first += static_cast<double>(l.unit_price) / static_cast<double>(first[{po.supplier_id, l.goods_id}]);
    ++s.second;
  }
  std::map<int64_t, std::map<std::string, double>> out;
  for (const auto& [supplier, months] : sums)
    for (const auto& [month, s] : months) out[supplier][month] = s.first / s.second;
  return out;
}

Spend spend(const PurchaseData& data, const std::map<int64_t, const PoRow*>& orders) {
  Spend out;
  std::set<std::string> months;
  for (const LineRow& l : data.lines) {
    const auto it = orders.find(l.po_id);
    if (it == orders.end()) continue;
    const std::string month = month_of(it->second->order_date);
    const auto cat = data.goods_category.find(l.goods_id);
    out.by_category[cat == data.goods_category.end() ? "unknown" : cat->second][month] += l.amount;
    out.by_supplier[it->second->supplier_id][month] += l.amount;
    months.insert(month);
  }
  out.months.assign(months.begin(), months.end());
  return out;
}

std::vector<Overdue> overdue(const PurchaseData& data, const std::map<int64_t, const PoRow*>& orders, Date to) {
  std::vector<Overdue> out;
  for (const ShipRow& s : data.shipments) {
    const auto it = orders.find(s.po_id);
    if (it == orders.end() || s.status == kShipCancelled || s.expected >= to) continue;
    if (s.arrival && *s.arrival < to) continue;
    out.push_back({s.id, s.ship_no, it->second->po_no, it->second->supplier_id, s.expected.str(), (to - 1) - s.expected});
  }
  std::stable_sort(out.begin(), out.end(), [](const Overdue& a, const Overdue& b) { return a.days_overdue > b.days_overdue; });
  return out;
}

void settle(const PurchaseData& data, const std::map<int64_t, const PoRow*>& orders, std::map<int64_t, Scorecard>& cards,
            Date to) {
  std::map<int64_t, std::pair<int64_t, int64_t>> sums;  // supplier -> (days, paid by due)
  for (const SettlementRow& s : data.settlements) {
    if (!orders.count(s.po_id) || !s.paid || *s.paid >= to) continue;
    Scorecard& c = cards[s.supplier_id];
    ++c.settlements_paid;
    sums[s.supplier_id].first += *s.paid - s.received;
    sums[s.supplier_id].second += *s.paid <= s.due ? 1 : 0;
  }
  for (const auto& [id, s] : sums) {
    Scorecard& c = cards[id];
    c.days_to_pay = static_cast<double>(s.first) / static_cast<double>(c.settlements_paid);
    c.paid_by_due = static_cast<double>(s.second) / static_cast<double>(c.settlements_paid);
  }
}

void score_and_rank(std::vector<Scorecard>& cards, const Thresholds& th) {
  for (Scorecard& c : cards) {
    const auto on_time = c.otif.on_time_rate();
    const auto in_full = c.otif.in_full_rate();
    c.late = on_time && c.otif.due >= th.min_orders && *on_time < th.late_on_time;
    c.short_shipper = in_full && *in_full < th.short_in_full;
    c.price_riser = c.price_change && *c.price_change >= th.price_rise - 1e-12;
    if (!c.otif.otif_rate()) continue;
    c.score = 100 * (kWeightOtif * *c.otif.otif_rate() + kWeightFill * c.otif.fill_rate().value_or(0) +
                     kWeightLead * c.lead_reliability().value_or(1) + kWeightPrice * c.price_stability().value_or(1));
  }
  std::stable_sort(cards.begin(), cards.end(), [](const Scorecard& a, const Scorecard& b) {
    if (a.score.has_value() != b.score.has_value()) return a.score.has_value();
    if (a.score && std::fabs(*a.score - *b.score) > 1e-9) return *a.score > *b.score;
    return a.supplier_id < b.supplier_id;
  });
  int rank = 0;
  for (Scorecard& c : cards) c.rank = c.score ? ++rank : 0;
}

}  // namespace

std::optional<double> Scorecard::lead_reliability() const {
  if (!lead || lead->p90 <= 0) return std::nullopt;
  return std::min(1.0, lead->mean / lead->p90);
}

std::optional<double> Scorecard::price_stability() const {
  if (!price_change) return std::nullopt;
  return std::max(0.0, 1 - std::fabs(*price_change) / kPriceStabilityScale);
}

const Scorecard* Analysis::find(int64_t supplier_id) const {
  for (const Scorecard& c : suppliers)
    if (c.supplier_id == supplier_id) return &c;
  return nullptr;
}

Analysis analyse(Warehouse& wh, const Window& w, const Thresholds& th) {
  PurchaseData data = read_purchase_data(wh);
  std::map<int64_t, const PoRow*> orders;  // the window's, not cancelled
  for (const PoRow& po : data.orders)
    if (po.status != kPoCancelled && in_window(w, po.order_date)) orders[po.id] = &po;
  Analysis a{.window = w};
  std::map<int64_t, Scorecard> cards;
  for (const auto& [id, delivery] : order_deliveries(data, orders, w.to)) {
    Scorecard& c = cards[orders[id]->supplier_id];
    ++c.orders;
    c.otif.add(supply::judge(delivery, w.to), delivery);
  }
  for (const supply::SupplierLeadTime& l : supply::lead_times_by_supplier(wh, w.from, w.to)) {
    cards[l.supplier_id].lead = l.stats;
    a.lead_days[l.supplier_id] = l.days;
  }
  a.prices = price_trends(data, orders, th.price_rise);
  std::map<int64_t, std::vector<double>> changes;
  for (const PriceTrend& t : a.prices)
    if (t.lines >= 2) changes[t.supplier_id].push_back(t.change());
  for (const auto& [id, v] : changes) cards[id].price_change = median(v);
  a.price_index = price_index(data, orders, a.prices);
  a.spend = spend(data, orders);
  a.overdue = overdue(data, orders, w.to);
  settle(data, orders, cards, w.to);
  for (auto& [id, c] : cards) {
    c.supplier_id = id;
    const auto s = data.suppliers.find(id);
    if (s != data.suppliers.end()) c.supplier_no = s->second.no, c.name = s->second.name, c.type = supplier_type_name(s->second.type);
    a.suppliers.push_back(std::move(c));
  }
  score_and_rank(a.suppliers, th);
  a.data = std::move(data);
  return a;
}

std::map<int64_t, std::vector<const PriceTrend*>> shared_skus(const Analysis& a) {
  std::map<int64_t, std::vector<const PriceTrend*>> by_goods;
  for (const PriceTrend& t : a.prices) by_goods[t.goods_id].push_back(&t);
  for (auto it = by_goods.begin(); it != by_goods.end();) it = it->second.size() < 2 ? by_goods.erase(it) : std::next(it);
  return by_goods;
}

}  // namespace luckyhub::suppliers
