// ClickHouseWarehouseWriter and its row sinks (see clickhouse_warehouse.h).
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <regex>
#include <set>
#include <ctime>
#include <thread>

#include "core/error.h"
#include "core/log.h"
#include "warehouse/clickhouse/clickhouse_generations.h"
#include "warehouse/clickhouse/clickhouse_schema.h"
#include "warehouse/clickhouse/clickhouse_sql.h"
#include "warehouse/clickhouse/clickhouse_warehouse.h"
#include "warehouse/derived_table.h"

namespace luckyhub::clickhouse {
namespace {

// Rows are sent in batches of about this many bytes of TabSeparated text:
// large enough that each INSERT makes few parts, small enough to bound memory.
constexpr size_t kBatchBytes = 16 << 20;
constexpr size_t kMaxPendingBatches = 3;

// Unique, and in the order of creation as text (readers break a tie of
// committed_at, which has whole seconds, by the name): UTC time to the
// millisecond, then the process and its count of writers.
std::string new_generation_name(const std::string& database) {
  static std::atomic<int> writers{0};
  const auto now = std::chrono::system_clock::now();
  const std::time_t seconds = std::chrono::system_clock::to_time_t(now);
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char stamp[40];
  const size_t n = std::strftime(stamp, sizeof stamp, "%Y%m%d%H%M%S", &utc);
  std::snprintf(stamp + n, sizeof stamp - n, "%03d", static_cast<int>(ms));
  char count[16];
  std::snprintf(count, sizeof count, "%04d", ++writers % 10000);
  return database + "__" + stamp + "_" + std::to_string(::getpid()) + "_" + count;
}

// What an unset (NULL) value is written as: \N, or for a NOT NULL column its
// type's default, as MySQL does outside strict mode (SQLite, which declares no
// NOT NULL, would keep the NULL; sources never send one).
const char* null_of(const ColumnDef& column) {
  if (column.nullable) return "\\N";
  switch (column.type) {
    case ColumnType::kInt:
    case ColumnType::kDecimal:
    case ColumnType::kDouble: return "0";
    case ColumnType::kDate: return "0000-00-00";
    case ColumnType::kDateTime: return "0000-00-00 00:00:00";
    default: return "";
  }
}

// Encodes rows as TabSeparated text in the table's column order.
class ClickHouseSink : public RowSink {
 public:
  ClickHouseSink(const TableDef& table, ClickHouseWarehouseWriter& writer)
      : RowSink(table), writer_(writer), fields_(table.columns.size()), set_(table.columns.size(), false) {}

  void set_int(int col, int64_t value) override { field(col) = std::to_string(value); }
  void set_double(int col, double value) override {
    const ColumnType type = table().columns[static_cast<size_t>(col)].type;
    if (!std::isfinite(value)) throw Error("non-finite value for column " + name(col));
    char buf[40];
    if ((type == ColumnType::kInt || type == ColumnType::kDecimal) && value == std::trunc(value)) {
      std::snprintf(buf, sizeof buf, "%.0f", value);
    } else {
      std::snprintf(buf, sizeof buf, "%.17g", value);
    }
    field(col) = buf;
  }
  void set_text(int col, std::string_view value) override {
    std::string& f = field(col);
    append_tsv_field(f, value);
  }
  void set_null(int col) override { field(col) = null_of(table().columns[static_cast<size_t>(col)]); }
  void end_row() override {
    for (size_t c = 0; c < fields_.size(); ++c) {
      if (c) batch_ += '\t';
      batch_ += set_[c] ? fields_[c] : null_of(table().columns[c]);
      set_[c] = false;
    }
    batch_ += '\n';
    ++rows_;
    if (batch_.size() >= kBatchBytes) flush();
  }
  void finish() override {
    flush();
    writer_.drain();
  }
  uint64_t rows_written() const override { return rows_; }

 private:
  std::string name(int col) const {
    return table().warehouse_name() + "." + table().columns[static_cast<size_t>(col)].name;
  }
  std::string& field(int col) {
    const size_t c = static_cast<size_t>(col);
    set_[c] = true;
    fields_[c].clear();
    return fields_[c];
  }
  void flush() {
    if (batch_.empty()) return;
    writer_.submit_rows(table(), std::move(batch_));
    batch_ = std::string();
    batch_.reserve(kBatchBytes + (1 << 16));
  }

  ClickHouseWarehouseWriter& writer_;
  std::vector<std::string> fields_;
  std::vector<bool> set_;
  std::string batch_;
  uint64_t rows_ = 0;
};

}  // namespace

ClickHouseWarehouseWriter::ClickHouseWarehouseWriter(Location location) : location_(std::move(location)) {}

std::unique_ptr<ClickHouseWarehouseWriter> ClickHouseWarehouseWriter::create(const std::string& location) {
  std::unique_ptr<ClickHouseWarehouseWriter> w(new ClickHouseWarehouseWriter(parse_location(location)));
  const Location& loc = w->location_;
  w->client_ = std::make_unique<Client>(loc, loc.endpoint, "");
  ensure_generations_table(*w->client_, loc.database);
  if (!loc.cluster.empty()) {
    const ResultSet r = w->client_->query(
        "SELECT host_address, port FROM system.clusters WHERE cluster = ? ORDER BY shard_num, replica_num",
        {loc.cluster});
    if (r.empty()) {
      throw Error("ClickHouse at " + loc.display() + ": cluster " + loc.cluster + " is not in the server's remote_servers");
    }
    if (!loc.shards.empty() && loc.shards.size() != r.size()) {
      throw Error("ClickHouse location lists " + std::to_string(loc.shards.size()) + " shards, cluster " +
                  loc.cluster + " has " + std::to_string(r.size()) + " servers");
    }
    for (size_t i = 0; i < r.size(); ++i) {
      const Endpoint e = loc.shards.empty() ? Endpoint{r.text_at(i, 0), loc.endpoint.port} : loc.shards[i];
      w->shards_.push_back(std::make_unique<Client>(loc, e, ""));
    }
  }
  w->generation_ = new_generation_name(loc.database);
  w->on_every_shard("CREATE DATABASE " + w->generation_);
  if (!loc.cluster.empty()) w->on_every_shard("CREATE DATABASE " + w->generation_ + "_local");
  w->client_->set_database(w->generation_);
  w->client_->execute(std::string("CREATE TABLE ") + kMetaTable +
                      " (key String, value String) ENGINE = MergeTree ORDER BY key");
  w->insert_client_ = std::make_unique<Client>(loc, loc.endpoint, w->generation_);
  Client* inserter = w->insert_client_.get();
  w->inserter_ = std::make_unique<OrderedWorker<Batch>>(
      kMaxPendingBatches, [inserter](Batch& b) { inserter->insert_tsv(b.table, b.rows); });
  w->set_meta("format", kClickHouseWarehouseFormat);
  log::debug("clickhouse: building generation ", w->generation_, " of ", loc.display());
  return w;
}

ClickHouseWarehouseWriter::~ClickHouseWarehouseWriter() {
  if (committed_ || generation_.empty()) return;
  try {
    inserter_.reset();
  } catch (...) {
    // the load is being thrown away: its failure was reported where it happened
  }
  drop_generation(generation_);
}

void ClickHouseWarehouseWriter::on_every_shard(const std::string& sql) {
  if (shards_.empty()) return client_->execute(sql);
  for (auto& shard : shards_) shard->execute(sql);
}

void ClickHouseWarehouseWriter::drop_generation(const std::string& generation) {
  try {
    on_every_shard("DROP DATABASE IF EXISTS " + generation);
    if (!location_.cluster.empty()) on_every_shard("DROP DATABASE IF EXISTS " + generation + "_local");
  } catch (const Error& e) {
    log::warn("clickhouse: could not drop generation ", generation, ": ", e.what());
  }
}

// A load killed before its switch (SIGKILL runs no destructor) leaves its
// generation's databases, never recorded, so no reader ever used them; they
// are dropped here when they were started before this one (a load started
// after it may still be running).
void ClickHouseWarehouseWriter::drop_abandoned_generations() {
  static const std::regex kSuffix(R"(\d{17}_\d+_\d{4})");
  const std::string prefix = location_.database + "__";
  std::set<std::string> abandoned;
  auto look = [&](Client& server) {
    const ResultSet r = server.query("SELECT name FROM system.databases", {});
    for (size_t i = 0; i < r.size(); ++i) {
      std::string name = r.text_at(i, 0);
      if (name.size() > 6 && name.compare(name.size() - 6, 6, "_local") == 0) name.resize(name.size() - 6);
      if (name.rfind(prefix, 0) != 0 || name >= generation_) continue;
      if (std::regex_match(name.substr(prefix.size()), kSuffix)) abandoned.insert(name);
    }
  };
  try {
    if (shards_.empty()) look(*client_);
    for (auto& shard : shards_) look(*shard);
  } catch (const Error& e) {
    log::warn("clickhouse: abandoned generations not looked for: ", e.what());
    return;
  }
  for (const std::string& old : older_generations(*client_, location_.database, generation_)) abandoned.erase(old);
  for (const std::string& generation : abandoned) {
    log::info("clickhouse: dropping generation ", generation, ", left by a load that was killed");
    drop_generation(generation);
  }
}

void ClickHouseWarehouseWriter::create_table(const TableDef& table) {
  const std::string name = table.warehouse_name();
  tables_.insert(name);
  const std::string columns = column_list_sql(table);
  if (location_.cluster.empty()) {
    client_->execute("CREATE TABLE " + generation_ + "." + name + " " + columns + " " + merge_tree_engine_sql(table));
    return;
  }
  on_every_shard("CREATE TABLE " + generation_ + "_local." + name + " " + columns + " " + merge_tree_engine_sql(table));
  on_every_shard("CREATE TABLE " + generation_ + "." + name + " " + columns + " ENGINE = Distributed(" +
                 location_.cluster + ", " + generation_ + "_local, " + name + ", " + sharding_key_sql(table) + ")");
}

std::unique_ptr<RowSink> ClickHouseWarehouseWriter::open_sink(const TableDef& table) {
  return std::make_unique<ClickHouseSink>(table, *this);
}

void ClickHouseWarehouseWriter::create_indexes(const TableDef&) {}

void ClickHouseWarehouseWriter::set_meta(const std::string& key, const std::string& value) { meta_[key] = value; }

void ClickHouseWarehouseWriter::submit_rows(const TableDef& table, std::string rows) {
  inserter_->submit({generation_ + "." + table.warehouse_name(), std::move(rows)});
}

// Each declared derived table whose sources this load holds
// (warehouse/derived_table.h), materialised from them on the server (INSERT
// ... SELECT: the join or the grouping runs once per load), on a connection
// per core at once (each join builds its hash table on one core), its
// version recorded in the meta.
void ClickHouseWarehouseWriter::build_derived_tables() {
  const auto started = std::chrono::steady_clock::now();
  const ClickHouseDialect dialect(!location_.cluster.empty());
  std::vector<Query> inserts;
  for (const DerivedBuild& build : derived_builds(dialect, {tables_.begin(), tables_.end()})) {
    create_table(build.table->def);
    inserts.push_back({build.insert, {}});
    set_meta(derived_meta_key(build.table->name()), build.version);
  }
  const size_t workers = std::min<size_t>(inserts.size(), std::max(1u, std::thread::hardware_concurrency()));
  std::vector<std::unique_ptr<Client>> clients;
  for (size_t i = 0; i < workers; ++i) clients.push_back(std::make_unique<Client>(location_, location_.endpoint, generation_));
  run_concurrently(inserts, workers, [&](size_t worker, const Query& q) {
    clients[worker]->execute(q.sql);
    return ResultSet{};
  });
  log::debug("clickhouse: ", inserts.size(), " derived tables built in ",
             std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count(), " s");
}

void ClickHouseWarehouseWriter::insert_meta() {
  std::string rows;
  for (const auto& [key, value] : meta_) {
    append_tsv_field(rows, key);
    rows += '\t';
    append_tsv_field(rows, value);
    rows += '\n';
  }
  if (!rows.empty()) client_->insert_tsv(generation_ + "." + kMetaTable, rows);
  meta_.clear();
}

void ClickHouseWarehouseWriter::build_computed_tables() {
  const std::vector<const DerivedTable*> computed =
      computed_builds({tables_.begin(), tables_.end()});
  if (computed.empty()) return;
  const ClickHouseDialect dialect(!location_.cluster.empty());
  std::unique_ptr<ClickHouseWarehouse> data =
      ClickHouseWarehouse::open_generation(location_, generation_);
  for (const DerivedTable* t : computed) {
    const auto started = std::chrono::steady_clock::now();
    const std::vector<std::vector<SqlValue>> rows = t->compute(*data);
    create_table(t->def);
    std::unique_ptr<RowSink> sink = open_sink(t->def);
    for (const std::vector<SqlValue>& row : rows) {
      if (row.size() != t->def.columns.size())
        throw Error("derived table " + t->name() + ": a row of the wrong width");
      for (size_t c = 0; c < row.size(); ++c) {
        const int col = static_cast<int>(c);
        if (const auto* i = std::get_if<int64_t>(&row[c]))
          sink->set_int(col, *i);
        else if (const auto* d = std::get_if<double>(&row[c]))
          sink->set_double(col, *d);
        else if (const auto* text = std::get_if<std::string>(&row[c]))
          sink->set_text(col, *text);
        else
          sink->set_null(col);
      }
      sink->end_row();
    }
    sink->finish();
    set_meta(derived_meta_key(t->name()), t->version(dialect));
    log::debug("clickhouse: derived table ", t->name(), " computed in ",
               std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count(),
               " s");
  }
  inserter_->drain();
}

void ClickHouseWarehouseWriter::commit() {
  inserter_->drain();
  build_derived_tables();
  insert_meta();  // what a computation reads, and the readers
  build_computed_tables();
  insert_meta();  // the computed tables' versions
  // The switch: one INSERT of one row, which readers see whole or not at all.
  client_->execute("INSERT INTO " + location_.database + "." + kGenerationsTable + " VALUES (" +
                   quote_string(generation_) + ", now())");
  committed_ = true;
  for (const std::string& old : older_generations(*client_, location_.database, generation_)) drop_generation(old);
  drop_abandoned_generations();
  log::debug("clickhouse: generation ", generation_, " of ", location_.display(), " committed");
}

}  // namespace luckyhub::clickhouse
