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
