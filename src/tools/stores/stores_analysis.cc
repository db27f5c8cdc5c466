// The pure rules of the store grid: the KPIs of each store over the window,
// their traffic lights, the figures against peers of the same age and
// weekday, missed days and the weekly leaderboard.
#include <algorithm>

#include "tools/stores/stores.h"

namespace luckyhub::stores {
namespace {

int64_t figure(const StoreData& data, int64_t shop_id, Date day, bool revenue) {
  const auto s = data.days.find(shop_id);
  if (s == data.days.end()) return 0;
  const auto d = s->second.find(day);
  if (d == s->second.end()) return 0;
  return revenue ? d->second.cents : d->second.orders;
}

int64_t slots(const StoreData& data, int64_t shop_id, Date day) {
  const auto s = data.open_slots.find(shop_id);
  if (s == data.open_slots.end()) return 0;
  const auto d = s->second.find(day);
  return d == s->second.end() ? 0 : d->second;
}

// The day of `other` in the same week since opening as `day` is for `store`,
// on the same weekday.
Date peer_day(const Store& store, const Store& other, Date day) {
  const int week = (day - store.opened) / 7;
  const Date start = other.opened + 7 * week;
  return start + ((day.weekday() - start.weekday() + 7) % 7);
}

}  // namespace

Status status_of(Level l) {
  return l == Level::kRed ? Status::kRed : l == Level::kYellow ? Status::kYellow : Status::kGreen;
}

Level level_below(double value, double yellow, double red) {
  return value < red ? Level::kRed : value < yellow ? Level::kYellow : Level::kGreen;
}

Level level_above(double value, double yellow, double red) {
  return value >= red ? Level::kRed : value >= yellow ? Level::kYellow : Level::kGreen;
}

Normalised normalised(const StoreData& data, const Store& store, Date from, Date to, Date as_of, bool revenue,
                      std::optional<LocationBy> location) {
  Normalised n;
  for (Date day = std::max(from, store.opened); day < std::min(to, as_of); ++day) {
    double sum = 0;
    int peers = 0;
    for (const Store& other : data.stores) {
      if (other.id == store.id) continue;
      if (location && location_of(other, *location) != location_of(store, *location)) continue;
      const Date d = peer_day(store, other, day);
      if (d >= as_of) continue;
      sum += static_cast<double>(figure(data, other.id, d, revenue));
      ++peers;
    }
    if (!peers) continue;
    n.actual += static_cast<double>(figure(data, store.id, day, revenue));
    n.expected += sum / peers;
  }
  return n;
}

std::optional<double> kpi_value(const Kpis& k, size_t kpi) {
  switch (kpi) {
    case 0: return k.orders_vs_peers.index();
    case 1: return k.revenue_vs_peers.index();
    case 2: return k.production_s;
    case 3: return k.machines ? std::optional<double>(k.uptime.share()) : std::nullopt;
    case 4: return static_cast<double>(k.stock_outs);
    case 5: return k.compliance();
  }
  return std::nullopt;
}

namespace {

std::vector<Level> levels_of(const Kpis& k, const Thresholds& t) {
  std::vector<Level> out;
  const auto below = [](std::optional<double> v, double y, double r) { return v ? level_below(*v, y, r) : Level::kGreen; };
  const auto above = [](std::optional<double> v, double y, double r) { return v ? level_above(*v, y, r) : Level::kGreen; };
  out.push_back(below(kpi_value(k, 0), t.index_yellow, t.index_red));
  out.push_back(below(kpi_value(k, 1), t.index_yellow, t.index_red));
  out.push_back(above(kpi_value(k, 2), t.production_yellow, t.production_red));
  out.push_back(below(kpi_value(k, 3), t.uptime_yellow, t.uptime_red));
  out.push_back(above(kpi_value(k, 4), t.stockouts_yellow, t.stockouts_red));
  out.push_back(below(kpi_value(k, 5), t.compliance_yellow, t.compliance_red));
  return out;
}

}  // namespace

std::vector<Kpis> assess(const StoreData& data, const Scope& scope) {
  std::vector<Kpis> out;
  const Date from = scope.from(), to = scope.as_of;
  const Timestamp from_ts = new_york_to_utc(from, 0, 0, 0), to_ts = new_york_to_utc(to, 0, 0, 0);
  for (const Store& s : data.stores) {
    Kpis k{.store = &s};
    int64_t open_slots = 0;
    for (Date day = std::max(from, s.opened); day < to; ++day) {
      const int64_t n = slots(data, s.id, day), orders = figure(data, s.id, day, false);
      open_slots += n;
      k.orders += orders;
      k.cents += figure(data, s.id, day, true);
      if (n > 0) {
        ++k.scheduled_days;
        k.opened_days += orders > 0;
      }
    }
    k.open_hours = static_cast<double>(open_slots) / 2.0;
    if (k.open_hours > 0) {
      k.orders_per_hour = static_cast<double>(k.orders) / k.open_hours;
      k.revenue_per_hour = static_cast<double>(k.cents) / k.open_hours;
    }
    k.orders_vs_peers = normalised(data, s, from, to, scope.as_of, false);
    k.revenue_vs_peers = normalised(data, s, from, to, scope.as_of, true);
    k.orders_vs_location = normalised(data, s, from, to, scope.as_of, false, scope.location_by);
    if (const auto t = data.production_tickets.find(s.id); t != data.production_tickets.end() && t->second > 0) {
      k.production_s = data.production_seconds.at(s.id) / static_cast<double>(t->second);
    }
    for (const Machine& m : data.machines) {
      if (m.shop_id != s.id) continue;
      const device_uptime::Uptime u = device_uptime::uptime(m.install_time, m.events, from_ts, to_ts);
      k.uptime.service_s += u.service_s;
      k.uptime.offline_s += u.offline_s;
      ++k.machines;
      k.machines_offline += !m.online;
    }
    for (const StockItem& i : data.stock_outs) k.stock_outs += i.shop_id == s.id;
    k.levels = levels_of(k, scope.thresholds);
    out.push_back(std::move(k));
  }
  return out;
}

Level worst(const Kpis& k) {
  Level w = Level::kGreen;
  for (const Level l : k.levels) w = std::max(w, l);
  return w;
}

std::vector<MissedDay> missed_days(const StoreData& data, const Scope& scope) {
  std::vector<MissedDay> out;
  for (const Store& s : data.stores) {
    for (Date day = s.opened; day < scope.as_of; ++day) {
      if (slots(data, s.id, day) == 0 || figure(data, s.id, day, false) > 0) continue;
      double sum = 0;
      int n = 0;
      for (int k = -4; k <= 4; ++k) {
        const Date d = day + 7 * k;
        const int64_t orders = k == 0 || d < s.opened || d >= scope.as_of ? 0 : figure(data, s.id, d, false);
        if (orders <= 0) continue;
        sum += static_cast<double>(orders);
        ++n;
      }
      if (n && sum / n >= scope.min_expected) out.push_back({s.id, day, sum / n});
    }
  }
  return out;
}

std::vector<Rank> leaderboard(const StoreData& data, const Scope& scope) {
  std::vector<Rank> out;
  for (const Store& s : data.stores) {
    out.push_back({.store = &s,
                   .index = normalised(data, s, scope.as_of - 7, scope.as_of, scope.as_of, false).index(),
                   .previous_index = normalised(data, s, scope.as_of - 14, scope.as_of - 7, scope.as_of, false).index()});
  }
  const auto rank = [&](std::optional<double> Rank::*index, int Rank::*place) {
    std::vector<Rank*> ranked;
    for (Rank& r : out) {
      if (r.*index) ranked.push_back(&r);
    }
    std::stable_sort(ranked.begin(), ranked.end(), [&](const Rank* a, const Rank* b) { return *(a->*index) > *(b->*index); });
    for (size_t i = 0; i < ranked.size(); ++i) ranked[i]->*place = static_cast<int>(i + 1);
  };
  rank(&Rank::previous_index, &Rank::previous_rank);
  rank(&Rank::index, &Rank::rank);
  std::stable_sort(out.begin(), out.end(), [](const Rank& a, const Rank& b) {
    if ((a.rank == 0) != (b.rank == 0)) return b.rank == 0;
    return a.rank < b.rank;
  });
  return out;
}

}  // namespace luckyhub::stores
