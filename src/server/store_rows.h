// A report narrowed to a store manager's stores (docs/access.md): every table
// row that carries a store — an integer column "shop_id", "store_id" or
// "store" — and names another store is dropped. The per-store tools pin their
// store parameter already (access/policy.h); this removes what such a report
// shows of the other stores beside it (a chain-wide comparison table).
#pragma once

#include <cstdint>
#include <vector>

#include "report/report.h"

namespace luckyhub::server {

Report narrow_to_stores(const Report& report, const std::vector<int64_t>& stores);

}  // namespace luckyhub::server
