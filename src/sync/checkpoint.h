// Sync's per-table state, kept in the warehouse itself (table _luckyhub_sync)
// so that it commits in the same transaction as the rows it describes: after
// a crash the checkpoint and the data agree, and the next run resumes exactly
// where the last commit left off.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "warehouse/updater.h"

namespace luckyhub::sync {

enum class Phase {
  kFull,         // copying the table by primary key; full_last_id is the last id copied
  kIncremental,  // copied once; following update_time from watermark
};

struct Checkpoint {
  std::string table;  // warehouse name
  Phase phase = Phase::kFull;
  int64_t full_last_id = 0;
  // The (update_time, id) of the newest *settled* row applied: incremental
  // runs read the rows after it. update_time is '' when the table was empty.
  // During the full copy it is the source's newest update_time *before* the
  // copy began (id 0), so the first incremental run also catches rows changed
  // during the copy.
  std::string watermark;
  int64_t watermark_id = 0;
  // UTC time up to which every row deleted at the source is gone from the
  // warehouse: the start of the last key reconciliation, or of the full copy
  // (a row deleted after the copy read it stays until the next one). '' = never.
  std::string reconciled_at;
  std::string instance;       // the fleet instance it was last read from
  std::string synced_at;      // UTC time of the last commit
};

class CheckpointStore {
 public:
  // Creates the checkpoint table when missing.
  explicit CheckpointStore(WarehouseUpdater& warehouse);
  // Over a warehouse whose checkpoint table another store has created (a
  // table's session of a parallel sync: no commit of its own).
  struct TableExists {};
  CheckpointStore(WarehouseUpdater& warehouse, TableExists) : warehouse_(warehouse) {}
  std::optional<Checkpoint> load(const std::string& table);
  // REQUIRES: inside the warehouse transaction that holds the rows it describes.
  void save(const Checkpoint& checkpoint);
  // The oldest reconciled_at of every table sync keeps in this warehouse: up
  // to then, no row deleted at a source still counts. '' when there is no
  // table, or one has never been reconciled.
  std::string oldest_reconciliation();

 private:
  WarehouseUpdater& warehouse_;
};

}  // namespace luckyhub::sync
