#include "warehouse/sqlite/sqlite_wal_checkpointer.h"

#include "core/log.h"

namespace luckyhub {

SqliteWalCheckpointer::SqliteWalCheckpointer(SqliteDb& writer, int frames)
    : writer_(writer),
      own_(writer.file(), SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX),
      frames_(frames),
      thread_([this] { loop(); }) {
  sqlite3_wal_hook(writer_.get(), &SqliteWalCheckpointer::on_commit, this);
}

SqliteWalCheckpointer::~SqliteWalCheckpointer() {
  sqlite3_wal_hook(writer_.get(), nullptr, nullptr);
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  wake_.notify_one();
  thread_.join();
}

// Called by SQLite on the writer's thread after each commit.
int SqliteWalCheckpointer::on_commit(void* self, sqlite3*, const char*, int frames) {
  auto* checkpointer = static_cast<SqliteWalCheckpointer*>(self);
  if (frames >= checkpointer->frames_) {
    {
      std::lock_guard lock(checkpointer->mutex_);
      checkpointer->due_ = true;
    }
    checkpointer->wake_.notify_one();
  }
  return SQLITE_OK;
}

void SqliteWalCheckpointer::loop() {
  std::unique_lock lock(mutex_);
  while (true) {
    wake_.wait(lock, [this] { return due_ || stop_; });
    if (stop_) return;
    due_ = false;
    lock.unlock();
    // PASSIVE: copies what it can without waiting for the writer or readers;
    // what it leaves, the next one copies (or the writer's last checkpoint).
    const int rc = sqlite3_wal_checkpoint_v2(own_.get(), nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    if (rc != SQLITE_OK && rc != SQLITE_BUSY) {
      log::warn("warehouse ", own_.file(), ": checkpoint: ", sqlite3_errmsg(own_.get()));
    }
    lock.lock();
  }
}

}  // namespace luckyhub
