// Table statistics on MariaDB without opening every table (collect/mysql_tables.h),
// against a server of their own (scripts/fleet-up 1, restarted by one test):
//   - every table's rows, data and index bytes and AUTO_INCREMENT headroom
//     equal what plain SQL on information_schema.TABLES says, for every kind
//     of table (InnoDB in and out of InnoDB's cache, with rows inserted since
//     its statistics were saved, a name InnoDB spells otherwise, compressed,
//     partitioned, Aria, without persistent statistics, new, altered;
//     views, sequences and system-versioned tables not reported; a dropped
//     table's last figures stay in the store, however they were read),
//     read from InnoDB's statistics and, forced by an account without their
//     grant, by the fallback that opens every table (which says why);
//   - an AUTO_INCREMENT planted at 85% of INT in a table that is then out of
//     InnoDB's dictionary cache (a restart empties it), with statistics that
//     did not change: stale on the next table cycle, found within the
//     promised kRotationCycles, and the fallback finds it at once.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "alerts/rules.h"
#include "collect/collector.h"
#include "collect/mysql_tables.h"
#include "core/log.h"
#include "support/shared_sim.h"
#include "warehouse/warehouse.h"

namespace luckyhub::testing {
namespace {

constexpr double kIntMax = 2147483647.0;
static_assert(collect::kRotationCycles == 16, "docs/health.md promises 16 table cycles");

std::string trimmed(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

// The maximum of the key column types the tests create, as MariaDB spells them.
double type_max(const std::string& column_type) {
  static const std::map<std::string, double> max = {
      {"int(11)", kIntMax}, {"smallint(6)", 32767.0}, {"bigint(20) unsigned", 18446744073709551615.0}};
  const auto it = max.find(column_type);
  if (it == max.end()) throw std::runtime_error("no maximum for " + column_type + " in the test");
  return it->second;
}

// A table's figures, from the warehouse or from plain SQL.
struct Figures {
  double rows = -1, data_bytes = -1, index_bytes = -1, used_ratio = -1;  // -1: none
  bool operator==(const Figures&) const = default;
};
std::ostream& operator<<(std::ostream& out, const Figures& f) {
  return out << "{rows " << f.rows << ", data " << f.data_bytes << ", index " << f.index_bytes << ", used "
             << f.used_ratio << "}";
}

// "" when equal, else each table that differs.
std::string difference(const std::map<std::string, Figures>& got, const std::map<std::string, Figures>& want) {
  std::ostringstream out;
  for (const auto& [table, f] : want) {
    const auto it = got.find(table);
    if (it == got.end()) out << table << ": missing, want " << f << "\n";
    else if (!(it->second == f)) out << table << ": " << it->second << ", want " << f << "\n";
  }
  for (const auto& [table, f] : got) {
    if (!want.count(table)) out << table << ": " << f << ", not a table\n";
  }
  return out.str();
}

class TableStatistics : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new std::string(temp_dir() + "/table-statistics");
    ASSERT_EQ(std::system((scripts() + "fleet-up 1 " + *dir_ + " >/dev/null").c_str()), 0);
    // The reader may read InnoDB's statistics; luckyhub_plain may not (the fallback).
    root("GRANT PROCESS ON *.* TO luckyhub_ro@'%'; GRANT SELECT ON mysql.innodb_table_stats TO luckyhub_ro@'%';"
         "CREATE USER luckyhub_plain@'%' IDENTIFIED BY '" + trimmed(read_file(*dir_ + "/secrets")) + "';"
         "GRANT SELECT ON `luckyus\\_%`.* TO luckyhub_plain@'%'; GRANT PROCESS ON *.* TO luckyhub_plain@'%';");
    const std::string port = root("SELECT @@port");
    for (const char* user : {"luckyhub_ro", "luckyhub_plain"}) {
      std::ofstream(*dir_ + "/" + user + ".toml")
          << "[[instance]]\nname = \"ts\"\nkind = \"mysql\"\nhost = \"127.0.0.1\"\nport = " << port
          << "\nuser = \"" << user << "\"\npassword_file = \"" << *dir_ << "/secrets\"\n";
    }
  }
  static void TearDownTestSuite() {
    [[maybe_unused]] int rc = std::system((scripts() + "fleet-down " + *dir_ + " >/dev/null 2>&1").c_str());
    delete dir_;
  }

  static std::string scripts() { return std::string(LUCKYHUB_SOURCE_DIR) + "/scripts/"; }

  // Runs SQL as root on the server's socket; its output, tab-separated, without the last newline.
  static std::string root(const std::string& sql) {
    const std::string file = *dir_ + "/stmt.sql", out = *dir_ + "/out.txt";
    std::ofstream(file) << sql << "\n";
    const std::string cmd = "mariadb --no-defaults -N -B --socket=" + *dir_ + "/s1/mysqld.sock -uroot < " + file +
                            " > " + out + " 2>&1";
    const int rc = std::system(cmd.c_str());
    std::string text = read_file(out);
    if (rc != 0) throw std::runtime_error("root sql failed: " + sql + ": " + text);
    while (!text.empty() && text.back() == '\n') text.pop_back();
    return text;
  }

  // Every base table of `database` as plain SQL on information_schema.TABLES sees it.
  static std::map<std::string, Figures> plain_sql(const std::string& database) {
    std::map<std::string, Figures> out;
    std::istringstream lines(root(R"(
        SELECT t.TABLE_NAME, t.TABLE_ROWS, t.DATA_LENGTH, t.INDEX_LENGTH, COALESCE(t.AUTO_INCREMENT, ''),
               COALESCE(c.COLUMN_TYPE, '')
        FROM information_schema.TABLES t LEFT JOIN information_schema.COLUMNS c
          ON c.TABLE_SCHEMA = t.TABLE_SCHEMA AND c.TABLE_NAME = t.TABLE_NAME AND c.EXTRA LIKE '%auto_increment%'
        WHERE t.TABLE_SCHEMA = ')" + database + "' AND t.TABLE_TYPE = 'BASE TABLE'"));
    for (std::string line; std::getline(lines, line);) {
      std::vector<std::string> cell;
      std::istringstream fields(line);
      for (std::string f; std::getline(fields, f, '\t');) cell.push_back(f);
      cell.resize(6);
      Figures f{.rows = std::stod(cell[1]), .data_bytes = std::stod(cell[2]), .index_bytes = std::stod(cell[3])};
      if (!cell[4].empty() && !cell[5].empty()) f.used_ratio = (std::stod(cell[4]) - 1) / type_max(cell[5]);
      out[database + "." + cell[0]] = f;
    }
    return out;
  }

  // What the collector stored as current for the tables of `database`.
  static std::map<std::string, Figures> collected(const std::string& warehouse, const std::string& database) {
    auto wh = open_warehouse(warehouse);
    std::map<std::string, Figures> out;
    const ResultSet r = wh->query(
        "SELECT metric, object, value FROM health__latest WHERE instance = 'ts' AND object LIKE ? AND metric IN "
        "('table_rows', 'table_data_bytes', 'table_index_bytes', 'auto_increment_used_ratio')",
        {database + ".%"});
    for (const Row row : r) {
      Figures& f = out[row.text("object")];
      const std::string metric = row.text("metric");
      (metric == "table_rows"         ? f.rows
       : metric == "table_data_bytes" ? f.data_bytes
       : metric == "table_index_bytes" ? f.index_bytes
                                       : f.used_ratio) = row.number("value");
    }
    return out;
  }

  static collect::CollectOptions options(const std::string& user) {
    collect::CollectOptions o;
    o.fleet = *dir_ + "/" + user + ".toml";
    o.warehouse = *dir_ + "/" + user + ".db";
    o.connect_timeout_s = 5;
    o.read_timeout_s = 10;
    o.table_timeout_s = 60;
    return o;
  }

  static std::string* dir_;
};

std::string* TableStatistics::dir_ = nullptr;

// A collector over the test server, its warehouse fresh.
struct Watcher {
  explicit Watcher(collect::CollectOptions o)
      : options(std::move(o)), fleet((std::filesystem::remove(options.warehouse), load_fleet(options.fleet))),
        collector(fleet, alerts::RuleSet::defaults(), options) {}
  // One cycle with table statistics; its stderr (the collector's warnings) kept.
  collect::CycleReport cycle() {
    ::testing::internal::CaptureStderr();
    const collect::CycleReport r = collector.run_cycle(t += 900, true);
    log += ::testing::internal::GetCapturedStderr();
    return r;
  }
  // Cycles until one reads the tables: after a restart, the connections
  // that died with the server fail first. False when none does in 4.
  bool table_cycle() {
    for (int i = 0; i < 4; ++i) {
      const collect::CycleReport r = cycle();
      if (r.up == 1 && r.tables_failed == 0) return true;
    }
    return false;
  }
  collect::CollectOptions options;
  Fleet fleet;
  collect::Collector collector;
  int64_t t = 1800000000;
  std::string log;
};

TEST_F(TableStatistics, EveryKindOfTableHasInformationSchemasFigures) {
  const std::string db = "luckyus_tsmix";
  // STATS_AUTO_RECALC=0: InnoDB recalculates no statistics in the background
  // between the collector's read and the plain SQL's; ANALYZE TABLE does it
  // when the test wants one.
  std::string ddl = "DROP DATABASE IF EXISTS " + db + "; CREATE DATABASE " + db + "; USE " + db + R"(;
      SET SESSION default_storage_engine = InnoDB;
      CREATE TABLE t_plain (id INT AUTO_INCREMENT PRIMARY KEY, v INT, KEY (v)) STATS_AUTO_RECALC=0;
      INSERT INTO t_plain (v) SELECT seq FROM seq_1_to_2000;
      CREATE TABLE `t-dash` (id BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY, v INT) STATS_AUTO_RECALC=0;
      INSERT INTO `t-dash` (v) SELECT seq FROM seq_1_to_300;
      CREATE TABLE t_zip (id INT AUTO_INCREMENT PRIMARY KEY, pad VARCHAR(200)) ROW_FORMAT=COMPRESSED STATS_AUTO_RECALC=0;
      INSERT INTO t_zip (pad) SELECT REPEAT('z', 150) FROM seq_1_to_500;
      CREATE TABLE t_part (id INT AUTO_INCREMENT PRIMARY KEY, v INT) STATS_AUTO_RECALC=0 PARTITION BY HASH(id) PARTITIONS 3;
      INSERT INTO t_part (v) SELECT seq FROM seq_1_to_300;
      CREATE TABLE t_aria (id SMALLINT AUTO_INCREMENT PRIMARY KEY, v INT) ENGINE=Aria;
      INSERT INTO t_aria (v) SELECT seq FROM seq_1_to_50;
      CREATE TABLE t_np (id INT AUTO_INCREMENT PRIMARY KEY, v INT) STATS_PERSISTENT=0;
      INSERT INTO t_np (v) SELECT seq FROM seq_1_to_100;
      CREATE TABLE t_noai (k VARCHAR(10) PRIMARY KEY, v INT) STATS_AUTO_RECALC=0;
      INSERT INTO t_noai VALUES ('a', 1), ('b', 2);
      CREATE VIEW v_plain AS SELECT * FROM t_plain;
      CREATE SEQUENCE s_ids;
      CREATE TABLE t_versioned (id INT AUTO_INCREMENT PRIMARY KEY) STATS_AUTO_RECALC=0 WITH SYSTEM VERSIONING;
      ANALYZE TABLE t_plain, `t-dash`, t_zip, t_part, t_noai;)";
  for (int i = 0; i < 40; ++i) {
    ddl += " CREATE TABLE t_" + std::to_string(i) + " (id INT AUTO_INCREMENT PRIMARY KEY) STATS_AUTO_RECALC=0;";
  }
  root(ddl);
  Watcher cheap(options("luckyhub_ro"));
  Watcher plain(options("luckyhub_plain"));
  auto check = [&](const char* when) {
    for (Watcher* w : {&cheap, &plain}) {
      const collect::CycleReport r = w->cycle();
      ASSERT_EQ(r.up, 1) << when;
      ASSERT_EQ(r.tables_failed, 0) << when;
    }
    const std::map<std::string, Figures> truth = plain_sql(db);
    EXPECT_EQ(truth.size(), 47u) << when;  // views, sequences and versioned tables are not base tables
    for (Watcher* w : {&cheap, &plain}) {
      std::map<std::string, Figures> got = collected(w->options.warehouse, db);
      // Dropped: the store keeps its last figures, however they were read.
      if (!truth.count(db + ".t_4")) got.erase(db + ".t_4");
      EXPECT_EQ(difference(got, truth), "") << when << (w == &cheap ? ", from InnoDB's statistics" : ", opening every table");
    }
  };
  check("the first cycle (a full read)");

  // Rows inserted since the statistics were saved (in memory only), an
  // altered AUTO_INCREMENT, a new table, a dropped one, growth everywhere.
  root("USE " + db + R"(;
      INSERT INTO t_plain (v) SELECT seq FROM seq_1_to_20;
      INSERT INTO `t-dash` (v) SELECT seq FROM seq_1_to_5;
      ALTER TABLE t_3 AUTO_INCREMENT = 1000;
      CREATE TABLE t_new (id SMALLINT AUTO_INCREMENT PRIMARY KEY) AUTO_INCREMENT = 500 STATS_AUTO_RECALC=0;
      DROP TABLE t_4;
      INSERT INTO t_zip (pad) SELECT REPEAT('y', 150) FROM seq_1_to_300;
      INSERT INTO t_part (v) SELECT seq FROM seq_1_to_30;
      INSERT INTO t_aria (v) SELECT seq FROM seq_1_to_7;
      INSERT INTO t_np (v) SELECT seq FROM seq_1_to_9;
      INSERT INTO t_versioned () VALUES ();)");
  check("a cycle from InnoDB's statistics");
  // Else the test proves nothing: InnoDB's saved count is not the one in memory.
  for (const char* table : {"t_plain", "t-dash"}) {
    const std::string saved = root("SELECT n_rows FROM mysql.innodb_table_stats WHERE database_name = '" + db +
                                   "' AND table_name = '" + table + "'");
    EXPECT_NE(std::stod(saved), plain_sql(db)[db + "." + table].rows) << table;
  }

  // Statistics recalculated (saved anew) and more rows in memory.
  root("USE " + db + "; ANALYZE TABLE t_plain; INSERT INTO t_plain (v) SELECT seq FROM seq_1_to_11;");
  check("after ANALYZE TABLE");

  EXPECT_EQ(cheap.log.find("open every table"), std::string::npos) << cheap.log;
  EXPECT_NE(plain.log.find("table statistics open every table (information_schema.TABLES): cannot read "
                           "mysql.innodb_table_stats"),
            std::string::npos)
      << plain.log;
  root("DROP DATABASE " + db);
}

TEST_F(TableStatistics, AnAutoIncrementOutsideInnodbsCacheIsFoundWithinTheRotation) {
  const std::string db = "luckyus_tsrot";
  // 32 tables: 2 read by name per cycle in name order; t_31 comes last. 100
  // rows and no background recalculation: one more row leaves its persistent
  // statistics as they were (as fewer than 10% of a table's rows would).
  std::string ddl = "DROP DATABASE IF EXISTS " + db + "; CREATE DATABASE " + db + "; USE " + db + ";";
  for (int i = 0; i < 32; ++i) {
    char name[16];
    std::snprintf(name, sizeof name, "t_%02d", i);
    ddl += std::string(" CREATE TABLE ") + name + " (id INT AUTO_INCREMENT PRIMARY KEY, v INT) STATS_AUTO_RECALC=0;";
  }
  ddl += " INSERT INTO t_31 (v) SELECT seq FROM seq_1_to_100; ANALYZE TABLE t_31;";
  root(ddl);
  const std::string object = db + ".t_31";
  Watcher cheap(options("luckyhub_ro"));
  Watcher plain(options("luckyhub_plain"));
  ASSERT_EQ(cheap.cycle().tables_failed, 0);
  ASSERT_EQ(plain.cycle().tables_failed, 0);
  const double before = plain_sql(db)[object].used_ratio;
  EXPECT_DOUBLE_EQ(collected(cheap.options.warehouse, db)[object].used_ratio, before);

  // Plant 85% of INT, then restart the server (after a full purge): the
  // table leaves InnoDB's dictionary cache, as an idle table does on a busy
  // server, and its persistent statistics did not change.
  const double planted_id = 1825361100;  // 0.85 * 2147483647, rounded up
  root("INSERT INTO " + db + ".t_31 (id, v) VALUES (1825361100, 0); SET GLOBAL innodb_fast_shutdown = 0;");
  std::map<std::string, Figures> others = plain_sql(db);  // the other tables' figures, unchanged by the restart
  others.erase(object);
  const std::string stats_before = root("SELECT last_update, n_rows FROM mysql.innodb_table_stats WHERE "
                                        "database_name = '" + db + "' AND table_name = 't_31'");
  ASSERT_EQ(std::system((scripts() + "fleet-down " + *dir_ + " >/dev/null 2>&1").c_str()), 0);
  ASSERT_EQ(std::system((scripts() + "fleet-up 1 " + *dir_ + " >/dev/null").c_str()), 0);
  ASSERT_EQ(root("SELECT last_update, n_rows FROM mysql.innodb_table_stats WHERE database_name = '" + db +
                 "' AND table_name = 't_31'"),
            stats_before);

  // The cheap watcher alone first (the fallback opens every table, which
  // would put t_31 back in the cache).
  int found_at = 0;
  for (int table_cycles = 1; table_cycles <= static_cast<int>(collect::kRotationCycles) && found_at == 0;
       ++table_cycles) {
    ASSERT_TRUE(cheap.table_cycle());
    std::map<std::string, Figures> seen = collected(cheap.options.warehouse, db);
    const double ratio = seen[object].used_ratio;
    if (table_cycles == 1) {
      // Stale: out of the cache, statistics unchanged, not in this cycle's
      // slice. The others (most from their persistent statistics) are right.
      EXPECT_DOUBLE_EQ(ratio, before) << "the first table cycle after the restart";
      seen.erase(object);
      EXPECT_EQ(difference(seen, others), "");
    }
    if (ratio > 0.8) {
      found_at = table_cycles;
      EXPECT_DOUBLE_EQ(ratio, planted_id / kIntMax);
      bool firing = false;
      for (const auto& [key, a] : cheap.collector.tracker().alerts()) {
        firing = firing || (key.rule == "AutoIncrementNearLimit" && key.object == object &&
                            a.state == alerts::AlertState::kFiring);
      }
      EXPECT_TRUE(firing);
    }
  }
  RecordProperty("found_at_table_cycle", found_at);
  EXPECT_NE(found_at, 0) << "not found within the promised " << collect::kRotationCycles << " table cycles";
  EXPECT_NE(found_at, 1) << "found at once: the test did not take it out of InnoDB's cache";

  // Opening every table, the fallback sees it at once.
  ASSERT_TRUE(plain.table_cycle());
  EXPECT_DOUBLE_EQ(collected(plain.options.warehouse, db)[object].used_ratio, planted_id / kIntMax);
  EXPECT_EQ(difference(collected(cheap.options.warehouse, db), plain_sql(db)), "");
  EXPECT_EQ(difference(collected(plain.options.warehouse, db), plain_sql(db)), "");
  root("DROP DATABASE " + db);
}

}  // namespace
}  // namespace luckyhub::testing
