#include "warehouse/sqlite/sqlite_derived.h"

#include <algorithm>
#include <chrono>

#include "core/error.h"
#include "core/log.h"

namespace luckyhub {
namespace {

// The note tables of a source: ids inserted or updated, rows as they were.
std::string new_ids_table(const std::string& source) { return "lh_new__" + source; }
std::string old_rows_table(const std::string& source) { return "lh_old__" + source; }

std::string column_list(const TableDef& t, std::string_view prefix) {
  std::string out;
  for (const ColumnDef& c : t.columns) out += (out.empty() ? "" : ", ") + std::string(prefix) + c.name;
  return out;
}

std::string non_key_columns_zero(const DerivedTable& d) {
  std::string out;
  for (const ColumnDef& c : d.def.columns) {
    if (std::find(d.key.begin(), d.key.end(), c.name) != d.key.end()) continue;
    out += (out.empty() ? "" : " AND ") + c.name + " = 0";
  }
  return out;
}

}  // namespace

SqliteDerivedKeeper::SqliteDerivedKeeper(SqliteDb& db) : db_(db) {
  // A REPLACE's deleted row fires the delete trigger only with this on.
  db_.exec("PRAGMA recursive_triggers = ON");
  load_current();
}

bool SqliteDerivedKeeper::has_table(const std::string& table) {
  return !db_.query("SELECT 1 FROM main.sqlite_master WHERE type = 'table' AND name = ?", {table}).empty();
}

void SqliteDerivedKeeper::load_current() {
  current_.clear();
  for (const DerivedTable* d : DerivedTableRegistry::instance().list()) {
    const ResultSet r = db_.query("SELECT value FROM _luckyhub_meta WHERE key = ?", {derived_meta_key(d->name())});
    if (r.empty() || r.text_at(0, 0) != d->version(dialect_) || !has_table(d->name())) continue;
    current_.insert(d->name());
    for (const DerivedSource& s : d->sources) {
      if (has_table(s.table)) watch(s.table);
    }
  }
}

void SqliteDerivedKeeper::watch(const std::string& source) {
  if (watched_.count(source) > 0) return;
  const TableDef* def = SchemaCatalog::builtin().find_by_warehouse_name(source);
  if (def == nullptr) throw Error("derived tables: " + source + " is not a source table");
  const std::string news = new_ids_table(source), olds = old_rows_table(source);
  const std::string copy_old = "INSERT INTO " + olds + " VALUES (" + column_list(*def, "OLD.") + ");";
  const std::string note_new = "INSERT INTO " + news + " VALUES (NEW.id);";
  db_.exec("CREATE TEMP TABLE IF NOT EXISTS " + news + " (id INTEGER)");
  db_.exec("CREATE TEMP TABLE IF NOT EXISTS " + olds + " (" + column_list(*def, "") + ")");
  db_.exec("CREATE TEMP TRIGGER IF NOT EXISTS lh_insert__" + source + " AFTER INSERT ON main." + source + " BEGIN " + note_new +
           " END");
  db_.exec("CREATE TEMP TRIGGER IF NOT EXISTS lh_update__" + source + " AFTER UPDATE ON main." + source + " BEGIN " + copy_old +
           note_new + " END");
  db_.exec("CREATE TEMP TRIGGER IF NOT EXISTS lh_delete__" + source + " AFTER DELETE ON main." + source + " BEGIN " + copy_old +
           " END");
  watched_.insert(source);
}

void SqliteDerivedKeeper::replacing(const std::string& table) {
  for (const DerivedTable* d : DerivedTableRegistry::instance().reading(table)) {
    if (current_.erase(d->name()) == 0) continue;
    db_.query("DELETE FROM _luckyhub_meta WHERE key = ?", {derived_meta_key(d->name())});
    log::debug("derived table ", d->name(), " is stale until ", table, " is copied");
  }
  if (watched_.erase(table) > 0) {
    // Dropping the table drops its triggers; its notes are of rows that go.
    for (const char* kind : {"insert", "update", "delete"}) {
      db_.exec("DROP TRIGGER IF EXISTS temp.lh_" + std::string(kind) + "__" + table);
    }
    db_.exec("DELETE FROM temp." + new_ids_table(table));
    db_.exec("DELETE FROM temp." + old_rows_table(table));
  }
}

std::string SqliteDerivedKeeper::old_rows(const std::string& source) const {
  return "temp." + old_rows_table(source);
}

std::string SqliteDerivedKeeper::new_rows(const std::string& source) const {
  return "(SELECT * FROM main." + source + " WHERE id IN (SELECT id FROM temp." + new_ids_table(source) + "))";
}

void SqliteDerivedKeeper::refresh() {
  // The sources this transaction changed, each asked once.
  std::set<std::string> changed;
  for (const std::string& source : watched_) {
    if (!db_.query("SELECT 1 FROM temp." + new_ids_table(source) + " UNION ALL SELECT 1 FROM temp." +
                       old_rows_table(source) + " LIMIT 1",
                   {})
             .empty()) {
      changed.insert(source);
    }
  }
  if (changed.empty()) return;
  for (const DerivedTable* d : DerivedTableRegistry::instance().list()) {
    if (current_.count(d->name()) > 0) refresh(*d, changed);
  }
  for (const std::string& source : changed) {
    db_.exec("DELETE FROM temp." + new_ids_table(source));
    db_.exec("DELETE FROM temp." + old_rows_table(source));
  }
}

void SqliteDerivedKeeper::rolled_back() {
  // The notes, the triggers and the meta were in the transaction: read back
  // what is left of them.
  watched_.clear();
  const std::string prefix = "lh_insert__";
  for (const ResultSet r = db_.query("SELECT name FROM temp.sqlite_master WHERE type = 'trigger'", {});
       const Row row : r) {
    const std::string name = row.text("name");
    if (name.rfind(prefix, 0) == 0) watched_.insert(name.substr(prefix.size()));
  }
  load_current();
}

void SqliteDerivedKeeper::refresh(const DerivedTable& d, const std::set<std::string>& changed_sources) {
  std::vector<const DerivedSource*> changed;
  for (const DerivedSource& s : d.sources) {
    if (changed_sources.count(s.table) > 0) changed.push_back(&s);
  }
  if (changed.empty()) return;
  const auto started = std::chrono::steady_clock::now();
  const std::string name = d.name(), key = d.key_list();
  if (d.refresh == DerivedRefresh::kComputed) {
    // Stale from this commit on: rebuild() computes it at the run's end.
    db_.exec("DELETE FROM main." + name);
    db_.query("DELETE FROM _luckyhub_meta WHERE key = ?", {derived_meta_key(name)});
    current_.erase(name);
    log::debug("derived table ", name, " is stale until the run's end");
    return;
  }
  // Each source's rows as they were and as they are, through its of_rows.
  auto each = [&](const std::function<std::string(const std::string& of_old, const std::string& of_new)>& f) {
    std::string sql;
    for (const DerivedSource* s : changed) {
      sql += (sql.empty() ? "" : " UNION ALL ") +
             f(s->of_rows(dialect_, old_rows(s->table)), s->of_rows(dialect_, new_rows(s->table)));
    }
    return sql;
  };
  switch (d.refresh) {
    case DerivedRefresh::kRecompute: {
      const std::string keys = each([&](const std::string& was, const std::string& is) {
        return "SELECT " + key + " FROM (" + was + ") UNION ALL SELECT " + key + " FROM (" + is + ")";
      });
      db_.exec("CREATE TEMP TABLE lh_keys AS SELECT DISTINCT * FROM (" + keys + ")");
      db_.exec("DELETE FROM main." + name + " WHERE (" + key + ") IN (SELECT * FROM temp.lh_keys)");
      SourceFilters filters;
      for (const DerivedSource& s : d.sources) {
        if (s.of_keys) filters[s.table].where = s.of_keys(dialect_, "temp.lh_keys");
      }
      const Query rows = d.full_select(dialect_, filters);
      db_.query("INSERT INTO main." + name + " SELECT * FROM (" + rows.sql + ") WHERE (" + key +
                    ") IN (SELECT * FROM temp.lh_keys)",
                rows.params);
      db_.exec("DROP TABLE temp.lh_keys");
      break;
    }
    case DerivedRefresh::kAdditive: {
      // The new rows' contributions minus the old rows', added per key.
      std::string negated, plain;
      for (const ColumnDef& c : d.def.columns) {
        if (std::find(d.key.begin(), d.key.end(), c.name) != d.key.end()) continue;
        negated += ", -" + c.name + " AS " + c.name;
        plain += ", " + c.name;
      }
      const std::string delta = each([&](const std::string& was, const std::string& is) {
        return "SELECT " + key + negated + " FROM (" + was + ") UNION ALL SELECT " + key + plain + " FROM (" + is + ")";
      });
      db_.exec(sqlite_add_contributions_sql(d, delta));
      db_.exec("DELETE FROM main." + name + " WHERE " + non_key_columns_zero(d));
      break;
    }
    case DerivedRefresh::kComputed:
      break;  // above
    case DerivedRefresh::kSelection: {
      const std::string keys = each([&](const std::string& was, const std::string& is) {
        return "SELECT " + key + " FROM (" + was + ") UNION ALL SELECT " + key + " FROM (" + is + ")";
      });
      db_.exec("DELETE FROM main." + name + " WHERE (" + key + ") IN (" + keys + ")");
      std::string rows;
      for (const DerivedSource* s : changed) {
        rows += (rows.empty() ? "" : " UNION ALL ") + s->of_rows(dialect_, new_rows(s->table));
      }
      db_.exec("INSERT INTO main." + name + " " + rows);
      break;
    }
  }
  log::debug("derived table ", name, " refreshed in ",
             std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count(), " s");
}

void SqliteDerivedKeeper::rebuild() {
  std::vector<std::string> tables;
  for (const ResultSet r = db_.query("SELECT name FROM main.sqlite_master WHERE type = 'table'", {});
       const Row row : r) {
    tables.push_back(row.text("name"));
  }
  for (const DerivedBuild& build : derived_builds(dialect_, tables)) {
    const std::string name = build.table->name();
    if (current_.count(name) > 0) continue;
    db_.exec("BEGIN IMMEDIATE");
    try {
      sqlite_build_derived(db_, build);
      db_.exec("COMMIT");
    } catch (...) {
      db_.exec("ROLLBACK");
      throw;
    }
    current_.insert(name);
    for (const DerivedSource& s : build.table->sources) {
      if (std::find(tables.begin(), tables.end(), s.table) != tables.end()) watch(s.table);
    }
  }
  // After the SQL-derived tables: a computation reads them.
  for (const DerivedTable* t : computed_builds(tables)) {
    if (current_.count(t->name()) > 0) continue;
    sqlite_build_computed(db_, *t);
    current_.insert(t->name());
    for (const DerivedSource& s : t->sources) watch(s.table);
  }
}

}  // namespace luckyhub
