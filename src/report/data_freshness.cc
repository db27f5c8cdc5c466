#include "report/data_freshness.h"

#include <cstdint>
#include <exception>

#include "core/calendar.h"

namespace luckyhub {
namespace {

constexpr int64_t kDay = 24 * 3600;

// Seconds from the reconciliation to the as-of date's midnight (UTC), or
// nothing when either does not parse.
bool lag_seconds(const Report& report, int64_t& lag) {
  if (report.deletions_reconciled.size() < 19 || report.as_of.size() < 10) return false;
  try {
    const Timestamp reconciled = Timestamp::parse(report.deletions_reconciled.substr(0, 19));
    const Timestamp as_of = Timestamp::from_utc(Date::parse(report.as_of.substr(0, 10)), 0, 0, 0);
    lag = as_of - reconciled;
    return true;
  } catch (const std::exception&) {
    return false;
  }
}

}  // namespace

std::string deletions_reconciled_label(const Report& report) {
  if (report.deletions_reconciled.size() < 16) return report.deletions_reconciled;
  return report.deletions_reconciled.substr(0, 16) + " UTC";
}

bool deletions_reconciliation_stale(const Report& report) {
  int64_t lag = 0;
  return lag_seconds(report, lag) && lag > kDay;
}

std::string deletions_reconciliation_warning(const Report& report) {
  int64_t lag = 0;
  if (!lag_seconds(report, lag) || lag <= kDay) return "";
  const int64_t days = lag / kDay;
  return "Deletions were last reconciled " + std::to_string(days) + (days == 1 ? " day" : " days") +
         " before the data's as-of: rows deleted at the sources since " + deletions_reconciled_label(report) +
         " still count in these figures until a sync reconciles them (luckyhub sync --reconcile).";
}

}  // namespace luckyhub
