// The production-time report: parameters, compute() and the registration of
// Tool 12; one function per panel (more in production_panels.cc).
#include "tools/production_time/production_cups.h"
#include "tools/production_time/production_panels.h"
#include "tools/param_options.h"
#include "tools/registry.h"

namespace luckyhub::production {
namespace {

Scope scope_of(Warehouse& wh, const Params& params) {
  return {.window = report_window(wh, params), .shop_id = params.integer("store"),
          .slow_ratio = params.number("slow_ratio"), .min_tickets = params.integer("min_tickets")};
}

Report compute(Warehouse& wh, const Params& params) {
  const Scope scope = scope_of(wh, params);
  const ProductionData data = read_production(wh, scope);
  const std::vector<StoreHour> cells = store_hours(data, scope);
  Report report;
  report.panels = {summary_panel(data, cells),     stores_panel(data),         store_distribution_panel(data),
                   products_panel(data),           product_distribution_panel(data), product_violin_panel(data),
                   week_hour_panel(data, false),
                   week_hour_panel(data, true),    bottlenecks_panel(cells, scope), outliers_panel(data),
                   machine_types_panel(data),      devices_panel(data, scope), steps_panel(data)};
  const CupScope cup_scope{.slow_ratio = params.number("slow_cup_ratio"), .min_cups = params.integer("min_cups")};
  const CupData cups = read_cups(wh, scope, cup_scope);
  report.panels.push_back(cup_products_panel(cups, data));
  report.panels.push_back(cup_devices_chart(cups, cup_scope));
  report.panels.push_back(cup_devices_panel(cups, cup_scope));
  return report;
}

std::vector<ParamSpec> params() {
  std::vector<ParamSpec> p = window_params();
  p.push_back({.name = "store",
               .type = ParamType::kInt,
               .default_value = "0",
               .description = "Store (shop id); 0 for every store",
               .min = 0,
               .max = 1e9,
               .label = "Tickets of one store",
               .options = param_options::stores});
  p.push_back({.name = "slow_ratio",
               .type = ParamType::kNumber,
               .default_value = "1.4",
               .description = "A store-hour whose mean time is at least this many times the other stores' at the same hour is a slow spot",
               .min = 1.05,
               .max = 10,
               .label = "Slow spot from (× other stores)"});
  p.push_back({.name = "min_tickets",
               .type = ParamType::kInt,
               .default_value = "30",
               .description = "Tickets a store-hour needs (without outliers) to be judged",
               .min = 1,
               .max = 1e9,
               .label = "Tickets needed to judge a store-hour"});
  p.push_back({.name = "slow_cup_ratio",
               .type = ParamType::kNumber,
               .default_value = "1.25",
               .description = "A machine whose cups take at least this many times the fleet's on the same products is slow",
               .min = 1.05,
               .max = 10,
               .label = "Slow machine from (× the fleet, per cup)"});
  p.push_back({.name = "min_cups",
               .type = ParamType::kInt,
               .default_value = "30",
               .description = "Cups a machine needs (without outliers) to be judged",
               .min = 1,
               .max = 1e9,
               .label = "Cups needed to judge a machine"});
  return p;
}

const ToolRegistration kRegistration(Tool{
    .id = "production-time",
    .number = 12,
    .department = "product",
    .title = "Production Time Optimizer",
    .summary = "Production time (accept to done) per store, product, hour and machine type, with and without the "
               "outliers over 30 minutes; peak-hour slow spots and queue depth; machine efficiency; recipe steps; "
               "per-cup making times by product and machine, and the machines slow on their cups.",
    .params = params(),
    .compute = compute,
    .store_param = "store",
});

}  // namespace
}  // namespace luckyhub::production
