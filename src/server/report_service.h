// Reports for the HTTP API: validates a request against the tool registry,
// then serves it from a cache keyed by (tool, canonical parameters, warehouse
// version) or computes it on the worker pool. Concurrent identical requests
// share one ReportJob; a failed computation is not cached.
//
// Canonical parameters are every declared parameter with its default filled
// in, in declaration order, so "?currency=USD" and "" share one entry.
//
// At most one computation of a (tool, parameters) runs at a time. A request
// that finds the warehouse at a newer version than the running computation's
// joins the one queued behind it, which starts when the running one ends and
// reads the warehouse as it is then: so an answer always reflects the
// warehouse at or after the moment it was asked for, and a warehouse that
// changes all the time (a sync commits every chunk, the collector every
// cycle) costs at most two computations per report in flight, not one per
// request (bench/soak.sh found the queue growing without bound).
//
// The home document (server/home.h) and each tool's parameter options are
// kept the same way, one per warehouse version, with the same flights.
//
// Thread safety: request() and stats() may be called from any thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <list>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "server/report_job.h"
#include "server/worker_pool.h"

namespace luckyhub::server {

struct ReportCacheStats {
  uint64_t hits = 0;               // answered by a finished or running job
  uint64_t computations = 0;       // report jobs started
  uint64_t home_computations = 0;  // home documents started
  size_t entries = 0;
};

class ReportService {
 public:
  ReportService(std::string warehouse_location, int workers, size_t max_entries);

  // Throws HttpError: 404 for an unknown tool, 400 for an unknown or invalid
  // parameter (Params::parse's message), 503 when the warehouse is unreadable.
  std::shared_ptr<ReportJob> request(const std::string& tool_id,
                                     const std::map<std::string, std::string>& params);

  // The home document of the warehouse's current version. One whose
  // headlines all answered is kept until the version changes; one with a
  // failed headline is served once and computed again at the next request.
  // Throws HttpError(503) when the warehouse file cannot be read.
  std::shared_ptr<ReportJob> home();

  // The values of the tool's data-valued parameters (ParamSpec::options) on
  // the warehouse's current version, computed on the pool and kept like a
  // report: the job's json is {"<param>": [{"value","name"}...]}, {} for a
  // tool without such parameters. Throws HttpError: 404 for an unknown tool,
  // 503 when the warehouse is unreadable.
  std::shared_ptr<ReportJob> options(const std::string& tool_id);

  ReportCacheStats stats() const;
  const std::string& location() const { return location_; }

 private:
  // Computes a job on a worker's warehouse (nullptr and the error when it
  // cannot be opened) and finishes it.
  using Compute = std::function<void(const std::shared_ptr<ReportJob>&, Warehouse*, const std::string&)>;

  // The job of `base` (a report's tool and canonical parameters, "home",
  // "options:<tool>") on the warehouse's `version`: the one kept or running,
  // the one queued behind the running one, or a new one running `compute`,
  // counted in stats_.*started (when not null). `kind` keys the duration
  // estimate (`estimate` until one has run).
  std::shared_ptr<ReportJob> job_of(const std::string& base, const std::string& version, const std::string& kind,
                                    std::chrono::milliseconds estimate, uint64_t ReportCacheStats::*started,
                                    Compute compute);
  void compute(const std::shared_ptr<ReportJob>& job, Warehouse* warehouse,
               const std::string& open_error, const std::string& tool_id,
               const std::map<std::string, std::string>& params);
  void compute_options(const std::shared_ptr<ReportJob>& job, Warehouse* warehouse, const std::string& open_error,
                       const std::string& tool_id);
  void compute_home(const std::shared_ptr<ReportJob>& job, Warehouse* warehouse,
                    const std::string& open_error);
  // Submits `job` of `base` on the warehouse's version now.
  void start(const std::shared_ptr<ReportJob>& job, const std::string& version, const std::string& base,
             const std::string& kind, Compute compute);
  // The computation of `base` that ended: starts the one queued behind it.
  void next_of(const std::string& base, const std::string& kind, const std::shared_ptr<ReportJob>& ended);
  void forget(const std::string& key);
  void evict_locked();

  const std::string location_;
  const size_t max_entries_;
  mutable std::mutex mutex_;
  std::map<std::string, std::shared_ptr<ReportJob>> jobs_;
  std::list<std::string> order_;  // keys, oldest first
  // By base: the computation running and the one queued behind it (with
  // what computes it).
  struct Flight {
    std::shared_ptr<ReportJob> running, queued;
    Compute queued_compute;
  };
  std::map<std::string, Flight> flights_;
  std::map<std::string, std::chrono::milliseconds> last_duration_;  // by kind
  ReportCacheStats stats_;
  WorkerPool pool_;  // last: its threads stop before the members they use
};

}  // namespace luckyhub::server
