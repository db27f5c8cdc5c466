#include "support/panel_columns.h"

#include "core/error.h"

namespace luckyhub::testing {

size_t column(const Panel& panel, const std::string& id) {
  for (size_t i = 0; i < panel.table.columns.size(); ++i) {
    if (panel.table.columns[i].id == id) return i;
  }
  throw Error("no column " + id + " in " + panel.id);
}

}  // namespace luckyhub::testing
