// The inventory report: panels and registration of Tool 16, one function per
// panel. The analysis is in inventory_analysis.cc.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <string>

#include "tools/inventory/inventory.h"
#include "tools/inventory/inventory_panels.h"
#include "tools/inventory/inventory_thresholds.h"
#include "tools/registry.h"

namespace luckyhub::inventory {
namespace {

constexpr size_t kDrillDowns = 6;

std::string shop_label(int64_t shop) { return "Shop " + std::to_string(shop); }

std::string fixed(double v, int digits = 1) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.*f", digits, v);
  return buf;
}

// Rounded for display and for engines to agree to the byte.
double round3(double v) { return std::round(v * 1000) / 1000; }
Cell num(double v) { return Cell{round3(v)}; }
Cell opt(const std::optional<double>& v) { return v ? num(*v) : Cell{}; }

const Goods& goods_of(const Inventory& inv, const SkuStore& k) { return inv.goods.at(k.goods_id); }

std::string target_text(const Settings& s) {
  return (s.target == ServiceTarget::kCycle ? "cycle service level " : "fill rate ") + fixed(100 * s.service_level) + "%";
}

Panel summary_panel(const Inventory& inv, const Settings& s, size_t anomalies) {
  int64_t risk = 0, reorder = 0, over = 0, low = 0, consumed = 0, written = 0;  // milli-units
  for (const SkuStore& k : inv.sku_stores) {
    risk += k.at_risk, reorder += k.below_reorder_point, over += k.overstock, low += k.below_threshold;
    consumed += std::llround(k.consumed * 1000), written += std::llround(k.written_off * 1000);
  }
  Panel p{.id = "summary", .title = "Stock as of " + inv.as_of.str(), .kind = PanelKind::kKpis};
  const std::optional<double> share = consumed + written > 0 ? std::optional(write_off_share(written, consumed)) : std::nullopt;
  p.kpis = {
      {"sku_stores", "SKU-stores", static_cast<int64_t>(inv.sku_stores.size()), ValueType::kInt, "", "", Status::kNone,
       "shop x goods with stock, or consumption or write-offs in the window"},
      {"at_risk", "At risk of stock-out", risk, ValueType::kInt, "", "", risk > 0 ? Status::kRed : Status::kGreen,
       "on hand under " + fixed(s.risk_days) + " day(s) of supply"},
      {"below_reorder", "Below reorder point", reorder, ValueType::kInt, "", "", reorder > 0 ? Status::kYellow : Status::kGreen,
       "r = d̄L + zσ√L, " + target_text(s) + ", continuous review"},
      {"below_threshold", "Under days-of-supply threshold", low, ValueType::kInt, "", "",
       low > 0 ? Status::kYellow : Status::kGreen,
       "the goods's own threshold, else " + fixed(s.supply_days) + " days"},
      {"overstock", "Overstocked", over, ValueType::kInt, "", "", Status::kNone,
       "over " + fixed(s.overstock_days, 0) + " days of supply"},
      {"write_off_share", "Written off", share ? Cell{*share} : Cell{}, ValueType::kRate, "", "", Status::kNone,
       "write-offs / (consumption + write-offs) in the window"},
      {"anomalies", "Consumption anomalies", static_cast<int64_t>(anomalies), ValueType::kInt, "", "",
       anomalies > 0 ? Status::kYellow : Status::kGreen, "usage or write-offs beyond what sales and stock age explain"},
  };
  return p;
}

Panel risk_alerts(const Inventory& inv) {
  Panel p{.id = "stockout_alerts", .title = "Stock-out risk", .kind = PanelKind::kAlerts};
  for (const SkuStore& k : inv.sku_stores) {
    if (!k.at_risk) continue;
    const Goods& g = goods_of(inv, k);
    p.alerts.push_back({Status::kRed, shop_label(k.shop_id) + ": " + g.name + " runs out within the day",
                        "on hand " + fixed(k.on_hand, 2) + " " + g.unit + ", " + fixed(k.mean_daily, 2) + " " + g.unit +
                            "/day; order " + fixed(k.suggested_order, 1) + " " + g.unit,
                        ""});
  }
  return p;
}

// SKU x store, days of supply (low is hot); goods sorted by name.
Panel supply_grid(const Inventory& inv) {
  Panel p{.id = "days_of_supply", .title = "Days of supply (on hand / mean daily consumption)", .kind = PanelKind::kHeatmap};
  p.heatmap.x_label = "store";
  p.heatmap.y_label = "goods";
  p.heatmap.value_label = "days of supply";
  p.heatmap.palette = "scarcity";
  std::map<int64_t, size_t> column;
  std::map<std::string, std::map<int64_t, double>> rows;  // goods name -> shop -> days
  for (const SkuStore& k : inv.sku_stores) {
    if (!k.days_of_supply) continue;
    column.emplace(k.shop_id, 0);
    rows[goods_of(inv, k).name][k.shop_id] = std::round(*k.days_of_supply * 10) / 10;
  }
  for (auto& [shop, i] : column) i = p.heatmap.x.size(), p.heatmap.x.push_back(shop_label(shop));
  for (const auto& [name, days] : rows) {
    p.heatmap.y.push_back(name);
    std::vector<Cell> line(column.size());
    for (const auto& [shop, v] : days) line[column[shop]] = Cell{v};
    p.heatmap.values.push_back(std::move(line));
  }
  return p;
}

std::vector<Column> policy_columns() {
  return {{"shop", "Store", ValueType::kText},          {"goods", "Goods", ValueType::kText},
          {"unit", "Unit", ValueType::kText},           {"on_hand", "On hand", ValueType::kNumber},
          {"mean_daily", "d̄ / day", ValueType::kNumber}, {"sd_daily", "σ / day", ValueType::kNumber},
          {"days_of_supply", "Days of supply", ValueType::kNumber}, {"lead_days", "Lead time L (days)", ValueType::kNumber},
          {"z", "z", ValueType::kNumber},               {"safety_stock", "Safety stock", ValueType::kNumber},
          {"reorder_point", "Reorder point r", ValueType::kNumber}, {"order_quantity", "Q", ValueType::kNumber},
          {"suggested_order", "Order today", ValueType::kNumber}, {"demand_from", "Order from", ValueType::kText}};
}

std::vector<Cell> policy_cells(const Inventory& inv, const SkuStore& k) {
  const Goods& g = goods_of(inv, k);
  return {shop_label(k.shop_id),  g.name,           g.unit,           num(k.on_hand),
          num(k.mean_daily),      num(k.sd_daily),  opt(k.days_of_supply), num(g.lead_days),
          num(k.z),               num(k.safety_stock), num(k.reorder_point), num(k.order_quantity),
          num(k.suggested_order),
          std::string(!k.below_reorder_point ? "" : k.forecast_used ? "forecast" : "mean demand")};
}

// The replenishment list: every SKU-store at or below its reorder point, the
// fewest days of supply first.
Panel reorder_table(const Inventory& inv, const Settings& s) {
  Panel p{.id = "reorder", .title = "Replenishment: at or below the reorder point", .kind = PanelKind::kTable};
  p.description = "Continuous review (r, Q) with Q = " + std::to_string(s.order_days) + " days of mean demand, " +
                  target_text(s) + "; order up to r + Q using the replenishment forecast over L + " +
                  std::to_string(s.order_days) + " days where it covers them.";
  p.table.columns = policy_columns();
  std::vector<const SkuStore*> list;
  for (const SkuStore& k : inv.sku_stores)
    if (k.below_reorder_point) list.push_back(&k);
  std::stable_sort(list.begin(), list.end(), [](const SkuStore* a, const SkuStore* b) {
    return a->days_of_supply.value_or(0) < b->days_of_supply.value_or(0);
  });
  for (const SkuStore* k : list) p.table.rows.push_back(policy_cells(inv, *k));
  return p;
}

Panel overstock_table(const Inventory& inv, const Settings& s) {
  Panel p{.id = "overstock", .title = "Overstock: over " + fixed(s.overstock_days, 0) + " days of supply", .kind = PanelKind::kTable};
  p.table.columns = policy_columns();
  for (const SkuStore& k : inv.sku_stores)
    if (k.overstock) p.table.rows.push_back(policy_cells(inv, k));
  return p;
}

Panel write_offs_by_goods(const Inventory& inv) {
  std::map<int64_t, std::pair<double, double>> sums;  // goods -> (written off, consumed)
  for (const SkuStore& k : inv.sku_stores) sums[k.goods_id].first += k.written_off, sums[k.goods_id].second += k.consumed;
  Panel p{.id = "write_offs", .title = "Write-offs by goods (waste and expiry, the window)", .kind = PanelKind::kTable};
  p.table.columns = {{"goods", "Goods", ValueType::kText},      {"category", "Category", ValueType::kText},
                     {"unit", "Unit", ValueType::kText},        {"written_off", "Written off", ValueType::kNumber},
                     {"consumed", "Consumed", ValueType::kNumber}, {"share", "Share written off", ValueType::kRate}};
  std::vector<std::pair<double, int64_t>> order;
  for (const auto& [id, s] : sums)
    if (s.first > 0) order.emplace_back(-s.first, id);
  std::sort(order.begin(), order.end());
  for (const auto& [neg, id] : order) {
    const Goods& g = inv.goods.at(id);
    const auto& [w, c] = sums[id];
    p.table.rows.push_back({g.name, g.category, g.unit, num(w), num(c), Cell{round3(w / (w + c))}});
  }
  return p;
}

Panel write_offs_by_store(const Inventory& inv) {
  struct Store {
    double shares = 0;  // Σ over its goods with movement of written off / (written off + consumed)
    int64_t goods = 0, written_off = 0;
  };
  std::map<int64_t, Store> stores;
  for (const SkuStore& k : inv.sku_stores) {
    Store& s = stores[k.shop_id];
    if (k.written_off + k.consumed <= 0) continue;
    s.shares += k.written_off / (k.written_off + k.consumed);
    ++s.goods;
    s.written_off += k.written_off > 0;
  }
  Panel p{.id = "store_write_offs", .title = "Write-offs by store", .kind = PanelKind::kBar};
  p.description = "The mean over a store's goods of the share written off (units differ between goods, so shares, not sums).";
  p.series.x_label = "store";
  p.series.series = {{"share", "Mean share written off", ValueType::kRate}, {"goods", "Goods with write-offs", ValueType::kInt}};
  for (const auto& [shop, s] : stores) {
    p.series.x.push_back(shop_label(shop));
    p.series.series[0].values.push_back(s.goods > 0 ? Cell{round3(s.shares / static_cast<double>(s.goods))} : Cell{});
    p.series.series[1].values.push_back(s.written_off);
  }
  return p;
}

std::string anomaly_kind(const ConsumptionAnomaly& a) {
  if (a.kind == AnomalyKind::kWriteOff) return "write-off beyond expirable stock";
  return a.by_recipe ? "usage beyond sales" : "usage beyond a typical day";
}

// Every consumption anomaly of the window with its evidence: what the sales
// (or the stock's age) explain, the excess, and the movement to look up.
Panel anomalies_table(const Inventory& inv, const std::vector<ConsumptionAnomaly>& anomalies, const AnomalySettings& s) {
  Panel p{.id = "consumption_anomalies", .title = "Consumption anomalies", .kind = PanelKind::kTable};
  p.description = "Usage beyond what the day's sales used by their recipes, or write-offs beyond the stock old enough "
                  "to have expired (delivered more than " + fixed(100 * s.fresh_share, 0) +
                  "% of its shelf life ago, first in first out), by more than " + fixed(s.anomaly_days, 1) +
                  " typical days: theft, waste or a data-entry error.";
  p.table.columns = {{"day", "Day", ValueType::kDate},           {"shop", "Store", ValueType::kText},
                     {"goods", "Goods", ValueType::kText},       {"unit", "Unit", ValueType::kText},
                     {"kind", "Anomaly", ValueType::kText},      {"actual", "Used / written off", ValueType::kNumber},
                     {"explained", "Explained", ValueType::kNumber}, {"units_sold", "Items sold using it", ValueType::kInt},
                     {"excess", "Excess", ValueType::kNumber},   {"typical_days", "Excess in typical days", ValueType::kNumber},
                     {"movement_id", "Movement id", ValueType::kInt}, {"table", "Table", ValueType::kText},
                     {"ref_no", "Reference", ValueType::kText},  {"time", "Recorded at", ValueType::kText}};
  for (const ConsumptionAnomaly& a : anomalies) {
    const auto g = inv.goods.find(a.goods_id);
    p.table.rows.push_back({a.day.str(), shop_label(a.shop_id), g == inv.goods.end() ? std::to_string(a.goods_id) : g->second.name,
                            g == inv.goods.end() ? "" : g->second.unit, anomaly_kind(a), num(a.actual), num(a.explained),
                            a.units_sold, num(a.excess()),
                            a.typical_daily > 0 ? num(a.excess() / a.typical_daily) : Cell{}, a.movement.id,
                            a.movement.table, a.movement.ref_no, a.movement.time});
  }
  return p;
}

// The drill-down of the SKU-stores at risk: consumption over the demand
// window, then the replenishment forecast from as-of.
std::vector<Panel> drill_downs(const Inventory& inv) {
  std::vector<Panel> out;
  for (const SkuStore& k : inv.sku_stores) {
    if (!k.at_risk || out.size() == kDrillDowns) continue;
    const Goods& g = goods_of(inv, k);
    Panel p{.id = "drill_" + std::to_string(k.shop_id) + "_" + std::to_string(k.goods_id),
            .title = shop_label(k.shop_id) + ", " + g.name + ": consumption and forecast (" + g.unit + ")",
            .kind = PanelKind::kTimeseries};
    p.description = "On hand " + fixed(k.on_hand, 2) + " " + g.unit + ", reorder point " + fixed(k.reorder_point, 2) +
                    ", lead time " + fixed(g.lead_days) + " days.";
    p.series.x_label = "day";
    p.series.x_type = ValueType::kDate;
    p.series.series = {{"consumed", "Consumed", ValueType::kNumber}, {"forecast", "Forecast", ValueType::kNumber}};
    for (const auto& [day, v] : k.history) {
      p.series.x.push_back(day.str());
      p.series.series[0].values.push_back(num(v));
      p.series.series[1].values.push_back(Cell{});
    }
    for (const auto& [day, v] : k.forecast) {
      p.series.x.push_back(day.str());
      p.series.series[0].values.push_back(Cell{});
      p.series.series[1].values.push_back(num(v));
    }
    out.push_back(std::move(p));
  }
  return out;
}

Settings settings(const Params& params) {
  Settings s;
  s.demand_days = static_cast<int>(params.integer("demand_days"));
  s.service_level = params.number("service_level");
  s.target = params.text("service_target") == "fill_rate" ? ServiceTarget::kFillRate : ServiceTarget::kCycle;
  s.order_days = static_cast<int>(params.integer("order_days"));
  s.risk_days = params.number("risk_days");
  s.overstock_days = params.number("overstock_days");
  s.supply_days = params.number("supply_days");
  return s;
}

Report compute(Warehouse& wh, const Params& params) {
  Settings s = settings(params);
  s.own_thresholds = read_thresholds(wh);
  const Window window = report_window(wh, params);
  const Inventory inv = analyse(wh, window, s);
  const AnomalySettings as{.anomaly_days = params.number("anomaly_days")};
  const std::vector<ConsumptionAnomaly> anomalies = consumption_anomalies(wh, window, as);
  Report report;
  report.panels = {summary_panel(inv, s, anomalies.size()), risk_alerts(inv),           low_supply_alerts(inv, s),
                   supply_grid(inv),      stock_table(inv),          reorder_table(inv, s),
                   overstock_table(inv, s), write_offs_by_goods(inv),
                   write_offs_by_store(inv),  anomalies_table(inv, anomalies, as)};
  for (Panel& p : drill_downs(inv)) report.panels.push_back(std::move(p));
  return report;
}

std::vector<ParamSpec> params() {
  std::vector<ParamSpec> p = window_params();
  p.push_back({.name = "demand_days",
               .type = ParamType::kInt,
               .default_value = "14",
               .description = "Days of consumption before as-of that demand is measured over",
               .min = 7,
               .max = 180,
               .label = "Demand measured over (days)"});
  p.push_back({.name = "service_target",
               .type = ParamType::kChoice,
               .default_value = "cycle",
               .description = "cycle: P(no stock-out in a replenishment cycle); fill_rate: share of demand met from stock",
               .choices = {"cycle", "fill_rate"},
               .label = "Service level kind (cycle or fill rate)"});
  p.push_back({.name = "service_level",
               .type = ParamType::kNumber,
               .default_value = "0.95",
               .description = "The target (α or β)",
               .min = 0.5,
               .max = 0.999,
               .label = "Service level (α or β)"});
  p.push_back({.name = "order_days",
               .type = ParamType::kInt,
               .default_value = "7",
               .description = "Order quantity Q in days of mean demand",
               .min = 1,
               .max = 60,
               .label = "Order quantity Q (days of demand)"});
  p.push_back({.name = "risk_days",
               .type = ParamType::kNumber,
               .default_value = "1",
               .description = "At risk of stock-out under this many days of supply",
               .min = 0.1,
               .max = 14,
               .label = "Stock-out risk under (days of supply)"});
  p.push_back({.name = "overstock_days",
               .type = ParamType::kNumber,
               .default_value = "45",
               .description = "Overstocked over this many days of supply",
               .min = 1,
               .max = 365,
               .label = "Overstocked over (days of supply)"});
  p.push_back({.name = "supply_days",
               .type = ParamType::kNumber,
               .default_value = "3",
               .description = "Days-of-supply threshold of a reorder alert for goods without their own "
                              "(luckyhub inventory-thresholds, PUT /api/inventory/thresholds)",
               .min = 0.1,
               .max = 365,
               .label = "Reorder alert under (days of supply, default)"});
  p.push_back({.name = "anomaly_days",
               .type = ParamType::kNumber,
               .default_value = "3",
               .description = "A consumption anomaly exceeds what explains it by more than this many typical days",
               .min = 0.5,
               .max = 60,
               .label = "Anomaly from (typical days unexplained)"});
  return p;
}

const ToolRegistration kRegistration(Tool{
    .id = "inventory",
    .number = 16,
    .department = "supply-chain",
    .title = "Inventory Command Center",
    .summary = "Days of supply for every SKU at every store, reorder points for an explicit service target, "
               "the day's replenishment list, stock-out risks, overstock and write-offs.",
    .params = params(),
    .compute = compute,
});

}  // namespace
}  // namespace luckyhub::inventory
