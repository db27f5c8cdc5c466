// Copies a WAL's committed pages back into the database file on a thread of
// its own, so that the writer does not stop for it. SQLite's automatic
// checkpoint runs inside the commit that crosses its threshold, on the
// writer's thread: sync's reading of MySQL waited for it (7 s of a 33 s
// incremental run at scale 0.1). A PASSIVE checkpoint from a second
// connection runs beside the writer's next transactions instead
// (https://sqlite.org/wal.html#ckpt); the file's crash safety is SQLite's
// own, whichever connection checkpoints.
//
// Replaces the writer connection's automatic checkpoints (its WAL hook): a
// commit that leaves `frames` or more pages in the WAL wakes the thread.
// REQUIRES: the writer is in WAL mode; destroyed before the writer closes.
#pragma once

#include <condition_variable>
#include <mutex>
#include <thread>

#include "warehouse/sqlite/sqlite_db.h"

namespace luckyhub {

class SqliteWalCheckpointer {
 public:
  SqliteWalCheckpointer(SqliteDb& writer, int frames);
  ~SqliteWalCheckpointer();  // waits for a checkpoint under way
  SqliteWalCheckpointer(const SqliteWalCheckpointer&) = delete;
  SqliteWalCheckpointer& operator=(const SqliteWalCheckpointer&) = delete;

 private:
  static int on_commit(void* self, sqlite3* db, const char* schema, int frames);
  void loop();

  SqliteDb& writer_;
  SqliteDb own_;  // the checkpointing connection, used by thread_ only
  const int frames_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool due_ = false, stop_ = false;
  std::thread thread_;  // last: started once the rest is ready
};

}  // namespace luckyhub
