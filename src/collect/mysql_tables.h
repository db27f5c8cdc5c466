// Table statistics of one MySQL/MariaDB server — every table's data and
// index bytes, row estimate and AUTO_INCREMENT headroom, as
// information_schema.TABLES gives them — read on the table cadence by the
// MySQL source (mysql_source.cc) on its own connection.
//
// information_schema.TABLES opens every table to fill those columns: on a
// MariaDB whose table caches are smaller than its tables, seconds per cycle.
// So on MariaDB, when the account may read InnoDB's own statistics
// (innodb_statistics.h), a cycle lists the tables without opening them and
// takes a plain InnoDB table's rows and sizes from those statistics; it
// opens (reads from information_schema.TABLES by name) only
//   - every cycle, the tables those statistics do not cover: other engines,
//     partitioned or compressed tables, tables without persistent statistics
//     (STATS_PERSISTENT=0), names beyond ASCII;
//   - tables that are new (views too, once: they are not reported), or whose
//     persistent statistics or InnoDB table id changed since the last cycle
//     (recalculated, rebuilt, re-created, an ALTER TABLE ... AUTO_INCREMENT);
//   - a rotating slice of the tables with an AUTO_INCREMENT key that are not
//     in InnoDB's dictionary cache (table_rotation.h): a table in the cache
//     (every table in use) has its counter there, current; another one's is
//     the value last read, at most kRotationCycles table cycles old.
// A full read of information_schema.TABLES comes first and once a day. On
// MySQL, or without the grants, every cycle is a full read: MySQL 8 fills
// information_schema.TABLES from its data dictionary without opening tables.
//
// The AUTO_INCREMENT column's type (the headroom's limit) comes from COLUMNS
// on the first cycle and daily, and by name for a table that is new or
// re-created (another CREATE_TIME: an ALTER that changes the type rebuilds it).
//
// Not thread-safe: one per source, used by one worker at a time.
#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "collect/innodb_statistics.h"
#include "sources/mysql_client.h"

namespace luckyhub::collect {

// A table's figures of one cycle.
struct TableFigures {
  std::string object;  // "schema.table"
  double data_bytes = 0, index_bytes = 0, rows = 0;
  std::optional<double> auto_increment_used_ratio;  // none: no integer AUTO_INCREMENT key
};

// Every table read by name within this many table cycles (4 h at the
// default --table-interval of 15 min).
inline constexpr size_t kRotationCycles = 16;

class MysqlTables {
 public:
  explicit MysqlTables(std::string label) : label_(std::move(label)) {}

  // A new connection: which server it is, and whether it may read InnoDB's
  // statistics (on MariaDB a warning says why not, once per connection).
  void connected(MysqlConnection& c);

  // Every base table's figures. Each statement is limited to `limit_s` on
  // the server. Throws on any failure, leaving what it knew of the tables as
  // it was.
  std::vector<TableFigures> read(MysqlConnection& c, double limit_s, std::chrono::steady_clock::time_point now);

 private:
  struct KnownTable {
    bool base_table = false;      // TABLE_TYPE 'BASE TABLE'; a view, sequence or versioned table is not reported
    bool innodb_figures = false;  // its rows and sizes may come from InnoDB's statistics
    std::string created;          // CREATE_TIME when last read by name
    std::optional<double> next_auto_increment;  // AUTO_INCREMENT when last known; none: NULL
    double type_max = 0;          // the AUTO_INCREMENT column type's maximum; 0: none
    std::optional<PersistentStats> persistent;  // its mysql.innodb_table_stats row at the last cycle
    uint64_t table_id = 0;        // its InnoDB table id when last seen in the dictionary cache
  };
  using Catalogue = std::map<TableName, KnownTable>;
  struct Cycle;

  std::string limited(const std::string& select, double seconds) const;
  void warn_unavailable() const;
  void full_read(Cycle& cycle);
  void partial_read(Cycle& cycle, const ResultSet& names);
  void add_rotation(Cycle& cycle, std::vector<TableName>& by_name) const;
  void read_by_name(Cycle& cycle, const std::vector<TableName>& tables);
  void learn(Cycle& cycle, const Row& row);
  void read_types(Cycle& cycle, bool all);
  std::vector<TableFigures> figures(const Cycle& cycle) const;

  std::string label_;
  bool mariadb_ = true;
  std::string innodb_unavailable_ = "not connected";  // "": InnoDB's statistics are read
  double page_bytes_ = 16384;
  Catalogue known_;
  std::chrono::steady_clock::time_point full_read_at_{};
  TableName rotation_from_;  // the next cycle's rotation starts at the first table not before it
};

}  // namespace luckyhub::collect
