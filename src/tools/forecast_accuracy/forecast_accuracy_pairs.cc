// The forecasts paired with their actuals, and their sums per shop x goods x
// day and per day x run day, kept as derived tables so that the report reads
// a few hundred thousand summed rows where it would join millions of
// predictions with the consumption twice.
#include <functional>
#include <string>
#include <vector>

#include "tools/forecast_accuracy/forecast_accuracy_tables.h"

namespace luckyhub::forecast_accuracy {

Query pairs(const Dialect& d, const SourceFilters& filters, const DerivedTable::Present* present) {
  Query q;
  const std::string predictions = filtered_source(filters, std::string(kPredictions), q.params);
  // The consumption from the stock-change tables themselves: a derived
  // table's SELECT reads sources, never another derived table.
  const Query c = DerivedTableRegistry::instance().get(kDailyConsumption).full_select(d, filters, present);
  q.params.insert(q.params.end(), c.params.begin(), c.params.end());
  // (join_left: on a cluster, the left side of a join read as a subquery.)
  q.sql = "(SELECT p.shop_id AS shop_id, p.goods_id AS goods_id, p.pred_date AS pred_date, p.predict_qty AS q,"
          " COALESCE(c.consumed, 0) AS a, p.create_time AS create_time"
          " FROM " + d.join_left(predictions) + " p LEFT JOIN (" + c.sql + ") c"
          " ON c.shop_id = p.shop_id AND c.goods_id = p.goods_id AND c.biz_date = p.pred_date"
          " WHERE p.tenant = 'LKUS') x";
  return q;
}

// The integer sums of the pairs in a group. A divisor is never 0, even in
// a CASE branch not taken: ClickHouse evaluates every branch.
std::string error_sums(const Dialect& d) {
  return "COUNT(*) AS n, SUM(abs(x.q - x.a)) AS abs_error, SUM(abs(x.a)) AS abs_actual, SUM(x.q - x.a) AS signed_error,"
         " SUM(CASE WHEN x.a = 0 THEN 1 ELSE 0 END) AS zero_actuals,"
         " SUM(CASE WHEN 5 * abs(x.q - x.a) <= abs(x.a) THEN 1 ELSE 0 END) AS hits,"
         " SUM(CASE WHEN x.a <> 0 THEN " + d.int_div("1000000 * abs(x.q - x.a)", "CASE WHEN x.a = 0 THEN 1 ELSE abs(x.a) END") + " ELSE 0 END) AS ape_ppm,"
         " SUM(CASE WHEN abs(x.a) + abs(x.q) > 0 THEN " + d.int_div("2000000 * abs(x.q - x.a)", "CASE WHEN abs(x.a) + abs(x.q) = 0 THEN 1 ELSE abs(x.a) + abs(x.q) END") +
         " ELSE 0 END) AS sape_ppm";
}

namespace {

// A table of the pairs' sums per group: its group's columns (the primary
// key) and `extra` before the sums, their SELECT items over x, and the
// recompute unit `key` (the group's first columns).
struct PairSums {
  std::string_view name;
  std::string comment;
  std::vector<ColumnDef> group, extra;
  std::function<std::string(const Dialect&)> items;  // the group's and extra's columns, over x
  std::vector<std::string> key;
};

// The key columns over a source whose day column is `day`.
std::string key_items(const std::vector<std::string>& key, std::string_view day, bool named) {
  std::string items;
  for (const std::string& k : key) {
    items += items.empty() ? "" : ", ";
    items += k != "pred_date" ? k : std::string(day) + (named ? " AS pred_date" : "");
  }
  return items;
}

// The SELECT of a table of pairs' sums, from the stock-change tables `present` says there are.
Query pair_sums_select(const std::function<std::string(const Dialect&)>& items, const std::string& group_by,
                       const Dialect& d, const SourceFilters& filters, const DerivedTable::Present* present) {
  Query q = pairs(d, filters, present);
  q.sql = "SELECT " + items(d) + ", " + error_sums(d) + " FROM " + q.sql + " GROUP BY " + group_by;
  return q;
}

std::string group_by(const PairSums& spec) {
  std::string out;
  for (const ColumnDef& c : spec.group) out += (out.empty() ? "" : ", ") + c.name;
  return out;
}

DerivedTable pair_sums_table(PairSums spec) {
  DerivedTable t{.owner = "forecast-accuracy", .refresh = DerivedRefresh::kRecompute};
  const std::string name(spec.name);
  t.def.database = name.substr(0, name.find("__"));
  t.def.name = name.substr(name.find("__") + 2);
  t.def.comment = spec.comment;
  for (const ColumnDef& c : spec.group) t.def.primary_key.push_back(c.name);
  t.def.columns = spec.group;
  t.def.columns.insert(t.def.columns.end(), spec.extra.begin(), spec.extra.end());
  for (const std::string_view c : kSumColumns) t.def.columns.push_back(not_null_column(std::string(c), ColumnType::kInt));
  t.key = spec.key;
  // A changed row feeds the keys of its shop, goods and day; a refresh
  // reads only the rows of the changed keys.
  auto source = [&](std::string_view table, std::string day) {
    return DerivedSource{
        .table = std::string(table),
        .of_rows = [key = spec.key, day](const Dialect&, std::string_view rows) {
          return "SELECT DISTINCT " + key_items(key, day, true) + " FROM " + std::string(rows);
        },
        .of_keys = [key = spec.key, day](const Dialect&, std::string_view keys) {
          return "(" + key_items(key, day, false) + ") IN (SELECT " + key_items(key, "pred_date", false) + " FROM " +
                 std::string(keys) + ")";
        }};
  };
  t.sources.push_back(source(kPredictions, "pred_date"));
  for (const std::string_view table : stock::kWeekdayTables) t.sources.push_back(source(table, "biz_date"));
  t.select = [items = spec.items, group_by = group_by(spec)](const Dialect& d, const SourceFilters& filters) {
    return pair_sums_select(items, group_by, d, filters, nullptr);
  };
  return t;
}

PairSums per_key() {
  return {.name = kPairsPerKey,
     .comment = "forecast errors per shop, goods and predicted day, against the day's consumption",
     .group = {not_null_column("shop_id", ColumnType::kInt), not_null_column("goods_id", ColumnType::kInt),
               not_null_column("pred_date", ColumnType::kDate)},
     .extra = {not_null_column("actual", ColumnType::kInt)},
     .items = [](const Dialect&) {
       return std::string("x.shop_id AS shop_id, x.goods_id AS goods_id, x.pred_date AS pred_date, MAX(x.a) AS actual");
     },
     .key = {"shop_id", "goods_id", "pred_date"}};
}

PairSums per_run() {
  return {.name = kPairsPerRun,
     .comment = "forecast errors per predicted day and New York day of the run",
     .group = {not_null_column("pred_date", ColumnType::kDate), not_null_column("run_day", ColumnType::kDate)},
     .extra = {},
     .items = [](const Dialect& d) { return "x.pred_date AS pred_date, " + d.ny_date("x.create_time") + " AS run_day"; },
     .key = {"pred_date"}};
}

const DerivedTableRegistration kPerKey(pair_sums_table(per_key()));
const DerivedTableRegistration kPerRun(pair_sums_table(per_run()));

}  // namespace

Query pair_sums_from(Warehouse& wh, std::string_view table, const SourceFilters& filters) {
  const DerivedTable::Present present = [&](const std::string& t) { return wh.has_table(t); };
  if (DerivedTableRegistry::instance().get(table).buildable(present)) return derived_from(wh, table, filters);
  // A warehouse lacking some stock-change tables (a partial sync): the same
  // SELECT inline, over the tables it has.
  const PairSums spec = table == kPairsPerKey ? per_key() : per_run();
  Query q = pair_sums_select(spec.items, group_by(spec), wh.dialect(), filters, &present);
  q.sql = "(" + q.sql + ")";
  return q;
}

}  // namespace luckyhub::forecast_accuracy
