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

struct Spell {
  int64_t price_cents = 0, units = 0, store_units = 0;
};

// A product's spells at one store: runs of days at one base list price. Days
// without a base-price line continue the current spell.
std::vector<Spell> spells(const std::vector<const StoreDay*>& days, const std::map<std::pair<int64_t, int32_t>, int64_t>& store_units) {
  std::vector<Spell> out;
  for (const StoreDay* d : days) {
    const int64_t total = store_units.at({d->shop_id, d->day.days});
    if (d->base_units > 0) {
      const int64_t price = static_cast<int64_t>(std::llround(static_cast<double>(d->base_list_cents) / static_cast<double>(d->base_units)));
      if (out.empty() || out.back().price_cents != price) out.push_back({price, 0, 0});
    }
    if (out.empty()) continue;
    out.back().units += d->units;
    out.back().store_units += total;
  }
  return out;
}

}  // namespace

std::vector<ProductElasticity> elasticities(const MenuData& data) {
  std::map<std::pair<int64_t, int32_t>, int64_t> store_units;  // (shop, day) -> every product's units
  std::map<std::pair<int64_t, int64_t>, std::vector<const StoreDay*>> by_product_store;
  for (const StoreDay& d : data.store_days) {
    store_units[{d.shop_id, d.day.days}] += d.units;
    by_product_store[{d.spu_id, d.shop_id}].push_back(&d);
  }
  std::map<int64_t, std::vector<PriceObservation>> observations;
  std::map<int64_t, int> changes;
  for (auto& [key, days] : by_product_store) {
    std::sort(days.begin(), days.end(), [](const StoreDay* a, const StoreDay* b) { return a->day < b->day; });
    const std::vector<Spell> s = spells(days, store_units);
    changes[key.first] += std::max<int>(0, static_cast<int>(s.size()) - 1);
    for (const Spell& spell : s) {
      if (spell.units == 0 || spell.store_units == 0) continue;
      observations[key.first].push_back({std::to_string(key.second), static_cast<double>(spell.price_cents),
                                         static_cast<double>(spell.units) / static_cast<double>(spell.store_units)});
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
