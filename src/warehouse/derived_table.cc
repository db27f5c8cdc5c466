#include "warehouse/derived_table.h"

#include <algorithm>
#include <cstdio>
#include <set>

#include "core/error.h"

namespace luckyhub {
namespace {

// FNV-1a, 64 bits: a stable fingerprint of a declaration's text (the same
// in every build, unlike std::hash).
class Fingerprint {
 public:
  void add(std::string_view text) {
    for (const unsigned char c : text) {
      hash_ ^= c;
      hash_ *= 0x100000001b3ULL;
    }
    hash_ ^= 0xff;  // a separator: ("ab", "c") and ("a", "bc") differ
    hash_ *= 0x100000001b3ULL;
  }
  std::string hex() const {
    char out[17];
    std::snprintf(out, sizeof out, "%016llx", static_cast<unsigned long long>(hash_));
    return out;
  }

 private:
  uint64_t hash_ = 0xcbf29ce484222325ULL;
};

std::string kind_name(DerivedRefresh refresh) {
  switch (refresh) {
    case DerivedRefresh::kRecompute: return "recompute";
    case DerivedRefresh::kAdditive: return "additive";
    case DerivedRefresh::kSelection: return "selection";
    case DerivedRefresh::kComputed:
      return "computed";
  }
  return "";
}

}  // namespace

std::string source_filter(const SourceFilters& filters, std::string_view source, std::vector<SqlValue>& params) {
  const auto it = filters.find(std::string(source));
  if (it == filters.end() || it->second.where.empty()) return "";
  params.insert(params.end(), it->second.params.begin(), it->second.params.end());
  return " AND (" + it->second.where + ")";
}

std::string filtered_source(const SourceFilters& filters, const std::string& source, std::vector<SqlValue>& params) {
  const std::string where = source_filter(filters, source, params);
  return where.empty() ? source : "(SELECT * FROM " + source + " WHERE 1 = 1" + where + ")";
}

std::string DerivedTable::key_list() const {
  std::string out;
  for (const std::string& k : key) out += (out.empty() ? "" : ", ") + k;
  return out;
}

bool DerivedTable::buildable(const Present& present) const {
  bool any = false;
  for (const DerivedSource& s : sources) {
    const bool have = present(s.table);
    if (!have && !s.optional) return false;
    any = any || have;
  }
  return any;
}

Query DerivedTable::full_select(const Dialect& dialect, const SourceFilters& filters, const Present* present) const {
  if (refresh == DerivedRefresh::kRecompute) return select(dialect, filters);
  Query q;
  std::string arms;
  for (const DerivedSource& s : sources) {
    if (present != nullptr && s.optional && !(*present)(s.table)) continue;
    // A filtered source is a subquery, which MySQL and MariaDB read only when
    // it has a name: the table's own, so that the SELECT reads the same.
    const std::string rows = filtered_source(filters, s.table, q.params);
    arms += (arms.empty() ? "" : " UNION ALL ") + s.of_rows(dialect, rows == s.table ? rows : rows + " " + s.table);
  }
  if (refresh == DerivedRefresh::kSelection) {
    q.sql = arms;
    return q;
  }
  q.sql = "SELECT " + key_list();
  for (const ColumnDef& c : def.columns) {
    if (std::find(key.begin(), key.end(), c.name) == key.end()) q.sql += ", SUM(" + c.name + ") AS " + c.name;
  }
  q.sql += " FROM (" + arms + ") contributions GROUP BY " + key_list();
  return q;
}

std::string DerivedTable::version(const Dialect& dialect) const {
  Fingerprint f;
  f.add(name());
  f.add(kind_name(refresh));
  for (const ColumnDef& c : def.columns) {
    f.add(c.name);
    f.add(std::to_string(static_cast<int>(c.type)) + "/" + std::to_string(c.scale) + (c.nullable ? "?" : ""));
  }
  for (const IndexDef& i : def.indexes) {
    f.add(i.name);
    for (const std::string& c : i.columns) f.add(c);
  }
  for (const std::string& k : key) f.add(k);
  if (refresh == DerivedRefresh::kComputed) {
    f.add(revision);
    for (const DerivedSource& s : sources) f.add(s.table);
    return f.hex();
  }
  f.add(full_select(dialect).sql);
  for (const DerivedSource& s : sources) {
    f.add(s.table);
    f.add(s.of_rows(dialect, "changed_rows"));
  }
  return f.hex();
}

DerivedTableRegistry& DerivedTableRegistry::instance() {
  static DerivedTableRegistry registry;
  return registry;
}

void DerivedTableRegistry::add(DerivedTable table) {
  const std::string name = table.name();
  if (find(name) != nullptr) throw Error("derived table " + name + " is declared twice");
  for (const std::string& k : table.key) {
    if (!table.def.has_column(k)) throw Error("derived table " + name + ": key column " + k + " is not a column");
  }
  for (const DerivedSource& s : table.sources) {
    if (SchemaCatalog::builtin().find_by_warehouse_name(s.table) == nullptr) {
      throw Error("derived table " + name + ": source " + s.table + " is not a table of the schema");
    }
    if (!s.of_rows && table.refresh != DerivedRefresh::kComputed)
      throw Error("derived table " + name + ": source " + s.table + " says nothing of its rows");
  }
  if (table.sources.empty()) throw Error("derived table " + name + " has no source");
  if (table.refresh == DerivedRefresh::kRecompute && !table.select) {
    throw Error("derived table " + name + " is recomputed but has no select");
  }
  if (table.refresh == DerivedRefresh::kComputed && (!table.compute || table.revision.empty())) {
    throw Error("derived table " + name + " is computed but has no compute or no revision");
  }
  for (const DerivedSource& s : table.sources) {
    if (s.optional && (table.refresh == DerivedRefresh::kRecompute ||
                       table.refresh == DerivedRefresh::kComputed)) {
      throw Error("derived table " + name + ": a recomputed table's sources are all required");
    }
  }
  tables_.push_back(std::move(table));
}

std::vector<const DerivedTable*> DerivedTableRegistry::list() const {
  std::vector<const DerivedTable*> out;
  for (const DerivedTable& t : tables_) out.push_back(&t);
  std::sort(out.begin(), out.end(), [](const DerivedTable* a, const DerivedTable* b) { return a->name() < b->name(); });
  return out;
}

const DerivedTable* DerivedTableRegistry::find(std::string_view name) const {
  for (const DerivedTable& t : tables_) {
    if (t.name() == name) return &t;
  }
  return nullptr;
}

const DerivedTable& DerivedTableRegistry::get(std::string_view name) const {
  if (const DerivedTable* t = find(name)) return *t;
  throw Error("no derived table " + std::string(name) + " is declared");
}

std::vector<const DerivedTable*> DerivedTableRegistry::reading(std::string_view source) const {
  std::vector<const DerivedTable*> out;
  for (const DerivedTable* t : list()) {
    for (const DerivedSource& s : t->sources) {
      if (s.table == source) {
        out.push_back(t);
        break;
      }
    }
  }
  return out;
}

std::string derived_meta_key(std::string_view name) { return "derived:" + std::string(name); }

bool derived_current(Warehouse& warehouse, std::string_view name) {
  const DerivedTable& t = DerivedTableRegistry::instance().get(name);
  return warehouse.has_table(t.name()) &&
         warehouse.meta(derived_meta_key(t.name())) == t.version(warehouse.dialect());
}

Query derived_from(Warehouse& warehouse, std::string_view name, const SourceFilters& filters) {
  const DerivedTable& t = DerivedTableRegistry::instance().get(name);
  if (t.refresh == DerivedRefresh::kComputed) {
    throw Error("derived table " + t.name() + " is computed: read it only when derived_current()");
  }
  if (derived_current(warehouse, name)) return {t.name(), {}};
  const DerivedTable::Present present = [&](const std::string& table) { return warehouse.has_table(table); };
  if (!t.buildable(present)) throw Error("warehouse " + warehouse.location() + " lacks the sources of " + t.name());
  Query q = t.full_select(warehouse.dialect(), filters, &present);
  q.sql = "(" + q.sql + ")";
  return q;
}

std::vector<DerivedBuild> derived_builds(const Dialect& dialect, const std::vector<std::string>& tables) {
  const std::set<std::string> have(tables.begin(), tables.end());
  const DerivedTable::Present present = [&](const std::string& table) { return have.count(table) > 0; };
  std::vector<DerivedBuild> out;
  for (const DerivedTable* t : DerivedTableRegistry::instance().list()) {
    if (!t->buildable(present) || t->refresh == DerivedRefresh::kComputed) continue;
    DerivedBuild build{t, "INSERT INTO " + t->name() + " " + t->full_select(dialect, {}, &present).sql, {},
                       t->version(dialect)};
    if (t->refresh != DerivedRefresh::kRecompute) {
      for (const DerivedSource& s : t->sources) {
        if (present(s.table)) build.arms.push_back(s.of_rows(dialect, s.table));
      }
    }
    out.push_back(std::move(build));
  }
  return out;
}

std::vector<const DerivedTable*> computed_builds(const std::vector<std::string>& tables) {
  const std::set<std::string> have(tables.begin(), tables.end());
  const DerivedTable::Present present = [&](const std::string& table) {
    return have.count(table) > 0;
  };
  std::vector<const DerivedTable*> out;
  for (const DerivedTable* t : DerivedTableRegistry::instance().list()) {
    if (t->refresh == DerivedRefresh::kComputed && t->buildable(present)) out.push_back(t);
  }
  return out;
}

}  // namespace luckyhub
