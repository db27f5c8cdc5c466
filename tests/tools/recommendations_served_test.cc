// The recommendations tool's served-list tracking on the simulation: the
// weekly hit rates equal the lists the simulator planted (the manifest's
// served_recommendations) and a direct SQL over the order tables.
#include <gtest/gtest.h>

#include <map>
#include <ostream>

#include "support/panel_columns.h"
#include "support/shared_sim.h"
#include "tools/registry.h"

namespace luckyhub {
namespace {

using testing::column;

struct Week {
  int64_t lists = 0, followed = 0, hits = 0;
  bool operator==(const Week&) const = default;
  friend void PrintTo(const Week& w, std::ostream* os) {
    *os << "{lists " << w.lists << ", followed " << w.followed << ", hits " << w.hits << "}";
  }
};

std::map<std::string, Week> weeks_of(const Report& r) {
  const Panel& p = *r.panel("served_weeks");
  std::map<std::string, Week> out;
  for (const auto& row : p.table.rows) {
    out[std::get<std::string>(row[column(p, "week")])] = {
        std::get<int64_t>(row[column(p, "lists")]), std::get<int64_t>(row[column(p, "followed")]),
        std::get<int64_t>(row[column(p, "hits")])};
  }
  return out;
}

// From the manifest: every planted list is followed the next day; a hit at k
// when its first hit is at rank k or better.
std::map<std::string, Week> planted(int k) {
  std::map<std::string, Week> out;
  for (const auto& item :
       testing::shared_sim().truth["anomalies"]["served_recommendations"]["items"]) {
    Week& w = out[item["week"].get<std::string>()];
    w.lists = w.followed = item["lists"].get<int64_t>();
    for (int r = 0; r < k; ++r) w.hits += item["first_hit_at_rank"][r].get<int64_t>();
  }
  return out;
}

// Straight from the order tables: each list's New York serve day, the
// customer's first paid day after it within 7 days, and whether that day
// holds a product of the list at position k or better.
std::map<std::string, Week> by_sql(Warehouse& wh, int k) {
  const Dialect& d = wh.dialect();
  const std::string bought =
      "SELECT o.user_no AS user_no, " + d.ny_date("o.create_time") +
      " AS day, i.spu_id AS spu_id FROM sales_order__t_order o JOIN sales_order__t_order_item i ON "
      "i.order_id = o.id"
      " JOIN scm_commodity__t_commodity_base_info c ON c.id = i.spu_id AND c.tenant = 'LKUS'"
      " WHERE o.tenant = 'LKUS' AND o.currency_code = 'USD' AND o.status IN (20, 30, 40, 60)";
  const std::string sql =
      "WITH lists AS (SELECT serve_no, user_no, MIN(" + d.ny_date("serve_time") +
      ") AS day FROM isales_cdp__t_recommend_served_log WHERE tenant = 'LKUS' GROUP BY serve_no, "
      "user_no),"
      " bought AS (" +
      bought +
      "),"
      " next AS (SELECT l.serve_no AS serve_no, MIN(b.day) AS day FROM lists l JOIN bought b ON "
      "b.user_no = l.user_no"
      " AND b.day > l.day AND b.day <= date(l.day, '+7 days') GROUP BY l.serve_no)"
      " SELECT l.serve_no AS serve_no, l.day AS day, n.day AS next_day,"
      " (SELECT COUNT(*) FROM isales_cdp__t_recommend_served_log s JOIN bought b ON b.spu_id = "
      "s.spu_id"
      " AND b.user_no = l.user_no AND b.day = n.day WHERE s.serve_no = l.serve_no AND s.position "
      "<= ?) AS hits"
      " FROM lists l LEFT JOIN next n ON n.serve_no = l.serve_no";
  std::map<std::string, Week> out;
  for (const Row row : wh.query(sql, {int64_t{k}})) {
    const Date day = Date::parse(row.text("day"));
    Week& w = out[(day - day.weekday()).str()];
    ++w.lists;
    if (row.is_null("next_day")) continue;
    ++w.followed;
    if (row.integer("hits") > 0) ++w.hits;
  }
  return out;
}

TEST(RecommendationsServed, WeeklyHitRatesEqualThePlantsAndDirectSql) {
  const std::unique_ptr<Warehouse> wh = open_warehouse(testing::shared_sim().warehouse_path);
  for (const int k : {10, 3}) {
    const Report r =
        run_tool(ToolRegistry::instance().get("recommendations"), *wh, {{"k", std::to_string(k)}});
    const std::map<std::string, Week> weeks = weeks_of(r);
    ASSERT_GT(weeks.size(), 20u);
    EXPECT_EQ(weeks, planted(k)) << "k " << k;
    EXPECT_EQ(weeks, by_sql(*wh, k)) << "k " << k;
    const Panel& chart = *r.panel("served_weekly");
    ASSERT_EQ(chart.series.x.size(), weeks.size());
  }
  // The planted hit rate rises over the year (0.20 to 0.45): so does the
  // chart's, from the first quarter of the weeks to the last.
  const Report r = run_tool(ToolRegistry::instance().get("recommendations"), *wh, {});
  const std::vector<Week> weeks = [&] {
    std::vector<Week> v;
    for (const auto& [monday, w] : weeks_of(r)) v.push_back(w);
    return v;
  }();
  const auto rate = [&](size_t from, size_t to) {
    Week sum;
    for (size_t i = from; i < to; ++i) {
      sum.followed += weeks[i].followed;
      sum.hits += weeks[i].hits;
    }
    return static_cast<double>(sum.hits) / static_cast<double>(sum.followed);
  };
  const size_t quarter = weeks.size() / 4;
  EXPECT_GT(rate(weeks.size() - quarter, weeks.size()), rate(0, quarter) + 0.1);
}

}  // namespace
}  // namespace luckyhub
