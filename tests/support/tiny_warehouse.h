// Builds small hand-made warehouses for tests: create the source tables a
// test needs, add rows by column name, commit.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "warehouse/updater.h"
#include "warehouse/warehouse.h"

namespace luckyhub::testing {

class TinyWarehouse {
 public:
  // A new warehouse file in a temporary directory, with as_of/start meta.
  TinyWarehouse(const std::string& start, const std::string& as_of);
  ~TinyWarehouse();

  // Adds one row; columns not given are NULL. Values: int64, double or text
  // (DECIMAL columns take scaled integers).
  void add(const std::string& database, const std::string& table,
           const std::map<std::string, SqlValue>& row);
  // Commits and opens the warehouse for reading.
  std::unique_ptr<Warehouse> open();
  const std::string& path() const { return path_; }

 private:
  std::string path_;
  std::unique_ptr<WarehouseWriter> writer_;
  std::map<std::string, std::unique_ptr<RowSink>> sinks_;
};

// One source row written as a sync writes it (an upsert by primary key; every
// column not given NULL; values int64 or text).
void upsert_row(WarehouseUpdater& updater, const char* database, const char* table,
                const std::map<std::string, SqlValue>& row);

}  // namespace luckyhub::testing
