// The ClickHouse warehouse: the tables the tools read, on one server or
// sharded over a cluster, spoken to over the HTTP interface
// (clickhouse_client.h). Location and password: clickhouse_location.h.
//
// Generations. The database named in the location holds one small table,
// _luckyhub_generations, naming the generation that readers use; each
// generation is a database of its own (DATABASE__<time>_<pid>_<n>, plus its
// _local twin on every shard of a cluster). A writer builds
// a new generation beside the current one and commit() makes it current with
// one INSERT (atomic in ClickHouse), then drops the older ones; a writer
// destroyed without commit() drops what it built. Readers resolve the
// generation at open; a query that fails after a newer generation was
// committed (its old one dropped) is run again on the new one, so a
// long-lived reader (the dashboard) follows loads as SQLite's readers do.
//
// On a cluster (location ?cluster=NAME) each table is a MergeTree table in
// the _local database of every shard plus a Distributed table over them with
// the table's own name, so tools' SQL is the same on one node and a cluster.
#pragma once

#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "core/ordered_worker.h"
#include "warehouse/clickhouse/clickhouse_client.h"
#include "warehouse/clickhouse/clickhouse_location.h"
#include "warehouse/warehouse.h"

namespace luckyhub::clickhouse {

class ClickHouseDialect : public Dialect {
 public:
  // On a cluster, tables are Distributed (see join_left).
  explicit ClickHouseDialect(bool cluster = false) : cluster_(cluster) {}
  std::string ny_date(std::string_view e) const override;
  std::string ny_month(std::string_view e) const override;
  std::string ny_hour(std::string_view e) const override;
  std::string utc_hour(std::string_view e) const override;
  std::string safe_div(std::string_view num, std::string_view den) const override;
  std::string int_div(std::string_view num, std::string_view den) const override;
  std::string seconds_between(std::string_view from, std::string_view to) const override;
  std::string id_list(std::string_view expr) const override;
  std::string date_text(std::string_view date_column) const override;
  // On a cluster, a subquery over the Distributed table: ClickHouse 18.16
  // resolves no qualified column (t.c) of a Distributed table on the left of
  // a JOIN, and a subquery makes the JOIN run on the initiator, over every
  // shard's rows, whatever the sharding key.
  std::string join_left(std::string_view table) const override;
  // A join is a hash table of its right side, built at every query: the
  // tools' joins are done once per load, into the derived tables.
  bool joins_in_memory() const override { return true; }

 private:
  bool cluster_ = false;
};

class ClickHouseWarehouse : public Warehouse {
 public:
  // Throws Error when the server cannot be reached, refuses the user, holds
  // no luckyhub warehouse at the location, or a table's columns are not the
  // ones the schema gives.
  static std::unique_ptr<ClickHouseWarehouse> open(const std::string& location);
  // The warehouse of `generation` of `location`, committed or not (a load
  // reads the generation it is building to compute its kComputed tables).
  static std::unique_ptr<ClickHouseWarehouse> open_generation(const Location& location,
                                                              const std::string& generation);

  std::string engine() const override { return "clickhouse"; }
  std::string location() const override { return location_.display(); }
  ResultSet query(std::string_view sql, const std::vector<SqlValue>& params = {}) override;
  // On extra connections, one per core: the server runs them at once.
  std::vector<ResultSet> query_all(const std::vector<Query>& queries) override;
  bool has_table(std::string_view warehouse_name) override;
  const Dialect& dialect() const override { return dialect_; }
  std::string meta(const std::string& key) override;
  // Entered tables are MergeTree tables in the location's database, beside
  // the generations table, on the location's server only (on a cluster too:
  // they are small, and every query starts there): loads never touch them.
  std::string entered_table(const TableDef& table) override;
  void append_entered(const TableDef& table, const std::vector<std::vector<SqlValue>>& rows) override;
  const std::string& generation() const { return client_->database(); }

 private:
  explicit ClickHouseWarehouse(Location location);
  // Records the generation's tables (has_table answers from them: a committed
  // generation never changes), then checks that it is a luckyhub warehouse
  // and its tables against the schema.
  void check_tables();
  // Switches to the current generation when it is not the one read; false when it is.
  bool follow_new_generation();
  Location location_;
  std::unique_ptr<Client> client_;
  std::vector<std::unique_ptr<Client>> helpers_;  // query_all's extra connections, opened on first use
  ClickHouseDialect dialect_;
  std::set<std::string, std::less<>> tables_;  // the generation's, by check_tables()
  std::map<std::string, std::string> meta_;    // the generation's, by check_tables()
};

class ClickHouseWarehouseWriter : public WarehouseWriter {
 public:
  static std::unique_ptr<ClickHouseWarehouseWriter> create(const std::string& location);
  ~ClickHouseWarehouseWriter() override;

  void create_table(const TableDef& table) override;
  std::unique_ptr<RowSink> open_sink(const TableDef& table) override;
  void create_indexes(const TableDef& table) override;  // the ordering key is the index
  void set_meta(const std::string& key, const std::string& value) override;
  void commit() override;

  // Queues TabSeparated rows for a table of this generation; they are inserted
  // on the writer's background connection, in order. drain() waits for them.
  void submit_rows(const TableDef& table, std::string rows);
  void drain() { inserter_->drain(); }

 private:
  struct Batch {
    std::string table;  // qualified
    std::string rows;
  };
  explicit ClickHouseWarehouseWriter(Location location);
  // Runs a DDL statement on every shard (the one server when not a cluster).
  void on_every_shard(const std::string& sql);
  void drop_generation(const std::string& generation);
  void drop_abandoned_generations();
  void build_derived_tables();
  // The kComputed tables, from this generation as built so far (its meta
  // inserted): their rows and their versions' meta.
  void build_computed_tables();
  void insert_meta();

  Location location_;
  std::unique_ptr<Client> client_;         // the location's server: DDL, meta, the switch
  std::vector<std::unique_ptr<Client>> shards_;  // every shard's server (cluster only)
  std::unique_ptr<Client> insert_client_;  // used by the inserter's thread only
  std::string generation_;
  std::map<std::string, std::string> meta_;
  std::set<std::string> tables_;  // created in this generation
  bool committed_ = false;
  std::unique_ptr<OrderedWorker<Batch>> inserter_;  // last: stops before the clients go
};

// luckyhub::warehouse_version of a ClickHouse location: its current
// generation and the rows of its own database (generations and entered
// tables, which only grow). Throws Error when the server cannot be reached
// or holds no warehouse there.
std::string warehouse_version(const std::string& location);

// The "format" meta value of a luckyhub ClickHouse warehouse: the layout of a
// generation (3 since the derived tables are built into it). The derived
// tables carry a version each (warehouse/derived_table.h): a changed
// declaration does not change the format, its table is read inline instead.
inline constexpr const char* kClickHouseWarehouseFormat = "luckyhub-clickhouse-3";

}  // namespace luckyhub::clickhouse
