#include "collect/metric_source.h"

#include <chrono>

#include "core/error.h"

namespace luckyhub::collect {

Scrape timed_scrape(const std::function<void(Scrape&)>& read, const std::function<void()>& reset) {
  Scrape s;
  const auto started = std::chrono::steady_clock::now();
  try {
    read(s);
    s.up = true;
  } catch (const std::exception& e) {
    reset();
    s = Scrape{};
    s.error = e.what();
  }
  s.duration_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return s;
}

std::unique_ptr<MetricSource> make_source(const Instance& instance) {
  switch (instance.kind) {
    case InstanceKind::kMysql: return make_mysql_source(instance);
    case InstanceKind::kRedis: return make_redis_source(instance);
    case InstanceKind::kPostgres: return make_postgres_source(instance);
  }
  throw Error("instance " + instance.label() + ": unknown kind");
}

}  // namespace luckyhub::collect
