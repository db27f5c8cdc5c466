// A sink whose rows reach a shared writer under a lock: the sync into
// ClickHouse (generation_sync.cc) reads several instances at once, and the
// generation's writer, whose one inserter thread sends every batch, takes
// rows from one thread at a time. The cells of a row are the sink's own
// until end_row(), so only end_row() and finish() take the lock.
#pragma once

#include <memory>
#include <mutex>

#include "warehouse/warehouse.h"

namespace luckyhub::sync {

class LockedSink : public RowSink {
 public:
  LockedSink(std::mutex& mutex, std::unique_ptr<RowSink> inner)
      : RowSink(inner->table()), mutex_(mutex), inner_(std::move(inner)) {}
  ~LockedSink() override {
    std::lock_guard lock(mutex_);
    inner_.reset();
  }
  void set_int(int col, int64_t value) override { inner_->set_int(col, value); }
  void set_double(int col, double value) override { inner_->set_double(col, value); }
  void set_text(int col, std::string_view value) override { inner_->set_text(col, value); }
  void set_null(int col) override { inner_->set_null(col); }
  void end_row() override {
    std::lock_guard lock(mutex_);
    inner_->end_row();
  }
  void finish() override {
    std::lock_guard lock(mutex_);
    inner_->finish();
  }
  uint64_t rows_written() const override { return inner_->rows_written(); }

 private:
  std::mutex& mutex_;
  std::unique_ptr<RowSink> inner_;
};

}  // namespace luckyhub::sync
