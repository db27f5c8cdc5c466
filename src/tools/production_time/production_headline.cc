// The home tile of production-time: the last full month's finished tickets,
// their mean time without outliers and the outliers over 30 minutes. One
// aggregate over that month's tickets: the figures equal the summary tiles of
// the report run on that month (production_panels.cc).
#include <cmath>

#include "tools/production_time/production.h"
#include "tools/registry.h"

namespace luckyhub::production {
namespace {

Headline compute_headline(Warehouse& wh) {
  const HeadlinePeriod period = last_full_month(wh);
  if (!wh.has_table("opproduction__t_production")) return {.covers = period.label, .note = "no production tickets in this warehouse"};
  const Dialect& d = wh.dialect();
  const Window w{period.from, period.to};
  const std::string secs = d.seconds_between("accept_time", "done_time");
  const std::string timed = secs + " <= " + std::to_string(production_time::kOutlierSeconds);
  const ResultSet r = wh.query(
      "SELECT COUNT(*) AS tickets, COALESCE(SUM(CASE WHEN " + timed + " THEN 1 ELSE 0 END), 0) AS timed,"
      " COALESCE(SUM(CASE WHEN " + timed + " THEN " + secs + " ELSE 0 END), 0) AS seconds"
      " FROM opproduction__t_production WHERE tenant = 'LKUS' AND status IN (30, 40) AND done_time IS NOT NULL AND " +
          w.range(d, "accept_time"),
      {w.utc_from(), w.utc_to()});
  const Row row = r.row(0);
  const int64_t tickets = row.integer("tickets"), timed_n = row.integer("timed"), outliers = tickets - timed_n;
  const double mean = timed_n ? static_cast<double>(row.integer("seconds")) / static_cast<double>(timed_n) : 0;
  Headline h{.covers = period.label};
  h.figures = {
      {{"tickets", "Tickets", tickets, ValueType::kInt}, "summary", period.params()},
      {{"mean_s", "Mean production time", std::round(mean * 10) / 10, ValueType::kNumber, "", "s", Status::kNone,
        "without outliers"},
       "summary",
       period.params()},
      {{"outliers", "Outliers over 30 min", outliers, ValueType::kInt, "", "", outlier_status(outliers)},
       "summary",
       period.params()},
  };
  return h;
}

const HeadlineRegistration kHeadline("production-time", &compute_headline);

}  // namespace
}  // namespace luckyhub::production
