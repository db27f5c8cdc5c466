#include "server/router.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "access/policy.h"
#include "core/error.h"
#include "delivery/schedules_api.h"
#include "health/prometheus.h"
#include "report/render.h"
#include "report/render_pdf.h"
#include "report/render_xlsx.h"
#include "server/assets.h"
#include "server/http_error.h"
#include "server/request_target.h"
#include "server/store_rows.h"
#include "tools/registry.h"
#include "server/access_gate.h"
#include "server/alerts_api.h"
#include "tools/staffing/staffing.h"
#include "tools/channels/channels_spend.h"
#include "tools/inventory/inventory_thresholds.h"
#include "tools/recommendations/recommendations_serving.h"
#include "tools/staffing/staffing_actuals.h"

namespace luckyhub::server {
namespace {

constexpr std::string_view kJsonContentType = "application/json";
constexpr std::string_view kReportsPrefix = "/api/reports/";

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }
bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// Routes the single-page app draws itself; every other unknown path is a 404.
bool is_client_route(std::string_view path) {
  return path == "/" || path == "/alerts" || path == "/schedules" || path == "/login" || path == "/admin" ||
         starts_with(path, "/admin/") || starts_with(path, "/tools/") || starts_with(path, "/reports/");
}

// A tool id or panel id as a file name: the ids are [a-z0-9_-], anything else goes.
std::string safe_file_name(std::string_view name) {
  std::string out;
  for (const char c : name) out.push_back(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' ? c : '_');
  return out;
}

HttpResponse not_modified(std::string etag) {
  return {.status = 304, .headers = {{"ETag", std::move(etag)}}};
}

// A finished job's JSON: 304 when the client holds it already.
std::function<HttpResponse(const ReportJob&)> json_answer(std::string if_none_match) {
  return [inm = std::move(if_none_match)](const ReportJob& job) {
    const auto& res = job.result();
    if (res.status != 200) return Router::error(res.status, res.error);
    if (inm == res.etag) return not_modified(res.etag);
    return HttpResponse{.content_type = std::string(kJsonContentType),
                        .shared_body = res.json,
                        .headers = {{"ETag", res.etag}, {"Cache-Control", "no-cache"}}};
  };
}

// The ETag of a body derived from the one tagged `etag` ("\"abc\"" ->
// "\"abc-<variant>\""): the same validator narrowed for one audience.
std::string etag_variant(const std::string& etag, const std::string& variant) {
  return etag.substr(0, etag.size() - 1) + "-" + variant + "\"";
}

// A store-restricted user's request of a per-store tool, pinned to their
// store (access/policy.h). Throws HttpError(403) for another store's.
void pin_store(const access::Principal& who, const std::string& tool_id, std::map<std::string, std::string>& query) {
  const Tool* tool = ToolRegistry::instance().find(tool_id);
  if (!tool) return;  // the report answers 404
  const access::Decision d = access::pin_store(who, *tool, query);
  if (d.status != 200) throw HttpError(d.status, d.reason);
}

// The home document narrowed to the tools `who` may open; no figures for a
// store-restricted user.
std::string home_for(const std::string& json, const access::Principal& who) {
  nlohmann::json doc = nlohmann::json::parse(json);
  nlohmann::json kept = nlohmann::json::array();
  for (nlohmann::json& t : doc["tools"]) {
    const Tool* tool = ToolRegistry::instance().find(t.value("id", ""));
    if (!tool || !access::may_open_tool(who, *tool)) continue;
    if (who.store_restricted()) {
      t["figures"] = nlohmann::json::array();
      t["note"] = "The headline figures cover every store; open the tool for yours.";
    }
    kept.push_back(std::move(t));
  }
  doc["tools"] = std::move(kept);
  return doc.dump();
}

// The schedules document narrowed to the schedules of tools `who` may open;
// the jobs (sync, collect, refresh) only for Admin and IT.
std::string schedules_for(const std::string& json, const access::Principal& who) {
  nlohmann::json doc = nlohmann::json::parse(json);
  nlohmann::json kept = nlohmann::json::array();
  for (nlohmann::json& s : doc["schedules"]) {
    const Tool* tool = ToolRegistry::instance().find(s.value("tool", ""));
    if (tool && access::may_open_tool(who, *tool)) kept.push_back(std::move(s));
  }
  doc["schedules"] = std::move(kept);
  if (who.role != access::Role::kAdmin && (who.role != access::Role::kIt || who.store_restricted()))
    doc["jobs"] = nlohmann::json::array();
  return doc.dump();
}

}  // namespace

Router::Router(ReportService& reports, std::shared_ptr<AccessGate> gate)
    : reports_(reports), gate_(std::move(gate)), tools_json_(tools_json()) {}

HttpResponse Router::error(int status, const std::string& message) {
  // A message may quote what a client sent (a CSV field of a PUT body): bytes
  // that are not UTF-8 are written as U+FFFD rather than failing the answer.
  return {.status = status, .content_type = std::string(kJsonContentType),
          .body = nlohmann::json{{"error", message}}.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)};
}

HttpResponse Router::computing(const ReportJob& job) {
  return {.status = 202,
          .content_type = std::string(kJsonContentType),
          .body = nlohmann::json{{"status", "computing"},
                                 {"progress", job.progress()},
                                 {"elapsed_ms", job.elapsed_ms()}}
                      .dump(),
          .headers = {{"Retry-After", "1"}, {"Cache-Control", "no-store"}}};
}

Routed Router::route(const HttpRequest& request) {
  if (!gate_) return route_request(request, nullptr);
  std::optional<access::Principal> who;
  try {
    AccessGate::Admitted admitted = gate_->admit(request, parse_request_target(request.target));
    if (admitted.answer) return std::move(*admitted.answer);
    who = std::move(admitted.who);
  } catch (const HttpError& e) {
    return {.response = error(e.status(), e.what())};
  }
  return route_request(request, who ? &*who : nullptr);
}

Routed Router::route_request(const HttpRequest& request, const access::Principal* who) {
  const std::string_view method = request.method, target = request.target, body = request.body;
  const std::string_view if_none_match = request.if_none_match;
  // Alerts and silences (server/alerts_api.h): GET, POST and DELETE of their own.
  try {
    if (auto r = alerts_api(method, target, body, reports_.location())) return {.response = std::move(*r)};
  } catch (const HttpError& e) {
    Routed r{.response = error(e.status(), e.what())};
    if (e.status() == 405) r.response.headers.emplace_back("Allow", std::string(target).find("/api/silences/") == 0 ? "DELETE" : "GET, HEAD, POST");
    return r;
  } catch (const Error& e) {
    return {.response = error(400, e.what())};
  }
  if (method == "PUT") {
    try {
      return {.response = put_entry(target, body, who)};
    } catch (const HttpError& e) {
      Routed r{.response = error(e.status(), e.what())};
      if (e.status() == 405) r.response.headers.emplace_back("Allow", "GET, HEAD");
      return r;
    } catch (const Error& e) {
      return {.response = error(400, e.what())};
    }
  }
  if (method != "GET" && method != "HEAD") {
    Routed r{.response = error(405, "method not allowed: only GET and HEAD")};
    r.response.headers.emplace_back("Allow", "GET, HEAD");
    return r;
  }
  try {
    return route_get(target, if_none_match, who);
  } catch (const HttpError& e) {
    return {.response = error(e.status(), e.what())};
  } catch (const Error& e) {
    return {.response = error(400, e.what())};
  }
}

Routed Router::route_get(std::string_view target, std::string_view if_none_match, const access::Principal* who) {
  RequestTarget t = parse_request_target(target);
  if (t.path == "/api/health") return {.response = health()};
  if (t.path == "/metrics") return {.response = metrics()};
  if (t.path == "/api/tools") {
    return {.response = {.content_type = std::string(kJsonContentType),
                         .body = who ? tools_json([who](const Tool& tool) { return access::may_open_tool(*who, tool); })
                                     : tools_json_,
                         .headers = {{"Cache-Control", who ? "no-store" : "no-cache"}}}};
  }
  if (starts_with(t.path, "/api/tools/")) return options(t.path, t.query, std::string(if_none_match), who);
  if (t.path == "/api/home") return home(t.query, std::string(if_none_match), who);
  if (t.path == "/api/schedules") {
    return {.response = {.content_type = std::string(kJsonContentType),
                         .body = who ? schedules_for(delivery::schedules_document(), *who)
                                     : delivery::schedules_document(),
                         .headers = {{"Cache-Control", "no-store"}}}};
  }
  if (t.path == "/api/staffing/schedule.pdf") return {.response = staffing_pdf(std::move(t.query), who)};
  if (starts_with(t.path, "/api/recommendations/")) {
    return {.response = recommendations(t.path.substr(std::string_view("/api/recommendations/").size()), t.query)};
  }
  if (starts_with(t.path, kReportsPrefix)) {
    return report(t.path.substr(kReportsPrefix.size()), std::move(t.query), std::string(if_none_match), who);
  }
  if (starts_with(t.path, "/api/")) throw HttpError(404, "no such API endpoint");
  return {.response = asset(t.path, if_none_match)};
}

// A download of the report: the same job as the JSON, waited for, then
// rendered. CSV (of one table panel: ?panel=ID) is named <tool>[-<panel>].csv,
// PDF and XLSX (the whole report) <tool>-<as of>.pdf|.xlsx.
Routed Router::report(const std::string& name, std::map<std::string, std::string> query,
                      std::string if_none_match, const access::Principal* who) {
  struct Download {
    std::string_view suffix, content_type;
  };
  static constexpr Download kDownloads[] = {
      {".csv", "text/csv; charset=utf-8"},
      {".pdf", "application/pdf"},
      {".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}};
  const Download* download = nullptr;
  for (const Download& d : kDownloads)
    if (ends_with(name, d.suffix)) download = &d;
  const std::string tool = download ? name.substr(0, name.size() - download->suffix.size()) : name;
  if (who) pin_store(*who, tool, query);
  // A store manager's copy shows no other store's rows (server/store_rows.h).
  const std::vector<int64_t> stores = who && who->store_restricted() ? who->stores : std::vector<int64_t>{};
  if (!download) {
    if (stores.empty()) return {.job = reports_.request(name, query), .finish = json_answer(std::move(if_none_match))};
    return {.job = reports_.request(name, query),
            .finish = [inm = std::move(if_none_match), stores](const ReportJob& job) {
              const auto& res = job.result();
              if (res.status != 200) return error(res.status, res.error);
              const std::string etag = etag_variant(res.etag, "s" + access::stores_text(stores));
              if (inm == etag) return not_modified(etag);
              return HttpResponse{.content_type = std::string(kJsonContentType),
                                  .body = render_json(narrow_to_stores(*res.report, stores)),
                                  .headers = {{"ETag", etag}, {"Cache-Control", "no-cache"}}};
            }};
  }
  const bool csv = download->suffix == ".csv";
  std::string panel;
  if (csv) {
    if (auto it = query.find("panel"); it != query.end()) {
      panel = it->second;
      query.erase(it);
    }
  }
  Routed r{.job = reports_.request(tool, query), .wait_for_job = true};
  r.finish = [tool, panel, csv, download, stores](const ReportJob& job) {
    const auto& res = job.result();
    if (res.status != 200) return error(res.status, res.error);
    try {
      const Report narrowed = stores.empty() ? Report{} : narrow_to_stores(*res.report, stores);
      const Report& report = stores.empty() ? *res.report : narrowed;
      const std::string file = safe_file_name(tool) +
                               (csv ? (panel.empty() ? "" : "-" + safe_file_name(panel)) : "-" + safe_file_name(report.as_of)) +
                               std::string(download->suffix);
      std::string body = download->suffix == ".pdf"  ? render_pdf(report)
                         : download->suffix == ".xlsx" ? render_xlsx(report)
                                                       : render_csv(report, panel);
      return HttpResponse{.content_type = std::string(download->content_type),
                          .body = std::move(body),
                          .headers = {{"Content-Disposition", "attachment; filename=\"" + file + "\""},
                                      {"Cache-Control", "no-cache"}}};
    } catch (const Error& e) {
      return error(400, e.what());
    }
  };
  return r;
}

// GET /api/tools/{tool}/options: the values of the tool's data-valued
// parameters. A store-restricted user's list of the tool's store parameter
// holds only their stores.
Routed Router::options(const std::string& path, const std::map<std::string, std::string>& query,
                       std::string if_none_match, const access::Principal* who) {
  constexpr std::string_view kPrefix = "/api/tools/", kSuffix = "/options";
  if (!ends_with(path, kSuffix) || path.size() <= kPrefix.size() + kSuffix.size()) {
    throw HttpError(404, "no such API endpoint");
  }
  const std::string tool =
      path.substr(kPrefix.size(), path.size() - kPrefix.size() - kSuffix.size());
  if (!query.empty()) {
    throw HttpError(400, "/api/tools/" + tool + "/options takes no parameters (got '" +
                             query.begin()->first + "')");
  }
  const Tool* spec = ToolRegistry::instance().find(tool);
  if (!spec) throw HttpError(404, "unknown tool '" + tool + "'");
  if (!who || !who->store_restricted() || spec->store_param.empty()) {
    return {.job = reports_.options(tool), .finish = json_answer(std::move(if_none_match))};
  }
  return {.job = reports_.options(tool),
          .finish = [inm = std::move(if_none_match), stores = who->stores,
                     param = spec->store_param](const ReportJob& job) {
            const auto& res = job.result();
            if (res.status != 200) return error(res.status, res.error);
            const std::string etag = etag_variant(res.etag, "s" + access::stores_text(stores));
            if (inm == etag) return not_modified(etag);
            nlohmann::json doc = nlohmann::json::parse(*res.json);
            if (doc.contains(param)) {
              nlohmann::json kept = nlohmann::json::array();
              for (nlohmann::json& o : doc[param]) {
                const std::string value = o.value("value", "");
                if (std::any_of(stores.begin(), stores.end(),
                                [&](int64_t s) { return std::to_string(s) == value; }))
                  kept.push_back(std::move(o));
              }
              doc[param] = std::move(kept);
            }
            return HttpResponse{.content_type = std::string(kJsonContentType),
                                .body = doc.dump(),
                                .headers = {{"ETag", etag}, {"Cache-Control", "no-cache"}}};
          }};
}

Routed Router::home(const std::map<std::string, std::string>& query, std::string if_none_match,
                    const access::Principal* who) {
  if (!query.empty()) {
    throw HttpError(400, "/api/home takes no parameters (got '" + query.begin()->first + "')");
  }
  if (!who) return {.job = reports_.home(), .finish = json_answer(std::move(if_none_match))};
  // The home of a role: only the tools it may open; a store-restricted user
  // sees no figures (they cover every store). Its ETag names the narrowing.
  return {.job = reports_.home(), .finish = [inm = std::move(if_none_match), p = *who](const ReportJob& job) {
            const auto& res = job.result();
            if (res.status != 200) return Router::error(res.status, res.error);
            const std::string etag =
                etag_variant(res.etag, std::string(access::role_name(p.role)) + "-" + access::stores_text(p.stores));
            if (inm == etag) return not_modified(etag);
            return HttpResponse{.content_type = std::string(kJsonContentType),
                                .body = home_for(*res.json, p),
                                .headers = {{"ETag", etag}, {"Cache-Control", "no-cache"}}};
          }};
}

HttpResponse Router::asset(const std::string& path, std::string_view if_none_match) {
  const Asset* a = find_asset(path);
  if (!a && is_client_route(path)) a = find_asset("/index.html");
  if (!a) throw HttpError(404, "not found");
  if (if_none_match == a->etag) return not_modified(std::string(a->etag));
  // Vite names everything under /assets/ by its content hash.
  const bool immutable = starts_with(path, "/assets/");
  return {.content_type = std::string(a->content_type),
          .body = std::string(a->body),
          .headers = {{"ETag", std::string(a->etag)},
                      {"Cache-Control", immutable ? "public, max-age=31536000, immutable" : "no-cache"}}};
}

HttpResponse Router::metrics() {
  std::unique_ptr<Warehouse> warehouse;
  try {
    warehouse = open_warehouse(reports_.location());
  } catch (const Error& e) {
    throw HttpError(503, e.what());
  }
  return {.content_type = "text/plain; version=0.0.4; charset=utf-8",
          .body = health::prometheus_metrics(*warehouse),
          .headers = {{"Cache-Control", "no-store"}}};
}

// Validated against the warehouse first: a refused body writes nothing. The
// write changes the warehouse's version, so cached reports of it are not
// served again.
HttpResponse Router::put_entry(std::string_view target, std::string_view body, const access::Principal* who) {
  const bool staff = target == "/api/staffing/actual", spend = target == "/api/channels/spend";
  const bool thresholds = target == "/api/inventory/thresholds";
  if (!staff && !spend && !thresholds) {
    throw HttpError(405, "method not allowed: PUT only on /api/staffing/actual, /api/channels/spend and "
                         "/api/inventory/thresholds");
  }
  std::unique_ptr<Warehouse> warehouse;
  try {
    warehouse = open_warehouse(reports_.location());
  } catch (const Error& e) {
    throw HttpError(503, e.what());
  }
  if (staff) {
    if (who && who->store_restricted()) {
      // Another store's week is refused before the body is judged.
      const nlohmann::json doc = nlohmann::json::parse(body, nullptr, false);
      std::map<std::string, std::string> store{
          {"store", doc.is_object() && doc.contains("store") && doc["store"].is_number_integer()
                        ? std::to_string(doc["store"].get<int64_t>()) : "-1"}};
      pin_store(*who, "staffing", store);
    }
    const staffing::ActualWeek week = staffing::parse_actual_week(*warehouse, body);
    staffing::save_actual_week(*warehouse, week);
  } else if (thresholds) {
    inventory::save_thresholds(*warehouse, inventory::parse_thresholds(*warehouse, body, "body"));
  } else {
    channels::save_spend(*warehouse, channels::parse_spend_body(body));
  }
  return {.status = 204, .headers = {{"Cache-Control", "no-store"}}};
}

// The first request of a warehouse version trains the models (seconds at
// scale 1); the others read them.
HttpResponse Router::recommendations(const std::string& user_no, const std::map<std::string, std::string>& query) {
  int n = 10;
  if (const auto it = query.find("n"); it != query.end()) {
    const std::string& v = it->second;
    if (v.empty() || v.size() > 2 || v.find_first_not_of("0123456789") != std::string::npos) {
      throw HttpError(400, "n: want 1 to 50");
    }
    n = std::stoi(v);
  }
  for (const auto& [name, value] : query) {
    if (name != "n") throw HttpError(400, "unknown parameter '" + name + "' (this endpoint takes: n)");
  }
  try {
    return {.content_type = std::string(kJsonContentType),
            .body = recommendations::serving_cache().answer(reports_.location(), user_no, n),
            .headers = {{"Cache-Control", "no-cache"}}};
  } catch (const Error& e) {
    const std::string message = e.what();
    throw HttpError(message.starts_with("no paid purchases") ? 404 : 400, message);
  }
}

// Drawn on the calling thread: a week of one store (or every store) is small.
HttpResponse Router::staffing_pdf(std::map<std::string, std::string> query, const access::Principal* who) {
  if (who) pin_store(*who, "staffing", query);
  std::unique_ptr<Warehouse> warehouse;
  try {
    warehouse = open_warehouse(reports_.location());
  } catch (const Error& e) {
    throw HttpError(503, e.what());
  }
  const auto store = query.find("store");
  const std::string name = "staffing" + (store == query.end() ? std::string() : "-" + safe_file_name(store->second));
  return {.content_type = "application/pdf",
          .body = staffing::schedule_pdf(*warehouse, query),
          .headers = {{"Content-Disposition", "inline; filename=\"" + name + ".pdf\""}, {"Cache-Control", "no-cache"}}};
}

HttpResponse Router::health() {
  const ReportCacheStats s = reports_.stats();
  return {.content_type = std::string(kJsonContentType),
          .body = nlohmann::json{{"status", "ok"},
                                 {"reports_cached", s.entries},
                                 {"cache_hits", s.hits},
                                 {"computations", s.computations},
                                 {"home_computations", s.home_computations},
                                 {"tool_computations", ToolRegistry::instance().computations()}}
                      .dump(),
          .headers = {{"Cache-Control", "no-store"}}};
}

}  // namespace luckyhub::server
