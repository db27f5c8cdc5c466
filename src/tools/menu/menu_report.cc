// The menu report: its parameters, compute() and the registration of Tool 10.
// The analysis is in menu_sales.cc, menu_costs.cc and menu_analysis.cc; the
// panels in menu_panels.cc and menu_matrix_panels.cc.
#include "core/error.h"
#include "tools/menu/menu_panels.h"
#include "tools/param_options.h"
#include "tools/registry.h"

namespace luckyhub::menu {
namespace {

constexpr const char* kAllCategories = "all";
const std::vector<std::string> kCategoryChoices = {kAllCategories, "Fresh Ground Coffee", "Classic Drinks", "Matcha",
                                                   "Cold Brew", "Refreshers", "Exfreezo", "Super Drink", "Food"};

// The choices of the daypart and channel parameters, index = code (daypart
// 1..4, menu_tables.h), or name and t_order.channel code.
const std::vector<std::string> kDayparts = {kAllCategories, "morning", "midday", "afternoon", "evening"};
const std::vector<std::pair<std::string, int>> kChannels = {{"android", 1}, {"ios", 2},   {"delivery", 3},
                                                            {"web", 8},     {"kiosk", 9}, {"partner", 10}};

// The attribute filters' choices, index = code (t_commodity_base_info) after "all".
const std::vector<std::string> kTemperatures = {kAllCategories, "none", "hot", "iced"};
const std::vector<std::string> kSugarLevels = {kAllCategories, "none", "low", "standard", "extra"};
const std::vector<std::string> kNutritionGrades = {kAllCategories, "A", "B", "C", "D"};

int code_of(const std::vector<std::string>& choices, const std::string& value) {
  for (size_t i = 1; i < choices.size(); ++i)
    if (value == choices[i]) return static_cast<int>(i) - 1;
  return -1;
}

std::vector<std::string> channel_choices() {
  std::vector<std::string> out = {kAllCategories};
  for (const auto& [name, code] : kChannels) out.push_back(name);
  return out;
}

MenuScope scope_of(Warehouse& wh, const Params& params) {
  MenuScope scope{.window = report_window(wh, params)};
  scope.shop_id = params.integer("store");
  const std::string category = params.text("category");
  if (category != kAllCategories) scope.category = category;
  const std::string daypart = params.text("daypart");
  for (size_t i = 1; i < kDayparts.size(); ++i) {
    if (daypart == kDayparts[i]) scope.daypart = static_cast<int>(i);
  }
  scope.product = params.integer("product");
  scope.temperature = code_of(kTemperatures, params.text("temperature"));
  scope.sugar_level = code_of(kSugarLevels, params.text("sugar"));
  if (const std::string grade = params.text("nutrition"); grade != kAllCategories) scope.nutrition = grade;
  const std::string channel = params.text("channel");
  for (const auto& [name, code] : kChannels) {
    if (channel == name) scope.channel = code;
  }
  return scope;
}

Report compute(Warehouse& wh, const Params& params) {
  const MenuScope scope = scope_of(wh, params);
  const MenuData data = read_menu(wh, scope);
  std::vector<CategoryMatrix> matrices = category_matrices(data, sales_between(data, scope.window.from, scope.window.to));
  std::erase_if(matrices, [&](const CategoryMatrix& c) { return !scope.category.empty() && c.category != scope.category; });
  Report report;
  report.panels = {summary_panel(data, scope, matrices),   scorecard_panel(data, scope),
                   matrix_scatter_panel(data, matrices),   matrix_math_panel(matrices),
                   matrix_table_panel(data, matrices),     moves_panel(moves_before(data, scope.window.to), scope),
                   category_weeks_panel(data, scope),      temperature_months_panel(data, scope),
                   seasonality_panel(data, scope),         elasticity_panel(data, scope),
                   formulas_panel(data, scope)};
  if (scope.product) {
    std::vector<Panel> page = product_panels(data, scope);
    report.panels.insert(report.panels.begin() + 1, page.begin(), page.end());
  }
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
               .label = "Sales of one store",
               .options = param_options::stores});
  p.push_back({.name = "category",
               .type = ParamType::kChoice,
               .default_value = kAllCategories,
               .description = "Product category",
               .choices = kCategoryChoices,
               .label = "Product category"});
  p.push_back({.name = "daypart",
               .type = ParamType::kChoice,
               .default_value = kAllCategories,
               .description = "Daypart of payment, New York time: morning (before 11:00), midday (11-14), afternoon (14-17), "
                              "evening (from 17:00)",
               .choices = kDayparts,
               .label = "Daypart (New York time)"});
  p.push_back({.name = "product",
               .type = ParamType::kInt,
               .default_value = "0",
               .description = "Product page: a product id (spu_id); 0 for none",
               .min = 0,
               .max = 1e12,
               .label = "Product's page",
               .options = param_options::products});
  p.push_back({.name = "channel",
               .type = ParamType::kChoice,
               .default_value = kAllCategories,
               .description = "Order channel (t_order.channel)",
               .choices = channel_choices(),
               .label = "Order channel"});
  p.push_back({.name = "temperature",
               .type = ParamType::kChoice,
               .default_value = kAllCategories,
               .description = "Products served by default hot or iced (t_commodity_base_info.default_temperature; "
                              "none: food)",
               .choices = kTemperatures,
               .label = "Served (default temperature)"});
  p.push_back({.name = "sugar",
               .type = ParamType::kChoice,
               .default_value = kAllCategories,
               .description = "Products of this default sugar level (t_commodity_base_info.sugar_level)",
               .choices = kSugarLevels,
               .label = "Sugar level"});
  p.push_back({.name = "nutrition",
               .type = ParamType::kChoice,
               .default_value = kAllCategories,
               .description = "Products of this nutrition grade, A best to D worst (t_commodity_base_info.nutrition_grade)",
               .choices = kNutritionGrades,
               .label = "Nutrition grade"});
  return p;
}

const ToolRegistration kRegistration(Tool{
    .id = "menu",
    .number = 10,
    .department = "product",
    .title = "Product Performance & Menu Analytics",
    .summary = "Every product's volume, revenue, discount, margin and production time; the menu-engineering "
               "matrix per category with last month's moves; category trends; price elasticities.",
    .params = params(),
    .compute = compute,
    .store_param = "store",
});

}  // namespace
}  // namespace luckyhub::menu
