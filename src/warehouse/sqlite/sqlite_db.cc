#include "warehouse/sqlite/sqlite_db.h"

#include <chrono>
#include <cstdio>
#include <mutex>
#include <thread>

#include "core/calendar.h"
#include "core/error.h"
#include "warehouse/unwritable.h"

namespace luckyhub {
namespace {

// ny_date(x) / ny_month(x) / ny_hour(x): x is a UTC 'YYYY-MM-DD HH:MM:SS' text.
// NULL or malformed input gives NULL.
//
// New York's offset is a whole number of hours and its DST switches fall on
// whole UTC hours, so the answer depends on the UTC hour alone: the last
// hour's answer is kept per thread, and a scan in time order converts a
// timestamp once per hour of data instead of once per row.
struct NewYorkHour {
  char utc_hour[13] = {};  // 'YYYY-MM-DD HH'
  bool valid = false;
  char date[10] = {};      // 'YYYY-MM-DD'
  int hour = 0;
};

bool well_formed_minutes(std::string_view v) {
  auto digit = [&](size_t i) { return v[i] >= '0' && v[i] <= '9'; };
  return v.size() == 19 && v[13] == ':' && v[16] == ':' && digit(14) && digit(15) && digit(17) && digit(18) &&
         v[14] <= '5' && v[17] <= '5';
}

const NewYorkHour* new_york_hour_of(std::string_view view) {
  thread_local NewYorkHour last;
  if (!well_formed_minutes(view)) return nullptr;
  if (last.valid && view.compare(0, 13, std::string_view(last.utc_hour, 13)) == 0) return &last;
  Timestamp ts;
  try {
    ts = Timestamp::parse(std::string(view.substr(0, 13)) + ":00:00");
  } catch (const Error&) {
    return nullptr;
  }
  const std::string date = new_york_date(ts).str();
  view.copy(last.utc_hour, 13);
  date.copy(last.date, 10);
  last.hour = new_york_hour(ts);
  last.valid = true;
  return &last;
}

template <int kWhat>
void new_york_function(sqlite3_context* ctx, int, sqlite3_value** argv) {
  const unsigned char* text = sqlite3_value_text(argv[0]);
  if (text == nullptr) {
    sqlite3_result_null(ctx);
    return;
  }
  const std::string_view view(reinterpret_cast<const char*>(text),
                              static_cast<size_t>(sqlite3_value_bytes(argv[0])));
  const NewYorkHour* ny = new_york_hour_of(view);
  if (ny == nullptr) {
    sqlite3_result_null(ctx);
  } else if constexpr (kWhat == 2) {
    sqlite3_result_int(ctx, ny->hour);
  } else {
    sqlite3_result_text(ctx, ny->date, kWhat == 1 ? 7 : 10, SQLITE_TRANSIENT);
  }
}

// How long a statement waits for a lock another connection holds.
constexpr int kBusyTimeoutMs = 10000;

// The error of the connection's last call, as Error or, when the file cannot
// be written at all, WarehouseUnwritable.
[[noreturn]] void fail(sqlite3* db, const std::string& file, const std::string& reason) {
  const int code = sqlite3_errcode(db) & 0xff;
  if (code == SQLITE_FULL) {
    throw WarehouseUnwritable("warehouse " + file + ": " + reason + " (no space left on its disk)");
  }
  if (code == SQLITE_IOERR || code == SQLITE_READONLY) throw WarehouseUnwritable("warehouse " + file + ": " + reason);
  // Another process held the write lock through the whole busy timeout:
  // every write after this one would wait as long and fail the same way.
  if (code == SQLITE_BUSY) {
    throw WarehouseUnwritable("warehouse " + file + ": " + reason + " (another process held its write lock for " +
                              std::to_string(kBusyTimeoutMs / 1000) + " s: another sync, or a transaction left open)");
  }
  throw Error("warehouse " + file + ": " + reason);
}

}  // namespace

SqliteStatement::SqliteStatement(sqlite3* db, std::string_view sql, const std::string& file)
    : db_(db), file_(file) {
  if (sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &stmt_, nullptr) !=
      SQLITE_OK) {
    fail(db, file_, sqlite3_errmsg(db));
  }
}

SqliteStatement::~SqliteStatement() { sqlite3_finalize(stmt_); }

void SqliteStatement::bind(int index, const SqlValue& value) {
  int rc = SQLITE_OK;
  if (const auto* i = std::get_if<int64_t>(&value)) {
    rc = sqlite3_bind_int64(stmt_, index, *i);
  } else if (const auto* d = std::get_if<double>(&value)) {
    rc = sqlite3_bind_double(stmt_, index, *d);
  } else if (const auto* s = std::get_if<std::string>(&value)) {
    rc = sqlite3_bind_text(stmt_, index, s->data(), static_cast<int>(s->size()), SQLITE_TRANSIENT);
  } else {
    rc = sqlite3_bind_null(stmt_, index);
  }
  if (rc != SQLITE_OK) fail(db_, file_, sqlite3_errmsg(db_));
}

bool SqliteStatement::step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  fail(db_, file_, sqlite3_errmsg(db_));
}

void SqliteStatement::reset() { sqlite3_reset(stmt_); }

SqliteDb::SqliteDb(const std::string& file, int flags) : file_(file) {
  // SQLite counts every allocation under one global mutex unless told not
  // to; connections working at once (Warehouse::query_all) then queue on it.
  static std::once_flag configured;
  std::call_once(configured, [] {
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    sqlite3_initialize();
  });
  if (sqlite3_open_v2(file.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
    const std::string reason = db_ ? sqlite3_errmsg(db_) : "out of memory";
    sqlite3_close(db_);
    db_ = nullptr;
    throw Error("cannot open warehouse " + file + ": " + reason);
  }
  sqlite3_busy_timeout(db_, kBusyTimeoutMs);
  const int text_flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC;
  sqlite3_create_function(db_, "ny_date", 1, text_flags, nullptr, new_york_function<0>, nullptr,
                          nullptr);
  sqlite3_create_function(db_, "ny_month", 1, text_flags, nullptr, new_york_function<1>, nullptr,
                          nullptr);
  sqlite3_create_function(db_, "ny_hour", 1, text_flags, nullptr, new_york_function<2>, nullptr,
                          nullptr);
}

SqliteDb::~SqliteDb() {
  // Fails (and would keep the file locked) only if a statement outlives its
  // connection: a bug in the caller, so say so.
  if (db_ != nullptr && sqlite3_close(db_) != SQLITE_OK) {
    std::fprintf(stderr, "internal error: warehouse %s closed with statements still open\n", file_.c_str());
  }
}

void SqliteDb::exec_waiting_for_locks(std::string_view sql) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(kBusyTimeoutMs);
  for (;;) {
    try {
      exec(sql);
      return;
    } catch (const Error&) {
      if ((sqlite3_errcode(db_) & 0xff) != SQLITE_BUSY || std::chrono::steady_clock::now() >= deadline) throw;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

void SqliteDb::exec(std::string_view sql) {
  char* message = nullptr;
  if (sqlite3_exec(db_, std::string(sql).c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
    const std::string reason = message ? message : sqlite3_errmsg(db_);
    sqlite3_free(message);
    fail(db_, file_, reason);
  }
}

ResultSet SqliteDb::query(std::string_view sql, const std::vector<SqlValue>& params) {
  SqliteStatement stmt(db_, sql, file_);
  for (size_t i = 0; i < params.size(); ++i) stmt.bind(static_cast<int>(i + 1), params[i]);
  ResultSet result;
  const int n = sqlite3_column_count(stmt.get());
  for (int c = 0; c < n; ++c) result.columns.emplace_back(sqlite3_column_name(stmt.get(), c));
  while (stmt.step()) {
    std::vector<SqlValue> row(static_cast<size_t>(n));
    for (int c = 0; c < n; ++c) {
      switch (sqlite3_column_type(stmt.get(), c)) {
        case SQLITE_INTEGER: row[c] = static_cast<int64_t>(sqlite3_column_int64(stmt.get(), c)); break;
        case SQLITE_FLOAT: row[c] = sqlite3_column_double(stmt.get(), c); break;
        case SQLITE_NULL: break;
        default:
          row[c] = std::string(reinterpret_cast<const char*>(sqlite3_column_text(stmt.get(), c)),
                               static_cast<size_t>(sqlite3_column_bytes(stmt.get(), c)));
      }
    }
    result.rows.push_back(std::move(row));
  }
  return result;
}

}  // namespace luckyhub
