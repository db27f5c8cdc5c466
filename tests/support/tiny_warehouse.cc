#include "support/tiny_warehouse.h"

#include <unistd.h>

#include "support/shared_sim.h"
#include "warehouse/schema.h"
#include "warehouse/updater.h"

namespace luckyhub::testing {
namespace {

// A new file, or a new database on the test ClickHouse (see shared_sim.h).
std::string tiny_location() {
  static int count = 0;
  const std::string clickhouse =
      clickhouse_test_location("tiny_" + std::to_string(::getpid()) + "_" + std::to_string(++count));
  return clickhouse.empty() ? temp_dir() + "/tiny.db" : clickhouse;
}

}  // namespace

TinyWarehouse::TinyWarehouse(const std::string& start, const std::string& as_of)
    : path_(tiny_location()), writer_(create_warehouse(path_)) {
  writer_->set_meta("start", start);
  writer_->set_meta("as_of", as_of);
}

TinyWarehouse::~TinyWarehouse() = default;

void TinyWarehouse::add(const std::string& database, const std::string& table,
                        const std::map<std::string, SqlValue>& row) {
  const std::string key = database + "." + table;
  auto it = sinks_.find(key);
  if (it == sinks_.end()) {
    const TableDef& def = SchemaCatalog::builtin().table(database, table);
    writer_->create_table(def);
    it = sinks_.emplace(key, writer_->open_sink(def)).first;
  }
  RowSink& sink = *it->second;
  for (const auto& [column, value] : row) {
    const int c = sink.col(column);
    if (const auto* i = std::get_if<int64_t>(&value)) sink.set_int(c, *i);
    else if (const auto* d = std::get_if<double>(&value)) sink.set_double(c, *d);
    else if (const auto* s = std::get_if<std::string>(&value)) sink.set_text(c, *s);
  }
  sink.end_row();
}

std::unique_ptr<Warehouse> TinyWarehouse::open() {
  for (auto& [key, sink] : sinks_) sink->finish();
  sinks_.clear();
  writer_->commit();
  return open_warehouse(path_);
}

void upsert_row(WarehouseUpdater& updater, const char* database, const char* table,
                const std::map<std::string, SqlValue>& row) {
  const TableDef& t = SchemaCatalog::builtin().table(database, table);
  auto sink = updater.open_upsert_sink(t);
  for (const ColumnDef& c : t.columns) sink->set_null(sink->col(c.name));
  for (const auto& [name, value] : row) {
    if (const auto* i = std::get_if<int64_t>(&value)) sink->set_int(sink->col(name), *i);
    else sink->set_text(sink->col(name), std::get<std::string>(value));
  }
  sink->end_row();
  sink->finish();
}

}  // namespace luckyhub::testing
