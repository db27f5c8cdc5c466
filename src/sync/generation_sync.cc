#include "sync/generation_sync.h"

#include <chrono>
#include <ctime>
#include <map>
#include <mutex>

#include "core/calendar.h"
#include "core/error.h"
#include "core/log.h"
#include "sources/mysql_client.h"
#include "sync/fleet_tables.h"
#include "sync/locked_sink.h"
#include "sync/row_copier.h"

namespace luckyhub::sync {
namespace {

// The instances' readers share the generation's writer: one at a time.
uint64_t copy_table(MysqlConnection& source, WarehouseWriter& writer, std::mutex& writer_mutex,
                    const TableDef& table) {
  const RowCopier copier(table);
  std::unique_ptr<RowSink> sink;
  {
    std::lock_guard lock(writer_mutex);
    writer.create_table(table);
    sink = std::make_unique<LockedSink>(writer_mutex, writer.open_sink(table));
  }
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
  // Every table is copied whole from here on: the generation holds no row
  // deleted at a source before this time.
  const std::string copy_began = Timestamp{std::time(nullptr)}.str();
  std::unique_ptr<WarehouseWriter> writer = create_warehouse(options.warehouse);
  SyncResult result;
  std::optional<Meta> simulation;
  std::string first_order;  // earliest t_order.create_time, for a real fleet's start
  std::mutex writer_mutex;
  for_each_table(fleet, options, result, simulation,
                 [&](MysqlConnection& source, const Instance&, const TableDef& table) {
                   TableSyncResult r{.table = table.qualified_name(), .mode = "full"};
                   r.rows_copied = copy_table(source, *writer, writer_mutex, table);
                   if (table.qualified_name() == "luckyus_sales_order.t_order") {
                     first_order = source.query("SELECT MIN(create_time) FROM luckyus_sales_order.t_order").text_at(0, 0);
                   }
                   return r;
                 });
  if (result.failed == 0) {
    record_meta([&](const std::string& key, const std::string& value) { writer->set_meta(key, value); }, simulation,
                first_order, result);
    writer->set_meta("deletions_reconciled", copy_began);
    result.deletions_reconciled = copy_began;
    writer->commit();
  } else {
    result.meta_source = "nothing: the previous generation is kept";
  }
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return result;
}

}  // namespace luckyhub::sync
