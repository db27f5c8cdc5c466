#include "simulate/context.h"

namespace luckyhub::sim {

SimOutput::SimOutput(WarehouseWriter& writer) : writer_(writer) {}

RowSink& SimOutput::sink(const std::string& database, const std::string& table) {
  const std::string key = database + "." + table;
  auto it = sinks_.find(key);
  if (it == sinks_.end()) {
    const TableDef& def = SchemaCatalog::builtin().table(database, table);
    it = sinks_.emplace(key, writer_.open_sink(def)).first;
  }
  return *it->second;
}

std::map<std::string, uint64_t> SimOutput::finish() {
  std::map<std::string, uint64_t> rows;
  for (auto& [name, sink] : sinks_) {
    sink->finish();
    rows[name] = sink->rows_written();
  }
  // Releases the sinks' prepared statements: the writer cannot close its
  // database (and commit) while statements are open.
  sinks_.clear();
  return rows;
}

}  // namespace luckyhub::sim
