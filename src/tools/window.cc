#include "tools/window.h"

#include "core/error.h"

namespace luckyhub {

std::vector<ParamSpec> window_params() {
  return {
      {.name = "from",
       .type = ParamType::kDate,
       .description = "First business day (default: first day of data)",
       .label = "First day"},
      {.name = "to",
       .type = ParamType::kDate,
       .description = "Day after the last business day (default: as-of)",
       .label = "Up to (day after the last)"},
  };
}

Window report_window(Warehouse& warehouse, const Params& params) {
  const std::string start = warehouse.meta("start");
  const std::string as_of = warehouse.meta("as_of");
  if (as_of.empty()) throw Error("warehouse " + warehouse.location() + " records no as-of date");
  Window w;
  w.from = params.has("from") ? params.date("from") : Date::parse(start.empty() ? as_of : start);
  w.to = params.has("to") ? params.date("to") : Date::parse(as_of);
  if (w.to <= w.from) throw Error("parameter to must be after from");
  if (!start.empty()) {
    const int data_days = Date::parse(as_of) - Date::parse(start);
    w.wide = 4 * w.days() >= data_days;
  }
  return w;
}

std::string Window::range(const Dialect& dialect, std::string_view column) const {
  const std::string c = wide ? dialect.unindexed(column) : std::string(column);
  return c + " >= ? AND " + c + " < ?";
}

}  // namespace luckyhub
