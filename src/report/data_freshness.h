// How a report says how current its data is, the same way in every format
// (JSON, text, PDF, XLSX, the page): the data's as-of date and the time up to
// which rows deleted at the sources are gone from the warehouse
// (Report::deletions_reconciled). Until a sync reconciles a table's keys, a
// row deleted at its source keeps counting (docs/sync.md).
#pragma once

#include <string>

#include "report/report.h"

namespace luckyhub {

// "2026-02-12 03:00 UTC" (to the minute), or "" when the report has none.
std::string deletions_reconciled_label(const Report& report);

// The deletions were last reconciled more than a day before the as-of date
// (its midnight, UTC): rows deleted since may be counted in the figures.
// False when either is unknown.
bool deletions_reconciliation_stale(const Report& report);

// One plain sentence saying so, or "" when not stale.
std::string deletions_reconciliation_warning(const Report& report);

}  // namespace luckyhub
