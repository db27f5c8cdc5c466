#include "domain/supplier_performance.h"

#include <algorithm>
#include <cmath>

namespace luckyhub::supply {
namespace {

std::optional<double> ratio(double num, double den) {
  return den > 0 ? std::optional(num / den) : std::nullopt;
}

}  // namespace

OrderVerdict judge(const OrderDelivery& order, Date as_of) {
  OrderVerdict v;
  v.due = order.promised < as_of;
  if (!v.due) return v;
  v.delivered = order.shipments > 0 && order.arrived == order.shipments && order.last_arrival.has_value();
  if (!v.delivered) return v;
  v.on_time = *order.last_arrival <= order.promised;
  v.in_full = std::all_of(order.lines.begin(), order.lines.end(),
                          [](const OrderLine& l) { return l.received >= l.ordered; });
  return v;
}

void OtifCounts::add(const OrderVerdict& verdict, const OrderDelivery& order) {
  if (!verdict.due) return;
  ++due;
  on_time += verdict.on_time ? 1 : 0;
  otif += verdict.otif() ? 1 : 0;
  if (!verdict.delivered) return;
  ++delivered;
  in_full += verdict.in_full ? 1 : 0;
  for (const OrderLine& l : order.lines) {
    ordered += l.ordered;
    filled += std::min(l.received, l.ordered);
  }
}

std::optional<double> OtifCounts::otif_rate() const { return ratio(static_cast<double>(otif), static_cast<double>(due)); }
std::optional<double> OtifCounts::on_time_rate() const {
  return ratio(static_cast<double>(on_time), static_cast<double>(due));
}
std::optional<double> OtifCounts::in_full_rate() const {
  return ratio(static_cast<double>(in_full), static_cast<double>(delivered));
}
std::optional<double> OtifCounts::fill_rate() const { return ratio(filled, ordered); }

OtifCounts otif(const std::vector<OrderDelivery>& orders, Date as_of) {
  OtifCounts c;
  for (const OrderDelivery& o : orders) c.add(judge(o, as_of), o);
  return c;
}

int nearest_rank(const std::vector<int>& sorted, double q) {
  const auto n = static_cast<double>(sorted.size());
  const auto rank = static_cast<size_t>(std::max(1.0, std::ceil(q * n - 1e-9)));
  return sorted[std::min(rank, sorted.size()) - 1];
}

std::optional<LeadTimeStats> lead_time_stats(std::vector<int> days) {
  if (days.empty()) return std::nullopt;
  std::sort(days.begin(), days.end());
  LeadTimeStats s;
  s.n = static_cast<int64_t>(days.size());
  double sum = 0;
  for (int d : days) sum += d;
  s.mean = sum / static_cast<double>(s.n);
  if (s.n > 1) {
    double sq = 0;
    for (int d : days) sq += (d - s.mean) * (d - s.mean);
    s.stdev = std::sqrt(sq / static_cast<double>(s.n - 1));
  }
  s.p90 = nearest_rank(days, 0.9);
  s.min = days.front();
  s.max = days.back();
  return s;
}

}  // namespace luckyhub::supply
