#include "warehouse/tenant_profile.h"

#include <algorithm>

#include <nlohmann/json.hpp>

namespace luckyhub {
namespace {

// One sink's counts. Tables have a handful of pairs: a linear search of a
// short vector is faster than hashing two strings per row.
struct SinkCounts {
  std::string table;
  std::vector<TenantProfileEntry> entries;

  void add(const std::string& tenant, const std::string& currency, int64_t id) {
    TenantProfileEntry* e = nullptr;
    for (TenantProfileEntry& x : entries) {
      if (x.tenant == tenant && x.currency == currency) { e = &x; break; }
    }
    if (e == nullptr) e = &entries.emplace_back(TenantProfileEntry{tenant, currency});
    ++e->rows;
    if (e->rows <= static_cast<int64_t>(kRareRows)) {
      e->ids.push_back(id);
    } else if (!e->ids.empty()) {
      std::vector<int64_t>().swap(e->ids);
    }
  }
};

class ProfilingSink : public RowSink {
 public:
  ProfilingSink(std::unique_ptr<RowSink> inner, SinkCounts& counts)
      : RowSink(inner->table()), inner_(std::move(inner)), counts_(counts) {
    const TableDef& t = table();
    tenant_col_ = t.has_column("tenant") ? t.column_index("tenant") : -1;
    currency_col_ = t.has_column("currency_code") ? t.column_index("currency_code") : -1;
    id_col_ = t.has_column("id") ? t.column_index("id") : -1;
  }

  void set_int(int col, int64_t value) override {
    if (col == id_col_) id_ = value;
    inner_->set_int(col, value);
  }
  void set_double(int col, double value) override { inner_->set_double(col, value); }
  void set_text(int col, std::string_view value) override {
    if (col == tenant_col_) tenant_.assign(value);
    else if (col == currency_col_) currency_.assign(value);
    inner_->set_text(col, value);
  }
  void set_null(int col) override { inner_->set_null(col); }
  void end_row() override {
    if (tenant_col_ >= 0) counts_.add(tenant_, currency_, id_);
    tenant_.clear();
    currency_.clear();
    id_ = 0;
    inner_->end_row();
  }
  void finish() override { inner_->finish(); }
  uint64_t rows_written() const override { return inner_->rows_written(); }

 private:
  std::unique_ptr<RowSink> inner_;
  SinkCounts& counts_;
  int tenant_col_ = -1, currency_col_ = -1, id_col_ = -1;
  std::string tenant_, currency_;
  int64_t id_ = 0;
};

class ProfilingWriter : public WarehouseWriter {
 public:
  explicit ProfilingWriter(std::unique_ptr<WarehouseWriter> inner) : inner_(std::move(inner)) {}

  void create_table(const TableDef& table) override { inner_->create_table(table); }
  std::unique_ptr<RowSink> open_sink(const TableDef& table) override {
    auto& counts = sinks_.emplace_back(std::make_unique<SinkCounts>());
    counts->table = table.warehouse_name();
    return std::make_unique<ProfilingSink>(inner_->open_sink(table), *counts);
  }
  void create_indexes(const TableDef& table) override { inner_->create_indexes(table); }
  void set_meta(const std::string& key, const std::string& value) override { inner_->set_meta(key, value); }
  void commit() override {
    inner_->set_meta(kTenantProfileMeta, tenant_profile_json(merged()));
    inner_->commit();
  }

 private:
  // Sinks of one table (if several were opened) summed.
  TenantProfile merged() const {
    TenantProfile out;
    for (const auto& s : sinks_) {
      auto& entries = out[s->table];
      for (const TenantProfileEntry& e : s->entries) {
        auto it = std::find_if(entries.begin(), entries.end(), [&](const TenantProfileEntry& x) {
          return x.tenant == e.tenant && x.currency == e.currency;
        });
        if (it == entries.end()) {
          entries.push_back(e);
          continue;
        }
        it->rows += e.rows;
        it->ids.insert(it->ids.end(), e.ids.begin(), e.ids.end());
      }
    }
    for (auto& [table, entries] : out) {
      for (TenantProfileEntry& e : entries) {
        if (e.rows > static_cast<int64_t>(kRareRows)) e.ids.clear();
        std::sort(e.ids.begin(), e.ids.end());
      }
    }
    return out;
  }

  std::unique_ptr<WarehouseWriter> inner_;
  std::vector<std::unique_ptr<SinkCounts>> sinks_;
};

}  // namespace

std::string tenant_profile_json(const TenantProfile& profile) {
  nlohmann::json j = nlohmann::json::object();
  for (const auto& [table, entries] : profile) {
    nlohmann::json list = nlohmann::json::array();
    for (const TenantProfileEntry& e : entries) {
      list.push_back({{"tenant", e.tenant}, {"currency", e.currency}, {"rows", e.rows}, {"ids", e.ids}});
    }
    j[table] = list;
  }
  return j.dump();
}

std::optional<TenantProfile> read_tenant_profile(Warehouse& warehouse) {
  const std::string text = warehouse.meta(kTenantProfileMeta);
  if (text.empty()) return std::nullopt;
  try {
    TenantProfile out;
    const nlohmann::json parsed = nlohmann::json::parse(text);
    for (const auto& [table, list] : parsed.items()) {
      auto& entries = out[table];
      for (const auto& e : list) {
        entries.push_back({e.at("tenant").get<std::string>(), e.at("currency").get<std::string>(),
                           e.at("rows").get<int64_t>(), e.at("ids").get<std::vector<int64_t>>()});
      }
    }
    return out;
  } catch (const nlohmann::json::exception&) {
    return std::nullopt;  // readers fall back to scanning
  }
}

std::unique_ptr<WarehouseWriter> profile_tenants(std::unique_ptr<WarehouseWriter> writer) {
  return std::make_unique<ProfilingWriter>(std::move(writer));
}

}  // namespace luckyhub
