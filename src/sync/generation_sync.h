// `luckyhub sync` into a ClickHouse warehouse: every table copied in full from
// the fleet into a new generation of the warehouse, which becomes current
// only when every table has been copied (warehouse/clickhouse/). ClickHouse
// has no transactions to commit rows and checkpoints together, so there is
// no incremental or resumed sync: each run is a full copy, which is also the
// load a column store takes fastest. Any table's failure leaves the previous
// generation as it was; the result lists the failures.
#pragma once

#include "sources/fleet.h"
#include "sync/sync.h"

namespace luckyhub::sync {

SyncResult sync_generation(const SyncOptions& options, const Fleet& fleet);

}  // namespace luckyhub::sync
