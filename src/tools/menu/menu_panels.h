// The menu report's panels, one function each (menu_panels.cc,
// menu_matrix_panels.cc, menu_seasons.cc); compute() in menu_report.cc puts them in order.
#pragma once

#include "report/report.h"
#include "tools/menu/menu.h"

namespace luckyhub::menu {

// Products in the scope's category ("" every one), by id.
std::vector<const Product*> scoped_products(const MenuData& data, const MenuScope& scope);

Panel summary_panel(const MenuData& data, const MenuScope& scope, const std::vector<CategoryMatrix>& matrices);
Panel scorecard_panel(const MenuData& data, const MenuScope& scope);
Panel matrix_math_panel(const std::vector<CategoryMatrix>& matrices);
Panel matrix_scatter_panel(const MenuData& data, const std::vector<CategoryMatrix>& matrices);
Panel matrix_table_panel(const MenuData& data, const std::vector<CategoryMatrix>& matrices);
Panel moves_panel(const Moves& moves, const MenuScope& scope);
Panel category_weeks_panel(const MenuData& data, const MenuScope& scope);
Panel elasticity_panel(const MenuData& data, const MenuScope& scope);
Panel temperature_months_panel(const MenuData& data, const MenuScope& scope);  // menu_seasons.cc
Panel seasonality_panel(const MenuData& data, const MenuScope& scope);         // menu_seasons.cc
Panel formulas_panel(const MenuData& data, const MenuScope& scope);           // menu_formulas.cc
// "hot", "iced", "n/a" (t_commodity_base_info.default_temperature, t_coffee_formula.temperature).
const char* temperature_name(int temperature);                               // menu_formulas.cc
// The product page of scope.product (menu_product.cc); throws Error when the
// catalog has no such product.
std::vector<Panel> product_panels(const MenuData& data, const MenuScope& scope);

}  // namespace luckyhub::menu
