// The inventory tool's alert: every SKU-store at risk of a stock-out (on hand
// under a day of supply, the report's defaults), one alert per store and goods.
#include <cstdio>

#include "alerts/tool_alerts.h"
#include "tools/inventory/inventory.h"

namespace luckyhub::inventory {
namespace {

std::vector<alerts::Signal> stockout_signals(Warehouse& wh) {
  const Settings s;
  const Inventory inv = analyse(wh, report_window(wh, Params::parse(window_params(), {})), s);
  std::vector<alerts::Signal> out;
  for (const SkuStore& k : inv.sku_stores) {
    if (!k.at_risk) continue;
    const Goods& g = inv.goods.at(k.goods_id);
    char text[160];
    std::snprintf(text, sizeof text, "%.2f %s on hand, %.2f %s a day: %.2f day(s) of supply", k.on_hand, g.unit.c_str(),
                  k.mean_daily, g.unit.c_str(), k.days_of_supply.value_or(0));
    out.push_back({.rule = "StockoutRisk",
                   .instance = "Shop " + std::to_string(k.shop_id),
                   .object = g.name,
                   .value = k.days_of_supply.value_or(0),
                   .threshold = s.risk_days,
                   .summary = "Shop " + std::to_string(k.shop_id) + ", " + g.name + ": " + text});
  }
  return out;
}

const alerts::ToolAlertRegistration kAlerts({
    .tool = "inventory",
    .rules = {{.name = "StockoutRisk",
               .severity = "critical",
               .description = "a SKU-store has under a day of supply on hand",
               .about_store = true}},
    .signals = stockout_signals,
});

}  // namespace
}  // namespace luckyhub::inventory
