#include "delivery/scheduler.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <thread>

#include "alerts/routing_email.h"
#include "alerts/tool_alert_cycle.h"
#include "collect/collector.h"
#include "core/error.h"
#include "core/log.h"
#include "delivery/report_mail.h"
#include "delivery/smtp.h"
#include "sources/fleet.h"
#include "sync/sync.h"
#include "core/task_lane.h"
#include "tools/registry.h"
#include "warehouse/warehouse.h"

namespace luckyhub::delivery {


// A collect job's collector, kept across cycles as `luckyhub collect` keeps it.
struct Scheduler::CollectState {
  Fleet fleet;
  collect::CollectOptions options;
  std::unique_ptr<collect::Collector> collector;
  int64_t last_tables = 0, last_keyspace = 0, last_compaction = 0;
};

struct Scheduler::Item {
  const Schedule* schedule = nullptr;  // or
  const Job* job = nullptr;
  std::string name;
  Instant next;
  std::optional<std::pair<Instant, int>> retry;  // the run being retried and its next attempt
  bool busy = false;
  // A job's last run (jobs are not in the run store).
  std::string last_status, last_error;
  std::optional<Instant> last_time;
  std::unique_ptr<CollectState> collect;
  std::unique_ptr<TaskLane> lane;  // last: joined first
};

namespace {

// The latest fire time in (after, now], or nullopt.
std::optional<Instant> latest_due(const CronSpec& cron, const date::time_zone& zone, Instant after, Instant now) {
  std::optional<Instant> latest;
  std::optional<Instant> t = cron.next_fire(after, zone);
  for (int n = 0; t && *t <= now && n < 400000; ++n) {
    latest = t;
    t = cron.next_fire(*t, zone);
  }
  return latest;
}

Instant far_future(Instant now) { return now + std::chrono::hours(24 * 366 * 10); }

}  // namespace

Scheduler::Scheduler(DeliveryConfig config, SchedulerOptions options, Clock& clock)
    : config_(std::move(config)), options_(std::move(options)), clock_(clock) {
  store_ = RunStore::open(options_.state.empty() ? options_.warehouse : options_.state);
  for (const Schedule& s : config_.schedules) {
    auto item = std::make_unique<Item>();
    item->schedule = &s;
    item->name = s.name;
    items_.push_back(std::move(item));
  }
  for (const Job& j : config_.jobs) {
    auto item = std::make_unique<Item>();
    item->job = &j;
    item->name = j.name;
    items_.push_back(std::move(item));
  }
}

Scheduler::~Scheduler() { stop(); }

void Scheduler::start() {
  const Instant now = clock_.now();
  const std::vector<RunRow> interrupted = store_->interrupt_sending(now);
  for (const RunRow& r : interrupted) {
    log::warn("delivery: schedule ", r.schedule, ": the run due ", format_utc(r.scheduled_for),
              " was interrupted by a stop while sending; not resent (at-most-once)");
  }
  // Runs stopped before their mail could leave are run again, as runs whose
  // attempt failed are: nothing was sent, so nothing is sent twice.
  std::map<std::string, RunRow> retrying;
  for (const RunRow& r : store_->unsent()) {
    log::info("delivery: schedule ", r.schedule, ": the run due ", format_utc(r.scheduled_for),
              " was stopped before anything was sent; running it again");
    retrying[r.schedule] = r;
    retrying[r.schedule].attempt -= 1;  // the same attempt, not a new one
  }
  for (const RunRow& r : store_->retrying()) retrying[r.schedule] = r;
  for (auto& item : items_) {
    item->lane = std::make_unique<TaskLane>("delivery: " + item->name);
    if (item->job != nullptr) {
      const Job& j = *item->job;
      item->next = j.kind == JobKind::kRefresh ? j.cron->next_fire(now, *j.zone).value_or(far_future(now)) : now;
      continue;
    }
    const Schedule& s = *item->schedule;
    for (const RunRow& r : interrupted) {
      if (r.schedule != s.name) continue;
      // The owner is told, on the schedule's lane (before its next run).
      item->lane->post([this, &s, due = r.scheduled_for] {
        try {
          send_mail(*config_.smtp, interrupted_notice(s, due, clock_.now()));
        } catch (const std::exception& e) {
          log::error("delivery: schedule ", s.name, ": cannot tell its owner of the interrupted run: ", e.what());
        }
      });
    }
    if (auto it = retrying.find(s.name); it != retrying.end()) {
      item->retry = std::make_pair(it->second.scheduled_for, it->second.attempt + 1);
      item->next = now;
      log::info("delivery: schedule ", s.name, ": resuming the retries of the run due ", format_utc(it->second.scheduled_for));
      continue;
    }
    const Instant first = store_->first_seen(s.name, now);
    const std::optional<Instant> last = store_->last_scheduled(s.name);
    const Instant base = last ? std::max(*last, first) : first;
    const std::optional<Instant> missed = latest_due(s.cron, *s.zone, base, now);
    if (missed && config_.scheduler.catch_up) {
      log::info("delivery: schedule ", s.name, ": catching up the run due ", format_utc(*missed), " (missed while stopped)");
      item->next = *missed;
    } else {
      if (missed) log::info("delivery: schedule ", s.name, ": the run due ", format_utc(*missed), " was missed (catch_up = false)");
      item->next = s.cron.next_fire(now, *s.zone).value_or(far_future(now));
    }
  }
  thread_ = std::thread([this] { loop(); });
}

void Scheduler::stop() {
  {
    std::lock_guard lock(mutex_);
    if (stopping_) return;
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
  for (auto& item : items_) item->lane.reset();  // waits for its running task
}

void Scheduler::loop() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    const Instant now = clock_.now();
    Instant soonest = far_future(now);
    for (auto& item : items_) {
      if (item->busy) continue;
      if (item->next <= now) {
        dispatch(*item, now);
        if (stopping_) break;
      }
      if (!item->busy) soonest = std::min(soonest, item->next);
    }
    if (stopping_) break;
    clock_.wait_until(lock, cv_, soonest);
  }
}

void Scheduler::dispatch(Item& item, Instant now) {
  if (item.job != nullptr) {
    item.busy = true;
    item.lane->post([this, &item] { run_job(item); });
    return;
  }
  const Schedule& s = *item.schedule;
  Instant scheduled_for = item.next;
  int attempt = 1;
  try {
    if (item.retry) {
      scheduled_for = item.retry->first;
      attempt = item.retry->second;
      item.retry.reset();
      store_->update(s.name, scheduled_for, "running", attempt, "", now, false);
    } else if (!store_->claim(s.name, scheduled_for, now)) {
      log::info("delivery: schedule ", s.name, ": the run due ", format_utc(scheduled_for), " exists already; not run again");
      item.next = s.cron.next_fire(std::max(scheduled_for, now), *s.zone).value_or(far_future(now));
      return;
    }
  } catch (const Error& e) {
    // The run store is unreachable: nothing claimed, nothing sent; try again shortly.
    log::warn("delivery: schedule ", s.name, ": cannot record the run: ", e.what());
    item.next = now + std::chrono::seconds(30);
    return;
  }
  item.busy = true;
  item.lane->post([this, &item, scheduled_for, attempt] { run_schedule(item, scheduled_for, attempt); });
}

void Scheduler::finished(Item& item, Instant next) {
  {
    std::lock_guard lock(mutex_);
    item.busy = false;
    item.next = next;
  }
  cv_.notify_all();
}

void Scheduler::run_schedule(Item& item, Instant scheduled_for, int attempt) {
  const Schedule& s = *item.schedule;
  const SmtpSettings& smtp = *config_.smtp;
  std::string error;
  try {
    const std::unique_ptr<Warehouse> warehouse = open_warehouse(options_.warehouse);
    const Report report = run_tool(ToolRegistry::instance().get(s.tool), *warehouse, s.params);
    const Mail mail = report_mail(s, report, scheduled_for, clock_.now(), config_.scheduler.public_url);
    if (std::getenv("LUCKYHUB_TEST_DELIVERY_STALL_BEFORE_SEND") != nullptr) {
      std::fprintf(stderr, "luckyhub: test hook: stalled before sending the run due %s\n", format_utc(scheduled_for).c_str());
      std::this_thread::sleep_for(std::chrono::minutes(10));  // the test kills the process here
    }
    // From here the mail may leave: a stop from now on must not resend it.
    store_->mark_sending(s.name, scheduled_for);
    const std::string id = send_mail(smtp, mail);
    if (std::getenv("LUCKYHUB_TEST_DELIVERY_EXIT_AFTER_SEND") != nullptr) {
      std::fprintf(stderr, "luckyhub: test hook: exiting after sending %s\n", id.c_str());
      std::_Exit(3);  // a crash between sending and recording "done"
    }
    store_->update(s.name, scheduled_for, "done", attempt, "", clock_.now(), true);
    log::info("delivery: schedule ", s.name, ": sent the run due ", format_utc(scheduled_for), " to ", s.to.size(),
              " recipients (attempt ", attempt, ")");
  } catch (const std::exception& e) {
    error = e.what();
  }
  const Instant now = clock_.now();
  if (error.empty()) {
    finished(item, s.cron.next_fire(std::max(scheduled_for, now), *s.zone).value_or(far_future(now)));
    return;
  }
  if (attempt <= config_.scheduler.retries) {
    const auto wait = std::chrono::seconds(static_cast<int64_t>(config_.scheduler.backoff_s) << std::min(attempt - 1, 20));
    log::warn("delivery: schedule ", s.name, ": attempt ", attempt, " failed: ", error, "; retrying in ", wait.count(), " s");
    try {
      store_->update(s.name, scheduled_for, "retrying", attempt, error, now, false);
    } catch (const Error& e) {
      log::warn("delivery: schedule ", s.name, ": cannot record the attempt: ", e.what());
    }
    {
      std::lock_guard lock(mutex_);
      item.retry = std::make_pair(scheduled_for, attempt + 1);
    }
    finished(item, now + wait);
    return;
  }
  log::error("delivery: schedule ", s.name, ": the run due ", format_utc(scheduled_for), " failed after ", attempt,
             " attempts: ", error);
  try {
    store_->update(s.name, scheduled_for, "failed", attempt, error, now, true);
  } catch (const Error& e) {
    log::warn("delivery: schedule ", s.name, ": cannot record the failure: ", e.what());
  }
  try {
    send_mail(smtp, failure_notice(s, scheduled_for, attempt, error, now));
    log::info("delivery: schedule ", s.name, ": told its owner ", s.owner);
  } catch (const std::exception& e) {
    log::error("delivery: schedule ", s.name, ": cannot tell its owner: ", e.what());
  }
  finished(item, s.cron.next_fire(std::max(scheduled_for, now), *s.zone).value_or(far_future(now)));
}

void Scheduler::run_job(Item& item) {
  const Job& j = *item.job;
  const Instant started = clock_.now();
  std::string error;
  try {
    switch (j.kind) {
      case JobKind::kSync: {
        sync::SyncOptions o;
        o.fleet = j.fleet;
        o.warehouse = options_.warehouse;
        const sync::SyncResult r = sync::sync(o);
        log::info("delivery: job ", j.name, ": sync of ", r.tables.size(), " tables, ", r.failed, " failed, ",
                  r.rows_copied, " rows copied in ", r.seconds, " s");
        if (r.failed > 0) error = std::to_string(r.failed) + " of " + std::to_string(r.tables.size()) + " tables did not sync";
        for (const sync::InstanceFailure& f : r.instances_failed) error += "; " + f.error;
        if (r.warehouse_removed) break;  // nothing synced into a new warehouse: no data to alert on
        // The tools' alerts on the data just synced, routed by this file's
        // [route] (as `luckyhub alerts --routing` after a sync).
        alerts::ToolAlertCycleOptions cycle{.warehouse = options_.warehouse, .state = options_.state,
                                            .who = "delivery: alerts"};
        if (config_.routing) cycle.routing = alerts::load_routing(config_.path);
        if (config_.smtp) cycle.email = alerts::smtp_email_sender(*config_.smtp);
        const alerts::ToolAlertCycle alerts = alerts::run_tool_alert_cycle(cycle, started.time_since_epoch().count());
        log::info("delivery: job ", j.name, ": ", alerts.run.active, " alert condition(s), ",
                  alerts.run.transitions.size(), " transition(s), ", alerts.notifications, " notification(s)");
        for (const std::string& e : alerts.run.errors) log::warn("delivery: job ", j.name, ": alerts: ", e);
        break;
      }
      case JobKind::kCollect: {
        // As `luckyhub collect` runs its cycles (collect/collector.cc collect()).
        if (!item.collect) {
          auto state = std::make_unique<CollectState>();
          state->fleet = load_fleet(j.fleet);
          state->options.fleet = j.fleet;
          state->options.warehouse = options_.warehouse;
          state->options.interval_s = j.every_s;
          if (config_.routing) {  // the collector routes its alerts by this file's [route]
            state->options.routing = config_.path;
            if (config_.smtp) state->options.email = alerts::smtp_email_sender(*config_.smtp);
          }
          state->collector = std::make_unique<collect::Collector>(state->fleet, alerts::RuleSet::defaults(), state->options);
          item.collect = std::move(state);
        }
        CollectState& c = *item.collect;
        const int64_t now = started.time_since_epoch().count();
        const bool tables = c.last_tables == 0 || now - c.last_tables >= c.options.table_interval_s;
        if (tables) c.last_tables = now;
        const collect::CycleReport r = c.collector->run_cycle(now, tables);
        if (c.last_keyspace == 0 || now - c.last_keyspace >= c.options.keyspace_interval_s) {
          c.last_keyspace = now;
          c.collector->run_keyspace(now, collect::KeyspaceConfig{});
        }
        if (now - c.last_compaction >= 3600) {
          c.collector->compact(now);
          c.last_compaction = now;
        }
        log::debug("delivery: job ", j.name, ": collect ", r.up, "/", r.targets, " up");
        break;
      }
      case JobKind::kRefresh:
        if (!options_.refresh) throw Error("no report cache to refresh");
        options_.refresh(j.tool, j.params);
        log::debug("delivery: job ", j.name, ": refreshed ", j.tool);
        break;
    }
  } catch (const std::exception& e) {
    error = e.what();
  }
  if (!error.empty()) log::warn("delivery: job ", j.name, " failed: ", error);
  const Instant now = clock_.now();
  {
    std::lock_guard lock(mutex_);
    item.last_status = error.empty() ? "done" : "failed";
    item.last_error = error;
    item.last_time = now;
  }
  const Instant next = j.kind == JobKind::kRefresh ? j.cron->next_fire(now, *j.zone).value_or(far_future(now))
                                                   : std::max(now, started + std::chrono::seconds(j.every_s));
  finished(item, next);
}

nlohmann::json Scheduler::status() {
  using nlohmann::json;
  const Instant now = clock_.now();
  json schedules = json::array(), jobs = json::array();
  std::map<std::string, std::pair<Instant, bool>> next;  // name -> (next, busy)
  std::map<std::string, json> job_last;
  {
    std::lock_guard lock(mutex_);
    for (const auto& item : items_) {
      next[item->name] = {item->next, item->busy};
      if (item->job != nullptr && item->last_time) {
        job_last[item->name] = {{"status", item->last_status}, {"finished_utc", format_utc(*item->last_time)},
                                {"error", item->last_error}};
      }
    }
  }
  for (const Schedule& s : config_.schedules) {
    const Instant n = next[s.name].first;
    json last = nullptr;
    if (const std::optional<RunRow> r = store_->last_run(s.name)) {
      last = {{"status", r->status}, {"scheduled_for_utc", format_utc(r->scheduled_for)},
              {"scheduled_for_local", format_local(r->scheduled_for, *s.zone)},
              {"finished_utc", r->finished.empty() ? "" : format_utc(parse_utc(r->finished))},
              {"attempt", r->attempt}, {"error", r->error}};
    }
    schedules.push_back({{"name", s.name}, {"tool", s.tool}, {"params", s.params}, {"cron", s.cron.text()},
                         {"timezone", s.timezone}, {"next_run_utc", format_utc(n)}, {"next_run_local", format_local(n, *s.zone)},
                         {"running", next[s.name].second}, {"last_run", last}, {"formats", s.formats},
                         {"recipients", s.to}, {"recipient_count", s.to.size()}, {"owner", s.owner}});
  }
  for (const Job& j : config_.jobs) {
    const Instant n = next[j.name].first;
    json o = {{"name", j.name}, {"kind", job_kind_name(j.kind)}, {"next_run_utc", format_utc(n)},
              {"running", next[j.name].second}, {"last_run", job_last.count(j.name) ? job_last[j.name] : json(nullptr)}};
    if (j.kind == JobKind::kRefresh) {
      o["tool"] = j.tool;
      o["params"] = j.params;
      o["cron"] = j.cron->text();
      o["timezone"] = j.timezone;
      o["next_run_local"] = format_local(n, *j.zone);
    } else {
      o["every_s"] = j.every_s;
    }
    jobs.push_back(std::move(o));
  }
  return {{"configured", true}, {"now_utc", format_utc(now)}, {"schedules", schedules}, {"jobs", jobs}};
}

}  // namespace luckyhub::delivery
