#include "warehouse/sqlite/sqlite_bulk_loader.h"

#include <cstring>

#include "core/error.h"

namespace luckyhub {
namespace {

// Row encoding: per column, in order, a tag byte (SqliteValue::Kind) then the value.
enum Tag : char { kNull = SqliteValue::kNull, kInt = SqliteValue::kInt, kDouble = SqliteValue::kDouble,
                  kText = SqliteValue::kText };
constexpr size_t kBatchBytes = 1 << 20;

template <typename T>
void put(std::string& out, const T& value) {
  out.append(reinterpret_cast<const char*>(&value), sizeof value);
}

template <typename T>
T get(const char*& p) {
  T value;
  std::memcpy(&value, p, sizeof value);
  p += sizeof value;
  return value;
}

std::string insert_sql(const TableDef& table, SqliteBulkLoader::Conflict conflict) {
  std::string sql = (conflict == SqliteBulkLoader::Conflict::kReplace ? "INSERT OR REPLACE INTO "
                                                                        : "INSERT INTO ") +
                    table.warehouse_name() + " VALUES (";
  for (size_t i = 0; i < table.columns.size(); ++i) sql += i ? ",?" : "?";
  return sql + ")";
}

class BulkRowSink : public RowSink {
 public:
  BulkRowSink(const TableDef& table, SqliteDb& db, SqliteBulkLoader& loader,
              SqliteBulkLoader::Conflict conflict)
      : RowSink(table),
        loader_(loader),
        statement_(conflict == SqliteBulkLoader::Conflict::kMerge
                       ? nullptr
                       : std::make_unique<SqliteStatement>(db.get(), insert_sql(table, conflict), db.file())),
        merge_(conflict == SqliteBulkLoader::Conflict::kMerge ? std::make_unique<SqliteRowMerge>(db, table)
                                                              : nullptr),
        columns_(static_cast<int>(table.columns.size())),
        tags_(table.columns.size(), kNull),
        ints_(table.columns.size()),
        doubles_(table.columns.size()),
        texts_(table.columns.size()) {
    batch_.data = loader_.take_buffer();
  }

  ~BulkRowSink() override {
    try {
      finish();
    } catch (const std::exception&) {
      // The owner learns of the error from the loader's next drain().
    }
  }

  void set_int(int col, int64_t value) override { tags_[col] = kInt, ints_[col] = value; }
  void set_double(int col, double value) override { tags_[col] = kDouble, doubles_[col] = value; }
  void set_text(int col, std::string_view value) override { tags_[col] = kText, texts_[col].assign(value); }
  void set_null(int col) override { tags_[col] = kNull; }

  void end_row() override {
    std::string& out = batch_.data;
    for (int c = 0; c < columns_; ++c) {
      out.push_back(tags_[c]);
      switch (tags_[c]) {
        case kInt: put(out, ints_[c]); break;
        case kDouble: put(out, doubles_[c]); break;
        case kText:
          put(out, static_cast<uint32_t>(texts_[c].size()));
          out.append(texts_[c]);
          break;
        default: break;
      }
      tags_[c] = kNull;
    }
    ++batch_.rows;
    ++rows_;
    if (out.size() >= kBatchBytes) submit();
  }

  void finish() override {
    if (batch_.rows > 0) submit();
    loader_.drain();
  }

  uint64_t rows_written() const override { return rows_; }

 private:
  void submit() {
    batch_.statement = statement_.get();
    batch_.merge = merge_.get();
    batch_.columns = columns_;
    loader_.submit(std::move(batch_));
    batch_ = SqliteBulkLoader::Batch{};
    batch_.data = loader_.take_buffer();
  }

  SqliteBulkLoader& loader_;
  std::unique_ptr<SqliteStatement> statement_;
  std::unique_ptr<SqliteRowMerge> merge_;
  int columns_;
  std::vector<char> tags_;
  std::vector<int64_t> ints_;
  std::vector<double> doubles_;
  std::vector<std::string> texts_;
  SqliteBulkLoader::Batch batch_;
  uint64_t rows_ = 0;
};

}  // namespace

SqliteBulkLoader::SqliteBulkLoader(SqliteDb& db)
    : db_(db), worker_(kMaxPending, [this](Batch& batch) {
        write(batch);
        std::lock_guard lock(buffers_mutex_);
        if (free_buffers_.size() < kMaxPending + 2) free_buffers_.push_back(std::move(batch.data));
      }) {}

std::unique_ptr<RowSink> SqliteBulkLoader::open_sink(const TableDef& table, Conflict conflict) {
  drain();
  return std::make_unique<BulkRowSink>(table, db_, *this, conflict);
}

void SqliteBulkLoader::drain() { worker_.drain(); }

std::string SqliteBulkLoader::take_buffer() {
  std::string buffer;
  {
    std::lock_guard lock(buffers_mutex_);
    if (!free_buffers_.empty()) {
      buffer = std::move(free_buffers_.back());
      free_buffers_.pop_back();
    }
  }
  buffer.clear();
  buffer.reserve(kBatchBytes + 4096);
  return buffer;
}

void SqliteBulkLoader::write(const Batch& batch) {
  row_.resize(static_cast<size_t>(batch.columns));
  const char* p = batch.data.data();
  for (uint64_t row = 0; row < batch.rows; ++row) {
    for (SqliteValue& value : row_) {
      value.kind = static_cast<SqliteValue::Kind>(*p++);
      switch (value.kind) {
        case SqliteValue::kInt: value.integer = get<int64_t>(p); break;
        case SqliteValue::kDouble: value.real = get<double>(p); break;
        case SqliteValue::kText: {
          const uint32_t n = get<uint32_t>(p);
          value.text = std::string_view(p, n);
          p += n;
          break;
        }
        default: break;
      }
    }
    if (batch.merge != nullptr) {
      batch.merge->apply(row_);
      continue;
    }
    for (int c = 0; c < batch.columns; ++c) bind_sqlite_value(db_, batch.statement->get(), c + 1, row_[c]);
    batch.statement->step();
    batch.statement->reset();
  }
}

}  // namespace luckyhub
