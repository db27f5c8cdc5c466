#include "sync/checkpoint.h"

#include <ctime>

#include "core/calendar.h"

namespace luckyhub::sync {

CheckpointStore::CheckpointStore(WarehouseUpdater& warehouse) : warehouse_(warehouse) {
  warehouse_.begin();
  warehouse_.execute(
      "CREATE TABLE IF NOT EXISTS _luckyhub_sync ("
      " table_name TEXT PRIMARY KEY, phase TEXT NOT NULL, full_last_id INTEGER NOT NULL,"
      " watermark TEXT NOT NULL, watermark_id INTEGER NOT NULL, reconciled_at TEXT NOT NULL, instance TEXT NOT NULL,"
      " synced_at TEXT NOT NULL)");
  warehouse_.commit();
}

std::optional<Checkpoint> CheckpointStore::load(const std::string& table) {
  const ResultSet r = warehouse_.query(
      "SELECT phase, full_last_id, watermark, reconciled_at, instance, synced_at, watermark_id"
      " FROM _luckyhub_sync WHERE table_name = ?",
      {table});
  if (r.empty()) return std::nullopt;
  Checkpoint c;
  c.table = table;
  c.phase = r.text_at(0, 0) == "incremental" ? Phase::kIncremental : Phase::kFull;
  c.full_last_id = r.int_at(0, 1);
  c.watermark = r.text_at(0, 2);
  c.reconciled_at = r.text_at(0, 3);
  c.instance = r.text_at(0, 4);
  c.synced_at = r.text_at(0, 5);
  c.watermark_id = r.int_at(0, 6);
  return c;
}

void CheckpointStore::save(const Checkpoint& c) {
  warehouse_.execute(
      "INSERT OR REPLACE INTO _luckyhub_sync (table_name, phase, full_last_id, watermark,"
      " watermark_id, reconciled_at, instance, synced_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
      {c.table, std::string(c.phase == Phase::kIncremental ? "incremental" : "full"), c.full_last_id,
       c.watermark, c.watermark_id, c.reconciled_at, c.instance, Timestamp{std::time(nullptr)}.str()});
}

std::string CheckpointStore::oldest_reconciliation() {
  const ResultSet r = warehouse_.query(
      "SELECT COUNT(*), SUM(reconciled_at = ''), MIN(reconciled_at) FROM _luckyhub_sync");
  if (r.int_at(0, 0) == 0 || r.int_at(0, 1) > 0) return "";
  return r.text_at(0, 2);
}

}  // namespace luckyhub::sync
