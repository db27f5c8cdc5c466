#include "collect/metric_source.h"

#include <chrono>
#include <cstdio>

#include "collect/deadline.h"

#include "collect/host_metrics.h"
#include "core/error.h"
#include "sources/auth_error.h"

namespace luckyhub::collect {

Scrape timed_scrape(const std::function<void(Scrape&)>& read, const std::function<void()>& reset) {
  Scrape s;
  const auto started = std::chrono::steady_clock::now();
  try {
    read(s);
    s.up = true;
  } catch (const AuthError& e) {
    reset();
    s = Scrape{};
    s.auth_failed = true;
    s.error = e.what();
  } catch (const std::exception& e) {
    reset();
    s = Scrape{};
    s.error = e.what();
  }
  s.duration_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return s;
}

Scrape timed_scrape(const Instance& instance, double deadline_s, const std::function<void(Scrape&)>& read,
                    const std::function<void()>& reset, const std::function<void()>& interrupt) {
  if (deadline_s <= 0) return timed_scrape(read, reset);
  bool late = false;
  Scrape s = timed_scrape(
      [&](Scrape& out) { run_with_deadline(deadline_s, interrupt, late, [&] { read(out); }); },
      reset);
  if (late) {
    char seconds[32];
    std::snprintf(seconds, sizeof seconds, "%g", deadline_s);
    s.auth_failed = false;
    s.error = instance.label() + ": no complete answer within the scrape deadline of " + seconds + " s";
  }
  return s;
}

namespace {

std::unique_ptr<MetricSource> make_database_source(const Instance& instance) {
  switch (instance.kind) {
    case InstanceKind::kMysql: return make_mysql_source(instance);
    case InstanceKind::kRedis: return make_redis_source(instance);
    case InstanceKind::kPostgres: return make_postgres_source(instance);
  }
  throw Error("instance " + instance.label() + ": unknown kind");
}

}  // namespace

// The database's reader, and its host's when the fleet file lists one: both
// in the same worker, so each listed exporter is scraped every cycle.
std::unique_ptr<MetricSource> make_source(const Instance& instance) {
  std::unique_ptr<MetricSource> database = make_database_source(instance);
  if (std::unique_ptr<MetricSource> host = make_host_source(instance)) {
    return with_host_metrics(std::move(database), std::move(host), instance.cloudwatch ? "cloudwatch" : "node_exporter");
  }
  return database;
}

}  // namespace luckyhub::collect
