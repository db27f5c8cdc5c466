// Where the customer-value fit (domain/customer_value.h) is kept, so that
// scoring one customer does not fit every customer first (3.4 s at scale 1):
//
//  - stored with the data: the derived table customers__fit (kind computed,
//    warehouse/derived_table.h) holds, for the warehouse's as-of (meta
//    "as_of"), the fitted models and the RFM bins by quartiles and by
//    quintiles, one row per `quantiles`, as JSON whose numbers read back to
//    the same doubles. A load computes it once the derived tables are built;
//    a sync into SQLite that changes t_order drops it in the same commit and
//    computes it again at the run's end. A new process's first profile reads
//    it: one query of two rows.
//  - kept in memory per warehouse version (warehouse_version(): a sync
//    changes it), as-of and quantiles, at most eight at once: what a server
//    answers with between requests, and what a report over every customer
//    leaves (keep_fit()).
//
// fitted_models() looks in memory, then in the stored table (when current
// and of the same as-of), and else fits every customer now (another as-of, a
// MySQL replica, a warehouse built before the table was declared).
// Thread-safe.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "domain/customer_value.h"
#include "warehouse/warehouse.h"

namespace luckyhub::customers {

inline constexpr std::string_view kStoredFit = "customers__fit";

std::shared_ptr<const Fitted> fitted_models(Warehouse& wh, Date as_of, int quantiles);
// The fit kept in memory or stored with the data, as fitted_models() finds
// it; null when neither holds it (the caller then fits, as the report over
// every customer does with the customers it has read anyway). The stored one
// found is kept in memory.
std::shared_ptr<const Fitted> kept_or_stored_fit(Warehouse& wh, Date as_of, int quantiles);

// The key a fit made now of `wh` is kept under (nullopt: the warehouse has no
// version, nothing is kept), read before the data; and keeping one there
// (its RFM scores are dropped).
std::optional<std::string> fit_key(Warehouse& wh, Date as_of, int quantiles);
void keep_fit(const std::string& key, const Fitted& fitted);

// The stored fit of as_of by `quantiles` (nullopt when the table is not
// current, or holds another as-of).
std::optional<Fitted> stored_fit(Warehouse& wh, Date as_of, int quantiles);

// Forgets every fit kept in memory: a test's new process.
void forget_kept_fits();

}  // namespace luckyhub::customers
