// The home tile of fleet-health: how many instances are red (down or a
// critical condition) and yellow (a warning) now. Only the fleet's latest
// values and the alert rules on them (load(): four small queries), not the
// report's projections, heatmap and timeline: the figures equal the summary
// tiles of the default report (fleet_health_overview.cc).
#include "health/history.h"
#include "health/trend.h"
#include "tools/fleet_health/fleet_health.h"
#include "tools/registry.h"

namespace luckyhub::fleet_health {
namespace {

Headline compute_headline(Warehouse& wh) {
  Headline h{.covers = "Now"};
  if (!health::has_history(wh)) {
    h.note = "No health history in this warehouse: run 'luckyhub collect' (docs/health.md).";
    return h;
  }
  const Fleet fleet = load(wh);
  h.covers = "Now: latest scrape " + health::utc_text(fleet.now) + " UTC";
  int64_t red = 0, yellow = 0;
  for (const InstanceHealth& instance : fleet.instances) {
    red += instance.status == Status::kRed ? 1 : 0;
    yellow += instance.status == Status::kYellow ? 1 : 0;
  }
  const std::string of = "of " + std::to_string(fleet.instances.size()) + " instances";
  h.figures = {
      {{"red", "Critical or down", red, ValueType::kInt, "", "",
        red ? Status::kRed : Status::kGreen, of},
       "summary",
       {}},
      {{"yellow", "Warning", yellow, ValueType::kInt, "", "",
        yellow ? Status::kYellow : Status::kGreen, of},
       "summary",
       {}},
  };
  return h;
}

const HeadlineRegistration kHeadline("fleet-health", &compute_headline);

}  // namespace
}  // namespace luckyhub::fleet_health
