// The machine formulas of each product (luckyus_iot_platform.t_coffee_formula,
// status 1 active, tenant LKUS): which formula a product is brewed as on each
// machine type, cup size and temperature, and the panel that lists them.
#include "tools/menu/menu_panels.h"

namespace luckyhub::menu {
namespace {

const char* cup_name(int size) {
  static const char* const kNames[] = {"n/a", "small 12oz", "medium 16oz", "large 20oz"};
  return size >= 0 && size <= 3 ? kNames[size] : "other";
}

}  // namespace

const char* temperature_name(int temperature) {
  return temperature == 1 ? "hot" : temperature == 2 ? "iced" : "n/a";
}

std::map<int64_t, std::vector<Formula>> read_formulas(Warehouse& wh) {
  std::map<int64_t, std::vector<Formula>> out;
  if (!wh.has_table("iot_platform__t_coffee_formula")) return out;
  for (const Row row : wh.query("SELECT id, formula_no, formula_name, commodity_id, machine_type, cup_size, temperature,"
                                " step_count, version FROM iot_platform__t_coffee_formula"
                                " WHERE tenant = 'LKUS' AND status = 1"
                                " ORDER BY commodity_id, machine_type, cup_size, temperature, formula_no")) {
    out[row.integer("commodity_id")].push_back(
        {row.integer("id"), row.integer("commodity_id"), row.text("formula_no"), row.text("formula_name"),
         row.text("machine_type"), static_cast<int>(row.integer("cup_size")),
         static_cast<int>(row.integer("temperature")), static_cast<int>(row.integer("step_count")),
         static_cast<int>(row.integer("version"))});
  }
  return out;
}

Panel formulas_panel(const MenuData& data, const MenuScope& scope) {
  Panel p{.id = "formulas", .title = "Machine formulas per product", .kind = PanelKind::kTable};
  p.description = "The active formulas of t_coffee_formula each product is brewed as: one per machine type, cup size "
                  "and temperature.";
  p.table.columns = {{"spu_id", "Product id", ValueType::kInt},
                     {"product", "Product", ValueType::kText, "", "", "/tools/menu?product={spu_id}"},
                     {"formula_id", "Formula id", ValueType::kInt},
                     {"formula_no", "Formula", ValueType::kText},
                     {"formula_name", "Formula name", ValueType::kText},
                     {"machine_type", "Machine type", ValueType::kText},
                     {"cup_size", "Cup", ValueType::kText},
                     {"temperature", "Temperature", ValueType::kText},
                     {"step_count", "Machine steps", ValueType::kInt},
                     {"version", "Version", ValueType::kInt}};
  for (const Product* product : scoped_products(data, scope)) {
    const auto it = data.formulas.find(product->spu_id);
    if (it == data.formulas.end()) continue;
    for (const Formula& f : it->second) {
      p.table.rows.push_back({product->spu_id, product->name, f.id, f.formula_no, f.name, f.machine_type,
                              std::string(cup_name(f.cup_size)), std::string(temperature_name(f.temperature)),
                              int64_t{f.step_count}, int64_t{f.version}});
    }
  }
  return p;
}

}  // namespace luckyhub::menu
