// One warehouse updater, written by the readers of several fleet instances
// at once (sync.cc with --jobs > 1). The warehouse keeps one writer: every
// use of the underlying updater — SQL, commits, and the rows that the sinks
// hand to its loader thread — is serialised by one lock, and the loader's
// thread (bounded queue of ~1 MiB batches) is the only one writing pages.
// Readers read their MySQL servers outside the lock, in parallel.
//
// Each table syncs through a Session, a WarehouseUpdater of its own whose
// begin()/commit() join one shared transaction: begin() opens it when none
// is open, commit() commits it (with every other session's rows so far) and,
// while other sessions are still inside, opens the next one at once — or,
// when others are inside and fewer than rows_per_commit rows came since the
// last commit, leaves its checkpoint in the transaction for the next commit
// (so four tables at once commit as often as one). What makes that safe is
// the invariant sync keeps (docs/sync.md, "Several
// instances at once"): a checkpoint is saved after the rows it covers, in
// the same session, so a commit never holds a checkpoint without its rows;
// it may hold rows past another table's checkpoint, which the next run reads
// again and upserts or merges to the same result. DDL is the exception: from
// a session's create_table()/drop_table()/create_indexes() to its commit(),
// the session keeps the lock, so no other commit separates a table's DDL
// from the checkpoint that records it.
//
// A session's rollback() rolls back only when no other session is inside the
// transaction; otherwise it leaves it, its rows past its checkpoint staying
// (harmless, as above). An error of the underlying updater inside a shared
// transaction (a failed batch, a full disk) rolls the transaction back for
// every session: each one still inside gets that error at its next call
// (as WarehouseUnwritable when it was one), so no table goes on past rows
// it believes written.
//
// Thread safety: a SharedUpdater is used by any number of sessions, each
// session (and its sinks) by one thread. The underlying updater must not be
// used directly while sessions exist.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "warehouse/updater.h"

namespace luckyhub::sync {

class SharedUpdater {
 public:
  // A session's commit() commits for real once `rows_per_commit` rows came
  // since the last commit, or when no other session is inside; before that,
  // its checkpoint waits in the transaction, with its rows, for the next one.
  SharedUpdater(WarehouseUpdater& warehouse, int64_t rows_per_commit)
      : warehouse_(warehouse), rows_per_commit_(static_cast<uint64_t>(rows_per_commit)) {}
  SharedUpdater(const SharedUpdater&) = delete;
  SharedUpdater& operator=(const SharedUpdater&) = delete;

  class Session;
  std::unique_ptr<WarehouseUpdater> session();
  // After every session has ended: commits the checkpoints still waiting, or
  // rolls back what a failed session left (rows past its checkpoint). Throws
  // Error when a forced rollback took checkpoints whose tables had finished.
  void close();

 private:
  friend class Session;
  friend class SharedSink;
  using Lock = std::unique_lock<std::recursive_mutex>;

  // Runs `op` on the underlying updater; an Error from it inside the shared
  // transaction rolls that back for everyone (above). REQUIRES: the lock.
  template <typename Op>
  auto guarded(Op&& op) -> decltype(op());
  // Throws the error that rolled back the transaction of a session that
  // joined it at `generation`. REQUIRES: the lock.
  void check(uint64_t generation) const;
  // Waits until a rollback forced on everyone is done. REQUIRES: the lock, held once.
  void wait_usable(Lock& lock);
  // The forced rollback, once no session is inside and no sink open.
  void complete_rollback();
  // Nobody inside: commits the deferred checkpoints, or else rolls back.
  void end_transaction();

  WarehouseUpdater& warehouse_;
  const uint64_t rows_per_commit_;
  std::recursive_mutex mutex_;
  std::condition_variable_any usable_;
  int inside_ = 0;           // sessions inside the open transaction
  int open_sinks_ = 0;       // sinks not yet destroyed (they use the loader)
  uint64_t generation_ = 0;  // bumped by each rollback forced on everyone
  bool rollback_pending_ = false;
  std::string abandoned_reason_;
  bool abandoned_unwritable_ = false;
  uint64_t rows_since_commit_ = 0;  // rows passed to the underlying sinks
  bool deferred_ = false;           // a checkpoint waits in the open transaction
  bool lost_deferred_ = false;      // a forced rollback took one
};

}  // namespace luckyhub::sync
