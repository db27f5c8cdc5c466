#include "sync/generation_sync.h"

#include <chrono>
#include <ctime>
#include <map>

#include "core/calendar.h"
#include "core/error.h"
#include "core/log.h"
#include "sources/mysql_client.h"
#include "sync/fleet_tables.h"
#include "sync/row_copier.h"

namespace luckyhub::sync {
namespace {

uint64_t copy_table(MysqlConnection& source, WarehouseWriter& writer, const TableDef& table) {
  const RowCopier copier(table);
  writer.create_table(table);
  std::unique_ptr<RowSink> sink = writer.open_sink(table);
  MysqlConnection::Stream rows =
      source.stream("SELECT " + copier.select_list() + " FROM " + copier.from() + " ORDER BY id");
  uint64_t n = 0;
  while (rows.next()) {
    copier.copy(rows, *sink);
    ++n;
  }
  sink->finish();
  return n;
}

}  // namespace

SyncResult sync_generation(const SyncOptions& options, const Fleet& fleet) {
  const auto started = std::chrono::steady_clock::now();
  if (!options.only.empty()) {
    throw Error("sync into ClickHouse copies every table into a new generation: --table is for SQLite warehouses");
  }
  std::unique_ptr<WarehouseWriter> writer = create_warehouse(options.warehouse);
  SyncResult result;
  std::optional<Meta> simulation;
  std::string first_order;  // earliest t_order.create_time, for a real fleet's start
  for (const auto& [instance, tables] : tables_by_instance(fleet, options, result)) {
    std::unique_ptr<MysqlConnection> source;
    for (const TableDef* table : tables) {
      TableOutcome outcome{{.table = table->qualified_name(), .mode = "full"}, ""};
      try {
        if (!source) source = std::make_unique<MysqlConnection>(*instance, instance->reader);
        if (!simulation) simulation = simulation_meta(*source, table->database);
        outcome.result.rows_copied = copy_table(*source, *writer, *table);
        if (table->qualified_name() == "luckyus_sales_order.t_order") {
          first_order = source->query("SELECT MIN(create_time) FROM luckyus_sales_order.t_order").text_at(0, 0);
        }
        log::info("sync: ", table->qualified_name(), ": full, ", outcome.result.rows_copied, " rows");
      } catch (const Error& e) {
        outcome.error = e.what();
        source.reset();
        log::error("sync: ", table->qualified_name(), " failed: ", e.what());
      }
      result.tables.push_back(std::move(outcome));
    }
  }
  for (const TableOutcome& t : result.tables) {
    result.rows_copied += t.result.rows_copied;
    result.failed += t.error.empty() ? 0 : 1;
  }
  if (result.failed == 0) {
    if (simulation) {
      for (const char* key : {"as_of", "start", "seed", "scale"}) {
        if (simulation->count(key)) writer->set_meta(key, simulation->at(key));
      }
      result.meta_source = "the simulation recorded in the sources";
    } else {
      writer->set_meta("as_of", Timestamp{std::time(nullptr)}.utc_date().str());
      if (!first_order.empty()) writer->set_meta("start", new_york_date(Timestamp::parse(first_order)).str());
      result.meta_source = "the sync date";
    }
    writer->set_meta("source", "sync");
    writer->set_meta("synced_at", Timestamp{std::time(nullptr)}.str());
    writer->commit();
  } else {
    result.meta_source = "nothing: the previous generation is kept";
  }
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return result;
}

}  // namespace luckyhub::sync
