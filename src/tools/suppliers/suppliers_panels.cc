#include "tools/suppliers/suppliers_panels.h"

#include <algorithm>
#include <cmath>
#include <set>

namespace luckyhub::suppliers {
namespace {

std::string supplier_label(const Analysis& a, int64_t id) {
  const Scorecard* c = a.find(id);
  return c && !c->name.empty() ? c->name : "supplier " + std::to_string(id);
}

double percentile(const std::vector<int>& sorted, double q) {
  return static_cast<double>(supply::nearest_rank(sorted, q));
}

// The average unit price of a trend, cents: amount / quantity (milli units).
Cell average_cents(const PriceTrend& t) {
  if (t.quantity_milli <= 0) return Cell{};
  return Cell{static_cast<int64_t>(std::llround(static_cast<double>(t.amount_cents) * 1000.0 /
                                                static_cast<double>(t.quantity_milli)))};
}

}  // namespace

Panel lead_histogram(const Analysis& a) {
  Panel p{.id = "lead_histogram", .title = "Lead time distribution (all suppliers)", .kind = PanelKind::kBar};
  p.description = "Deliveries by days from order date to arrival.";
  p.series.x_label = "lead time (days)";
  std::map<int, int64_t> counts;
  for (const auto& [id, days] : a.lead_days)
    for (int d : days) ++counts[d];
  Series s{"deliveries", "Deliveries", ValueType::kInt};
  if (!counts.empty()) {
    for (int d = counts.begin()->first; d <= counts.rbegin()->first; ++d) {
      p.series.x.push_back(std::to_string(d));
      const auto it = counts.find(d);
      s.values.push_back(it == counts.end() ? int64_t{0} : it->second);
    }
  }
  p.series.series = {s};
  return p;
}

Panel lead_distribution(const Analysis& a) {
  Panel p{.id = "lead_times", .title = "Lead time per supplier", .kind = PanelKind::kDistribution};
  p.description = "Order date to arrival of each delivery; percentiles by nearest rank.";
  p.distribution.unit = "days";
  for (const auto& [id, days] : a.lead_days) {
    const auto stats = supply::lead_time_stats(days);
    p.distribution.groups.push_back({supplier_label(a, id), stats->n, static_cast<double>(stats->min),
                                     percentile(days, 0.25), percentile(days, 0.5), percentile(days, 0.75),
                                     percentile(days, 0.95), static_cast<double>(stats->max), stats->mean});
  }
  return p;
}

Panel price_index_chart(const Analysis& a) {
  Panel p{.id = "price_trend", .title = "Price trend per supplier", .kind = PanelKind::kTimeseries};
  p.description = "Mean over a month's order lines of unit price / the same SKU's first price in the window (1 = unchanged).";
  p.series.x_label = "month";
  p.series.x_type = ValueType::kMonth;
  std::set<std::string> months;
  for (const auto& [id, by_month] : a.price_index)
    for (const auto& [m, v] : by_month) months.insert(m);
  p.series.x.assign(months.begin(), months.end());
  for (const auto& [id, by_month] : a.price_index) {
    Series s{"supplier_" + std::to_string(id), supplier_label(a, id), ValueType::kNumber};
    for (const std::string& m : p.series.x) {
      const auto it = by_month.find(m);
      s.values.push_back(it == by_month.end() ? Cell{} : Cell{std::round(it->second * 10000) / 10000});
    }
    p.series.series.push_back(std::move(s));
  }
  return p;
}

std::vector<Column> price_columns() {
  return {{"supplier_id", "Supplier", ValueType::kInt},     {"name", "Name", ValueType::kText},
          {"goods_id", "Goods", ValueType::kInt},           {"goods_name", "SKU", ValueType::kText},
          {"category", "Category", ValueType::kText},       {"lines", "Order lines", ValueType::kInt},
          {"first_date", "First order", ValueType::kDate},  {"first_price", "First price", ValueType::kMoney, "USD"},
          {"last_date", "Last order", ValueType::kDate},    {"last_price", "Last price", ValueType::kMoney, "USD"},
          {"average_price", "Average price", ValueType::kMoney, "USD"},
          {"change", "Change", ValueType::kRate}};
}

std::vector<Cell> price_cells(const Analysis& a, const PriceTrend& t) {
  return {t.supplier_id, supplier_label(a, t.supplier_id), t.goods_id, t.goods_name, t.category, t.lines,
          t.first_date, t.first_cents, t.last_date, t.last_cents, average_cents(t), t.change()};
}

Panel price_table(const Analysis& a) {
  Panel p{.id = "prices", .title = "Unit price per SKU and supplier", .kind = PanelKind::kTable};
  p.description = "First and last unit price in the window; an increase is flagged from the price_rise threshold "
                  "on two or more order lines. Flagged first, then by change.";
  p.table.columns = price_columns();
  p.table.columns.push_back({"flagged", "Increase", ValueType::kText});
  std::vector<const PriceTrend*> rows;
  for (const PriceTrend& t : a.prices) rows.push_back(&t);
  std::stable_sort(rows.begin(), rows.end(), [](const PriceTrend* x, const PriceTrend* y) {
    if (x->flagged != y->flagged) return x->flagged;
    return x->change() > y->change() + 1e-12;
  });
  for (const PriceTrend* t : rows) {
    std::vector<Cell> r = price_cells(a, *t);
    r.push_back(std::string(t->flagged ? "yes" : "no"));
    p.table.rows.push_back(std::move(r));
  }
  return p;
}

Panel shared_sku_table(const Analysis& a) {
  Panel p{.id = "shared_skus", .title = "Same SKU from several suppliers", .kind = PanelKind::kTable};
  const auto shared = shared_skus(a);
  p.description = shared.empty() ? "No SKU was bought from two suppliers in the window."
                                 : "Each SKU bought from two or more suppliers, cheapest average price first.";
  p.table.columns = price_columns();
  for (const auto& [goods, trends] : shared) {
    std::vector<const PriceTrend*> rows = trends;
    std::stable_sort(rows.begin(), rows.end(), [](const PriceTrend* x, const PriceTrend* y) {
      return x->amount_cents * y->quantity_milli < y->amount_cents * x->quantity_milli;
    });
    for (const PriceTrend* t : rows) p.table.rows.push_back(price_cells(a, *t));
  }
  return p;
}

Panel spend_by_category(const Analysis& a) {
  Panel p{.id = "spend_categories", .title = "Spend by goods category and month", .kind = PanelKind::kBar};
  p.description = "Order line amounts of the window's orders, by order month.";
  p.series.x_label = "month";
  p.series.x_type = ValueType::kMonth;
  p.series.x = a.spend.months;
  for (const auto& [category, by_month] : a.spend.by_category) {
    Series s{category, category, ValueType::kMoney, "USD"};
    for (const std::string& m : a.spend.months) {
      const auto it = by_month.find(m);
      s.values.push_back(it == by_month.end() ? int64_t{0} : it->second);
    }
    p.series.series.push_back(std::move(s));
  }
  return p;
}

Panel spend_category_pie(const Analysis& a) {
  Panel p{.id = "spend_category_share", .title = "Spend by goods category", .kind = PanelKind::kBar};
  p.description = "Order line amounts of the window's orders per goods category: choose one month as the window "
                  "(from, to) for that month's breakdown.";
  p.series.x_label = "goods category";
  Series s{"spend", "Spend", ValueType::kMoney, "USD"};
  s.draw = "pie";
  for (const auto& [category, by_month] : a.spend.by_category) {
    int64_t total = 0;
    for (const auto& [m, c] : by_month) total += c;
    p.series.x.push_back(category);
    s.values.push_back(total);
  }
  p.series.series = {s};
  return p;
}

Panel spend_by_supplier(const Analysis& a) {
  Panel p{.id = "spend_suppliers", .title = "Spend by supplier and month", .kind = PanelKind::kTable};
  p.table.columns = {{"supplier_id", "Supplier", ValueType::kInt}, {"name", "Name", ValueType::kText},
                     {"total", "Total", ValueType::kMoney, "USD"}, {"share", "Share", ValueType::kRate}};
  for (const std::string& m : a.spend.months) p.table.columns.push_back({"m" + m, m, ValueType::kMoney, "USD"});
  int64_t grand = 0;
  for (const auto& [id, by_month] : a.spend.by_supplier)
    for (const auto& [m, c] : by_month) grand += c;
  std::vector<std::pair<int64_t, int64_t>> totals;  // (total, supplier)
  for (const auto& [id, by_month] : a.spend.by_supplier) {
    int64_t total = 0;
    for (const auto& [m, c] : by_month) total += c;
    totals.push_back({total, id});
  }
  std::stable_sort(totals.begin(), totals.end(), [](const auto& x, const auto& y) { return x.first > y.first; });
  for (const auto& [total, id] : totals) {
    const auto& by_month = a.spend.by_supplier.at(id);
    std::vector<Cell> r = {id, supplier_label(a, id), total,
                           grand > 0 ? Cell{static_cast<double>(total) / static_cast<double>(grand)} : Cell{}};
    for (const std::string& m : a.spend.months) {
      const auto it = by_month.find(m);
      r.push_back(it == by_month.end() ? int64_t{0} : it->second);
    }
    p.table.rows.push_back(std::move(r));
  }
  return p;
}

}  // namespace luckyhub::suppliers
