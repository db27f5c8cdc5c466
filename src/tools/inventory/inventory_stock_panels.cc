#include <algorithm>
#include <cmath>
#include <cstdio>

#include "tools/inventory/inventory_panels.h"

namespace luckyhub::inventory {
namespace {

// Rounded for display and for engines to agree to the byte.
Cell qty_cell(double v) { return Cell{std::round(v * 1000) / 1000}; }

std::string days_text(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

}  // namespace

Panel stock_table(const Inventory& inv) {
  Panel p{.id = "stock", .title = "Stock grid: every SKU at every store", .kind = PanelKind::kTable};
  p.description = "Goods master data from t_mdm_goods; days of supply = on hand / mean daily consumption; the "
                  "threshold is the goods's own where supply planning entered one, else the default.";
  p.table.columns = {{"shop_id", "Store", ValueType::kInt},
                     {"goods_id", "Goods id", ValueType::kInt},
                     {"goods_no", "Goods no", ValueType::kText},
                     {"goods", "Goods", ValueType::kText},
                     {"category", "Category", ValueType::kText},
                     {"unit", "Unit", ValueType::kText},
                     {"shelf_life_days", "Shelf life", ValueType::kNumber, "", "days"},
                     {"on_hand", "On hand", ValueType::kNumber},
                     {"mean_daily", "d̄ / day", ValueType::kNumber},
                     {"days_of_supply", "Days of supply", ValueType::kNumber, "", "days"},
                     {"threshold_days", "Threshold", ValueType::kNumber, "", "days"},
                     {"threshold_from", "Threshold from", ValueType::kText},
                     {"below_threshold", "Below threshold", ValueType::kText}};
  for (const SkuStore& k : inv.sku_stores) {
    const Goods& g = inv.goods.at(k.goods_id);
    p.table.rows.push_back({k.shop_id, k.goods_id, g.goods_no, g.name, g.category, g.unit,
                            g.shelf_life_days > 0 ? Cell{g.shelf_life_days} : Cell{}, qty_cell(k.on_hand), qty_cell(k.mean_daily),
                            k.days_of_supply ? qty_cell(*k.days_of_supply) : Cell{}, qty_cell(k.threshold_days),
                            std::string(k.own_threshold ? "goods" : "default"),
                            std::string(k.below_threshold ? "yes" : "no")});
  }
  return p;
}

Panel low_supply_alerts(const Inventory& inv, const Settings& s) {
  Panel p{.id = "low_supply_alerts", .title = "Reorder alerts: days of supply under the threshold", .kind = PanelKind::kAlerts};
  p.description = "Each SKU-store whose days of supply are under its goods's threshold (" +
                  std::to_string(s.own_thresholds.size()) + " goods with their own; " + days_text(s.supply_days) +
                  " days for the others).";
  std::vector<const SkuStore*> low;
  for (const SkuStore& k : inv.sku_stores)
    if (k.below_threshold) low.push_back(&k);
  std::stable_sort(low.begin(), low.end(),
                   [](const SkuStore* a, const SkuStore* b) { return *a->days_of_supply < *b->days_of_supply; });
  for (const SkuStore* k : low) {
    const Goods& g = inv.goods.at(k->goods_id);
    p.alerts.push_back({k->at_risk ? Status::kRed : Status::kYellow,
                        "Shop " + std::to_string(k->shop_id) + ": " + g.name + " has " + days_text(*k->days_of_supply) +
                            " days of supply",
                        "threshold " + days_text(k->threshold_days) + " days (" +
                            (k->own_threshold ? "the goods's own" : "default") + "); order " +
                            days_text(k->suggested_order) + " " + g.unit,
                        ""});
  }
  return p;
}

}  // namespace luckyhub::inventory
