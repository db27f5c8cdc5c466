// Tool 10, Product Performance & Menu Analytics Engine (id "menu"): every
// product's scorecard (volume, revenue and share, discount depth,
// contribution margin, production time, 30-day trend), the menu-engineering
// matrix per category (menu_engineering.h) with the moves between the last
// two months, a category x week heat map and price elasticities from real
// list-price changes (elasticity.h).
//
// Sales are items of paid LKUS orders in USD (menu_tables.h), by New York day
// of payment. The contribution margin of a unit is its sale price (pay_money
// / quantity) less its ingredient cost: the active recipe of its variant
// (t_formula_spu, status 1, the highest version) costed at the goods' average
// purchase price per stock unit (t_purchase_order_item amount / (quantity x
// t_mdm_goods.unit_ratio)). A goods never purchased makes its recipes' cost
// unknown, and a product selling such a variant has no margin: the report
// says "unknown" and leaves it out of the matrix.
//
// The analysis (menu_sales.cc, menu_costs.cc, menu_analysis.cc) reads the
// warehouse into the figures below; the report (menu_report.cc,
// menu_panels.cc) lays them out.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/calendar.h"
#include "domain/production_time.h"
#include "tools/menu/elasticity.h"
#include "tools/menu/menu_engineering.h"
#include "tools/window.h"
#include "warehouse/warehouse.h"

namespace luckyhub::menu {

// What the report looks at: the window, optionally one store, one category,
// one daypart and one order channel.
struct MenuScope {
  Window window;
  int64_t shop_id = 0;       // 0: every store
  std::string category;      // "": every category
  int daypart = 0;           // 0: all day; 1..4 (menu_tables.h)
  int channel = 0;           // 0: every channel; else t_order.channel
  int64_t product = 0;       // the product page of this spu_id; 0: none
  // Product attributes of t_commodity_base_info; -1 or "": any.
  int temperature = -1;      // default_temperature: 0 not applicable (food), 1 hot, 2 iced
  int sugar_level = -1;      // 0 no sugar, 1 low, 2 standard, 3 extra
  std::string nutrition;     // nutrition_grade, A best to D worst
};

// A product of the catalog.
struct Product {
  int64_t spu_id = 0;
  std::string name, category;
  int64_t list_cents = 0;  // default_price
  int status = 1;          // 1 on sale, 2 off sale, 3 retired
  int temperature = 0;     // default_temperature: 0 not applicable, 1 hot, 2 iced
  int sugar_level = 0;     // 0 no sugar, 1 low, 2 standard, 3 extra
  std::string nutrition;   // nutrition_grade A..D
};

// Whether a product has the scope's attributes (temperature, sugar level,
// nutrition grade); the category is the panels' own filter (scoped_products).
bool has_attributes(const Product& product, const MenuScope& scope);

// A variant's recipe cost, cents per unit; none when a goods has no price.
using VariantKey = std::tuple<int64_t, int64_t, int64_t>;  // spu_id, cup_size, temperature
using RecipeCosts = std::map<VariantKey, std::optional<double>>;

// Sales of one product in a period.
struct Sales {
  int64_t units = 0, revenue_cents = 0, list_cents = 0;
  double cost_cents = 0;      // units x their variant's recipe cost
  bool cost_known = true;     // every variant sold has a known cost
  void add(const Sales& o);
  // Contribution margin per unit, cents; none when a cost is unknown or nothing sold.
  std::optional<double> margin() const;
};

// Days of the window: one product's sales by day (New York day of payment).
struct ProductDay {
  int64_t spu_id = 0;
  Date day;
  Sales sales;
  int64_t iced_units = 0, hot_units = 0;  // of items served iced (temperature 2) and hot (1)
};

// One product at one store and day: what the price history needs.
struct StoreDay {
  int64_t spu_id = 0, shop_id = 0;
  Date day;
  int64_t units = 0;
  int64_t base_units = 0, base_list_cents = 0;  // medium or food lines: the base list price
};

// A machine formula (t_coffee_formula, active): what a product is brewed as
// on one machine type, cup size and temperature.
struct Formula {
  int64_t id = 0, spu_id = 0;
  std::string formula_no, name, machine_type;
  int cup_size = 0, temperature = 0, step_count = 0, version = 0;
};

struct MenuData {
  std::vector<Product> products;  // the LKUS catalog with the scope's attributes, by id
  std::map<int64_t, std::vector<Formula>> formulas;  // by spu_id: its active machine formulas
  RecipeCosts costs;
  std::vector<ProductDay> days;   // [window.from, window.to) and the two months before `to`
  std::vector<StoreDay> store_days;  // the window
  std::map<int64_t, production_time::Histogram> production;  // by spu_id, the window
};

// Reads everything the report needs, in one batch of queries (and the
// formulas, menu_formulas.cc, when the warehouse has the IoT tables).
MenuData read_menu(Warehouse& warehouse, const MenuScope& scope);
std::map<int64_t, std::vector<Formula>> read_formulas(Warehouse& warehouse);

// ---- derived figures (menu_analysis.cc) ----

// Each product's sales over [from, to).
std::map<int64_t, Sales> sales_between(const MenuData& data, Date from, Date to);

// The matrix of one category over a period: its products with units and a
// known margin, classified.
struct CategoryMatrix {
  std::string category;
  std::vector<int64_t> spu_ids;   // in the order of matrix.items
  std::vector<double> margins;    // cents per unit
  std::vector<int64_t> units;
  MenuMatrix matrix;
};
std::vector<CategoryMatrix> category_matrices(const MenuData& data, const std::map<int64_t, Sales>& sales);

// A product whose class changed between two months.
struct Move {
  int64_t spu_id = 0;
  std::string name, category;
  MenuClass before = MenuClass::kDog, after = MenuClass::kDog;
};
struct Moves {
  std::string before_month, after_month;  // 'YYYY-MM'
  std::vector<Move> moves;
};
// The last full month before `to` against the month before it.
Moves moves_before(const MenuData& data, Date to);

// A product's elasticity: one observation per store and month, its average
// base list price (medium or food lines) and its share of the store's units
// that month, with store and month effects (elasticity.h); the price changes
// counted day by day at each store.
struct ProductElasticity {
  int64_t spu_id = 0;
  ElasticityResult result;
};
std::vector<ProductElasticity> elasticities(const MenuData& data);

// Seasonality (menu_seasons.cc): a product's share of every product's units
// on the summer days (June-August, New York day of payment) and on the winter
// days (December-February) of its selling span (its first to its last day
// sold in the window), with half a unit added to each count:
//   index = ((summer units + 0.5) / summer total) / ((winter units + 0.5) / winter total)
//   z = ln index / sqrt(1 / (summer units + 0.5) + 1 / (winter units + 0.5))
// A summer product when index >= 3 and z >= 3, a winter product when
// index <= 1/3 and z <= -3; unclassified without 14 days of each season in
// its span.
inline constexpr int kSeasonMinDays = 14;
inline constexpr double kSeasonIndex = 3, kSeasonZ = 3;
enum class Season { kNone, kSummer, kWinter, kNotBoth };
const char* to_string(Season s);  // "", "summer", "winter", "not both seasons"
struct SeasonFigures {
  int64_t summer_units = 0, summer_total = 0, winter_units = 0, winter_total = 0;
  int summer_days = 0, winter_days = 0;
  std::optional<double> index, z;  // none without both seasons
  Season season = Season::kNotBoth;
};
// Fills index, z and season from the counts.
void classify_season(SeasonFigures& f);
// Every product of `data` that sold in the window, by spu_id.
std::map<int64_t, SeasonFigures> seasonality(const MenuData& data, Date from, Date to);

// The first day of the month of `day`, and of the months before.
Date month_start(Date day);
Date months_before(Date month, int n);

}  // namespace luckyhub::menu
