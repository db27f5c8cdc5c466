#include "sync/table_sync.h"

#include <signal.h>

#include <charconv>
#include <functional>
#include <ctime>

#include "core/calendar.h"
#include "core/error.h"
#include "core/log.h"
#include "core/money.h"
#include "sync/key_walk.h"
#include "sync/row_copier.h"
#include "sync/watermark.h"

namespace luckyhub::sync {
namespace {

std::string now_utc() { return Timestamp{std::time(nullptr)}.str(); }

// How copied rows meet the warehouse's: the full copy appends (its ids are
// past every row there), incremental runs merge into the rows they change,
// writing only the changed columns (sqlite_row_merge.h).
enum class Write { kAppend, kMerge };

std::unique_ptr<RowSink> open_sink(WarehouseUpdater& warehouse, const TableDef& table, Write write) {
  return write == Write::kMerge ? warehouse.open_merge_sink(table) : warehouse.open_upsert_sink(table);
}

// Streams the rows of `sql` into the warehouse, committing every chunk_rows
// rows together with the checkpoint; `advance` moves the checkpoint past a
// copied row. Leaves the last rows in an open transaction for the caller to
// finish and commit.
void copy_rows(MysqlConnection& source, WarehouseUpdater& warehouse, CheckpointStore& checkpoints,
               const RowCopier& copier, const TableDef& table, Write write, const std::string& sql,
               const std::vector<SqlValue>& params, Checkpoint& cp, const TableSyncOptions& options,
               TableSyncResult& result,
               const std::function<void(const MysqlConnection::Stream&)>& advance) {
  int64_t chunks = 0, in_chunk = 0;
  warehouse.begin();
  std::unique_ptr<RowSink> sink = open_sink(warehouse, table, write);
  MysqlConnection::Stream rows = source.stream(sql, params);
  while (rows.next()) {
    copier.copy(rows, *sink);
    advance(rows);
    ++result.rows_copied;
    if (++in_chunk < options.chunk_rows) continue;
    in_chunk = 0;
    sink->finish();
    if (options.kill_after_chunks > 0 && ++chunks >= options.kill_after_chunks) {
      log::warn("sync: test hook: killing myself before a commit of ", cp.table);
      ::raise(SIGKILL);
    }
    checkpoints.save(cp);
    warehouse.commit();
    warehouse.begin();
  }
  sink->finish();
}

void full_copy(MysqlConnection& source, WarehouseUpdater& warehouse, CheckpointStore& checkpoints,
               const TableDef& table, Checkpoint& cp, const TableSyncOptions& options,
               TableSyncResult& result) {
  const RowCopier copier(table);
  copy_rows(source, warehouse, checkpoints, copier, table, Write::kAppend,
            "SELECT " + copier.select_list() + " FROM " + copier.from() + " WHERE id > ? ORDER BY id",
            {cp.full_last_id}, cp, options, result, [&](const MysqlConnection::Stream& row) {
              cp.full_last_id = copier.to_int(row.text(copier.id_col()), table.columns[copier.id_col()]);
            });
  // Indexes are built once the table is loaded, which is faster than
  // maintaining them row by row. A fresh copy needs no reconciliation: it
  // counts as one from the time it began (cp.reconciled_at, set then).
  warehouse.create_indexes(table);
  cp.phase = Phase::kIncremental;
  checkpoints.save(cp);
  warehouse.commit();
}

void incremental(MysqlConnection& source, WarehouseUpdater& warehouse, CheckpointStore& checkpoints,
                 const TableDef& table, Checkpoint& cp, const TableSyncOptions& options,
                 TableSyncResult& result) {
  const RowCopier copier(table);
  // Rows newer than `settled` may still have company: a transaction that set
  // an earlier update_time and commits later. They are applied, but the
  // watermark stops before them, so the next run reads them again.
  const std::string settled =
      source.query("SELECT NOW() - INTERVAL ? SECOND", {options.settle_s}).text_at(0, 0);
  const RowsAfter after = rows_after_watermark(cp);
  WatermarkAdvance watermark(cp, settled);
  copy_rows(source, warehouse, checkpoints, copier, table, Write::kMerge,
            "SELECT " + copier.select_list() + " FROM " + copier.from() + after.where + " ORDER BY update_time, id",
            after.params, cp, options, result, [&](const MysqlConnection::Stream& row) {
              watermark.row(row.text(copier.update_col()),
                            copier.to_int(row.text(copier.id_col()), table.columns[copier.id_col()]));
            });
  checkpoints.save(cp);
  warehouse.commit();
}

// Walks the source's and the warehouse's keys side by side (key_walk.h):
// deletes the rows deleted at the source, fetches the ones the watermark missed.
void reconcile(MysqlConnection& source, WarehouseUpdater& warehouse, CheckpointStore& checkpoints,
               const TableDef& table, Checkpoint& cp, TableSyncResult& result) {
  const RowCopier copier(table);
  // A row deleted at the source while the walk runs may stay: the deletions
  // are reconciled up to the walk's start.
  const std::string started = now_utc();
  std::vector<int64_t> gone, missed;
  {
    MysqlConnection::Stream source_ids = source.stream("SELECT id FROM " + copier.from() + " ORDER BY id");
    KeyWalk walk([&](int64_t& id) {
      if (!source_ids.next()) return false;
      id = copier.to_int(source_ids.text(0), table.columns[0]);
      return true;
    });
    warehouse.for_each_int("SELECT id FROM " + table.warehouse_name() + " ORDER BY id",
                           [&](int64_t id) { walk.warehouse_id(id); });
    KeyDifferences differences = walk.finish();
    gone = std::move(differences.gone);
    missed = std::move(differences.missed);
  }
  warehouse.begin();
  for (int64_t id : gone) warehouse.execute("DELETE FROM " + table.warehouse_name() + " WHERE id = ?", {id});
  {
    std::unique_ptr<RowSink> sink = open_sink(warehouse, table, Write::kMerge);
    for (size_t at = 0; at < missed.size(); at += 1000) {
      std::string ids;
      for (size_t i = at; i < std::min(missed.size(), at + 1000); ++i) {
        ids += (ids.empty() ? "" : ",") + std::to_string(missed[i]);
      }
      MysqlConnection::Stream rows =
          source.stream("SELECT " + copier.select_list() + " FROM " + copier.from() + " WHERE id IN (" + ids + ")");
      while (rows.next()) copier.copy(rows, *sink);
    }
    sink->finish();
  }
  cp.reconciled_at = started;
  checkpoints.save(cp);
  warehouse.commit();
  result.rows_deleted = gone.size();
  result.rows_missed = missed.size();
  result.reconciled = true;
}

}  // namespace

TableSyncResult sync_table(MysqlConnection& source, const std::string& instance,
                           WarehouseUpdater& warehouse, CheckpointStore& checkpoints,
                           const TableDef& table, const TableSyncOptions& options) {
  if (table.primary_key != std::vector<std::string>{"id"} || !table.has_column("update_time")) {
    throw Error(table.qualified_name() + ": sync needs an integer primary key id and an update_time column");
  }
  TableSyncResult result;
  result.table = table.qualified_name();
  std::optional<Checkpoint> loaded = checkpoints.load(table.warehouse_name());
  Checkpoint cp = loaded.value_or(Checkpoint{.table = table.warehouse_name()});
  cp.instance = instance;
  try {
    if (!loaded || cp.phase == Phase::kFull) {
      result.mode = loaded ? "resumed full" : "full";
      if (!loaded) {
        // The copy reconciles deletions up to its start; a resumed copy keeps
        // that time (rows copied before a kill may have been deleted since).
        cp.reconciled_at = now_utc();
        // The watermark is taken before the copy starts (see Checkpoint).
        const ResultSet newest = source.query("SELECT MAX(update_time) FROM " +
                                              MysqlConnection::quote_identifier(table.database) + "." +
                                              MysqlConnection::quote_identifier(table.name));
        cp.watermark = newest.empty() ? "" : newest.text_at(0, 0);
        warehouse.begin();
        if (warehouse.has_table(table.warehouse_name())) {
          warehouse.drop_table(table.warehouse_name());  // not ours to trust: no checkpoint
        }
        warehouse.create_table(table);
        checkpoints.save(cp);
        warehouse.commit();
      }
      full_copy(source, warehouse, checkpoints, table, cp, options, result);
    } else {
      result.mode = "incremental";
      incremental(source, warehouse, checkpoints, table, cp, options, result);
      const bool due = cp.reconciled_at.empty() ||
                       Timestamp{std::time(nullptr)} - Timestamp::parse(cp.reconciled_at) >=
                           options.reconcile_every_s;
      if (options.reconcile_now || due) reconcile(source, warehouse, checkpoints, table, cp, result);
    }
  } catch (...) {
    warehouse.rollback();
    throw;
  }
  return result;
}

}  // namespace luckyhub::sync
