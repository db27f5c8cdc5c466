#include "server/store_rows.h"

#include <algorithm>

namespace luckyhub::server {

Report narrow_to_stores(const Report& report, const std::vector<int64_t>& stores) {
  Report out = report;
  for (Panel& p : out.panels) {
    if (p.kind != PanelKind::kTable) continue;
    for (size_t c = 0; c < p.table.columns.size(); ++c) {
      const Column& col = p.table.columns[c];
      if (col.type != ValueType::kInt || (col.id != "shop_id" && col.id != "store_id" && col.id != "store")) continue;
      std::erase_if(p.table.rows, [&](const std::vector<Cell>& row) {
        const auto* id = c < row.size() ? std::get_if<int64_t>(&row[c]) : nullptr;
        return id == nullptr || std::find(stores.begin(), stores.end(), *id) == stores.end();
      });
    }
  }
  return out;
}

}  // namespace luckyhub::server
