// The home tile of redis-console: the Redis instances over their memory
// threshold (Tool 1's RedisMemoryHigh alert, pending or firing) and how many
// there are. Two counts, where the report also reads 30 days of history, the
// keyspace analyses and the hot keys: the figures equal the kpis tiles of the
// default report (redis_console.cc, redis_console_overview.cc).
#include <set>

#include "health/history.h"
#include "health/severity.h"
#include "tools/registry.h"

namespace luckyhub::redis_console {
namespace {

Headline compute_headline(Warehouse& wh) {
  Headline h{.covers = "Now"};
  if (!health::has_history(wh)) {
    h.note = "No Redis history in this warehouse: run 'luckyhub collect' (docs/redis-console.md).";
    return h;
  }
  const std::vector<ResultSet> r = wh.query_all({
      {"SELECT COUNT(*) AS n FROM health__targets WHERE kind = 'redis'", {}},
      {R"(SELECT DISTINCT a.instance AS instance, a.severity AS severity FROM health__alerts a
          JOIN health__targets t ON t.instance = a.instance
          WHERE t.kind = 'redis' AND a.rule = 'RedisMemoryHigh' AND a.state IN ('pending', 'firing')
          ORDER BY instance, severity)",
       {}},
  });
  const int64_t instances = r[0].row(0).integer("n");
  std::set<std::string> over_instances;
  Status over_status = Status::kGreen;  // the alert's own colour, as on the tool's page
  for (const Row row : r[1]) {
    over_instances.insert(row.text("instance"));
    over_status = health::worse(over_status, health::severity_status(row.text("severity")));
  }
  const auto over = static_cast<int64_t>(over_instances.size());
  h.figures = {
      {{"memory_alerts", "Over 85% memory", over, ValueType::kInt, "", "",
        over_status,
        "of " + std::to_string(instances) +
            " instances: Tool 1's RedisMemoryHigh alert, pending or firing"},
       "kpis",
       {}},
      {{"instances", "Redis instances", instances, ValueType::kInt}, "kpis", {}},
  };
  return h;
}

const HeadlineRegistration kHeadline("redis-console", &compute_headline);

}  // namespace
}  // namespace luckyhub::redis_console
