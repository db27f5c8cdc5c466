#include "domain/production_time.h"

#include <cmath>

#include "warehouse/lookup_table.h"

namespace luckyhub::production_time {
namespace {

const TableDef& source(std::string_view database, std::string_view table) {
  return SchemaCatalog::builtin().table(database, table);
}

const DerivedTableRegistration kProductionItemsTable(lookup_table({
    .owner = "domain",
    .name = std::string(kProductionItems),
    .base = source("luckyus_opproduction", "t_commodity"),
    .lookup = source("luckyus_opproduction", "t_production"),
    .keys = {{"production_id", "id"}},
    .columns = {{"ticket_accept_time", "accept_time", "accept_time"}},
}));

std::string column(std::string_view alias, std::string_view name) {
  return alias.empty() ? std::string(name) : std::string(alias) + "." + std::string(name);
}

constexpr const char* kCommodities = "opproduction__t_commodity";
constexpr const char* kTickets = "opproduction__t_production";

TableDef item_times_def() {
  TableDef t;
  t.database = "production";
  t.name = "item_time";
  t.comment = "finished LKUS items (t_commodity) with their ticket's accept_time and the seconds between";
  t.columns = {not_null_column("id", ColumnType::kInt), not_null_column("commodity_id", ColumnType::kInt),
               not_null_column("shop_id", ColumnType::kInt), not_null_column("ticket_accept_time", ColumnType::kDateTime),
               not_null_column("seconds", ColumnType::kInt)};
  t.primary_key = {"id"};
  // Covering, in the readers' GROUP BY order (product, seconds); one store's.
  t.indexes = {{.name = "idx_item_time_product", .columns = {"commodity_id", "seconds", "ticket_accept_time", "shop_id"}},
               {.name = "idx_item_time_shop", .columns = {"shop_id", "ticket_accept_time"}}};
  return t;
}

Query item_times_select(const Dialect& d, const SourceFilters& filters) {
  Query q;
  const std::string items = filtered_source(filters, kCommodities, q.params);
  const std::string tickets = filtered_source(filters, kTickets, q.params);
  q.sql = "SELECT i.id AS id, i.commodity_id AS commodity_id, i.shop_id AS shop_id, p.accept_time AS ticket_accept_time, " +
          d.seconds_between("p.accept_time", "i.done_time") + " AS seconds FROM " + d.join_left(items) + " i JOIN " +
          tickets + " p ON p.id = i.production_id WHERE i.tenant = 'LKUS' AND i.status = 30 AND i.done_time IS NOT NULL"
          " AND p.accept_time IS NOT NULL";
  return q;
}

const DerivedTableRegistration kItemTimesTable(DerivedTable{
    .owner = "domain",
    .def = item_times_def(),
    .key = {"id"},
    .refresh = DerivedRefresh::kRecompute,
    .sources = {{.table = kCommodities,
                 .of_rows = [](const Dialect&, std::string_view rows) { return "SELECT id FROM " + std::string(rows); },
                 .of_keys = [](const Dialect&, std::string_view keys) { return "id IN (SELECT id FROM " + std::string(keys) + ")"; }},
                {.table = kTickets,
                 .of_rows =
                     [](const Dialect&, std::string_view rows) {
                       return std::string("SELECT id FROM ") + kCommodities + " WHERE production_id IN (SELECT id FROM " +
                              std::string(rows) + ")";
                     },
                 .of_keys =
                     [](const Dialect&, std::string_view keys) {
                       return std::string("id IN (SELECT production_id FROM ") + kCommodities +
                              " WHERE id IN (SELECT id FROM " + std::string(keys) + "))";
                     }}},
    .select = item_times_select,
});

}  // namespace

std::string finished_item(std::string_view alias) {
  return column(alias, "status") + " = 30 AND " + column(alias, "done_time") + " IS NOT NULL AND " +
         column(alias, "ticket_accept_time") + " IS NOT NULL";
}

std::string item_seconds(const Dialect& d, std::string_view alias) {
  return d.seconds_between(column(alias, "ticket_accept_time"), column(alias, "done_time"));
}

void Histogram::add(int64_t seconds, int64_t count) {
  if (seconds > outlier_above_) {
    outliers_ += count;
    return;
  }
  counts_[seconds] += count;
  count_ += count;
  sum_ += static_cast<double>(seconds) * static_cast<double>(count);
}

int64_t Histogram::percentile(double q) const {
  if (count_ == 0) return 0;
  const int64_t rank = std::max<int64_t>(1, static_cast<int64_t>(std::ceil(q * static_cast<double>(count_) - 1e-9)));
  int64_t seen = 0;
  for (const auto& [seconds, n] : counts_) {
    seen += n;
    if (seen >= rank) return seconds;
  }
  return counts_.rbegin()->first;
}

double Histogram::mean() const { return count_ == 0 ? 0 : sum_ / static_cast<double>(count_); }

}  // namespace luckyhub::production_time
