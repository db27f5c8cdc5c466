// The menu's product attributes (t_commodity_base_info: nutrition grade, sugar
// level, default temperature) and machine formulas (t_coffee_formula) on the
// shared small simulation, against SQL written here: each filter keeps
// exactly the products SQL selects, with the units they sell unfiltered; the
// scorecard shows each product's attributes and formula count; the formulas
// panel lists exactly the active formulas of the products in scope. A bad
// filter value is refused.
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <tuple>

#include "core/error.h"
#include "support/panel_columns.h"
#include "support/shared_sim.h"
#include "tools/registry.h"

namespace luckyhub {
namespace {

using testing::column;

Report menu(const std::map<std::string, std::string>& params) {
  auto wh = testing::open_shared_warehouse();
  return run_tool(ToolRegistry::instance().get("menu"), *wh, params);
}

const Report& unfiltered() {
  static const Report report = menu({});
  return report;
}

// Product id -> the scorecard's cell of `id`.
std::map<int64_t, Cell> by_product(const Report& r, const std::string& id) {
  const Panel& p = *r.panel("scorecard");
  std::map<int64_t, Cell> out;
  for (const auto& row : p.table.rows) out[std::get<int64_t>(row[column(p, "spu_id")])] = row[column(p, id)];
  return out;
}

std::set<int64_t> products_where(const std::string& condition, const std::vector<SqlValue>& params) {
  auto wh = testing::open_shared_warehouse();
  std::set<int64_t> out;
  for (const Row r : wh->query("SELECT id FROM scm_commodity__t_commodity_base_info WHERE tenant = 'LKUS' AND " +
                                   condition,
                               params))
    out.insert(r.integer("id"));
  return out;
}

std::set<int64_t> keys(const std::map<int64_t, Cell>& m) {
  std::set<int64_t> out;
  for (const auto& [k, v] : m) out.insert(k);
  return out;
}

TEST(MenuAttributes, EachFilterKeepsExactlyTheProductsSqlSelects) {
  const auto all_units = by_product(unfiltered(), "units");
  for (const auto& [param, value, condition, code] : std::vector<std::tuple<std::string, std::string, std::string, SqlValue>>{
           {"temperature", "iced", "default_temperature = ?", int64_t{2}},
           {"temperature", "hot", "default_temperature = ?", int64_t{1}},
           {"temperature", "none", "default_temperature = ?", int64_t{0}},
           {"sugar", "standard", "sugar_level = ?", int64_t{2}},
           {"sugar", "none", "sugar_level = ?", int64_t{0}},
           {"nutrition", "A", "nutrition_grade = ?", std::string("A")},
           {"nutrition", "D", "nutrition_grade = ?", std::string("D")}}) {
    const std::set<int64_t> expected = products_where(condition, {code});
    ASSERT_FALSE(expected.empty()) << param << "=" << value;
    const auto units = by_product(menu({{param, value}}), "units");
    EXPECT_EQ(keys(units), expected) << param << "=" << value;
    for (const auto& [id, u] : units) EXPECT_EQ(u, all_units.at(id)) << param << "=" << value << " product " << id;
  }
  // Filters combine (and), with the category.
  const std::set<int64_t> iced_standard =
      products_where("default_temperature = 2 AND sugar_level = 2 AND category = ?", {std::string("Classic Drinks")});
  ASSERT_FALSE(iced_standard.empty());
  EXPECT_EQ(keys(by_product(menu({{"temperature", "iced"}, {"sugar", "standard"}, {"category", "Classic Drinks"}}),
                            "units")),
            iced_standard);
}

TEST(MenuAttributes, TheScorecardShowsEachProductsAttributesAndFormulaCount) {
  auto wh = testing::open_shared_warehouse();
  std::map<int64_t, std::tuple<std::string, std::string, std::string>> expected;
  for (const Row r : wh->query(
           "SELECT id, nutrition_grade, CASE sugar_level WHEN 0 THEN 'none' WHEN 1 THEN 'low' WHEN 2 THEN 'standard'"
           " WHEN 3 THEN 'extra' END AS sugar, CASE default_temperature WHEN 1 THEN 'hot' WHEN 2 THEN 'iced'"
           " ELSE 'n/a' END AS temperature FROM scm_commodity__t_commodity_base_info WHERE tenant = 'LKUS'"))
    expected[r.integer("id")] = {r.text("nutrition_grade"), r.text("sugar"), r.text("temperature")};
  std::map<int64_t, int64_t> formulas;
  for (const Row r : wh->query("SELECT commodity_id, COUNT(*) AS n FROM iot_platform__t_coffee_formula"
                               " WHERE tenant = 'LKUS' AND status = 1 GROUP BY commodity_id"))
    formulas[r.integer("commodity_id")] = r.integer("n");
  ASSERT_FALSE(formulas.empty());
  const auto grade = by_product(unfiltered(), "nutrition_grade"), sugar = by_product(unfiltered(), "sugar_level"),
             temperature = by_product(unfiltered(), "temperature"), count = by_product(unfiltered(), "formulas");
  ASSERT_EQ(grade.size(), expected.size());
  for (const auto& [id, e] : expected) {
    EXPECT_EQ(std::get<std::string>(grade.at(id)), std::get<0>(e)) << id;
    EXPECT_EQ(std::get<std::string>(sugar.at(id)), std::get<1>(e)) << id;
    EXPECT_EQ(std::get<std::string>(temperature.at(id)), std::get<2>(e)) << id;
    EXPECT_EQ(std::get<int64_t>(count.at(id)), formulas.count(id) ? formulas.at(id) : 0) << id;
  }
}

TEST(MenuAttributes, TheFormulasPanelListsTheActiveFormulasOfTheProductsInScope) {
  auto wh = testing::open_shared_warehouse();
  std::set<std::pair<int64_t, int64_t>> expected;  // (product, formula)
  for (const Row r : wh->query("SELECT f.commodity_id AS spu_id, f.id AS formula_id FROM iot_platform__t_coffee_formula f"
                               " JOIN scm_commodity__t_commodity_base_info p ON p.id = f.commodity_id"
                               " WHERE f.tenant = 'LKUS' AND p.tenant = 'LKUS' AND f.status = 1"
                               " AND p.default_temperature = 2"))
    expected.insert({r.integer("spu_id"), r.integer("formula_id")});
  ASSERT_FALSE(expected.empty());
  const Report iced = menu({{"temperature", "iced"}});
  const Panel& p = *iced.panel("formulas");
  std::set<std::pair<int64_t, int64_t>> found;
  for (const auto& row : p.table.rows)
    found.insert({std::get<int64_t>(row[column(p, "spu_id")]), std::get<int64_t>(row[column(p, "formula_id")])});
  EXPECT_EQ(found, expected);
}

TEST(MenuAttributes, ABadFilterValueIsRefused) {
  auto wh = testing::open_shared_warehouse();
  const Tool& tool = ToolRegistry::instance().get("menu");
  for (const auto& [name, value] : std::vector<std::pair<std::string, std::string>>{
           {"temperature", "warm"}, {"sugar", "3"}, {"nutrition", "E"}, {"nutrition", "a"}}) {
    EXPECT_THROW(run_tool(tool, *wh, {{name, value}}), Error) << name << "=" << value;
  }
}

}  // namespace
}  // namespace luckyhub
