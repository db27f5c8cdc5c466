// The menu figures derived from what read_menu() read: sales of a period, the
// matrix of each category, the moves between two months, the elasticities.
#include <algorithm>
#include <cmath>

#include "tools/menu/menu.h"

namespace luckyhub::menu {

Date month_start(Date day) { return Date::from_ymd(day.year(), day.month(), 1); }

Date months_before(Date month, int n) {
  int y = month.year(), m = month.month() - n;
  while (m <= 0) m += 12, --y;
  return Date::from_ymd(y, m, 1);
}

bool has_attributes(const Product& p, const MenuScope& scope) {
  return (scope.temperature < 0 || p.temperature == scope.temperature) &&
         (scope.sugar_level < 0 || p.sugar_level == scope.sugar_level) &&
         (scope.nutrition.empty() || p.nutrition == scope.nutrition);
}

std::map<int64_t, Sales> sales_between(const MenuData& data, Date from, Date to) {
  std::map<int64_t, Sales> out;
  for (const ProductDay& d : data.days) {
    if (d.day >= from && d.day < to) out[d.spu_id].add(d.sales);
  }
  return out;
}

std::vector<CategoryMatrix> category_matrices(const MenuData& data, const std::map<int64_t, Sales>& sales) {
  std::map<std::string, CategoryMatrix> by_category;
  for (const Product& p : data.products) {
    const auto it = sales.find(p.spu_id);
    if (it == sales.end() || it->second.units == 0 || !it->second.margin()) continue;
    CategoryMatrix& c = by_category[p.category];
    c.category = p.category;
    c.spu_ids.push_back(p.spu_id);
    c.margins.push_back(*it->second.margin());
    c.units.push_back(it->second.units);
  }
  std::vector<CategoryMatrix> out;
  for (auto& [name, c] : by_category) {
    std::vector<MenuItem> items;
    for (size_t i = 0; i < c.spu_ids.size(); ++i) items.push_back({c.units[i], c.margins[i]});
    c.matrix = classify(items);
    out.push_back(std::move(c));
  }
  return out;
}

namespace {

std::map<int64_t, MenuClass> classes(const MenuData& data, Date from, Date to) {
  std::map<int64_t, MenuClass> out;
  for (const CategoryMatrix& c : category_matrices(data, sales_between(data, from, to))) {
    for (size_t i = 0; i < c.spu_ids.size(); ++i) out[c.spu_ids[i]] = c.matrix.items[i].cls;
  }
  return out;
}

}  // namespace

Moves moves_before(const MenuData& data, Date to) {
  const Date end = month_start(to), last = months_before(end, 1), before = months_before(end, 2);
  Moves m{before.month_str(), last.month_str(), {}};
  const std::map<int64_t, MenuClass> then = classes(data, before, last), now = classes(data, last, end);
  for (const Product& p : data.products) {
    const auto a = then.find(p.spu_id), b = now.find(p.spu_id);
    if (a == then.end() || b == now.end() || a->second == b->second) continue;
    m.moves.push_back({p.spu_id, p.name, p.category, a->second, b->second});
  }
  return m;
}

namespace {

// The number of times a product's base list price changed at one store: its
// days in order, each day with a base-price line (medium or food) priced
// at the day's average list price.
int price_changes(const std::vector<const StoreDay*>& days) {
  int changes = 0;
  int64_t price = -1;
  for (const StoreDay* d : days) {
    if (d->base_units == 0) continue;
    const int64_t p = std::llround(static_cast<double>(d->base_list_cents) / static_cast<double>(d->base_units));
    if (price >= 0 && p != price) ++changes;
    price = p;
  }
  return changes;
}

// A product at one store in one month. Its share is weighted by its units:
// the variance of a log share of n units is about 1 / n.
struct StoreMonth {
  int64_t units = 0, base_units = 0, base_list_cents = 0;
};

}  // namespace

std::vector<ProductElasticity> elasticities(const MenuData& data) {
  using Key = std::pair<int64_t, int64_t>;  // spu_id, shop_id
  std::map<std::pair<int64_t, std::string>, int64_t> store_units;  // (shop, month) -> every product's units
  std::map<Key, std::vector<const StoreDay*>> days_of;
  std::map<Key, std::map<std::string, StoreMonth>> months_of;
  for (const StoreDay& d : data.store_days) {
    const std::string month = d.day.month_str();
    store_units[{d.shop_id, month}] += d.units;
    days_of[{d.spu_id, d.shop_id}].push_back(&d);
    StoreMonth& m = months_of[{d.spu_id, d.shop_id}][month];
    m.units += d.units;
    m.base_units += d.base_units;
    m.base_list_cents += d.base_list_cents;
  }
  std::map<int64_t, std::vector<PriceObservation>> observations;
  std::map<int64_t, int> changes;
  for (auto& [key, days] : days_of) {
    std::sort(days.begin(), days.end(), [](const StoreDay* a, const StoreDay* b) { return a->day < b->day; });
    changes[key.first] += price_changes(days);
    for (const auto& [month, m] : months_of[key]) {
      if (m.base_units == 0 || m.units == 0) continue;
      observations[key.first].push_back(
          {std::to_string(key.second), month, static_cast<double>(m.base_list_cents) / static_cast<double>(m.base_units),
           static_cast<double>(m.units) / static_cast<double>(store_units[{key.second, month}]),
           static_cast<double>(m.units)});
    }
  }
  std::vector<ProductElasticity> out;
  for (const Product& p : data.products) {
    if (!observations.count(p.spu_id) && !changes.count(p.spu_id)) continue;
    out.push_back({p.spu_id, estimate_elasticity(observations[p.spu_id], changes[p.spu_id])});
  }
  return out;
}

}  // namespace luckyhub::menu
