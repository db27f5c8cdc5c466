#include "warehouse/clickhouse/clickhouse_warehouse.h"

#include <algorithm>
#include <map>
#include <thread>

#include "core/error.h"
#include "core/log.h"
#include "warehouse/clickhouse/clickhouse_generations.h"
#include "warehouse/clickhouse/clickhouse_schema.h"
#include "warehouse/clickhouse/clickhouse_sql.h"
#include "warehouse/derived_table.h"
#include "warehouse/insert_rows.h"

namespace luckyhub::clickhouse {
namespace {

// A New York wall-clock DateTime of a UTC DateTime expression. toTimeZone only
// changes how the value is read, so toDate/toHour then give New York's day and
// hour, daylight saving included. (formatDateTime ignores it on 18.16: unused.)
std::string in_new_york(std::string_view e) { return "toTimeZone(" + std::string(e) + ", 'America/New_York')"; }

}  // namespace

std::string ClickHouseDialect::ny_date(std::string_view e) const {
  return "toString(toDate(" + in_new_york(e) + "))";
}
std::string ClickHouseDialect::ny_month(std::string_view e) const {
  return "substring(" + ny_date(e) + ", 1, 7)";
}
std::string ClickHouseDialect::ny_hour(std::string_view e) const {
  return "toInt64(toHour(" + in_new_york(e) + "))";
}
std::string ClickHouseDialect::utc_hour(std::string_view e) const {
  // A DateTime('UTC') printed as 'YYYY-MM-DD HH:00:00': the key groups as a number.
  return "toStartOfHour(" + std::string(e) + ")";
}
std::string ClickHouseDialect::safe_div(std::string_view num, std::string_view den) const {
  return "(toFloat64(" + std::string(num) + ") / nullIf(" + std::string(den) + ", 0))";
}
std::string ClickHouseDialect::int_div(std::string_view num, std::string_view den) const {
  // intDiv truncates toward zero, as SQLite's integer '/' does.
  return "intDiv(" + std::string(num) + ", " + std::string(den) + ")";
}
std::string ClickHouseDialect::seconds_between(std::string_view from, std::string_view to) const {
  // A DateTime as a number is its Unix time (toUInt32, which 18.16 has).
  return "(toInt64(toUInt32(" + std::string(to) + ")) - toInt64(toUInt32(" + std::string(from) + ")))";
}
std::string ClickHouseDialect::date_text(std::string_view c) const { return "toString(" + std::string(c) + ")"; }
std::string ClickHouseDialect::id_list(std::string_view expr) const {
  return "arrayStringConcat(arrayMap(x -> toString(x), arraySort(groupArray(" + std::string(expr) + "))), ',')";
}
std::string ClickHouseDialect::join_left(std::string_view table) const {
  return cluster_ ? "(SELECT * FROM " + std::string(table) + ")" : std::string(table);
}

ClickHouseWarehouse::ClickHouseWarehouse(Location location)
    : location_(std::move(location)), dialect_(!location_.cluster.empty()) {
  client_ = std::make_unique<Client>(location_, location_.endpoint, "");
}

std::unique_ptr<ClickHouseWarehouse> ClickHouseWarehouse::open(const std::string& location) {
  std::unique_ptr<ClickHouseWarehouse> w(new ClickHouseWarehouse(parse_location(location)));
  const std::string generation = current_generation(*w->client_, w->location_.database);
  if (generation.empty()) {
    throw Error("ClickHouse warehouse " + w->location() +
                " does not exist (build one with 'luckyhub simulate --warehouse " + w->location() + "')");
  }
  w->client_->set_database(generation);
  w->check_tables();
  return w;
}

std::unique_ptr<ClickHouseWarehouse> ClickHouseWarehouse::open_generation(
    const Location& location, const std::string& generation) {
  std::unique_ptr<ClickHouseWarehouse> w(new ClickHouseWarehouse(location));
  w->client_->set_database(generation);
  w->check_tables();
  return w;
}

// Every table the schema knows must have exactly the columns and types the
// writer gives it: a table altered by hand fails here, not in a tool's SQL.
void ClickHouseWarehouse::check_tables() {
  const ResultSet r = client_->query(
      "SELECT table, name, type FROM system.columns WHERE database = ?",
      {generation()});
  std::map<std::string, std::vector<std::pair<std::string, std::string>>> found;
  for (size_t i = 0; i < r.size(); ++i) found[r.text_at(i, 0)].emplace_back(r.text_at(i, 1), r.text_at(i, 2));
  tables_.clear();
  for (const auto& [name, columns] : found) tables_.insert(name);
  // A committed generation never changes: its meta is read once, with its tables.
  meta_.clear();
  if (has_table(kMetaTable)) {
    const ResultSet m = client_->query(std::string("SELECT key, value FROM ") + kMetaTable);
    for (size_t i = 0; i < m.size(); ++i) meta_[m.text_at(i, 0)] = m.text_at(i, 1);
  }
  const std::string format = meta("format");
  if (format != kClickHouseWarehouseFormat) {
    if (format.rfind("luckyhub-clickhouse-", 0) == 0) {
      throw Error("ClickHouse warehouse " + location() + " was built by an older luckyhub (format '" + format +
                  "'): build it again with 'luckyhub simulate' or 'luckyhub sync'");
    }
    throw Error("ClickHouse warehouse " + location() + " is not a luckyhub warehouse (format '" + format + "')");
  }
  for (const auto& [name, columns] : found) {
    const TableDef* table = SchemaCatalog::builtin().find_by_warehouse_name(name);
    if (const DerivedTable* d = DerivedTableRegistry::instance().find(name); table == nullptr && d != nullptr) {
      // A derived table of another declaration is read inline, not checked.
      if (meta(derived_meta_key(name)) != d->version(dialect_)) continue;
      table = &d->def;
    }
    if (table == nullptr) continue;
    std::map<std::string, std::string> types(columns.begin(), columns.end());
    for (const ColumnDef& c : table->columns) {
      const auto it = types.find(c.name);
      const std::string want = column_type(c);
      if (it == types.end()) {
        throw Error("ClickHouse warehouse " + location() + ": table " + name + " has no column " + c.name);
      }
      if (it->second != want) {
        throw Error("ClickHouse warehouse " + location() + ": column " + name + "." + c.name + " is " +
                    it->second + ", expected " + want);
      }
    }
  }
}

ResultSet ClickHouseWarehouse::query(std::string_view sql, const std::vector<SqlValue>& params) {
  try {
    return client_->query(sql, params);
  } catch (const Error&) {
    if (!follow_new_generation()) throw;
    return client_->query(sql, params);
  }
}

bool ClickHouseWarehouse::follow_new_generation() {
  Client outside(location_, location_.endpoint, "");  // the old generation may be gone
  const std::string now = current_generation(outside, location_.database);
  if (now.empty() || now == generation()) return false;
  log::info("clickhouse: ", location(), " moved to generation ", now);
  client_->set_database(now);
  helpers_.clear();
  check_tables();
  return true;
}

std::vector<ResultSet> ClickHouseWarehouse::query_all(const std::vector<Query>& queries) {
  const size_t workers = std::min<size_t>(queries.size(), std::max(1u, std::thread::hardware_concurrency()));
  auto run = [&] {
    while (helpers_.size() + 1 < workers) {
      helpers_.push_back(std::make_unique<Client>(location_, location_.endpoint, generation()));
    }
    return run_concurrently(queries, workers, [this](size_t worker, const Query& q) {
      return (worker == 0 ? *client_ : *helpers_[worker - 1]).query(q.sql, q.params);
    });
  };
  try {
    return run();
  } catch (const Error&) {
    if (!follow_new_generation()) throw;
    return run();
  }
}

std::string ClickHouseWarehouse::entered_table(const TableDef& table) {
  const std::string name = table.warehouse_name();
  require_identifier(name, "entered table");
  Client outside(location_, location_.endpoint, "");
  const ResultSet r = outside.query("SELECT count() AS n FROM system.tables WHERE database = ? AND name = ?",
                                    {location_.database, name});
  return r.row(0).integer("n") > 0 ? location_.database + "." + name : "";
}

void ClickHouseWarehouse::append_entered(const TableDef& table, const std::vector<std::vector<SqlValue>>& rows) {
  const std::string name = location_.database + "." + table.warehouse_name();
  require_identifier(table.warehouse_name(), "entered table");
  Client outside(location_, location_.endpoint, "");
  outside.execute("CREATE TABLE IF NOT EXISTS " + name + " " + column_list_sql(table) + " " + merge_tree_engine_sql(table));
  if (rows.empty()) return;
  const Query insert = insert_rows(name, table, rows);
  outside.execute(clickhouse::bind(insert.sql, insert.params));  // one INSERT: one block, all or nothing
}

std::string warehouse_version(const std::string& location) {
  const Location where = parse_location(location);
  Client client(where, where.endpoint, "");
  const std::string generation = current_generation(client, where.database);
  if (generation.empty()) throw Error("ClickHouse warehouse " + where.display() + " does not exist");
  const ResultSet r = client.query("SELECT toString(sum(rows)) AS n FROM system.parts WHERE database = ? AND active",
                                   {where.database});
  return generation + ":" + r.row(0).text("n");
}

bool ClickHouseWarehouse::has_table(std::string_view warehouse_name) {
  return tables_.find(warehouse_name) != tables_.end();
}

std::string ClickHouseWarehouse::meta(const std::string& key) {
  const auto it = meta_.find(key);
  return it == meta_.end() ? "" : it->second;
}

}  // namespace luckyhub::clickhouse
