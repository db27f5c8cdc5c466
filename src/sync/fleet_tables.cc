#include "sync/fleet_tables.h"

#include "core/error.h"
#include "sources/fleet_loader.h"

namespace luckyhub::sync {
namespace {

constexpr unsigned kNoSuchTable = 1146;  // ER_NO_SUCH_TABLE

bool selected(const SyncOptions& options, const TableDef& table) {
  if (options.only.empty()) return true;
  for (const std::string& name : options.only) {
    if (name == table.qualified_name() || name == table.database) return true;
  }
  return false;
}

}  // namespace

std::optional<Meta> simulation_meta(MysqlConnection& source, const std::string& database) {
  try {
    const ResultSet r = source.query("SELECT meta_key, meta_value FROM " +
                                     MysqlConnection::quote_identifier(database) + "." +
                                     kSimulationMetaTable);
    Meta meta;
    for (size_t i = 0; i < r.size(); ++i) meta[r.text_at(i, 0)] = r.text_at(i, 1);
    return meta;
  } catch (const Error&) {
    if (source.last_errno() == kNoSuchTable) return std::nullopt;
    throw;
  }
}

std::map<const Instance*, std::vector<const TableDef*>> tables_by_instance(const Fleet& fleet,
                                                                          const SyncOptions& options,
                                                                          SyncResult& result) {
  std::map<const Instance*, std::vector<const TableDef*>> work;
  for (const TableDef& table : SchemaCatalog::builtin().tables()) {
    if (!selected(options, table)) continue;
    const Instance* instance = fleet.mysql_holding(table.database);
    if (instance == nullptr) {
      result.tables.push_back({{.table = table.qualified_name()},
                               "no mysql instance in " + fleet.path + " holds " + table.database});
      continue;
    }
    work[instance].push_back(&table);
  }
  return work;
}

}  // namespace luckyhub::sync
