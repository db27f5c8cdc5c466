// The production-time tool (Tool 12): its statistics against published and
// hand-computed values, its report against the simulator's manifest and
// against figures computed here from the raw rows, its parameter checks.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "core/calendar.h"
#include "core/error.h"
#include "support/panel_columns.h"
#include "support/shared_sim.h"
#include "tools/production_time/production_stats.h"
#include "tools/registry.h"

namespace luckyhub {
namespace {

using nlohmann::json;

// Anscombe (1973), data set I: r = 0.816.
TEST(ProductionTimeMath, PearsonOfAnscombesFirstSet) {
  const double x[] = {10, 8, 13, 9, 11, 14, 6, 4, 12, 7, 5};
  const double y[] = {8.04, 6.95, 7.58, 8.81, 8.33, 9.96, 7.24, 4.26, 10.84, 4.82, 5.68};
  std::vector<std::pair<double, double>> xy;
  for (int i = 0; i < 11; ++i) xy.push_back({x[i], y[i]});
  const auto r = production::pearson(xy);
  ASSERT_TRUE(r);
  EXPECT_NEAR(r->r, 0.81642, 5e-6);
  EXPECT_EQ(r->n, 11);
  EXPECT_FALSE(production::pearson({{1, 2}, {2, 3}}));          // too few
  EXPECT_FALSE(production::pearson({{1, 2}, {2, 2}, {3, 2}}));  // y does not vary
}

// Product 1: type A 10 brews of 40 s, B 10 of 60 s (mean 50). Product 2 on A
// alone compares nothing. A: 10 x 50 / 400 = 1.25; B: 10 x 50 / 600 = 0.8333.
TEST(ProductionTimeMath, EfficiencyComparesTheSameProducts) {
  std::map<int64_t, std::map<std::string, production::BrewSums>> brews;
  brews[1]["A"] = {10, 400};
  brews[1]["B"] = {10, 600};
  brews[2]["A"] = {5, 1000};
  const auto s = production::efficiency_scores(brews);
  ASSERT_EQ(s.size(), 2u);
  EXPECT_DOUBLE_EQ(s.at("A").score, 1.25);
  EXPECT_EQ(s.at("A").brews, 10);
  EXPECT_EQ(s.at("A").products, 1);
  EXPECT_NEAR(s.at("B").score, 500.0 / 600.0, 1e-12);
}

// Times 1, 2, 3, 4, 10 s. Mean 4, sample sd sqrt(50 / 4) = 3.5355; nearest-rank
// quartiles 2 and 4, IQR 2, IQR / 1.34 = 1.4925 < sd; h = 0.9 x 1.4925 x
// 5^(-1/5) = 0.973585. At x = 7 only 4 and 10 weigh: 2 phi(3.08) / (5 h)
// = 0.00142, plus 3's 0.00002.
TEST(ProductionTimeMath, KernelDensityWithSilvermansBandwidth) {
  const production::Density d =
      production::kernel_density({{1, 1}, {2, 1}, {3, 1}, {4, 1}, {10, 1}}, {1, 4, 7, 10});
  EXPECT_NEAR(d.bandwidth, 0.9735846, 1e-6);
  ASSERT_EQ(d.values.size(), 4u);
  const double f[] = {0.140958783, 0.140958783, 0.00143947727, 0.0819532834};
  for (int i = 0; i < 4; ++i) EXPECT_NEAR(d.values[i], f[i], 1e-9) << i;
  // Counts weigh as repeated times: 2 x {5} and {7} is {5, 5, 7}: quartiles 5
  // and 7, IQR / 1.34 = 1.4925 > sd = 1.1547; h = 0.9 x 1.1547 x 3^(-1/5).
  const double h = 0.9 * std::sqrt(4.0 / 3.0) * std::pow(3.0, -0.2);
  const production::Density w = production::kernel_density({{5, 2}, {7, 1}}, {6});
  EXPECT_NEAR(w.bandwidth, h, 1e-12);
  ASSERT_EQ(w.values.size(), 1u);
  EXPECT_NEAR(w.values[0], 3 * std::exp(-0.5 / (h * h)) / (3 * h * std::sqrt(2 * M_PI)), 1e-12);
  // One value: bandwidth 1 s, the normal's peak at it.
  const production::Density one = production::kernel_density({{90, 4}}, {90});
  EXPECT_DOUBLE_EQ(one.bandwidth, 1);
  EXPECT_NEAR(one.values.at(0), 1 / std::sqrt(2 * M_PI), 1e-12);
  EXPECT_TRUE(production::kernel_density({}, {1, 2}).values.empty());
}

const Report& shared_report() {
  static const Report report = [] {
    auto wh = testing::open_shared_warehouse();
    return run_tool(ToolRegistry::instance().get("production-time"), *wh, {});
  }();
  return report;
}

using testing::column;

int64_t integer(const Cell& c) { return std::get<int64_t>(c); }
double number(const Cell& c) { return std::get<double>(c); }

const KpiTile& tile(const std::string& id) {
  for (const KpiTile& t : shared_report().panel("summary")->kpis) {
    if (t.id == id) return t;
  }
  throw Error("no tile " + id);
}

// Nearest rank over sorted times: the ceil(q x n)-th smallest.
int64_t rank(const std::vector<int64_t>& sorted, double q) {
  return sorted[static_cast<size_t>(std::ceil(q * static_cast<double>(sorted.size()))) - 1];
}

TEST(ProductionTimeGroundTruth, OutliersAreExactlyThePlantedOnes) {
  std::set<int64_t> planted, found;
  for (const auto& id : testing::shared_sim().truth["anomalies"]["production_outlier"]["ids"]) planted.insert(id.get<int64_t>());
  ASSERT_FALSE(planted.empty());
  const Panel& p = *shared_report().panel("outliers");
  for (const auto& row : p.table.rows) {
    found.insert(integer(row[column(p, "id")]));
    EXPECT_GT(number(row[column(p, "minutes")]), 30.0);
  }
  EXPECT_EQ(found, planted);  // precision and recall 1.0
  EXPECT_EQ(std::get<int64_t>(tile("outliers").value), static_cast<int64_t>(planted.size()));
}

// The planted breakdowns' tickets are incidents (their items took over 30
// minutes too), every other outlier a data error (a ticket left open): the
// classes and their counts exactly as planted.
TEST(ProductionTimeGroundTruth, ClassesIncidentsAndDataErrorsAsPlanted) {
  std::set<int64_t> outliers, incidents;
  for (const auto& id : testing::shared_sim().truth["anomalies"]["production_outlier"]["ids"]) outliers.insert(id.get<int64_t>());
  const auto& planted = testing::shared_sim().truth["anomalies"]["production_incident"]["items"];
  ASSERT_EQ(planted.size(), 2u);
  for (const auto& item : planted) {
    EXPECT_GE(item["ids"].size(), 3u);
    for (const auto& id : item["ids"]) incidents.insert(id.get<int64_t>());
  }
  const int64_t n = static_cast<int64_t>(incidents.size());
  std::map<std::string, int64_t> counts;
  const Panel& p = *shared_report().panel("outliers");
  for (const auto& row : p.table.rows) {
    const int64_t id = integer(row[column(p, "id")]);
    const std::string& cls = std::get<std::string>(row[column(p, "class")]);
    ++counts[cls];
    if (incidents.count(id)) {
      EXPECT_EQ(cls, "incident: items over 30 min") << "ticket " << id;
    } else {  // left open; a remake ticket that booked no item cannot tell
      EXPECT_TRUE(cls == "data error: ticket left open" || cls == "no items to tell") << "ticket " << id << ": " << cls;
    }
  }
  EXPECT_EQ(counts["incident: items over 30 min"], n);
  EXPECT_EQ(counts["data error: ticket left open"] + counts["no items to tell"], static_cast<int64_t>(outliers.size()) - n);
  EXPECT_GT(counts["data error: ticket left open"], 0);
}

TEST(ProductionTimeGroundTruth, FindsExactlyThePlantedSlowStoreHours) {
  std::set<std::pair<int64_t, std::string>> planted, found;
  for (const auto& item : testing::shared_sim().truth["anomalies"]["production_slow_spot"]["items"]) {
    char hour[8];
    std::snprintf(hour, sizeof hour, "%02d:00", item["hour"].get<int>());
    planted.insert({item["shop_id"].get<int64_t>(), hour});
  }
  ASSERT_EQ(planted.size(), 2u);
  const Panel& p = *shared_report().panel("bottlenecks");
  for (const auto& row : p.table.rows) {
    if (std::get<std::string>(row[column(p, "slow")]) == "yes")
      found.insert({integer(row[column(p, "shop_id")]), std::get<std::string>(row[column(p, "hour")])});
  }
  EXPECT_EQ(found, planted);
  EXPECT_EQ(std::get<int64_t>(tile("slow_spots").value), 2);
}

// Every store's figures against the raw tickets, sorted here.
TEST(ProductionTimeGroundTruth, StorePercentilesEqualADirectComputation) {
  auto wh = testing::open_shared_warehouse();
  std::map<int64_t, std::vector<int64_t>> times, all;
  for (const Row row : wh->query("SELECT shop_id, accept_time, done_time FROM opproduction__t_production"
                                 " WHERE tenant = 'LKUS' AND status IN (30, 40) AND done_time IS NOT NULL")) {
    const int64_t s = Timestamp::parse(row.text("done_time")) - Timestamp::parse(row.text("accept_time"));
    all[row.integer("shop_id")].push_back(s);
    if (s <= 30 * 60) times[row.integer("shop_id")].push_back(s);
  }
  const Panel& p = *shared_report().panel("stores");
  ASSERT_EQ(p.table.rows.size(), times.size());
  for (const auto& row : p.table.rows) {
    const int64_t shop = integer(row[column(p, "shop_id")]);
    std::vector<int64_t>& t = times[shop];
    std::vector<int64_t>& a = all[shop];
    std::sort(t.begin(), t.end());
    std::sort(a.begin(), a.end());
    double sum = 0, sum_all = 0;
    for (int64_t s : t) sum += static_cast<double>(s);
    for (int64_t s : a) sum_all += static_cast<double>(s);
    EXPECT_EQ(integer(row[column(p, "tickets")]), static_cast<int64_t>(a.size())) << shop;
    EXPECT_EQ(integer(row[column(p, "outliers")]), static_cast<int64_t>(a.size() - t.size())) << shop;
    EXPECT_EQ(number(row[column(p, "p50_s")]), static_cast<double>(rank(t, 0.5))) << shop;
    EXPECT_EQ(number(row[column(p, "p95_s")]), static_cast<double>(rank(t, 0.95))) << shop;
    EXPECT_NEAR(number(row[column(p, "mean_s")]), sum / static_cast<double>(t.size()), 0.05) << shop;
    EXPECT_EQ(number(row[column(p, "p95_all_s")]), static_cast<double>(rank(a, 0.95))) << shop;
    EXPECT_NEAR(number(row[column(p, "mean_all_s")]), sum_all / static_cast<double>(a.size()), 0.05) << shop;
  }
}

// The most made product's item times against its raw items.
TEST(ProductionTimeGroundTruth, ProductPercentilesEqualADirectComputation) {
  const Panel& p = *shared_report().panel("products");
  const auto best = std::max_element(p.table.rows.begin(), p.table.rows.end(), [&](const auto& a, const auto& b) {
    return integer(a[column(p, "items")]) < integer(b[column(p, "items")]);
  });
  auto wh = testing::open_shared_warehouse();
  std::vector<int64_t> times;
  // join_left: the two-shard cluster needs its left side of a JOIN spelt so.
  for (const Row row : wh->query("SELECT p.accept_time AS accept_time, c.done_time AS done_time FROM " +
                                 wh->dialect().join_left("opproduction__t_commodity") + " c JOIN opproduction__t_production p ON p.id = c.production_id WHERE c.commodity_id = ?"
                                 " AND c.tenant = 'LKUS' AND c.status = 30 AND c.done_time IS NOT NULL",
                                 {integer((*best)[column(p, "spu_id")])})) {
    const int64_t s = Timestamp::parse(row.text("done_time")) - Timestamp::parse(row.text("accept_time"));
    if (s <= 30 * 60) times.push_back(s);
  }
  ASSERT_GT(times.size(), 100u);
  std::sort(times.begin(), times.end());
  EXPECT_EQ(number((*best)[column(p, "p50_s")]), static_cast<double>(rank(times, 0.5)));
  EXPECT_EQ(number((*best)[column(p, "p95_s")]), static_cast<double>(rank(times, 0.95)));
}

// The first violin (the product made most) against a density computed here
// from its raw item times: Silverman's bandwidth, the Gaussian kernel summed
// over every time; null outside the product's range widened by a grid step.
TEST(ProductionTimeGroundTruth, ViolinIsTheDensityOfTheRawTimes) {
  const Panel& p = *shared_report().panel("product_violins");
  ASSERT_FALSE(p.series.series.empty());
  const Series& first = p.series.series[0];
  auto wh = testing::open_shared_warehouse();
  std::vector<int64_t> times;
  for (const Row row : wh->query("SELECT p.accept_time AS accept_time, c.done_time AS done_time FROM " +
                                 wh->dialect().join_left("opproduction__t_commodity") + " c JOIN opproduction__t_production p ON p.id = c.production_id WHERE c.commodity_id = ?"
                                 " AND c.tenant = 'LKUS' AND c.status = 30 AND c.done_time IS NOT NULL",
                                 {std::stoll(first.id)})) {
    const int64_t s = Timestamp::parse(row.text("done_time")) - Timestamp::parse(row.text("accept_time"));
    if (s <= 30 * 60) times.push_back(s);
  }
  ASSERT_GT(times.size(), 100u);
  std::sort(times.begin(), times.end());
  const double n = static_cast<double>(times.size());
  double mean = 0, ss = 0;
  for (const int64_t t : times) mean += static_cast<double>(t) / n;
  for (const int64_t t : times) ss += (static_cast<double>(t) - mean) * (static_cast<double>(t) - mean);
  const double sd = std::sqrt(ss / (n - 1)), iqr = static_cast<double>(rank(times, 0.75) - rank(times, 0.25));
  const double h = 0.9 * std::min(sd, iqr / 1.34) * std::pow(n, -0.2);
  const double step = std::stod(p.series.x.at(1)) - std::stod(p.series.x.at(0));
  int compared = 0;
  for (size_t i = 0; i < p.series.x.size(); ++i) {
    const double x = std::stod(p.series.x[i]);
    const bool inside = x >= static_cast<double>(times.front()) - step && x <= static_cast<double>(times.back()) + step;
    if (!inside) {
      EXPECT_TRUE(std::holds_alternative<std::monostate>(first.values[i])) << x;
      continue;
    }
    double f = 0;
    for (const int64_t t : times) f += std::exp(-0.5 * std::pow((x - static_cast<double>(t)) / h, 2));
    f /= n * h * std::sqrt(2 * M_PI);
    EXPECT_NEAR(std::get<double>(first.values[i]), f, 6e-8) << "at " << x << " s";
    ++compared;
  }
  EXPECT_GT(compared, 20);
}

// The planted machine speeds: the slowest type scores lowest, the fastest highest.
TEST(ProductionTimeGroundTruth, EfficiencyRanksTheSlowestAndFastestTypes) {
  const json& speeds = testing::shared_sim().truth["figures"]["production_machine_speed"];
  const Panel& p = *shared_report().panel("machine_types");
  std::vector<std::pair<double, std::string>> scored, planted;
  for (const auto& row : p.table.rows) {
    if (std::holds_alternative<std::monostate>(row[column(p, "efficiency")])) continue;
    const std::string type = std::get<std::string>(row[column(p, "machine_type")]);
    scored.push_back({number(row[column(p, "efficiency")]), type});
    planted.push_back({-speeds.at(type).get<double>(), type});
  }
  ASSERT_GE(scored.size(), 5u);
  std::sort(scored.begin(), scored.end());
  std::sort(planted.begin(), planted.end());
  EXPECT_EQ(scored.front().second, planted.front().second);
  EXPECT_EQ(scored.back().second, planted.back().second);
}

TEST(ProductionTimeGroundTruth, RecipeStepsAndQueuesCorrelateWithTime) {
  EXPECT_GT(std::get<double>(tile("steps_r").value), 0.5);
  EXPECT_GT(std::get<double>(tile("queue_r").value), 0.3);
}

TEST(ProductionTimeParams, BadParametersAreRefused) {
  auto wh = testing::open_shared_warehouse();
  const Tool& tool = ToolRegistry::instance().get("production-time");
  for (const auto& [name, value] : std::vector<std::pair<std::string, std::string>>{
           {"slow_ratio", "1"}, {"slow_ratio", "x"}, {"min_tickets", "0"}, {"store", "-1"}, {"to", "2020-01-01"}}) {
    EXPECT_THROW(run_tool(tool, *wh, {{name, value}}), Error) << name << "=" << value;
  }
}

TEST(ProductionTimeCli, BadParameterIsOneErrorLine) {
  std::string err;
  const int rc = testing::run_luckyhub(
      "report production-time --warehouse " + testing::shared_sim().warehouse_path + " --param slow_ratio=0.5", nullptr, &err);
  EXPECT_NE(rc, 0);
  EXPECT_EQ(std::count(err.begin(), err.end(), '\n'), 1) << err;
  EXPECT_NE(err.find("slow_ratio"), std::string::npos) << err;
}

}  // namespace
}  // namespace luckyhub
