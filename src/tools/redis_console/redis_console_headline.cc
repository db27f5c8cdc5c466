// The home tile of redis-console: the Redis instances over their memory
// threshold (Tool 1's RedisMemoryHigh alert, pending or firing) and how many
// there are. Two counts, where the report also reads 30 days of history, the
// keyspace analyses and the hot keys: the figures equal the kpis tiles of the
// default report (redis_console.cc, redis_console_overview.cc).
#include "health/history.h"
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
      {R"(SELECT COUNT(DISTINCT a.instance) AS n FROM health__alerts a
          JOIN health__targets t ON t.instance = a.instance
          WHERE t.kind = 'redis' AND a.rule = 'RedisMemoryHigh' AND a.state IN ('pending', 'firing'))",
       {}},
  });
  const int64_t instances = r[0].row(0).integer("n"), over = r[1].row(0).integer("n");
  h.figures = {
      {{"memory_alerts", "Over 85% memory", over, ValueType::kInt, "", "",
        over ? Status::kRed : Status::kGreen,
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
