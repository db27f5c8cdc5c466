// The collector's writes: samples and the latest values, discovery events
// (a baseline first, then each new table), up/down events, alert state, and
// downsampling with retention.
#include "collect/health_store.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include "health/history.h"
#include "health/prometheus.h"
#include "health/schema.h"
#include "support/shared_sim.h"

namespace luckyhub::collect {
namespace {

Instance mysql(const std::string& name) {
  Instance in;
  in.name = name;
  in.host = "127.0.0.1";
  in.port = 3306;
  return in;
}

Scrape up_scrape(std::vector<std::string> tables, double connections) {
  Scrape s;
  s.up = true;
  s.duration_s = 0.01;
  s.tables_read = true;
  s.objects.push_back({"database", "shop"});
  for (const std::string& t : tables) {
    s.objects.push_back({"table", t});
    s.samples.push_back({"table_bytes", t, 1000});
  }
  s.samples.push_back({"connections", "", connections});
  s.sessions.push_back({7, "app", "shop", "Query", "Sending data", 42, "SELECT ? FROM t"});
  return s;
}

ResultSet events(Warehouse& wh) {
  return wh.query("SELECT ts, instance, kind, object FROM health__events ORDER BY ts, rowid");
}

TEST(HealthStore, WritesCyclesWithDiscoveryAndUpDownEvents) {
  const std::string path = testing::temp_dir() + "/w.db";
  const Instance db1 = mysql("db1");
  {
    auto store = HealthStore::open(path);
    EXPECT_EQ(store->write({.ts = 1000, .targets = {{&db1, up_scrape({"shop.a", "shop.b"}, 5)}}}), 1);
    EXPECT_EQ(store->write({.ts = 1060, .targets = {{&db1, up_scrape({"shop.a", "shop.b", "shop.c"}, 6)}}}), 1);
    Scrape down;
    down.error = "db1 (127.0.0.1:3306): cannot connect";
    EXPECT_EQ(store->write({.ts = 1120, .targets = {{&db1, down}}}), 1);
    EXPECT_EQ(store->write({.ts = 1180, .targets = {{&db1, up_scrape({"shop.a", "shop.b", "shop.c"}, 7)}}}), 1);
    alerts::AlertRecord a{{"ConnectionsNearMax", "db1", ""}, alerts::AlertState::kFiring, "warning", 1000, 1180, 0.9, 0.8, "s"};
    store->write({.ts = 1240, .targets = {}, .transitions = {{a, alerts::AlertState::kPending}}});
    EXPECT_EQ(store->load_alerts().size(), 1u);
    EXPECT_EQ(store->table_bytes_at(1100)["db1"]["shop.c"], 1000);
  }
  auto wh = open_warehouse(path);
  const ResultSet e = events(*wh);
  ASSERT_EQ(e.size(), 5u);
  EXPECT_EQ(e.text_at(0, 2), "instance_added");  // the baseline, not one event per table
  EXPECT_EQ(e.text_at(1, 2), "new_table");
  EXPECT_EQ(e.text_at(1, 3), "shop.c");
  EXPECT_EQ(e.text_at(2, 2), "down");
  EXPECT_EQ(e.text_at(3, 2), "up");
  EXPECT_EQ(e.text_at(4, 2), "alert_firing");
  const std::vector<health::TargetInfo> targets = health::load_targets(*wh);
  ASSERT_EQ(targets.size(), 1u);
  EXPECT_TRUE(targets[0].up);
  EXPECT_EQ(targets[0].last_scrape, 1180);
  EXPECT_EQ(wh->query("SELECT value FROM health__latest WHERE metric = 'connections'").int_at(0, 0), 7);
  EXPECT_EQ(wh->query("SELECT COUNT(*) FROM health__samples WHERE metric = 'connections'").int_at(0, 0), 3);
  EXPECT_EQ(wh->query("SELECT query FROM health__long_queries").text_at(0, 0), "SELECT ? FROM t");
  const std::string metrics = health::prometheus_metrics(*wh);
  EXPECT_NE(metrics.find("# TYPE luckyhub_connections gauge\nluckyhub_connections{instance=\"db1\",kind=\"mysql\"} 7\n"),
            std::string::npos) << metrics;
  EXPECT_NE(metrics.find("luckyhub_table_bytes{instance=\"db1\",kind=\"mysql\",object=\"shop.c\"} 1000"), std::string::npos);
  EXPECT_NE(metrics.find("luckyhub_alert{alertname=\"ConnectionsNearMax\",instance=\"db1\",object=\"\",severity=\"warning\",state=\"firing\"} 1"),
            std::string::npos);
}

// A warehouse collected before health__targets.auth_failed and tables_error
// and health__keyspace_scans.lfu_median existed: the reports read it as the
// old rows meant it, and the next collector adds the columns.
TEST(HealthStore, AWarehouseFromBeforeAnAddedColumnIsReadThenMigrated) {
  const std::string path = testing::temp_dir() + "/old.db";
  const Instance db1 = mysql("db1");
  HealthStore::open(path)->write({.ts = 1000, .targets = {{&db1, up_scrape({"shop.a"}, 5)}}});
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  for (const health::AddedColumn& c : health::added_columns()) {
    const std::string drop = std::string("ALTER TABLE ") + c.table + " DROP COLUMN " + c.column;
    EXPECT_EQ(sqlite3_exec(db, drop.c_str(), nullptr, nullptr, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
  }
  sqlite3_close(db);
  {
    auto wh = open_warehouse(path);
    EXPECT_EQ(health::column_or_old_value(*wh, "health__targets", "auth_failed"), "0");
    EXPECT_EQ(health::column_or_old_value(*wh, "health__keyspace_scans", "lfu_median", "s"), "-1");
    const std::vector<health::TargetInfo> targets = health::load_targets(*wh);
    ASSERT_EQ(targets.size(), 1u);
    EXPECT_TRUE(targets[0].up);
    EXPECT_FALSE(targets[0].auth_failed);
    EXPECT_EQ(targets[0].tables_error, "");
  }
  HealthStore::open(path);  // the collector's migration
  auto wh = open_warehouse(path);
  EXPECT_EQ(health::column_or_old_value(*wh, "health__targets", "auth_failed"), "auth_failed");
  EXPECT_EQ(health::column_or_old_value(*wh, "health__keyspace_scans", "lfu_median", "s"), "s.lfu_median");
  EXPECT_EQ(wh->query("SELECT auth_failed FROM health__targets").int_at(0, 0), 0);
  EXPECT_EQ(wh->query("SELECT COUNT(*) FROM health__keyspace_scans WHERE lfu_median = -1").int_at(0, 0), 0);
}

TEST(HealthStore, DownsamplesWholeBucketsAndAppliesRetention) {
  const std::string path = testing::temp_dir() + "/w.db";
  const Instance db1 = mysql("db1");
  const int64_t day0 = 20000 * health::kDayStep;
  auto store = HealthStore::open(path);
  // Two raw samples in hour 0 (10, 20), one in hour 1 (40).
  store->write({.ts = day0 + 60, .targets = {{&db1, up_scrape({}, 10)}}});
  store->write({.ts = day0 + 120, .targets = {{&db1, up_scrape({}, 20)}}});
  store->write({.ts = day0 + 3600 + 60, .targets = {{&db1, up_scrape({}, 40)}}});
  // Retention by the wall clock (0: no bound on a gap; the bound is collect_clock_test's).
  store->compact(day0 + 3600 + 120, 0);  // hour 1 is not over: only hour 0
  auto wh = open_warehouse(path);
  auto hourly = [&] {
    return wh->query("SELECT ts, value FROM health__samples WHERE metric = 'connections' AND step = 3600 ORDER BY ts");
  };
  ResultSet h = hourly();
  ASSERT_EQ(h.size(), 1u);
  EXPECT_EQ(h.int_at(0, 0), day0);
  EXPECT_DOUBLE_EQ(h.double_at(0, 1), 15);
  store->compact(day0 + health::kDayStep + 10, 0);  // hour 1 and day 0 now complete
  h = hourly();
  ASSERT_EQ(h.size(), 2u);
  EXPECT_DOUBLE_EQ(h.double_at(1, 1), 40);
  EXPECT_DOUBLE_EQ(wh->query("SELECT value FROM health__samples WHERE metric = 'connections' AND step = 86400")
                       .double_at(0, 0), 27.5);  // the mean of the hours
  store->compact(day0 + kRawRetentionS + 7200, 0);
  EXPECT_EQ(wh->query("SELECT COUNT(*) FROM health__samples WHERE step = 0").int_at(0, 0), 0);
  EXPECT_EQ(wh->query("SELECT COUNT(*) FROM health__samples WHERE step = 3600").int_at(0, 0), 2);
}

Scrape table_scrape(const std::vector<std::pair<std::string, double>>& tables) {
  Scrape s;
  s.up = true;
  s.tables_read = true;
  for (const auto& [t, bytes] : tables) {
    s.objects.push_back({"table", t});
    s.samples.push_back({"table_bytes", t, bytes});
    s.samples.push_back({"table_rows", t, bytes / 100});
  }
  s.samples.push_back({"connections", "", 3});
  return s;
}

// A table's statistics go into the history only when they changed (also
// across a restart of the collector); the latest values get every read; every
// reader holds the last stored sample as current until a newer one.
TEST(HealthStore, StoresATablesSampleOnlyWhenItChanged) {
  const std::string path = testing::temp_dir() + "/w.db";
  const Instance db1 = mysql("db1");
  const int64_t day0 = 20000 * health::kDayStep;
  std::unique_ptr<Warehouse> wh;
  auto stored = [&](const std::string& metric, const std::string& object) {
    if (!wh) wh = open_warehouse(path);
    return wh->query("SELECT COUNT(*) FROM health__samples WHERE step = 0 AND metric = ? AND object = ?",
                     {metric, object}).int_at(0, 0);
  };
  {
    auto store = HealthStore::open(path);
    store->write({.ts = day0 + 60, .targets = {{&db1, table_scrape({{"shop.a", 1000}, {"shop.b", 500}, {"shop.z", 9}})}}});
    store->write({.ts = day0 + 960, .targets = {{&db1, table_scrape({{"shop.a", 1000}, {"shop.b", 600}})}}});
    store->write({.ts = day0 + 1860, .targets = {{&db1, table_scrape({{"shop.a", 1000}, {"shop.b", 600}})}}});
  }
  EXPECT_EQ(stored("table_bytes", "shop.a"), 1);
  EXPECT_EQ(stored("table_rows", "shop.a"), 1);
  EXPECT_EQ(stored("table_bytes", "shop.b"), 2);
  EXPECT_EQ(stored("connections", ""), 3);  // instance series: every cycle
  EXPECT_EQ(stored("table_bytes", "shop.z"), 1);
  EXPECT_EQ(wh->query("SELECT ts FROM health__latest WHERE metric = 'table_bytes' AND object = 'shop.a'").int_at(0, 0),
            day0 + 1860);
  // A restarted collector knows what is stored (from the latest values).
  auto store = HealthStore::open(path);
  store->write({.ts = day0 + 3 * health::kDayStep, .targets = {{&db1, table_scrape({{"shop.a", 2000}, {"shop.b", 600}})}}});
  EXPECT_EQ(stored("table_bytes", "shop.a"), 2);
  EXPECT_EQ(stored("table_bytes", "shop.b"), 2);
  store->write({.ts = day0 + 4 * health::kDayStep + 50, .targets = {{&db1, table_scrape({{"shop.a", 2000}, {"shop.b", 600}})}}});
  EXPECT_EQ(stored("table_bytes", "shop.a"), 2);
  store->compact(day0 + 5 * health::kDayStep + 10, 0);  // daily rows of days 0 and 3; shop.z leaves the latest values
  // A table's bucket holds its last value, not the mean of its changes.
  EXPECT_DOUBLE_EQ(wh->query("SELECT value FROM health__samples WHERE step = 86400 AND metric = 'table_bytes' "
                             "AND object = 'shop.b'").double_at(0, 0),
                   600);

  // A week after day 0 shop.b's size is the one stored on day 0, 7 days before.
  EXPECT_EQ(store->table_bytes_at(day0 + 7 * health::kDayStep + 100)["db1"]["shop.b"], 600);
  // The daily series: a day without a row holds the last stored value,
  // through the last complete day for a current table; a dropped table stops.
  const int64_t d0 = day0 / health::kDayStep;
  auto values = [](const std::vector<health::Point>& points) {
    std::vector<std::pair<int64_t, double>> out;
    for (const health::Point& p : points) out.push_back({static_cast<int64_t>(p.day), p.value});
    return out;
  };
  auto series = health::daily_series(*wh, "table_bytes", day0, day0 + 5 * health::kDayStep + 100, "");
  EXPECT_EQ(values(series[{"db1", "shop.a"}]),
            (std::vector<std::pair<int64_t, double>>{{d0, 1000}, {d0 + 1, 1000}, {d0 + 2, 1000}, {d0 + 3, 2000}, {d0 + 4, 2000}}));
  EXPECT_EQ(values(series[{"db1", "shop.z"}]), (std::vector<std::pair<int64_t, double>>{{d0, 9}}));
  // From day 2 on: the series starts with the value stored before it.
  series = health::daily_series(*wh, "table_bytes", day0 + 2 * health::kDayStep, day0 + 5 * health::kDayStep + 100, "db1");
  EXPECT_EQ(values(series[{"db1", "shop.b"}]),
            (std::vector<std::pair<int64_t, double>>{{d0 + 2, 600}, {d0 + 3, 600}, {d0 + 4, 600}}));
}

}  // namespace
}  // namespace luckyhub::collect
