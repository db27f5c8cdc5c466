#include "simulate/fleet_loader.h"

#include <charconv>
#include <map>
#include <set>

#include "core/error.h"
#include "core/log.h"
#include "core/money.h"
#include "core/ordered_worker.h"
#include "sources/mysql_client.h"
#include "warehouse/discard_sink.h"

namespace luckyhub {
namespace {

constexpr size_t kBatchBytes = 4 << 20;
constexpr size_t kMaxPending = 3;

// The CREATE TABLE statement of a table, as written in its schema/ file.
std::string table_ddl(const TableDef& table) {
  for (const SchemaFile& file : embedded_schema_files()) {
    if (file.database != table.database) continue;
    const std::string head = "CREATE TABLE " + table.name + " (";
    const size_t begin = file.sql.find(head);
    const size_t end = begin == std::string::npos ? begin : file.sql.find(";\n", begin);
    if (begin != std::string::npos && end != std::string::npos) return file.sql.substr(begin, end - begin);
  }
  throw Error("schema has no DDL for " + table.qualified_name());
}

// One LOAD DATA of a batch of rows, run by the loader thread.
struct LoadJob {
  MysqlConnection* connection;
  std::string statement;
  std::string data;
  std::string table;
};

// LOAD DATA jobs run in submission order on a background thread.
using LoadQueue = OrderedWorker<LoadJob>;

// Appends text escaped for LOAD DATA's default format (tab-separated fields,
// newline-terminated lines, backslash escapes).
void append_escaped(std::string& out, std::string_view text) {
  for (char c : text) {
    switch (c) {
      case '\\': out += "\\\\"; break;
      case '\t': out += "\\t"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\0': out += "\\0"; break;
      default: out.push_back(c);
    }
  }
}

class LoadDataSink : public RowSink {
 public:
  LoadDataSink(const TableDef& table, MysqlConnection& connection, LoadQueue& queue)
      : RowSink(table), connection_(connection), queue_(queue), cells_(table.columns.size()),
        nulls_(table.columns.size(), true) {
    statement_ = "LOAD DATA LOCAL INFILE 'luckyhub-rows' INTO TABLE " +
                 MysqlConnection::quote_identifier(table.database) + "." +
                 MysqlConnection::quote_identifier(table.name) + " CHARACTER SET utf8mb4 (";
    for (size_t i = 0; i < table.columns.size(); ++i) {
      statement_ += (i ? ", " : "") + MysqlConnection::quote_identifier(table.columns[i].name);
    }
    statement_ += ")";
    batch_.reserve(kBatchBytes + 4096);
  }

  void set_int(int col, int64_t value) override {
    const ColumnDef& c = table().columns[col];
    if (c.type == ColumnType::kDecimal) {
      cells_[col] = format_decimal(value, c.scale);
    } else {
      char buffer[24];
      cells_[col].assign(buffer, std::to_chars(buffer, buffer + sizeof buffer, value).ptr);
    }
    nulls_[col] = false;
  }
  void set_double(int col, double value) override {
    char buffer[32];
    // Shortest text that reads back as the same double.
    cells_[col].assign(buffer, std::to_chars(buffer, buffer + sizeof buffer, value).ptr);
    nulls_[col] = false;
  }
  void set_text(int col, std::string_view value) override {
    cells_[col].clear();
    append_escaped(cells_[col], value);
    nulls_[col] = false;
  }
  void set_null(int col) override { nulls_[col] = true; }

  void end_row() override {
    for (size_t c = 0; c < cells_.size(); ++c) {
      if (c) batch_.push_back('\t');
      if (nulls_[c]) {
        batch_ += "\\N";
      } else {
        batch_ += cells_[c];
      }
      nulls_[c] = true;
    }
    batch_.push_back('\n');
    ++rows_;
    if (batch_.size() >= kBatchBytes) submit();
  }
  void finish() override {
    if (!batch_.empty()) submit();
    queue_.drain();
  }
  uint64_t rows_written() const override { return rows_; }

 private:
  void submit() {
    queue_.submit({&connection_, statement_, std::move(batch_), table().qualified_name()});
    batch_ = std::string();
    batch_.reserve(kBatchBytes + 4096);
  }

  MysqlConnection& connection_;
  LoadQueue& queue_;
  std::string statement_;
  std::vector<std::string> cells_;
  std::vector<bool> nulls_;
  std::string batch_;
  uint64_t rows_ = 0;
};

class FleetWriter : public WarehouseWriter {
 public:
  FleetWriter(const Fleet& fleet, const std::vector<std::string>& databases) {
    for (const std::string& database : databases.empty() ? SchemaCatalog::builtin().databases() : databases) {
      const Instance* instance = fleet.mysql_holding(database);
      if (instance == nullptr) {
        throw Error("fleet file " + fleet.path + ": no mysql instance holds " + database);
      }
      if (!instance->loader) {
        throw Error("fleet file " + fleet.path + ":" + std::to_string(instance->line) + ": instance " +
                    instance->name + " has no loader account (needed by simulate --fleet)");
      }
      auto& connection = connections_[instance->name];
      if (!connection) connection = std::make_unique<MysqlConnection>(*instance, *instance->loader);
      by_database_[database] = connection.get();
    }
  }

  ~FleetWriter() override {
    try {
      queue_.drain();
    } catch (const std::exception&) {
      // Already reported by the load that failed.
    }
  }

  void create_table(const TableDef& table) override {
    if (!by_database_.count(table.database)) return;
    queue_.drain();
    MysqlConnection& c = connection(table.database);
    const std::string db = MysqlConnection::quote_identifier(table.database);
    if (created_.insert(table.database).second) {
      log::debug("simulate: recreating ", table.database, " on ", c.label());
      c.execute("DROP DATABASE IF EXISTS " + db + "; CREATE DATABASE " + db +
                " DEFAULT CHARACTER SET utf8mb4");
    }
    const SplitDdl ddl = split_secondary_keys(table_ddl(table));
    c.execute("USE " + db + "; " + ddl.create);
    if (!ddl.add_keys.empty()) {
      std::string alter;
      for (const std::string& clause : ddl.add_keys) alter += (alter.empty() ? "" : ", ") + clause;
      secondary_keys_[table.qualified_name()] = alter;
    }
  }

  std::unique_ptr<RowSink> open_sink(const TableDef& table) override {
    if (!by_database_.count(table.database)) return std::make_unique<DiscardSink>(table);
    return std::make_unique<LoadDataSink>(table, connection(table.database), queue_);
  }

  // The secondary keys, built from the loaded rows.
  void create_indexes(const TableDef& table) override {
    auto it = secondary_keys_.find(table.qualified_name());
    if (it == secondary_keys_.end()) return;
    queue_.drain();
    connection(table.database)
        .execute("ALTER TABLE " + MysqlConnection::quote_identifier(table.database) + "." +
                 MysqlConnection::quote_identifier(table.name) + " " + it->second);
    secondary_keys_.erase(it);
  }

  void set_meta(const std::string& key, const std::string& value) override { meta_[key] = value; }

  void commit() override {
    queue_.drain();
    for (const auto& [database, c] : by_database_) {
      const std::string table = MysqlConnection::quote_identifier(database) + "." + kSimulationMetaTable;
      c->execute("DROP TABLE IF EXISTS " + table + "; CREATE TABLE " + table +
                 " (meta_key VARCHAR(64) NOT NULL PRIMARY KEY, meta_value VARCHAR(255) NOT NULL)"
                 " DEFAULT CHARSET=utf8mb4");
      for (const auto& [key, value] : meta_) {
        c->execute("INSERT INTO " + table + " VALUES (?, ?)", {key, value});
      }
    }
  }

 private:
  MysqlConnection& connection(const std::string& database) {
    auto it = by_database_.find(database);
    if (it == by_database_.end()) throw Error("no fleet instance holds " + database);
    return *it->second;
  }

  std::map<std::string, std::unique_ptr<MysqlConnection>> connections_;  // by instance name
  std::map<std::string, MysqlConnection*> by_database_;
  std::set<std::string> created_;
  std::map<std::string, std::string> secondary_keys_;  // table -> its ALTER TABLE clauses
  std::map<std::string, std::string> meta_;
  // Declared last: its thread stops before the connections close.
  LoadQueue queue_{kMaxPending, [](LoadJob& job) {
                     job.connection->load_data(job.statement, job.data, job.table);
                   }};
};

}  // namespace

SplitDdl split_secondary_keys(const std::string& create_table) {
  // schema/ writes one definition per line and the closing parenthesis at
  // the start of the last (a table COMMENT after it may hold parentheses).
  const size_t open = create_table.find('(');
  const size_t last = create_table.rfind("\n)");
  const size_t close = last == std::string::npos ? last : last + 1;
  if (open == std::string::npos || close == std::string::npos || close < open)
    throw Error("not a CREATE TABLE: " + create_table.substr(0, 80));
  // The definitions, one per line as schema/ writes them.
  std::vector<std::string> kept;
  SplitDdl out;
  size_t at = open + 1;
  while (at < close) {
    size_t end = create_table.find('\n', at);
    if (end == std::string::npos || end > close) end = close;
    std::string line = create_table.substr(at, end - at);
    at = end + 1;
    while (!line.empty() && (line.back() == ',' || line.back() == ' ' || line.back() == '\r')) line.pop_back();
    const size_t first = line.find_first_not_of(' ');
    if (first == std::string::npos) continue;
    const std::string_view body(line.c_str() + first, line.size() - first);
    if (body.rfind("KEY ", 0) == 0 || body.rfind("UNIQUE KEY ", 0) == 0 || body.rfind("INDEX ", 0) == 0 ||
        body.rfind("UNIQUE INDEX ", 0) == 0) {
      out.add_keys.push_back("ADD " + std::string(body));
    } else {
      kept.push_back(line);
    }
  }
  out.create = create_table.substr(0, open + 1) + "\n";
  for (size_t i = 0; i < kept.size(); ++i) out.create += kept[i] + (i + 1 < kept.size() ? ",\n" : "\n");
  out.create += create_table.substr(close);
  return out;
}

std::unique_ptr<WarehouseWriter> create_fleet_writer(const Fleet& fleet, const std::vector<std::string>& databases) {
  return std::make_unique<FleetWriter>(fleet, databases);
}

}  // namespace luckyhub
