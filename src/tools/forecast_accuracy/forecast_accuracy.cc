// The forecast-accuracy analysis: the window's predictions joined with the
// actual consumption in two aggregates (per shop x goods x day, and per day
// x run day for lead times and weeks; derived tables, forecast_accuracy_pairs.cc), the baselines from the consumption
// series, and the segments. Integer sums come from SQL (milli-units, the
// ratios per pair in millionths), so both engines give the same figures.
#include "tools/forecast_accuracy/forecast_accuracy.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <tuple>

#include "tools/forecast_accuracy/forecast_accuracy_tables.h"
#include "warehouse/derived_table.h"

namespace luckyhub::forecast_accuracy {
namespace {

constexpr double kMilli = 1000.0;
const char* const kWeekdays[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};

// The window's days of a table of pairs' sums (forecast_accuracy_tables.h):
// `columns` and the sums. Read inline (a warehouse without the table), the
// predictions and the consumption are filtered to the window's days.
Query sums_query(Warehouse& wh, const Window& w, std::string_view table, const std::string& columns,
                 const std::string& order) {
  SourceFilters filters;
  auto days = [&](const std::string& column) {
    return SourceFilter{column + " >= ? AND " + column + " < ?", {w.from.str(), w.to.str()}};
  };
  filters[std::string(kPredictions)] = days("pred_date");
  for (const std::string_view t : stock::kWeekdayTables) filters[std::string(t)] = days("biz_date");
  Query q = pair_sums_from(wh, table, filters);
  std::string sums;
  for (const std::string_view c : kSumColumns) sums += ", " + std::string(c);
  q.sql = "SELECT " + columns + sums + " FROM " + q.sql + " d WHERE " + w.range(wh.dialect(), "pred_date") + " ORDER BY " + order;
  q.params.push_back(w.from.str());
  q.params.push_back(w.to.str());
  return q;
}

Query by_key_query(Warehouse& wh, const Window& w) {
  return sums_query(wh, w, kPairsPerKey,
                    "shop_id, goods_id, " + wh.dialect().date_text("pred_date") + " AS day, actual",
                    "shop_id, goods_id, day");
}

Query by_run_query(Warehouse& wh, const Window& w) {
  const Dialect& d = wh.dialect();
  return sums_query(wh, w, kPairsPerRun, d.date_text("pred_date") + " AS day, " + d.date_text("run_day") + " AS run",
                    "day, run");
}

// The consumption from a week before the window, and each shop's first day.
Query consumption_query(Warehouse& wh, const Window& w) {
  Query c = derived_from(wh, kDailyConsumption);
  Query q{"SELECT shop_id, goods_id, " + wh.dialect().date_text("biz_date") + " AS day, consumed FROM " + c.sql +
              " c WHERE biz_date >= ? AND biz_date < ? ORDER BY shop_id, goods_id, day",
          std::move(c.params)};
  q.params.push_back((w.from - 7).str());
  q.params.push_back(w.to.str());
  return q;
}

Query first_days_query(Warehouse& wh) {
  Query c = derived_from(wh, kDailyConsumption);
  c.sql = "SELECT shop_id, " + wh.dialect().date_text("MIN(biz_date)") + " AS first_day FROM " + c.sql +
          " c WHERE consume_rows > 0 GROUP BY shop_id ORDER BY shop_id";
  return c;
}

using SeriesKey = std::pair<int64_t, int64_t>;  // shop, goods

struct Goods {
  std::string name, category;
};

std::optional<double> median(std::vector<double> v) {
  if (v.empty()) return std::nullopt;
  std::sort(v.begin(), v.end());
  const size_t m = v.size() / 2;
  return v.size() % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
}

void judge(Segment& s, const std::vector<double>& relative_biases, double threshold) {
  s.median_relative_bias = median(relative_biases);
  s.biased = s.median_relative_bias && std::abs(*s.median_relative_bias) >= threshold;
}

// Stores and categories from the SKU-stores, with their bias verdicts.
void segment_sku_stores(ForecastAccuracy& fa, double threshold) {
  std::map<int64_t, std::vector<double>> store_biases;
  std::map<int64_t, Segment> stores;
  for (const SkuStore& k : fa.sku_stores) {
    Segment& s = stores[k.shop_id];
    s.id = std::to_string(k.shop_id);
    s.label = "Shop " + s.id;
    s.sums.merge(k.sums);
    ++s.sku_stores;
    if (auto b = k.relative_bias()) store_biases[k.shop_id].push_back(*b);
  }
  for (auto& [shop, s] : stores) {
    judge(s, store_biases[shop], threshold);
    fa.stores.push_back(s);
  }
  std::map<std::string, std::vector<double>> category_biases;
  std::map<std::string, Segment> categories;
  for (const SkuStore& k : fa.sku_stores) {
    Segment& s = categories[k.category];
    s.id = s.label = k.category;
    s.sums.merge(k.sums);
    ++s.sku_stores;
    const bool store_biased = stores[k.shop_id].biased;
    if (auto b = k.relative_bias(); b && !store_biased) category_biases[k.category].push_back(*b);
  }
  for (auto& [name, s] : categories) {
    judge(s, category_biases[name], threshold);
    fa.categories.push_back(s);
  }
}

}  // namespace

forecast::ErrorSums read_sums(const Row& row) {
  forecast::ErrorSums s;
  s.n = row.integer("n");
  s.abs_error = static_cast<double>(row.integer("abs_error")) / kMilli;
  s.abs_actual = static_cast<double>(row.integer("abs_actual")) / kMilli;
  s.signed_error = static_cast<double>(row.integer("signed_error")) / kMilli;
  s.zero_actuals = row.integer("zero_actuals");
  s.hits_20 = row.integer("hits");
  s.ape = static_cast<double>(row.integer("ape_ppm")) / 1e6;
  s.sape = static_cast<double>(row.integer("sape_ppm")) / 1e6;
  return s;
}

Status wape_status(const std::optional<double>& wape) {
  if (!wape) return Status::kNone;
  return *wape < 0.2 ? Status::kGreen : *wape < 0.35 ? Status::kYellow : Status::kRed;
}

forecast::ErrorSums overall_sums(Warehouse& wh, const Window& w) {
  const Query q = by_key_query(wh, w);
  forecast::ErrorSums sums;
  for (const Row row : wh.query(q.sql, q.params)) sums.merge(read_sums(row));
  return sums;
}

std::optional<double> SkuStore::relative_bias() const {
  if (sums.abs_actual <= 0) return std::nullopt;
  return sums.signed_error / sums.abs_actual;
}

ForecastAccuracy analyse(Warehouse& wh, const Window& w, double bias_threshold) {
  const std::vector<ResultSet> r = wh.query_all(
      {by_key_query(wh, w), by_run_query(wh, w), consumption_query(wh, w), first_days_query(wh),
       Query{"SELECT id, goods_name, goods_category FROM scm_commodity__t_mdm_goods ORDER BY id", {}}});
  std::map<int64_t, Goods> goods;
  for (const Row row : r[4]) goods[row.integer("id")] = {row.text("goods_name"), row.text("goods_category")};
  std::map<std::tuple<int64_t, int64_t, int32_t>, int64_t> consumed;
  for (const Row row : r[2])
    consumed[{row.integer("shop_id"), row.integer("goods_id"), Date::parse(row.text("day")).days}] = row.integer("consumed");
  std::map<int64_t, Date> first_day;
  for (const Row row : r[3]) first_day[row.integer("shop_id")] = Date::parse(row.text("first_day"));
  auto actual_at = [&](int64_t shop, int64_t g, Date day) {
    const auto it = consumed.find({shop, g, day.days});
    return it == consumed.end() ? 0.0 : static_cast<double>(it->second) / kMilli;
  };

  ForecastAccuracy fa;
  std::map<SeriesKey, SkuStore> series;
  std::array<Segment, 7> weekdays;
  std::map<std::pair<std::string, int32_t>, forecast::ErrorSums> category_weeks;
  for (const Row row : r[0]) {
    const int64_t shop = row.integer("shop_id"), g = row.integer("goods_id");
    const Date day = Date::parse(row.text("day"));
    const forecast::ErrorSums sums = read_sums(row);
    fa.overall.merge(sums);
    SkuStore& k = series[{shop, g}];
    k.shop_id = shop, k.goods_id = g, k.goods_name = goods[g].name, k.category = goods[g].category;
    k.sums.merge(sums);
    weekdays[day.weekday()].sums.merge(sums);
    category_weeks[{k.category, (day - day.weekday()).days}].merge(sums);
    const auto first = first_day.find(shop);
    if (first == first_day.end() || day - 7 < first->second) continue;
    // The baselines on the same pairs: each of the day's predictions against
    // the same naive value.
    const double actual = static_cast<double>(row.integer("actual")) / kMilli;
    double week = 0;
    for (int back = 1; back <= 7; ++back) week += actual_at(shop, g, day - back);
    const double last_week = actual_at(shop, g, day - 7);
    fa.system_vs_baselines.merge(sums);
    for (int64_t i = 0; i < sums.n; ++i) {
      fa.last_week.add(actual, last_week);
      fa.trailing_mean.add(actual, week / 7);
    }
  }
  for (auto& [key, k] : series) fa.sku_stores.push_back(k);
  for (auto& [key, sums] : category_weeks) fa.category_weeks.push_back({key.first, Date{key.second}, sums});
  for (int i = 0; i < 7; ++i) {
    weekdays[i].id = weekdays[i].label = kWeekdays[i];
    if (weekdays[i].sums.n > 0) fa.weekdays.push_back(weekdays[i]);
  }
  std::map<int, Segment> leads;
  std::map<int32_t, Segment> weeks;
  for (const Row row : r[1]) {
    const Date day = Date::parse(row.text("day"));
    const int lead = day - Date::parse(row.text("run"));
    const forecast::ErrorSums sums = read_sums(row);
    Segment& l = leads[lead];
    l.id = std::to_string(lead);
    l.label = std::to_string(lead) + (lead == 1 ? " day" : " days");
    l.sums.merge(sums);
    const Date monday = day - day.weekday();
    Segment& wk = weeks[monday.days];
    wk.id = wk.label = monday.str();
    wk.sums.merge(sums);
  }
  for (auto& [lead, s] : leads) fa.leads.push_back(s);
  for (auto& [monday, s] : weeks) fa.weeks.push_back(s);
  segment_sku_stores(fa, bias_threshold);
  return fa;
}

std::vector<SkuStore> worst_predicted(const std::vector<SkuStore>& sku_stores, size_t count) {
  std::vector<SkuStore> out;
  for (const SkuStore& k : sku_stores)
    if (k.sums.n >= 7 && k.sums.abs_actual > 0) out.push_back(k);
  auto wape = [](const SkuStore& k) { return k.sums.abs_error / k.sums.abs_actual; };
  std::stable_sort(out.begin(), out.end(), [&](const SkuStore& a, const SkuStore& b) { return wape(a) > wape(b); });
  if (out.size() > count) out.resize(count);
  return out;
}

}  // namespace luckyhub::forecast_accuracy
