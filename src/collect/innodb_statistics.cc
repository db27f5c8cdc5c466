#include "collect/innodb_statistics.h"

#include <cstdio>

#include "core/error.h"

namespace luckyhub::collect {
namespace {

// MariaDB's filename encoding of one name, ASCII only; false when the name
// has another character.
bool append_encoded(std::string& out, std::string_view name) {
  for (const char ch : name) {
    const auto c = static_cast<unsigned char>(ch);
    if (c >= 0x80 || c == 0) return false;
    if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_') {
      out += ch;
    } else {
      char code[8];
      std::snprintf(code, sizeof code, "@%04x", c);
      out += code;
    }
  }
  return true;
}

// The server's errors that say a source is not there for this account:
// ER_TABLEACCESS_DENIED_ERROR, ER_UNKNOWN_TABLE, ER_NO_SUCH_TABLE.
bool not_readable(unsigned code) { return code == 1142 || code == 1109 || code == 1146; }

}  // namespace

std::string innodb_dictionary_name(const TableName& name) {
  std::string out;
  if (!append_encoded(out, name.schema)) return "";
  out += '/';
  if (!append_encoded(out, name.table)) return "";
  return out;
}

std::string innodb_statistics_unavailable(MysqlConnection& c, bool mariadb, double& page_bytes) {
  if (!mariadb) return "not MariaDB";
  const ResultSet v = c.query("SELECT @@innodb_stats_persistent AS persistent, @@innodb_page_size AS page_bytes");
  page_bytes = v.row(0).number("page_bytes");
  if (v.row(0).integer("persistent") == 0) return "innodb_stats_persistent is OFF";
  // LIMIT 0: the grants and the table are checked, nothing is read.
  for (const char* source : {"mysql.innodb_table_stats", "information_schema.INNODB_SYS_TABLESTATS"}) {
    try {
      c.query(std::string("SELECT 1 FROM ") + source + " LIMIT 0");
    } catch (const Error& e) {
      if (!not_readable(c.last_errno())) throw;
      return std::string("cannot read ") + source + " (" + e.what() + ")";
    }
  }
  return "";
}

InnodbStatistics read_innodb_statistics(MysqlConnection& c, const std::function<std::string(std::string)>& limited) {
  InnodbStatistics out;
  const ResultSet p = c.query(limited(R"(SELECT
             database_name AS schema_name, table_name, CAST(last_update AS CHAR) AS last_update,
             n_rows, clustered_index_size, sum_of_other_index_sizes
      FROM mysql.innodb_table_stats)"));
  for (const Row row : p) {
    out.persistent[{row.text("schema_name"), row.text("table_name")}] = {
        .last_update = row.text("last_update"),
        .rows = row.number("n_rows"),
        .clustered_pages = row.number("clustered_index_size"),
        .other_index_pages = row.number("sum_of_other_index_sizes")};
  }
  // STATS_INITIALIZED is 1 (10.6 and later) or 'Initialized' (before).
  const ResultSet d = c.query(limited(R"(SELECT
             TABLE_ID AS table_id, NAME AS dictionary_name, CAST(STATS_INITIALIZED AS CHAR) AS initialized,
             NUM_ROWS AS num_rows, CLUST_INDEX_SIZE AS clustered_pages, OTHER_INDEX_SIZE AS other_index_pages,
             AUTOINC AS next_auto_increment
      FROM information_schema.INNODB_SYS_TABLESTATS)"));
  out.dictionary_tables = d.size();
  for (const Row row : d) {
    const std::string initialized = row.text("initialized");
    if (initialized != "1" && initialized != "Initialized") continue;
    out.cached[row.text("dictionary_name")] = {.table_id = static_cast<uint64_t>(row.integer("table_id")),
                                               .rows = row.number("num_rows"),
                                               .clustered_pages = row.number("clustered_pages"),
                                               .other_index_pages = row.number("other_index_pages"),
                                               .next_auto_increment = row.number("next_auto_increment")};
  }
  return out;
}

}  // namespace luckyhub::collect
