// Seasonality: the iced and hot shares of drinks by month, and each
// product's summer / winter index with its flag (the rule in menu.h).
#include <cmath>
#include <set>

#include "tools/menu/menu_panels.h"

namespace luckyhub::menu {
namespace {

bool summer(Date d) { return d.month() >= 6 && d.month() <= 8; }
bool winter(Date d) { return d.month() == 12 || d.month() <= 2; }

}  // namespace

const char* to_string(Season s) {
  switch (s) {
    case Season::kSummer: return "summer";
    case Season::kWinter: return "winter";
    case Season::kNotBoth: return "not both seasons";
    case Season::kNone: break;
  }
  return "";
}

void classify_season(SeasonFigures& f) {
  f.index.reset();
  f.z.reset();
  f.season = Season::kNotBoth;
  if (f.summer_days < kSeasonMinDays || f.winter_days < kSeasonMinDays || f.summer_total == 0 || f.winter_total == 0) return;
  const double su = static_cast<double>(f.summer_units) + 0.5, wu = static_cast<double>(f.winter_units) + 0.5;
  const double index = (su / static_cast<double>(f.summer_total)) / (wu / static_cast<double>(f.winter_total));
  const double z = std::log(index) / std::sqrt(1 / su + 1 / wu);
  f.index = index;
  f.z = z;
  f.season = index >= kSeasonIndex && z >= kSeasonZ          ? Season::kSummer
             : index <= 1 / kSeasonIndex && z <= -kSeasonZ ? Season::kWinter
                                                            : Season::kNone;
}

std::map<int64_t, SeasonFigures> seasonality(const MenuData& data, Date from, Date to) {
  std::map<int32_t, int64_t> all;  // day -> every product's units
  std::map<int64_t, std::map<int32_t, int64_t>> by_product;
  for (const ProductDay& d : data.days) {
    if (d.day < from || d.day >= to || d.sales.units == 0) continue;
    all[d.day.days] += d.sales.units;
    by_product[d.spu_id][d.day.days] += d.sales.units;
  }
  std::map<int64_t, SeasonFigures> out;
  for (const auto& [spu, days] : by_product) {
    const int32_t first = days.begin()->first, last = days.rbegin()->first;
    SeasonFigures f;
    for (auto it = all.lower_bound(first); it != all.end() && it->first <= last; ++it) {
      const Date day{it->first};
      const auto own = days.find(it->first);
      const int64_t units = own == days.end() ? 0 : own->second;
      if (summer(day)) f.summer_units += units, f.summer_total += it->second, ++f.summer_days;
      if (winter(day)) f.winter_units += units, f.winter_total += it->second, ++f.winter_days;
    }
    classify_season(f);
    out[spu] = f;
  }
  return out;
}

Panel temperature_months_panel(const MenuData& data, const MenuScope& scope) {
  std::set<int64_t> in_scope;
  for (const Product* p : scoped_products(data, scope)) in_scope.insert(p->spu_id);
  std::map<std::string, std::pair<int64_t, int64_t>> months;  // month -> iced, hot
  for (const ProductDay& d : data.days) {
    if (d.day < scope.window.from || d.day >= scope.window.to || !in_scope.count(d.spu_id)) continue;
    auto& m = months[d.day.month_str()];
    m.first += d.iced_units;
    m.second += d.hot_units;
  }
  Panel p{.id = "temperature_months", .title = "Iced and hot drinks by month", .kind = PanelKind::kTimeseries};
  p.description = "Each month's drinks served iced and hot, as shares of the drinks served either way (food left out).";
  p.series.x_label = "Month";
  p.series.x_type = ValueType::kMonth;
  Series iced{.id = "iced_share", .label = "Iced", .type = ValueType::kRate};
  Series hot{.id = "hot_share", .label = "Hot", .type = ValueType::kRate};
  for (const auto& [month, m] : months) {
    p.series.x.push_back(month);
    const int64_t n = m.first + m.second;
    iced.values.push_back(n ? Cell{static_cast<double>(m.first) / static_cast<double>(n)} : Cell{});
    hot.values.push_back(n ? Cell{static_cast<double>(m.second) / static_cast<double>(n)} : Cell{});
  }
  p.series.series = {iced, hot};
  return p;
}

Panel seasonality_panel(const MenuData& data, const MenuScope& scope) {
  Panel p{.id = "seasonality", .title = "Seasonal products", .kind = PanelKind::kTable};
  p.description =
      "Each product's share of all units on the summer days (June-August) and on the winter days "
      "(December-February) between its first and last sale in the window; index = summer share / winter share "
      "(half a unit added to each count), z = ln index / sqrt(1/summer units + 1/winter units). Summer product: "
      "index >= 3 and z >= 3; winter product: index <= 1/3 and z <= -3; 14 days of each season needed.";
  p.table.columns = {{"spu_id", "Product id", ValueType::kInt},
                     {"product", "Product", ValueType::kText},
                     {"category", "Category", ValueType::kText},
                     {"season", "Season", ValueType::kText},
                     {"index", "Summer / winter index", ValueType::kNumber},
                     {"z", "z", ValueType::kNumber},
                     {"summer_units", "Summer units", ValueType::kInt},
                     {"winter_units", "Winter units", ValueType::kInt},
                     {"summer_share", "Summer share", ValueType::kRate},
                     {"winter_share", "Winter share", ValueType::kRate}};
  const std::map<int64_t, SeasonFigures> figures = seasonality(data, scope.window.from, scope.window.to);
  const auto share = [](int64_t units, int64_t total) {
    return total ? Cell{static_cast<double>(units) / static_cast<double>(total)} : Cell{};
  };
  for (const Product* product : scoped_products(data, scope)) {
    const auto it = figures.find(product->spu_id);
    if (it == figures.end()) continue;
    const SeasonFigures& f = it->second;
    p.table.rows.push_back({product->spu_id, product->name, product->category, std::string(to_string(f.season)),
                            f.index ? Cell{*f.index} : Cell{}, f.z ? Cell{*f.z} : Cell{}, f.summer_units,
                            f.winter_units, share(f.summer_units, f.summer_total),
                            share(f.winter_units, f.winter_total)});
  }
  return p;
}

}  // namespace luckyhub::menu
