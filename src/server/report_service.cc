#include "server/report_service.h"

#include <algorithm>
#include <map>

#include <nlohmann/json.hpp>

#include "core/log.h"
#include "report/render.h"
#include "server/home.h"
#include "server/http_error.h"
#include "tools/param_error.h"
#include "tools/registry.h"

namespace luckyhub::server {
namespace {

// FNV-1a, hex: a strong enough validator for a body we produced ourselves.
std::string etag_of(const std::string& body) {
  uint64_t h = 1469598103934665603ull;
  for (const unsigned char c : body) h = (h ^ c) * 1099511628211ull;
  char out[24];
  std::snprintf(out, sizeof out, "\"%016llx\"", static_cast<unsigned long long>(h));
  return out;
}

}  // namespace

ReportService::ReportService(std::string warehouse_location, int workers, size_t max_entries)
    : location_(std::move(warehouse_location)),
      max_entries_(std::max<size_t>(1, max_entries)),
      pool_(location_, workers) {}

std::shared_ptr<ReportJob> ReportService::request(const std::string& tool_id,
                                                  const std::map<std::string, std::string>& params) {
  const Tool* tool = ToolRegistry::instance().find(tool_id);
  if (!tool) throw HttpError(404, "unknown tool '" + tool_id + "'");
  std::string key = tool_id + "?";
  try {
    for (const ReportParam& p : Params::parse(tool->params, params).as_report_params()) {
      key += p.name + "=" + p.value + "&";
    }
  } catch (const HttpError&) {
    throw;
  } catch (const Error& e) {
    throw HttpError(400, e.what());
  }
  const std::string version = warehouse_version(location_);
  return job_of(key, version, tool_id, std::chrono::milliseconds(2000), &ReportCacheStats::computations,
                [this, tool_id, params](const std::shared_ptr<ReportJob>& job, Warehouse* warehouse,
                                        const std::string& err) { compute(job, warehouse, err, tool_id, params); });
}

std::shared_ptr<ReportJob> ReportService::job_of(const std::string& base, const std::string& version,
                                                 const std::string& kind, std::chrono::milliseconds estimate,
                                                 uint64_t ReportCacheStats::*started, Compute compute) {
  const std::string key = base + "@" + version;
  std::shared_ptr<ReportJob> job;
  {
    std::lock_guard lock(mutex_);
    if (auto it = jobs_.find(key); it != jobs_.end()) {
      ++stats_.hits;
      return it->second;
    }
    Flight& flight = flights_[base];
    if (flight.running && flight.queued) {  // a newer version joins the queued one
      ++stats_.hits;
      jobs_.emplace(key, flight.queued);
      order_.push_back(key);
      evict_locked();
      return flight.queued;
    }
    const auto last = last_duration_.find(kind);
    job = std::make_shared<ReportJob>(key, last != last_duration_.end() ? last->second : estimate);
    jobs_.emplace(key, job);
    order_.push_back(key);
    if (started) ++(stats_.*started);
    evict_locked();
    if (flight.running) {  // starts when the running one ends
      flight.queued = job;
      flight.queued_compute = std::move(compute);
      return job;
    }
    flight.running = job;
  }
  start(job, version, base, kind, std::move(compute));
  return job;
}

void ReportService::start(const std::shared_ptr<ReportJob>& job, const std::string& version, const std::string& base,
                          const std::string& kind, Compute compute) {
  pool_.submit(version, [this, job, base, kind, compute = std::move(compute)](Warehouse* warehouse,
                                                                               const std::string& err) {
    compute(job, warehouse, err);
    {
      std::lock_guard lock(mutex_);
      last_duration_[kind] = std::chrono::milliseconds(job->elapsed_ms());
    }
    next_of(base, kind, job);
  });
}

void ReportService::next_of(const std::string& base, const std::string& kind, const std::shared_ptr<ReportJob>& ended) {
  std::shared_ptr<ReportJob> next;
  Compute compute;
  {
    std::lock_guard lock(mutex_);
    const auto it = flights_.find(base);
    if (it == flights_.end() || it->second.running != ended) return;
    if (!it->second.queued) {
      flights_.erase(it);
      return;
    }
    next = it->second.running = std::move(it->second.queued);
    compute = std::move(it->second.queued_compute);
    it->second.queued_compute = nullptr;
  }
  std::string version;
  try {
    version = warehouse_version(location_);
  } catch (const std::exception& e) {  // the file went away: the queued job fails like a request would
    ReportJob::Result result{.status = 503, .error = e.what()};
    forget(next->key());
    next->finish(std::move(result));
    next_of(base, kind, next);
    return;
  }
  start(next, version, base, kind, std::move(compute));
}

void ReportService::compute(const std::shared_ptr<ReportJob>& job, Warehouse* warehouse,
                            const std::string& open_error, const std::string& tool_id,
                            const std::map<std::string, std::string>& params) {
  ReportJob::Result result;
  try {
    if (!warehouse) throw HttpError(503, "the warehouse cannot be opened: " + open_error);
    auto report = std::make_shared<Report>(
        run_tool(ToolRegistry::instance().get(tool_id), *warehouse, params));
    auto json = std::make_shared<std::string>(render_json(*report));
    result.etag = etag_of(*json);
    result.report = std::move(report);
    result.json = std::move(json);
  } catch (const HttpError& e) {
    result.status = e.status();
    result.error = e.what();
  } catch (const ParamValueError& e) {  // a parameter naming nothing in the warehouse
    result.status = 400;
    result.error = e.what();
  } catch (const std::exception& e) {
    log::error("serve: report ", tool_id, " failed: ", e.what());
    result.status = 500;
    result.error = std::string("the report failed: ") + e.what();
  }
  if (result.status != 200) forget(job->key());  // the next request tries again
  job->finish(std::move(result));
}

std::shared_ptr<ReportJob> ReportService::options(const std::string& tool_id) {
  if (!ToolRegistry::instance().find(tool_id))
    throw HttpError(404, "unknown tool '" + tool_id + "'");
  const std::string base = "options:" + tool_id;
  return job_of(base, warehouse_version(location_), base, std::chrono::milliseconds(200), nullptr,
                [this, tool_id](const std::shared_ptr<ReportJob>& job, Warehouse* warehouse, const std::string& err) {
                  compute_options(job, warehouse, err, tool_id);
                });
}

void ReportService::compute_options(const std::shared_ptr<ReportJob>& job, Warehouse* warehouse,
                                    const std::string& open_error, const std::string& tool_id) {
  ReportJob::Result result;
  try {
    if (!warehouse) throw HttpError(503, "the warehouse cannot be opened: " + open_error);
    nlohmann::json doc = nlohmann::json::object();
    // Parameters sharing a lookup (payment-fees' three channels) run it once.
    using Lookup = std::vector<ParamOption> (*)(Warehouse&);
    std::map<Lookup, nlohmann::json> looked_up;
    for (const ParamSpec& p : ToolRegistry::instance().get(tool_id).params) {
      if (!p.options) continue;
      const Lookup* lookup = p.options.target<Lookup>();
      if (lookup && looked_up.count(*lookup)) {
        doc[p.name] = looked_up.at(*lookup);
        continue;
      }
      nlohmann::json list = nlohmann::json::array();
      for (const ParamOption& o : p.options(*warehouse))
        list.push_back({{"value", o.value}, {"name", o.name}});
      if (lookup) looked_up[*lookup] = list;
      doc[p.name] = std::move(list);
    }
    auto json = std::make_shared<std::string>(doc.dump());
    result.etag = etag_of(*json);
    result.json = std::move(json);
  } catch (const HttpError& e) {
    result.status = e.status();
    result.error = e.what();
  } catch (const std::exception& e) {
    log::error("serve: the options of ", tool_id, " failed: ", e.what());
    result.status = 500;
    result.error = std::string("the parameter options failed: ") + e.what();
  }
  if (result.status != 200) forget(job->key());  // the next request tries again
  job->finish(std::move(result));
}

std::shared_ptr<ReportJob> ReportService::home() {
  return job_of("home", warehouse_version(location_), "home", std::chrono::milliseconds(500),
                &ReportCacheStats::home_computations,
                [this](const std::shared_ptr<ReportJob>& job, Warehouse* warehouse, const std::string& err) {
                  compute_home(job, warehouse, err);
                });
}

void ReportService::compute_home(const std::shared_ptr<ReportJob>& job, Warehouse* warehouse,
                                 const std::string& open_error) {
  ReportJob::Result result;
  bool keep = false;
  try {
    if (!warehouse) throw HttpError(503, "the warehouse cannot be opened: " + open_error);
    HomeDocument doc = server::compute_home(*warehouse);
    result.etag = etag_of(doc.json);
    result.json = std::make_shared<std::string>(std::move(doc.json));
    keep = doc.failed_headlines == 0;
  } catch (const HttpError& e) {
    result.status = e.status();
    result.error = e.what();
  } catch (const std::exception& e) {
    log::error("serve: the home document failed: ", e.what());
    result.status = 500;
    result.error = std::string("the home document failed: ") + e.what();
  }
  if (!keep) forget(job->key());  // the next request tries again
  job->finish(std::move(result));
}

void ReportService::forget(const std::string& key) {
  std::lock_guard lock(mutex_);
  const auto it = jobs_.find(key);
  if (it == jobs_.end()) return;
  const std::shared_ptr<ReportJob> job = it->second;
  for (auto j = jobs_.begin(); j != jobs_.end();) {  // every version that joined it
    if (j->second == job) {
      order_.remove(j->first);
      j = jobs_.erase(j);
    } else {
      ++j;
    }
  }
}

// Drops the oldest finished jobs beyond max_entries_; running ones stay.
void ReportService::evict_locked() {
  for (auto it = order_.begin(); jobs_.size() > max_entries_ && it != order_.end();) {
    const auto job = jobs_.find(*it);
    if (job != jobs_.end() && job->second->done()) {
      jobs_.erase(job);
      it = order_.erase(it);
    } else {
      ++it;
    }
  }
}

ReportCacheStats ReportService::stats() const {
  std::lock_guard lock(mutex_);
  ReportCacheStats out = stats_;
  out.entries = jobs_.size();
  return out;
}

}  // namespace luckyhub::server
