// The menu report's scorecard, summary, category heat map and elasticity panels.
#include <algorithm>
#include <cmath>
#include <set>

#include "tools/menu/menu_panels.h"

namespace luckyhub::menu {
namespace {

Cell optional_cell(const std::optional<double>& v) { return v ? Cell{*v} : Cell{}; }

constexpr size_t kRollingDays = 30;

int64_t total_units(const std::map<int64_t, Sales>& sales) {
  int64_t n = 0;
  for (const auto& [id, s] : sales) n += s.units;
  return n;
}

// Growth of the last 30 days of the window over the 30 before; none without
// a base.
std::optional<double> trend(const MenuData& data, int64_t spu_id, Date to) {
  int64_t last = 0, before = 0;
  for (const ProductDay& d : data.days) {
    if (d.spu_id != spu_id) continue;
    if (d.day >= to - 30 && d.day < to) last += d.sales.units;
    else if (d.day >= to - 60 && d.day < to - 30) before += d.sales.units;
  }
  if (before == 0) return std::nullopt;
  return static_cast<double>(last - before) / static_cast<double>(before);
}

}  // namespace

std::vector<const Product*> scoped_products(const MenuData& data, const MenuScope& scope) {
  std::vector<const Product*> out;
  for (const Product& p : data.products) {
    if (scope.category.empty() || p.category == scope.category) out.push_back(&p);
  }
  return out;
}

Panel summary_panel(const MenuData& data, const MenuScope& scope, const std::vector<CategoryMatrix>& matrices) {
  const std::map<int64_t, Sales> sales = sales_between(data, scope.window.from, scope.window.to);
  int64_t units = 0, revenue = 0, sold = 0, unknown = 0;
  for (const Product* p : scoped_products(data, scope)) {
    const auto it = sales.find(p->spu_id);
    if (it == sales.end() || it->second.units == 0) continue;
    ++sold;
    units += it->second.units;
    revenue += it->second.revenue_cents;
    if (!it->second.cost_known) ++unknown;
  }
  int64_t stars = 0, dogs = 0;
  for (const CategoryMatrix& c : matrices) {
    for (const ClassifiedItem& i : c.matrix.items) stars += i.cls == MenuClass::kStar, dogs += i.cls == MenuClass::kDog;
  }
  Panel p{.id = "summary", .title = "Menu performance", .kind = PanelKind::kKpis};
  p.kpis = {
      {"products_sold", "Products sold", sold, ValueType::kInt, "", "", Status::kNone,
       "of " + std::to_string(scoped_products(data, scope).size()) + " in the catalog"},
      {"units", "Units sold", units},
      {"revenue", "Revenue", revenue, ValueType::kMoney, "USD"},
      {"stars", "Stars", stars, ValueType::kInt, "", "", Status::kNone, "popular and profitable in their category"},
      {"dogs", "Dogs", dogs, ValueType::kInt, "", "", dogs > 0 ? Status::kYellow : Status::kNone,
       "neither: candidates to rework or retire"},
      {"unknown_cost", "Products with an unknown cost", unknown, ValueType::kInt, "", "",
       unknown > 0 ? Status::kYellow : Status::kGreen, "a recipe goods was never purchased"},
  };
  return p;
}

Panel scorecard_panel(const MenuData& data, const MenuScope& scope) {
  const std::map<int64_t, Sales> sales = sales_between(data, scope.window.from, scope.window.to);
  const int64_t all_units = total_units(sales);
  int64_t all_revenue = 0;
  for (const auto& [id, s] : sales) all_revenue += s.revenue_cents;
  Panel p{.id = "scorecard", .title = "Product scorecard", .kind = PanelKind::kTable};
  p.description =
      "Paid US items by New York day of payment. Margin = average sale price - ingredient cost of the recipe "
      "sold (unknown when a goods was never purchased). Production time: ticket accepted -> item done, "
      "times over 30 minutes left out and counted apart. Trend: the last 30 days over the 30 before.";
  p.table.columns = {{"spu_id", "Product id", ValueType::kInt},
                     {"product", "Product", ValueType::kText, "", "", "/tools/menu?product={spu_id}"},
                     {"category", "Category", ValueType::kText},
                     {"units", "Units", ValueType::kInt},
                     {"revenue_cents", "Revenue", ValueType::kMoney, "USD"},
                     {"revenue_share", "Revenue share", ValueType::kRate},
                     {"unit_share", "Unit share", ValueType::kRate},
                     {"avg_list_cents", "Average list price", ValueType::kNumber, "", "cents"},
                     {"avg_sale_cents", "Average sale price", ValueType::kNumber, "", "cents"},
                     {"discount_depth", "Discount depth", ValueType::kRate},
                     {"unit_cost_cents", "Ingredient cost", ValueType::kNumber, "", "cents"},
                     {"margin_cents", "Contribution margin", ValueType::kNumber, "", "cents"},
                     {"cost", "Cost", ValueType::kText},
                     {"production_p50_s", "Production p50", ValueType::kNumber, "", "s"},
                     {"production_p95_s", "Production p95", ValueType::kNumber, "", "s"},
                     {"production_outliers", "Production outliers", ValueType::kInt},
                     {"trend_30d", "30-day trend", ValueType::kRate},
                     {"nutrition_grade", "Nutrition grade", ValueType::kText},
                     {"sugar_level", "Sugar level", ValueType::kText},
                     {"temperature", "Temperature", ValueType::kText},
                     {"formulas", "Machine formulas", ValueType::kInt}};
  for (const Product* product : scoped_products(data, scope)) {
    const auto it = sales.find(product->spu_id);
    const Sales s = it == sales.end() ? Sales{} : it->second;
    const double units = static_cast<double>(s.units);
    const auto prod = data.production.find(product->spu_id);
    std::vector<Cell> row = {product->spu_id, product->name, product->category, s.units, s.revenue_cents,
                             all_revenue ? Cell{static_cast<double>(s.revenue_cents) / static_cast<double>(all_revenue)} : Cell{},
                             all_units ? Cell{units / static_cast<double>(all_units)} : Cell{}};
    if (s.units > 0) {
      row.push_back(static_cast<double>(s.list_cents) / units);
      row.push_back(static_cast<double>(s.revenue_cents) / units);
      row.push_back(s.list_cents ? Cell{1 - static_cast<double>(s.revenue_cents) / static_cast<double>(s.list_cents)} : Cell{});
      row.push_back(s.cost_known ? Cell{s.cost_cents / units} : Cell{});
    } else {
      row.insert(row.end(), {Cell{}, Cell{}, Cell{}, Cell{}});
    }
    row.push_back(optional_cell(s.margin()));
    row.push_back(std::string(s.units == 0 ? "" : s.cost_known ? "known" : "unknown"));
    if (prod != data.production.end() && prod->second.count() > 0) {
      row.push_back(static_cast<double>(prod->second.percentile(0.5)));
      row.push_back(static_cast<double>(prod->second.percentile(0.95)));
    } else {
      row.insert(row.end(), {Cell{}, Cell{}});
    }
    row.push_back(prod == data.production.end() ? int64_t{0} : prod->second.outliers());
    row.push_back(optional_cell(trend(data, product->spu_id, scope.window.to)));
    static const char* const kSugar[] = {"none", "low", "standard", "extra"};
    const auto formulas = data.formulas.find(product->spu_id);
    row.push_back(product->nutrition);
    row.push_back(std::string(product->sugar_level >= 0 && product->sugar_level <= 3 ? kSugar[product->sugar_level] : "other"));
    row.push_back(std::string(temperature_name(product->temperature)));
    row.push_back(static_cast<int64_t>(formulas == data.formulas.end() ? 0 : formulas->second.size()));
    p.table.rows.push_back(std::move(row));
  }
  return p;
}

namespace {

// Beside each row of the category heat map, its category's 30-day rolling
// average of units per day: for each day of the window, the mean of the
// category's daily units over the window's days among the 30 ending that day
// (fewer at the window's start).
void add_sparklines(Panel& p, const MenuData& data, const MenuScope& scope, const std::map<int64_t, std::string>& category) {
  const Date from = scope.window.from, to = scope.window.to;
  if (to <= from) return;
  const size_t n = static_cast<size_t>(to - from);
  std::map<std::string, std::vector<int64_t>> daily;
  for (const std::string& name : p.heatmap.y) daily[name].assign(n, 0);
  for (const ProductDay& d : data.days) {
    if (d.day < from || d.day >= to || !category.count(d.spu_id)) continue;
    daily[category.at(d.spu_id)][static_cast<size_t>(d.day - from)] += d.sales.units;
  }
  p.series.x_label = "30-day rolling average of units per day";
  for (size_t i = 0; i < n; ++i) p.series.x.push_back((from + static_cast<int32_t>(i)).str());
  for (const std::string& name : p.heatmap.y) {
    const std::vector<int64_t>& units = daily[name];
    Series s{.id = name, .label = name, .type = ValueType::kNumber, .unit = "units/day"};
    int64_t sum = 0;
    for (size_t i = 0; i < n; ++i) {
      sum += units[i];
      if (i >= kRollingDays) sum -= units[i - kRollingDays];
      s.values.push_back(static_cast<double>(sum) / static_cast<double>(std::min(i + 1, kRollingDays)));
    }
    p.series.series.push_back(std::move(s));
  }
}

}  // namespace

// Units per category and ISO week (weeks start on Monday) of the window.
Panel category_weeks_panel(const MenuData& data, const MenuScope& scope) {
  std::map<int64_t, std::string> category;
  for (const Product* p : scoped_products(data, scope)) category[p->spu_id] = p->category;
  std::map<std::string, std::map<int32_t, int64_t>> units;  // category -> week start -> units
  std::set<int32_t> weeks;
  for (const ProductDay& d : data.days) {
    if (d.day < scope.window.from || d.day >= scope.window.to || !category.count(d.spu_id)) continue;
    const Date week = d.day - d.day.weekday();
    units[category[d.spu_id]][week.days] += d.sales.units;
    weeks.insert(week.days);
  }
  Panel p{.id = "category_weeks", .title = "Categories by week", .kind = PanelKind::kHeatmap};
  p.description =
      "Units sold per category and week (weeks from Monday). Beside each category, its 30-day rolling average "
      "of units per day over the window (fewer days at the window's start); the 30-day trend of each product is "
      "in the scorecard.";
  p.heatmap.x_label = "Week";
  p.heatmap.y_label = "Category";
  p.heatmap.value_label = "Units";
  for (int32_t w : weeks) p.heatmap.x.push_back(Date{w}.str());
  for (const auto& [name, by_week] : units) {
    p.heatmap.y.push_back(name);
    std::vector<Cell> row;
    for (int32_t w : weeks) {
      const auto it = by_week.find(w);
      row.push_back(it == by_week.end() ? int64_t{0} : it->second);
    }
    p.heatmap.values.push_back(std::move(row));
  }
  add_sparklines(p, data, scope, category);
  return p;
}

Panel elasticity_panel(const MenuData& data, const MenuScope& scope) {
  Panel p{.id = "elasticity", .title = "Price elasticity from list-price changes", .kind = PanelKind::kTable};
  p.description =
      "Log-log OLS of a product's share of its store's units on its base list price (medium or food), one "
      "observation per store and month, with store and month fixed effects (a difference in differences: "
      "stores that did not change their price are the control); 95% interval from Student's t. "
      "Without a price change: not enough variation.";
  p.table.columns = {{"spu_id", "Product id", ValueType::kInt},
                     {"product", "Product", ValueType::kText},
                     {"category", "Category", ValueType::kText},
                     {"price_changes", "Price changes", ValueType::kInt},
                     {"observations", "Observations", ValueType::kInt},
                     {"elasticity", "Elasticity", ValueType::kNumber},
                     {"low", "95% low", ValueType::kNumber},
                     {"high", "95% high", ValueType::kNumber},
                     {"note", "Note", ValueType::kText}};
  std::map<int64_t, const Product*> in_scope;
  for (const Product* product : scoped_products(data, scope)) in_scope[product->spu_id] = product;
  for (const ProductElasticity& e : elasticities(data)) {
    const auto it = in_scope.find(e.spu_id);
    if (it == in_scope.end()) continue;
    const auto& est = e.result.estimate;
    p.table.rows.push_back({e.spu_id, it->second->name, it->second->category, int64_t{e.result.price_changes},
                            est ? Cell{int64_t{est->observations}} : Cell{}, est ? Cell{est->elasticity} : Cell{},
                            est ? Cell{est->low} : Cell{}, est ? Cell{est->high} : Cell{}, e.result.note});
  }
  return p;
}

}  // namespace luckyhub::menu
