// The matrix panels: the threshold arithmetic per category, the quadrant
// scatter (each product against its own category's lines), the classified
// products and the moves between the last two months.
#include <cmath>
#include <cstdio>

#include "tools/menu/menu_panels.h"

namespace luckyhub::menu {
namespace {

const Product* find_product(const MenuData& data, int64_t spu_id) {
  for (const Product& p : data.products) {
    if (p.spu_id == spu_id) return &p;
  }
  return nullptr;
}

std::string dollars(double cents) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "$%.4f", cents / 100);
  return buf;
}

}  // namespace

Panel matrix_math_panel(const std::vector<CategoryMatrix>& matrices) {
  Panel p{.id = "matrix_thresholds", .title = "Menu-engineering thresholds, per category", .kind = PanelKind::kTable};
  p.description =
      "Kasavana & Smith: an item is popular when its share of its category's units is at least 70% x 1 / "
      "(items in the category), profitable when its contribution margin is at least the category's average "
      "margin weighted by units sold (sum units x margin / sum units). Not a median split, not an unweighted mean.";
  p.table.columns = {{"category", "Category", ValueType::kText},
                     {"items", "Items", ValueType::kInt},
                     {"units", "Units", ValueType::kInt},
                     {"popularity_cut", "Popularity cut (0.70 / items)", ValueType::kRate},
                     {"margin_units_cents", "Sum units x margin", ValueType::kMoney, "USD"},
                     {"average_margin_cents", "Weighted average margin", ValueType::kNumber, "", "cents"},
                     {"math", "Threshold math", ValueType::kText}};
  for (const CategoryMatrix& c : matrices) {
    const MenuThresholds& t = c.matrix.thresholds;
    char math[200];
    std::snprintf(math, sizeof math, "popular: share >= 0.70 / %d = %.4f; profitable: margin >= %s / %lld = %s",
                  t.items, t.popularity_cut, dollars(t.margin_sold).c_str(), static_cast<long long>(t.total_sold),
                  dollars(t.average_margin).c_str());
    p.table.rows.push_back({c.category, int64_t{t.items}, t.total_sold, t.popularity_cut,
                            static_cast<int64_t>(std::llround(t.margin_sold)), t.average_margin, std::string(math)});
  }
  return p;
}

Panel matrix_scatter_panel(const MenuData& data, const std::vector<CategoryMatrix>& matrices) {
  Panel p{.id = "matrix", .title = "Menu-engineering matrix", .kind = PanelKind::kScatter};
  p.description =
      "Each product against its own category's thresholds: x is its share of the category's units divided by "
      "the popularity cut (1 = the cut), y its margin less the category's weighted average margin (0 = the "
      "average). Size: units sold.";
  p.scatter.x_label = "Popularity (share / cut)";
  p.scatter.y_label = "Margin vs category average (cents)";
  p.scatter.x_split = 1;
  p.scatter.y_split = 0;
  p.scatter.quadrants = {"Stars", "Puzzles", "Dogs", "Plowhorses"};
  for (const CategoryMatrix& c : matrices) {
    for (size_t i = 0; i < c.spu_ids.size(); ++i) {
      const ClassifiedItem& item = c.matrix.items[i];
      const Product* product = find_product(data, c.spu_ids[i]);
      p.scatter.points.push_back({product ? product->name : std::to_string(c.spu_ids[i]),
                                  item.share / c.matrix.thresholds.popularity_cut,
                                  c.margins[i] - c.matrix.thresholds.average_margin,
                                  static_cast<double>(c.units[i]), to_string(item.cls)});
    }
  }
  return p;
}

Panel matrix_table_panel(const MenuData& data, const std::vector<CategoryMatrix>& matrices) {
  Panel p{.id = "matrix_items", .title = "Products by class", .kind = PanelKind::kTable};
  p.table.columns = {{"spu_id", "Product id", ValueType::kInt},
                     {"product", "Product", ValueType::kText},
                     {"category", "Category", ValueType::kText},
                     {"class", "Class", ValueType::kText},
                     {"units", "Units", ValueType::kInt},
                     {"share", "Share of category", ValueType::kRate},
                     {"popularity_cut", "Popularity cut", ValueType::kRate},
                     {"margin_cents", "Margin per unit", ValueType::kNumber, "", "cents"},
                     {"average_margin_cents", "Category average margin", ValueType::kNumber, "", "cents"}};
  for (const CategoryMatrix& c : matrices) {
    for (size_t i = 0; i < c.spu_ids.size(); ++i) {
      const Product* product = find_product(data, c.spu_ids[i]);
      p.table.rows.push_back({c.spu_ids[i], product ? product->name : "", c.category,
                              std::string(to_string(c.matrix.items[i].cls)), c.units[i], c.matrix.items[i].share,
                              c.matrix.thresholds.popularity_cut, c.margins[i], c.matrix.thresholds.average_margin});
    }
  }
  return p;
}

Panel moves_panel(const Moves& moves, const MenuScope& scope) {
  Panel p{.id = "moves", .title = "Moves since last month", .kind = PanelKind::kTable};
  p.description = "Products whose class changed from " + moves.before_month + " to " + moves.after_month +
                  " (each month's own thresholds).";
  p.table.columns = {{"spu_id", "Product id", ValueType::kInt},
                     {"product", "Product", ValueType::kText},
                     {"category", "Category", ValueType::kText},
                     {"before", moves.before_month, ValueType::kText},
                     {"after", moves.after_month, ValueType::kText}};
  for (const Move& m : moves.moves) {
    if (!scope.category.empty() && m.category != scope.category) continue;
    p.table.rows.push_back({m.spu_id, m.name, m.category, std::string(to_string(m.before)), std::string(to_string(m.after))});
  }
  return p;
}

}  // namespace luckyhub::menu
