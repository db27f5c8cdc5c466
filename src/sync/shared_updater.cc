#include "sync/shared_updater.h"

#include <string_view>

#include "core/error.h"
#include "core/log.h"
#include "warehouse/unwritable.h"

namespace luckyhub::sync {

template <typename Op>
auto SharedUpdater::guarded(Op&& op) -> decltype(op()) {
  try {
    return op();
  } catch (const Error& e) {
    if (inside_ > 0 && !rollback_pending_) {
      ++generation_;
      rollback_pending_ = true;
      abandoned_reason_ = e.what();
      abandoned_unwritable_ = dynamic_cast<const WarehouseUnwritable*>(&e) != nullptr;
    }
    throw;
  }
}

void SharedUpdater::check(uint64_t generation) const {
  if (generation == generation_) return;
  const std::string why = "the warehouse transaction was rolled back after an error of another table: " +
                          abandoned_reason_;
  if (abandoned_unwritable_) throw WarehouseUnwritable(abandoned_reason_);
  throw Error(why);
}

void SharedUpdater::wait_usable(Lock& lock) {
  usable_.wait(lock, [this] { return !rollback_pending_; });
}

void SharedUpdater::complete_rollback() {
  if (!rollback_pending_ || inside_ > 0 || open_sinks_ > 0) return;
  lost_deferred_ = lost_deferred_ || deferred_;
  deferred_ = false;
  rows_since_commit_ = 0;
  try {
    warehouse_.rollback();
  } catch (const std::exception& e) {
    log::error("sync: rolling back the warehouse transaction: ", e.what());
  }
  rollback_pending_ = false;
  usable_.notify_all();
}

void SharedUpdater::end_transaction() {
  if (!warehouse_.in_transaction()) return;
  if (!deferred_) return warehouse_.rollback();
  warehouse_.commit();  // the tables' deferred checkpoints, with their rows
  deferred_ = false;
  rows_since_commit_ = 0;
}

void SharedUpdater::close() {
  Lock lock(mutex_);
  complete_rollback();
  if (lost_deferred_) {
    throw Error("sync: a warehouse error rolled back rows of tables already synced (" + abandoned_reason_ +
                "); the next sync copies them again");
  }
  end_transaction();
}

// A sink's rows reach the loader under the lock, kRowsPerLock at a time: the
// reader keeps the rows in between (its cells, then a few hundred rows), so
// that readers hardly wait for one another.
class SharedSink : public RowSink {
 public:
  SharedSink(SharedUpdater& shared, std::unique_ptr<RowSink> inner, uint64_t generation)
      : RowSink(inner->table()),
        shared_(shared),
        inner_(std::move(inner)),
        generation_(generation),
        columns_(table().columns.size()) {}
  ~SharedSink() override {
    SharedUpdater::Lock lock(shared_.mutex_);
    try {
      if (generation_ == shared_.generation_) pass_rows();
      inner_.reset();  // finishes: the owner of an unfinished sink learns of errors at its next call
    } catch (const std::exception&) {
    }
    --shared_.open_sinks_;
    shared_.complete_rollback();
  }
  void set_int(int col, int64_t value) override { cell(col) = {Cell::kInt, value, 0, 0, 0}; }
  void set_double(int col, double value) override { cell(col) = {Cell::kDouble, 0, value, 0, 0}; }
  void set_text(int col, std::string_view value) override {
    cell(col) = {Cell::kText, 0, 0, text_.size(), value.size()};
    text_.append(value);
  }
  void set_null(int col) override { cell(col) = {}; }
  void end_row() override {
    if (++rows_ - passed_ < kRowsPerLock) return;
    SharedUpdater::Lock lock(shared_.mutex_);
    shared_.check(generation_);
    shared_.guarded([&] { pass_rows(); });
  }
  void finish() override {
    SharedUpdater::Lock lock(shared_.mutex_);
    shared_.check(generation_);
    shared_.guarded([&] {
      pass_rows();
      inner_->finish();
    });
  }
  uint64_t rows_written() const override { return rows_; }

 private:
  static constexpr uint64_t kRowsPerLock = 256;
  struct Cell {
    enum Kind : char { kNull, kInt, kDouble, kText } kind = kNull;
    int64_t integer = 0;
    double real = 0;
    size_t text_at = 0, text_size = 0;
  };
  Cell& cell(int col) {
    const size_t at = (rows_ - passed_) * columns_ + static_cast<size_t>(col);
    if (cells_.size() <= at) cells_.resize(kRowsPerLock * columns_);
    return cells_[at];
  }
  // The rows kept since the last call into the inner sink. REQUIRES: the lock.
  void pass_rows() {
    const size_t n = rows_ - passed_;
    for (size_t r = 0; r < n; ++r) {
      for (size_t c = 0; c < columns_; ++c) {
        Cell& v = cells_[r * columns_ + c];
        const int col = static_cast<int>(c);
        switch (v.kind) {
          case Cell::kInt: inner_->set_int(col, v.integer); break;
          case Cell::kDouble: inner_->set_double(col, v.real); break;
          case Cell::kText: inner_->set_text(col, std::string_view(text_).substr(v.text_at, v.text_size)); break;
          default: inner_->set_null(col);
        }
        v = Cell{};
      }
      inner_->end_row();
    }
    shared_.rows_since_commit_ += n;
    passed_ = rows_;
    text_.clear();
  }

  SharedUpdater& shared_;
  std::unique_ptr<RowSink> inner_;
  const uint64_t generation_;
  const size_t columns_;
  std::vector<Cell> cells_;  // kRowsPerLock rows of columns_ cells
  std::string text_;         // their text
  uint64_t rows_ = 0, passed_ = 0;
};

class SharedUpdater::Session : public WarehouseUpdater {
 public:
  explicit Session(SharedUpdater& shared) : shared_(shared), warehouse_(shared.warehouse_) {}
  ~Session() override {
    try {
      rollback();
    } catch (const std::exception&) {
    }
  }

  std::string location() const override { return warehouse_.location(); }
  const Dialect& dialect() const override { return warehouse_.dialect(); }

  void begin() override {
    Lock lock(shared_.mutex_);
    if (in_transaction_) throw Error("sync: a table's session began twice");
    shared_.wait_usable(lock);
    if (!warehouse_.in_transaction()) warehouse_.begin();  // an error here is this table's alone
    ++shared_.inside_;
    in_transaction_ = true;
    generation_ = shared_.generation_;
  }

  void commit() override {
    Lock lock(shared_.mutex_);
    shared_.check(generation_);
    if (shared_.inside_ > 1 && shared_.rows_since_commit_ < shared_.rows_per_commit_) {
      // Others are inside and few rows came since the last commit: this
      // table's checkpoint commits with its rows in the next one.
      shared_.deferred_ = true;
      leave();
      return;
    }
    shared_.guarded([&] { warehouse_.commit(); });
    shared_.rows_since_commit_ = 0;
    shared_.deferred_ = false;
    leave();
    // The others go on inside a transaction of their own.
    if (shared_.inside_ > 0) shared_.guarded([&] { warehouse_.begin(); });
  }

  void rollback() override {
    Lock lock(shared_.mutex_);
    if (!in_transaction_) return;
    const bool forced = generation_ != shared_.generation_;
    leave();
    if (forced) {
      shared_.complete_rollback();
    } else if (shared_.inside_ == 0 && shared_.open_sinks_ == 0) {
      shared_.end_transaction();
    }
    // Otherwise others are inside: this table's rows past its checkpoint
    // stay, and its next run reads them again.
  }

  bool in_transaction() const override { return in_transaction_; }

  bool has_table(const std::string& name) override {
    return run([&] { return warehouse_.has_table(name); });
  }
  void create_table(const TableDef& table) override {
    hold_until_commit();
    run([&] { warehouse_.create_table(table); });
  }
  void drop_table(const std::string& name) override {
    hold_until_commit();
    run([&] { warehouse_.drop_table(name); });
  }
  void create_indexes(const TableDef& table) override {
    hold_until_commit();
    run([&] { warehouse_.create_indexes(table); });
  }
  std::unique_ptr<RowSink> open_upsert_sink(const TableDef& table) override {
    return open_sink([&] { return warehouse_.open_upsert_sink(table); });
  }
  std::unique_ptr<RowSink> open_merge_sink(const TableDef& table) override {
    return open_sink([&] { return warehouse_.open_merge_sink(table); });
  }
  void execute(std::string_view sql, const std::vector<SqlValue>& params) override {
    run([&] { warehouse_.execute(sql, params); });
  }
  ResultSet query(std::string_view sql, const std::vector<SqlValue>& params) override {
    return run([&] { return warehouse_.query(sql, params); });
  }
  void for_each_int(std::string_view sql, const std::function<void(int64_t)>& each) override {
    // An error of `each` (the reader's source) is this table's, not the warehouse's.
    std::exception_ptr reader_error;
    run([&] {
      warehouse_.for_each_int(sql, [&](int64_t id) {
        if (reader_error) return;
        try {
          each(id);
        } catch (...) {
          reader_error = std::current_exception();
        }
      });
    });
    if (reader_error) std::rethrow_exception(reader_error);
  }
  void set_meta(const std::string& key, const std::string& value) override {
    run([&] { warehouse_.set_meta(key, value); });
  }
  std::string meta(const std::string& key) override {
    return run([&] { return warehouse_.meta(key); });
  }
  void finish(bool) override { throw Error("sync: finish() belongs to the run, not to a table's session"); }
  uint64_t bytes_written() override {
    Lock lock(shared_.mutex_);
    return warehouse_.bytes_written();
  }

 private:
  template <typename Op>
  auto run(Op&& op) -> decltype(op()) {
    Lock lock(shared_.mutex_);
    if (in_transaction_) {
      shared_.check(generation_);
    } else {
      shared_.wait_usable(lock);
    }
    return shared_.guarded(op);
  }

  template <typename Open>
  std::unique_ptr<RowSink> open_sink(Open&& open) {
    std::unique_ptr<RowSink> inner = run([&] {
      std::unique_ptr<RowSink> opened = open();
      ++shared_.open_sinks_;  // counted before the lock is let go (complete_rollback)
      return opened;
    });
    return std::make_unique<SharedSink>(shared_, std::move(inner), generation_);
  }

  // DDL and the checkpoint recording it commit together: no other session's
  // commit comes between them.
  void hold_until_commit() {
    if (!held_.owns_lock()) held_ = Lock(shared_.mutex_);
  }

  void leave() {
    --shared_.inside_;
    in_transaction_ = false;
    if (held_.owns_lock()) held_.unlock();
  }

  SharedUpdater& shared_;
  WarehouseUpdater& warehouse_;
  bool in_transaction_ = false;
  uint64_t generation_ = 0;
  Lock held_;
};

std::unique_ptr<WarehouseUpdater> SharedUpdater::session() { return std::make_unique<Session>(*this); }

}  // namespace luckyhub::sync
