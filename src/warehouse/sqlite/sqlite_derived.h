// Keeps the derived tables of a SQLite warehouse current while an updater
// changes its source tables (warehouse/derived_table.h, warehouse/updater.h).
//
// A derived table is current when the warehouse holds it at its
// declaration's version (meta "derived:<name>"). For each source of a
// current table the keeper installs TEMP triggers on the updater's
// connection that note every change: the ids of inserted and updated rows,
// and whole copies of the rows as they were before an update or a delete.
// Before each commit, refresh() turns those notes into the derived rows'
// changes, by the table's kind (recompute its keys, add the contributions'
// difference, or reselect the changed rows), inside the same transaction: a
// reader never sees a source and its derived table disagree.
//
// A source table created anew (a full copy) makes its derived tables stale:
// their version leaves the meta in the same transaction (readers then read
// them inline), and rebuild() builds them whole once the copy is done, as it
// builds any declared table that is missing or of another version.
//
// REQUIRES: the connection of one SqliteUpdater; its thread.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "warehouse/derived_table.h"
#include "warehouse/sqlite/sqlite_db.h"
#include "warehouse/sqlite/sqlite_warehouse.h"

namespace luckyhub {

class SqliteDerivedKeeper {
 public:
  // Finds the current derived tables and installs the triggers of their
  // sources. `db` must have the warehouse's meta table.
  explicit SqliteDerivedKeeper(SqliteDb& db);

  // `table` is about to be dropped or created whole. REQUIRES: in a transaction.
  void replacing(const std::string& table);
  // Applies the changes noted since the last refresh to the current derived
  // tables, then forgets the notes. REQUIRES: in the transaction to commit.
  void refresh();
  // After a ROLLBACK: the notes, triggers and meta are back as they were.
  void rolled_back();
  // Builds, each in its own transaction, every declared table that is not
  // current and whose sources the warehouse holds. REQUIRES: no transaction.
  void rebuild();

 private:
  bool has_table(const std::string& table);
  void load_current();
  void watch(const std::string& source);  // the triggers and note tables of a source
  void refresh(const DerivedTable& table, const std::set<std::string>& changed_sources);
  std::string old_rows(const std::string& source) const;
  std::string new_rows(const std::string& source) const;

  SqliteDb& db_;
  SqliteDialect dialect_;
  std::set<std::string> current_;  // derived tables at their version
  std::set<std::string> watched_;  // sources with triggers installed
};

}  // namespace luckyhub
