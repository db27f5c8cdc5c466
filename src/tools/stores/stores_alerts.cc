// The stores' alert conditions, as the alert engine's signals: a KPI of a
// store past its red threshold. The report shows them as its alerts panel;
// `luckyhub alerts` evaluates them on each cycle.
#include <cstdio>

#include "alerts/tool_alerts.h"
#include "tools/stores/stores.h"

namespace luckyhub::stores {
namespace {

double red_bound(const Thresholds& t, size_t kpi) {
  const double bounds[] = {t.index_red, t.index_red, t.production_red, t.uptime_red, t.stockouts_red, t.compliance_red};
  return bounds[kpi];
}

}  // namespace

std::vector<alerts::Signal> store_signals(const std::vector<Kpis>& kpis, const Scope& scope) {
  std::vector<alerts::Signal> out;
  for (const Kpis& k : kpis) {
    for (size_t i = 0; i < k.levels.size(); ++i) {
      if (k.levels[i] != Level::kRed) continue;
      const double value = *kpi_value(k, i), bound = red_bound(scope.thresholds, i);
      char summary[256];
      std::snprintf(summary, sizeof summary, "%s %s: %s is %.4g, past its red threshold %.4g (the last %d weeks)",
                    k.store->shop_no.c_str(), k.store->name.c_str(), kpi_names()[i].second.c_str(), value, bound,
                    scope.weeks);
      out.push_back({"StoreKpiRed", std::to_string(k.store->id), kpi_names()[i].first, value, bound, summary});
    }
  }
  return out;
}

namespace {

// The conditions with the report's defaults, for the alert engine.
std::vector<alerts::Signal> current_signals(Warehouse& wh) {
  const Scope scope = scope_of(wh, Params::parse(store_params(), {}));
  return store_signals(assess(read_stores(wh, scope), scope), scope);
}

const alerts::ToolAlertRegistration kAlerts({
    .tool = "stores",
    .rules = {{.name = "StoreKpiRed", .severity = "warning",
               .description = "a store's KPI (orders or revenue per open hour against peers, production time, machine "
                              "uptime, items out of stock, opening-hours compliance) is past its red threshold",
               .about_store = true}},
    .signals = current_signals,
});

}  // namespace
}  // namespace luckyhub::stores
