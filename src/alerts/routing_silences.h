// Silences, as Alertmanager's: matchers, a start and an end, who created it
// and why. While a silence is active (starts <= now < ends) the alerts its
// matchers all match are not notified; once it ends it no longer applies.
// Expiring one sets its end to now.
//
// Kept in the warehouse as an entered table (`alerts__silences`, appended to
// through the Warehouse interface: every change is a new version of the
// silence, its newest version is the silence), so the dashboard's API, the
// collector and `luckyhub alerts` see the same ones.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "alerts/routing_matcher.h"
#include "warehouse/warehouse.h"

namespace luckyhub::alerts {

struct Silence {
  std::string id;
  std::vector<Matcher> matchers;
  int64_t starts = 0, ends = 0;  // unix seconds
  std::string created_by, comment;
  int64_t updated = 0;  // the newest version's time, unix seconds

  bool active(int64_t now) const { return starts <= now && now < ends; }
  // "active", "pending" (starts later) or "expired".
  std::string state(int64_t now) const;
};

// Validates a POST /api/silences body: {"matchers": ["name=value", ...] or
// [{"name", "value", "isRegex", "isEqual"}], "starts"? and "ends" (RFC 3339
// or 'YYYY-MM-DD HH:MM:SS' UTC) or "duration" ("2h", "30m", "1d"),
// "created_by", "comment"}. Throws Error naming the first problem.
Silence parse_silence(std::string_view body, int64_t now);

// Every silence, newest version of each, ordered by id. None before the first one.
std::vector<Silence> read_silences(Warehouse& warehouse);
// Stores a new silence (gives it its id); returns it.
Silence create_silence(Warehouse& warehouse, Silence silence, int64_t now);
// Ends a silence at `now`. Throws Error when there is no such silence;
// false when it had already ended (nothing written).
bool expire_silence(Warehouse& warehouse, const std::string& id, int64_t now);

// The id of the first active silence matching `labels`, or "".
std::string silenced_by(const Labels& labels, const std::vector<Silence>& silences, int64_t now);

}  // namespace luckyhub::alerts
