// The home page's document (GET /api/home): every registered tool, in catalog
// order, with its headline (tools/registry.h) computed on one warehouse
// connection. No tool's report is computed: the document costs a few small
// queries per tool. docs/dashboard.md describes it:
//
//   {"as_of": "2026-02-13",
//    "tools": [{"id": "payment-fees", "covers": "January 2026",
//               "figures": [<a kpis tile of docs/reports.md> + "link", ...]},
//              {"id": "fleet-health", "covers": "Now", "figures": [], "note": "No health history
//              ..."},
//              {"id": "tax-gap", "figures": [], "error": "the headline failed: ..."}, ...]}
//
// A figure's "link" is the tool page whose report shows the same tile. A tool
// without a headline has no figures; a headline that throws is recorded in
// its tool's "error" and the others still answer.
#pragma once

#include <string>

#include "warehouse/warehouse.h"

namespace luckyhub::server {

struct HomeDocument {
  std::string json;
  int failed_headlines = 0;  // tools whose headline threw
};

HomeDocument compute_home(Warehouse& warehouse);

}  // namespace luckyhub::server
