#include "collect/mysql_tables.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>

#include "collect/metric_source.h"
#include "collect/table_rotation.h"
#include "core/log.h"

namespace luckyhub::collect {
namespace {

constexpr const char* kSystemSchemas = "('mysql', 'information_schema', 'performance_schema', 'sys')";
// More new or re-created tables than this in one cycle: one pass over COLUMNS.
constexpr size_t kTypesByName = 20;
// Tables per statement when reading by name.
constexpr size_t kNamesPerStatement = 500;

// The columns every read of information_schema.TABLES takes.
constexpr const char* kTableColumns = R"(
           TABLE_SCHEMA AS schema_name, TABLE_NAME AS table_name, TABLE_TYPE AS table_type,
           COALESCE(ENGINE, '') AS engine, LOWER(COALESCE(CREATE_OPTIONS, '')) AS create_options,
           COALESCE(DATA_LENGTH, 0) AS data_bytes, COALESCE(INDEX_LENGTH, 0) AS index_bytes,
           COALESCE(TABLE_ROWS, 0) AS table_rows, AUTO_INCREMENT AS next_auto_increment,
           COALESCE(CAST(CREATE_TIME AS CHAR), '') AS created)";

bool has(const std::string& text, const char* part) { return text.find(part) != std::string::npos; }

}  // namespace

// What one cycle reads and the catalogue it ends with (known_ is replaced by
// `next` only when all of it was read).
struct MysqlTables::Cycle {
  MysqlConnection& c;
  double limit_s;
  InnodbStatistics innodb;  // empty unless read
  Catalogue next;
  std::map<TableName, TableFigures> from_server;  // read from information_schema.TABLES this cycle
  std::vector<TableName> stale_types;             // new or re-created tables with an AUTO_INCREMENT
  TableName rotation_from;
};

std::string MysqlTables::limited(const std::string& select, double seconds) const {
  char limit[64];
  if (mariadb_) {
    std::snprintf(limit, sizeof limit, "SET STATEMENT max_statement_time = %.3f FOR ", seconds);
    return limit + select;
  }
  std::snprintf(limit, sizeof limit, "SELECT /*+ MAX_EXECUTION_TIME(%lld) */ ",
                static_cast<long long>(std::ceil(seconds * 1000)));
  return limit + select.substr(std::string("SELECT ").size());
}

void MysqlTables::connected(MysqlConnection& c) {
  const ResultSet v = c.query("SELECT VERSION() AS version");
  const bool mariadb = !v.empty() && v.row(0).text("version").find("MariaDB") != std::string::npos;
  mariadb_ = mariadb;
  const bool was_available = innodb_unavailable_.empty();
  innodb_unavailable_ = innodb_statistics_unavailable(c, mariadb, page_bytes_);
  if (innodb_unavailable_.empty() && !was_available) {
    full_read_at_ = {};  // what was learnt without InnoDB's statistics has no baseline of them
  } else if (mariadb && !innodb_unavailable_.empty()) {
    warn_unavailable();
  }
}

void MysqlTables::warn_unavailable() const {
  log::warn("collect: ", label_, ": table statistics open every table (information_schema.TABLES): ",
            innodb_unavailable_, "; docs/health.md says which grants avoid it");
}

std::vector<TableFigures> MysqlTables::read(MysqlConnection& c, double limit_s,
                                            std::chrono::steady_clock::time_point now) {
  Cycle cycle{.c = c, .limit_s = limit_s, .rotation_from = rotation_from_};
  const bool daily = known_.empty() || now - full_read_at_ >= std::chrono::hours(24);
  if (innodb_unavailable_.empty()) {
    // Before any read of information_schema.TABLES: a change after this one
    // is seen by the next cycle, not lost between the two.
    cycle.innodb = read_innodb_statistics(c, [&](std::string select) { return limited(select, limit_s); });
    if (cycle.innodb.dictionary_tables == 0) {
      innodb_unavailable_ = "information_schema.INNODB_SYS_TABLESTATS shows no table (the account lacks PROCESS)";
      warn_unavailable();
    }
  }
  const bool full = daily || !innodb_unavailable_.empty();
  if (full) {
    full_read(cycle);
  } else {
    const ResultSet names = c.query(limited(std::string(R"(SELECT
               TABLE_SCHEMA AS schema_name, TABLE_NAME AS table_name
        FROM information_schema.TABLES WHERE TABLE_SCHEMA NOT IN )") + kSystemSchemas,
                                            limit_s));
    partial_read(cycle, names);
  }
  read_types(cycle, daily);
  for (auto& [name, k] : cycle.next) {
    k.persistent = cycle.innodb.persistent_of(name);
    if (const CachedStats* cached = cycle.innodb.cached_of(name)) k.table_id = cached->table_id;
  }
  std::vector<TableFigures> out = figures(cycle);
  log::debug("collect: ", label_, ": table statistics of ", out.size(), " tables: ",
             full ? "a full read of information_schema.TABLES"
                  : std::to_string(cycle.from_server.size()) + " read by name, the others from InnoDB's statistics");
  known_ = std::move(cycle.next);
  rotation_from_ = cycle.rotation_from;
  if (daily) full_read_at_ = now;
  return out;
}

void MysqlTables::full_read(Cycle& cycle) {
  const ResultSet t = cycle.c.query(limited(std::string("SELECT") + kTableColumns +
                                                " FROM information_schema.TABLES WHERE TABLE_SCHEMA NOT IN " +
                                                kSystemSchemas,
                                            cycle.limit_s));
  for (const Row row : t) learn(cycle, row);
}

// The tables listed without opening them: those InnoDB's statistics cannot
// give, or give as changed, are read by name, and a rotating slice.
void MysqlTables::partial_read(Cycle& cycle, const ResultSet& names) {
  std::vector<TableName> by_name;
  for (const Row row : names) {
    TableName name{row.text("schema_name"), row.text("table_name")};
    const auto old = known_.find(name);
    if (old == known_.end()) {
      by_name.push_back(std::move(name));
      continue;
    }
    KnownTable& k = cycle.next[name] = old->second;
    const std::optional<PersistentStats> persistent = cycle.innodb.persistent_of(name);
    const CachedStats* cached = cycle.innodb.cached_of(name);
    const bool changed = persistent != k.persistent || (cached && k.table_id != 0 && cached->table_id != k.table_id);
    if (changed || (k.base_table && (!k.innodb_figures || !persistent))) {
      by_name.push_back(name);
    } else if (cached && cached->next_auto_increment > 0 && k.next_auto_increment) {
      k.next_auto_increment = cached->next_auto_increment;
    }
  }
  add_rotation(cycle, by_name);
  read_by_name(cycle, by_name);
}

// The rotation: tables with an AUTO_INCREMENT key whose counter is not
// current this cycle (neither read by name nor in InnoDB's cache) are read
// by name, a slice at a time (table_rotation.h).
void MysqlTables::add_rotation(Cycle& cycle, std::vector<TableName>& by_name) const {
  const std::set<TableName> reading(by_name.begin(), by_name.end());
  std::vector<const TableName*> rotating;
  std::vector<bool> current;
  for (const auto& [name, k] : cycle.next) {
    if (!k.base_table || !k.innodb_figures || !k.next_auto_increment || k.type_max <= 0) continue;
    const CachedStats* cached = cycle.innodb.cached_of(name);
    rotating.push_back(&name);
    current.push_back(reading.count(name) > 0 || (cached && cached->next_auto_increment > 0));
  }
  if (!rotating.empty()) {
    const auto start = std::lower_bound(rotating.begin(), rotating.end(), &cycle.rotation_from,
                                        [](const TableName* a, const TableName* b) { return *a < *b; });
    const RotationStep step = rotate(current, static_cast<size_t>(start - rotating.begin()), kRotationCycles);
    for (const size_t i : step.read) by_name.push_back(*rotating[i]);
    cycle.rotation_from = *rotating[step.next_start];
  }
}

void MysqlTables::read_by_name(Cycle& cycle, const std::vector<TableName>& tables) {
  std::set<TableName> missing(tables.begin(), tables.end());
  for (size_t from = 0; from < tables.size(); from += kNamesPerStatement) {
    const size_t to = std::min(tables.size(), from + kNamesPerStatement);
    std::string sql = std::string("SELECT") + kTableColumns +
                      " FROM information_schema.TABLES WHERE (TABLE_SCHEMA, TABLE_NAME) IN (";
    std::vector<SqlValue> params;
    for (size_t i = from; i < to; ++i) {
      sql += i == from ? "(?, ?)" : ", (?, ?)";
      params.push_back(tables[i].schema);
      params.push_back(tables[i].table);
    }
    const ResultSet t = cycle.c.query(limited(sql + ")", cycle.limit_s), params);
    for (const Row row : t) {
      missing.erase({row.text("schema_name"), row.text("table_name")});
      learn(cycle, row);
    }
  }
  for (const TableName& gone : missing) cycle.next.erase(gone);  // dropped since it was listed
}

// A row of information_schema.TABLES: the table's figures this cycle and what
// is kept of it.
void MysqlTables::learn(Cycle& cycle, const Row& row) {
  TableName name{row.text("schema_name"), row.text("table_name")};
  const auto old = known_.find(name);
  KnownTable k = old != known_.end() ? old->second : KnownTable{};
  const std::string options = row.text("create_options");
  const std::string created = row.text("created");
  k.base_table = row.text("table_type") == "BASE TABLE";
  // The figures InnoDB's statistics give are those of one plain tablespace
  // in pages of innodb_page_size.
  k.innodb_figures = k.base_table && row.text("engine") == "InnoDB" && !has(options, "partitioned") &&
                     !has(options, "row_format=compressed") && !has(options, "key_block_size") &&
                     !innodb_dictionary_name(name).empty();
  if (row.is_null("next_auto_increment")) {
    k.next_auto_increment.reset();
  } else {
    if (old == known_.end() || created != k.created) cycle.stale_types.push_back(name);
    k.next_auto_increment = row.number("next_auto_increment");
  }
  k.created = created;
  cycle.from_server[name] = {.object = name.object(),
                             .data_bytes = row.number("data_bytes"),
                             .index_bytes = row.number("index_bytes"),
                             .rows = row.number("table_rows")};
  cycle.next[std::move(name)] = std::move(k);
}

// The AUTO_INCREMENT column's type of every table (all), else of the new or
// re-created ones: by name when they are few (the server opens only them).
void MysqlTables::read_types(Cycle& cycle, bool all) {
  if (all || cycle.stale_types.size() > kTypesByName) {
    std::map<TableName, double> type_max;
    const ResultSet c = cycle.c.query(limited(std::string(R"(SELECT
               TABLE_SCHEMA AS schema_name, TABLE_NAME AS table_name, COLUMN_TYPE AS column_type
        FROM information_schema.COLUMNS
        WHERE EXTRA LIKE '%auto_increment%' AND TABLE_SCHEMA NOT IN )") + kSystemSchemas,
                                              cycle.limit_s));
    for (const Row row : c) {
      type_max[{row.text("schema_name"), row.text("table_name")}] = integer_type_max(row.text("column_type"));
    }
    for (auto& [name, k] : cycle.next) {
      const auto t = type_max.find(name);
      k.type_max = t != type_max.end() ? t->second : 0;
    }
    return;
  }
  for (const TableName& name : cycle.stale_types) {
    const ResultSet c = cycle.c.query(
        limited(R"(SELECT COLUMN_TYPE AS column_type FROM information_schema.COLUMNS
                   WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? AND EXTRA LIKE '%auto_increment%')",
                cycle.limit_s),
        {name.schema, name.table});
    if (auto k = cycle.next.find(name); k != cycle.next.end()) {
      k->second.type_max = c.empty() ? 0 : integer_type_max(c.row(0).text("column_type"));
    }
  }
}

// Every base table's figures: as read from information_schema.TABLES this
// cycle, else from InnoDB's dictionary cache (its in-memory figures), else
// from its persistent statistics — what information_schema.TABLES would show.
std::vector<TableFigures> MysqlTables::figures(const Cycle& cycle) const {
  std::vector<TableFigures> out;
  for (const auto& [name, k] : cycle.next) {
    if (!k.base_table) continue;
    TableFigures f;
    if (const auto read = cycle.from_server.find(name); read != cycle.from_server.end()) {
      f = read->second;
    } else {
      // Not read by name: a plain InnoDB table with a persistent row (partial_read).
      const CachedStats* cached = cycle.innodb.cached_of(name);
      const PersistentStats& saved = cycle.innodb.persistent.at(name);
      f.object = name.object();
      f.rows = cached ? cached->rows : saved.rows;
      f.data_bytes = (cached ? cached->clustered_pages : saved.clustered_pages) * page_bytes_;
      f.index_bytes = (cached ? cached->other_index_pages : saved.other_index_pages) * page_bytes_;
    }
    // AUTO_INCREMENT is the next value: the used part of the range is one less.
    if (k.type_max > 0 && k.next_auto_increment) f.auto_increment_used_ratio = (*k.next_auto_increment - 1) / k.type_max;
    out.push_back(std::move(f));
  }
  return out;
}

}  // namespace luckyhub::collect
