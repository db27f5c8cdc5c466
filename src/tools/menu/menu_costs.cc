// Ingredient cost of every recipe variant: the active recipe (status 1, the
// highest version of the variant) costed at each goods' average purchase
// price per stock unit. A goods without a purchase has no price, and its
// recipes no cost (menu.h).
#include <map>

#include "tools/menu/menu.h"

namespace luckyhub::menu {

Query recipe_query() {
  return {"SELECT spu_id, cup_size, temperature, version, goods_id, dosage FROM scm_commodity__t_formula_spu"
          " WHERE tenant = 'LKUS' AND status = 1 ORDER BY spu_id, cup_size, temperature, version, id",
          {}};
}

// Purchases per goods: what was paid (cents) for how many purchase units
// (thousandths: quantity is DECIMAL(14,3)).
Query goods_cost_query() {
  return {"SELECT goods_id, SUM(amount) AS amount_cents, SUM(quantity) AS quantity_e3"
          " FROM scm_purchase__t_purchase_order_item WHERE tenant = 'LKUS' GROUP BY goods_id ORDER BY goods_id",
          {}};
}

// Stock units per purchase unit, in thousandths (DECIMAL(12,3)).
Query unit_ratio_query() {
  return {"SELECT id AS goods_id, unit_ratio FROM scm_commodity__t_mdm_goods ORDER BY id", {}};
}

namespace {

// Cents per stock unit of each purchased goods.
std::map<int64_t, double> stock_unit_costs(const ResultSet& goods_costs, const ResultSet& unit_ratios) {
  std::map<int64_t, double> ratio;
  for (const Row row : unit_ratios) ratio[row.integer("goods_id")] = static_cast<double>(row.integer("unit_ratio")) / 1000;
  std::map<int64_t, double> out;
  for (const Row row : goods_costs) {
    const auto it = ratio.find(row.integer("goods_id"));
    const double stock_units = static_cast<double>(row.integer("quantity_e3")) / 1000 * (it == ratio.end() ? 0 : it->second);
    if (stock_units > 0) out[row.integer("goods_id")] = static_cast<double>(row.integer("amount_cents")) / stock_units;
  }
  return out;
}

}  // namespace

RecipeCosts recipe_costs(const ResultSet& recipes, const ResultSet& goods_costs, const ResultSet& unit_ratios) {
  const std::map<int64_t, double> unit_cost = stock_unit_costs(goods_costs, unit_ratios);
  // Rows come by variant and version: a higher version starts the variant's recipe again.
  std::map<VariantKey, int64_t> version;
  RecipeCosts costs;
  for (const Row row : recipes) {
    const VariantKey key{row.integer("spu_id"), row.integer("cup_size"), row.integer("temperature")};
    const int64_t v = row.integer("version");
    auto [it, fresh] = version.emplace(key, v);
    if (fresh || v > it->second) {
      it->second = v;
      costs[key] = 0.0;
    }
    std::optional<double>& cost = costs[key];
    const auto price = unit_cost.find(row.integer("goods_id"));
    if (!cost || price == unit_cost.end()) {
      cost.reset();
      continue;
    }
    *cost += static_cast<double>(row.integer("dosage")) / 1000 * price->second;
  }
  return costs;
}

}  // namespace luckyhub::menu
