// The production-time tool's derived tables: narrow copies of the finished
// tickets and the successful brews with their seconds computed once, so that
// the report groups a few columns of a small table where it would scan the
// wide source tables and compute every time again (BENCHMARKS.md). Item times
// are the domain's (production_time::kItemTimes), shared with the menu.
#include "tools/production_time/production.h"
#include "warehouse/derived_table.h"

namespace luckyhub::production {
namespace {

TableDef narrow_def(std::string name, std::string comment, std::vector<ColumnDef> columns,
                    std::vector<IndexDef> indexes) {
  TableDef t;
  t.database = "production";
  t.name = std::move(name);
  t.comment = std::move(comment);
  t.columns = std::move(columns);
  t.primary_key = {"id"};
  t.indexes = std::move(indexes);
  return t;
}

const DerivedTableRegistration kTicketTimes(DerivedTable{
    .owner = "production-time",
    .def = narrow_def("ticket_time", "finished LKUS tickets (status 30 or 40, done_time set) and their seconds",
                      {not_null_column("id", ColumnType::kInt), not_null_column("shop_id", ColumnType::kInt),
                       not_null_column("accept_time", ColumnType::kDateTime), not_null_column("seconds", ColumnType::kInt)},
                      // Covering, in the readers' GROUP BY order: a store's seconds, a store's hours;
                      // the outliers by their seconds.
                      {{.name = "idx_ticket_time_shop_seconds", .columns = {"shop_id", "seconds", "accept_time"}},
                       {.name = "idx_ticket_time_shop_accept", .columns = {"shop_id", "accept_time", "seconds"}},
                       {.name = "idx_ticket_time_seconds", .columns = {"seconds"}}}),
    .key = {"id"},
    .refresh = DerivedRefresh::kSelection,
    .sources = {{"opproduction__t_production",
                 [](const Dialect& d, std::string_view rows) {
                   return "SELECT id, shop_id, accept_time, " + d.seconds_between("accept_time", "done_time") +
                          " AS seconds FROM " + std::string(rows) +
                          " WHERE tenant = 'LKUS' AND status IN (30, 40) AND done_time IS NOT NULL";
                 }}},
});

const DerivedTableRegistration kBrewTimes(DerivedTable{
    .owner = "production-time",
    .def = narrow_def("brew_time", "successful LKUS brews (status 1, end_time set) and their seconds",
                      {not_null_column("id", ColumnType::kInt), not_null_column("device_no", ColumnType::kText),
                       not_null_column("commodity_id", ColumnType::kInt), not_null_column("shop_id", ColumnType::kInt),
                       not_null_column("start_time", ColumnType::kDateTime), not_null_column("seconds", ColumnType::kInt)},
                      {{.name = "idx_brew_time_device", .columns = {"device_no", "commodity_id", "start_time", "seconds", "shop_id"}},
                       {.name = "idx_brew_time_shop", .columns = {"shop_id", "start_time"}}}),
    .key = {"id"},
    .refresh = DerivedRefresh::kSelection,
    .sources = {{"iot_platform__t_cup_order_info",
                 [](const Dialect& d, std::string_view rows) {
                   return "SELECT id, device_no, commodity_id, shop_id, start_time, " +
                          d.seconds_between("start_time", "end_time") + " AS seconds FROM " + std::string(rows) +
                          " WHERE tenant = 'LKUS' AND status = 1 AND end_time IS NOT NULL";
                 }}},
});

}  // namespace
}  // namespace luckyhub::production
