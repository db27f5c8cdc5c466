// What the dashboard answers, independent of the transport: a request
// (method, target, If-None-Match) becomes either a response, or a pending
// report job and how to turn it into a response once it is done. The
// transport (http_server.cc) decides how long to wait for a pending job.
//
// Endpoints:
//   GET /api/health                       {"status":"ok", ...}
//   GET /metrics                          the fleet's health in Prometheus format (health/prometheus.h)
//   GET /api/tools                        the registry and the departments
//   GET /api/tools/{tool}/options         the values of its data-valued parameters, by name:
//                                         {"store": [{"value":"3","name":"..."}...]}; {} when none
//   GET /api/home                         every tool's headline figures (server/home.h)
//   GET /api/schedules                    the scheduler's schedules and jobs (delivery/schedules_api.h)
//   GET /api/reports/{tool}?p=v...        the report JSON (docs/reports.md)
//   GET /api/reports/{tool}.csv?panel=ID  CSV of a table panel, as an attachment
//   GET /api/reports/{tool}.pdf?p=v...    the whole report as a vector PDF (report/render_pdf.h), an attachment
//   GET /api/reports/{tool}.xlsx?p=v...   the whole report as an XLSX workbook (report/render_xlsx.h), an attachment
//   GET /api/staffing/schedule.pdf?p=v... the staffing tool's weekly schedule, a PDF page per store
//   GET /api/recommendations/{user_no}?n=10  a customer's next products from the trained blend
//                                         (tools/recommendations/recommendations_serving.h): 404 unknown customer
//   PUT /api/staffing/actual              a store's week of actual staff (JSON body,
//                                         tools/staffing/staffing_actuals.h): 204, or 400 and nothing stored
//   GET /api/alerts, GET|POST /api/silences, DELETE /api/silences/{id}
//                                         alerts with their labels and silences (server/alerts_api.h)
//   GET /, /tools/..., /reports/...       the single-page app's index.html
//   GET /{asset}                          an embedded web asset
// Errors are JSON {"error": "..."} with 400, 404, 405, 500 or 503.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "access/role.h"
#include "server/report_job.h"
#include "server/report_service.h"

namespace luckyhub {
struct Tool;
}

namespace luckyhub::server {

struct HttpResponse {
  int status = 200;
  std::string content_type;
  std::string body;  // the body, unless shared_body is set
  // A body kept by someone else and never changed (a cached report's JSON):
  // sent as it is, without a copy, with precomputed headers (http_session.cc).
  std::shared_ptr<const std::string> shared_body;
  std::vector<std::pair<std::string, std::string>> headers;  // beyond the common ones

  std::string_view payload() const { return shared_body ? std::string_view(*shared_body) : std::string_view(body); }
};

// One request as the router sees it: the transport fills it in.
struct HttpRequest {
  std::string_view method, target, if_none_match, body;  // body: bounded by the session; only PUT/POST read it
  std::string_view cookie;         // the Cookie header
  std::string_view authorization;  // the Authorization header ("Bearer lh_...")
  std::string_view csrf_token;     // the X-CSRF-Token header
  std::string_view origin;         // the Origin header, "" when absent
  std::string_view content_type;   // the Content-Type header
  std::string remote_address;      // the client's IP address
  bool tls = false;                // arrived over TLS
};

struct Routed {
  HttpResponse response;            // the answer, when `job` is null
  std::shared_ptr<ReportJob> job;   // a report being computed
  bool wait_for_job = false;        // true: never answer 202 (downloads cannot poll)
  std::function<HttpResponse(const ReportJob&)> finish;  // REQUIRES: job->done()
};

class AccessGate;

class Router {
 public:
  // `gate` null: no access control (`serve --no-auth`, and the tests that are
  // not about access); else every request passes it first (server/access_gate.h).
  explicit Router(ReportService& reports, std::shared_ptr<AccessGate> gate = nullptr);

  Routed route(const HttpRequest& request);
  // A request with only these (tests).
  Routed route(std::string_view method, std::string_view target, std::string_view if_none_match,
               std::string_view body = "") {
    return route(HttpRequest{.method = method, .target = target, .if_none_match = if_none_match, .body = body});
  }

  // 202 {"status":"computing","progress":p,"elapsed_ms":n} for a running job.
  static HttpResponse computing(const ReportJob& job);
  static HttpResponse error(int status, const std::string& message);

 private:
  // `who`: the signed-in principal, null without access control.
  Routed route_request(const HttpRequest& request, const access::Principal* who);
  Routed route_get(std::string_view target, std::string_view if_none_match, const access::Principal* who);
  Routed report(const std::string& name, std::map<std::string, std::string> query,
                std::string if_none_match, const access::Principal* who);
  Routed home(const std::map<std::string, std::string>& query, std::string if_none_match,
              const access::Principal* who);
  Routed options(const std::string& path, const std::map<std::string, std::string>& query, std::string if_none_match,
                 const access::Principal* who);
  HttpResponse asset(const std::string& path, std::string_view if_none_match);
  HttpResponse health();
  // PUT: staffing's actual staff, or the channels tool's marketing spend.
  HttpResponse put_entry(std::string_view target, std::string_view body, const access::Principal* who);
  HttpResponse staffing_pdf(std::map<std::string, std::string> query, const access::Principal* who);
  HttpResponse recommendations(const std::string& user_no, const std::map<std::string, std::string>& query);
  HttpResponse metrics();

  ReportService& reports_;
  std::shared_ptr<AccessGate> gate_;
  const std::string tools_json_;  // built once: the registry does not change
};

// The /api/tools document: the tools `keep` keeps (every tool without it).
std::string tools_json(const std::function<bool(const Tool&)>& keep = {});

}  // namespace luckyhub::server
