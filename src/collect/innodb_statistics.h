// What InnoDB keeps about its tables, read on MariaDB without opening them:
// the persistent statistics (mysql.innodb_table_stats: rows and page counts
// as of the last recalculation) and the statistics of the tables in its
// dictionary cache (information_schema.INNODB_SYS_TABLESTATS: the same
// figures as they are in memory, moved by every insert and delete since, and
// the AUTO_INCREMENT counter of a table opened since it was loaded).
//
// information_schema.TABLES opens a table to fill its rows, sizes and
// AUTO_INCREMENT: for an InnoDB table in the dictionary cache it shows the
// in-memory figures, for one that is not it loads the table, and with it the
// persistent figures. So the two reads here give information_schema.TABLES'
// figures of a plain InnoDB table (mysql_tables.h says which tables are) with
// one scan of a small table and one of InnoDB's cache, whatever the number of
// tables and the size of the server's table caches.
//
// The account needs SELECT on mysql.innodb_table_stats and PROCESS (without
// it INNODB_SYS_TABLESTATS shows no table rather than an error).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "sources/mysql_client.h"

namespace luckyhub::collect {

// A table as information_schema names it.
struct TableName {
  std::string schema, table;
  auto operator<=>(const TableName&) const = default;
  std::string object() const { return schema + "." + table; }  // the samples' object
};

// One row of mysql.innodb_table_stats.
struct PersistentStats {
  std::string last_update;
  double rows = 0, clustered_pages = 0, other_index_pages = 0;
  bool operator==(const PersistentStats&) const = default;
};

// A table of InnoDB's dictionary cache whose statistics are initialized.
struct CachedStats {
  uint64_t table_id = 0;  // a table rebuilt or re-created gets a new one
  double rows = 0, clustered_pages = 0, other_index_pages = 0;
  double next_auto_increment = 0;  // 0: not known (the table has not been opened since it was loaded)
};

// The name InnoDB's dictionary gives a table, "schema/table" in MariaDB's
// filename encoding (letters, digits and '_' as they are, another ASCII
// character as "@" and its 4 hex digits); "" for a name with a non-ASCII
// character, whose encoding is not done here.
std::string innodb_dictionary_name(const TableName& name);

struct InnodbStatistics {
  std::map<TableName, PersistentStats> persistent;
  std::map<std::string, CachedStats> cached;  // by innodb_dictionary_name
  size_t dictionary_tables = 0;  // rows INNODB_SYS_TABLESTATS showed (0: the account lacks PROCESS)

  // The table's mysql.innodb_table_stats row, if it has one.
  std::optional<PersistentStats> persistent_of(const TableName& name) const {
    const auto p = persistent.find(name);
    return p != persistent.end() ? std::optional(p->second) : std::nullopt;
  }
  // The table in the dictionary cache, its statistics initialized; null if not.
  const CachedStats* cached_of(const TableName& name) const {
    const auto d = cached.find(innodb_dictionary_name(name));
    return d != cached.end() ? &d->second : nullptr;
  }
};

// Why this connection cannot read InnoDB's statistics ("" when it can): not
// MariaDB, innodb_stats_persistent off (a table's persistent row may then be
// stale), or no SELECT on mysql.innodb_table_stats. `page_bytes` is set to
// @@innodb_page_size. Other errors propagate.
std::string innodb_statistics_unavailable(MysqlConnection& c, bool mariadb, double& page_bytes);

// Both reads; `limited` wraps a SELECT in the server-side time limit.
InnodbStatistics read_innodb_statistics(MysqlConnection& c, const std::function<std::string(std::string)>& limited);

}  // namespace luckyhub::collect
