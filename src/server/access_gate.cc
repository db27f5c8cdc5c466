#include "server/access_gate.h"

#include <sodium.h>


#include "access/policy.h"
#include "core/task_lane.h"
#include "core/log.h"
#include "server/http_error.h"

namespace luckyhub::server {
namespace {

constexpr std::string_view kCookie = "luckyhub_session";
constexpr int64_t kRecheckSeconds = 60;

bool is_write(std::string_view method) { return method != "GET" && method != "HEAD"; }

bool is_download(std::string_view path) {
  for (const std::string_view suffix : {".csv", ".pdf", ".xlsx"})
    if (path.size() > suffix.size() && path.substr(path.size() - suffix.size()) == suffix) return true;
  return false;
}

bool same_secret(std::string_view a, std::string_view b) {
  return a.size() == b.size() && !a.empty() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string url_encode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (const unsigned char c : text) {
    if (std::isalnum(c) || c == '/' || c == '-' || c == '_' || c == '.' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

HttpResponse refused_page(const std::string& reason) {
  std::string escaped;
  for (const char c : reason) {
    if (c == '<') escaped += "&lt;";
    else if (c == '>') escaped += "&gt;";
    else if (c == '&') escaped += "&amp;";
    else escaped.push_back(c);
  }
  return {.status = 403,
          .content_type = "text/html; charset=utf-8",
          .body = "<!doctype html><meta charset=utf-8><title>Not for your role</title>"
                  "<h1>Not for your role</h1><p>" + escaped + "</p><p><a href=\"/\">Back to the dashboard</a></p>",
          .headers = {{"Cache-Control", "no-store"}}};
}

}  // namespace

std::string_view cookie_value(std::string_view header, std::string_view name) {
  while (!header.empty()) {
    const size_t end = header.find(';');
    std::string_view pair = header.substr(0, end);
    while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
    if (pair.size() > name.size() && pair.substr(0, name.size()) == name && pair[name.size()] == '=')
      return pair.substr(name.size() + 1);
    if (end == std::string_view::npos) break;
    header.remove_prefix(end + 1);
  }
  return {};
}


AccessGate::AccessGate(std::shared_ptr<access::AccessStore> store, AccessOptions options)
    : store_(std::move(store)),
      sessions_(options.sessions),
      throttle_(options.throttle),
      worker_(std::make_unique<TaskLane>("access", 256)) {}

AccessGate::~AccessGate() = default;

void AccessGate::drain() { worker_->drain(); }

void AccessGate::audit(access::AuditEvent event) {
  auto store = store_;
  if (!worker_->post([store, event] { store->audit(event); })) {
    log::warn("access: the audit queue is full; an event of '", event.action, "' was written late");
    store->audit(event);
  }
}

Routed AccessGate::deferred(std::function<HttpResponse()> work) {
  auto job = std::make_shared<ReportJob>("access", std::chrono::milliseconds(200));
  auto answer = std::make_shared<HttpResponse>();
  const bool queued = worker_->post([job, answer, work = std::move(work)] {
    try {
      *answer = work();
    } catch (const HttpError& e) {
      *answer = Router::error(e.status(), e.what());
    } catch (const Error& e) {
      *answer = Router::error(400, e.what());
    } catch (const std::exception& e) {
      *answer = Router::error(500, "access: internal error");
      log::warn("access: ", e.what());
    }
    job->finish({});
  });
  if (!queued) return {.response = Router::error(503, "too many sign-ins at once: try again in a moment")};
  return {.job = job, .wait_for_job = true, .finish = [answer](const ReportJob&) { return *answer; }};
}

std::optional<access::Principal> AccessGate::authenticate(const HttpRequest& request, std::string* csrf,
                                                          std::string* cookie) {
  if (request.authorization.starts_with("Bearer ")) {
    const std::string presented(request.authorization.substr(7));
    const auto token = store_->authenticate_token(presented);
    if (!token) return std::nullopt;
    return access::Principal{.name = "token:" + token->id, .role = token->role, .stores = token->stores, .token = true};
  }
  const std::string_view value = cookie_value(request.cookie, kCookie);
  if (value.empty()) return std::nullopt;
  const auto session = sessions_.find(value);
  if (!session) return std::nullopt;
  if (sessions_.now() - session->checked >= kRecheckSeconds) {
    // The user may have been changed from the command line since.
    const std::optional<access::User> user = store_->find_user(session->principal.name);
    // Any change to the user since the sign-in (a new password too) ends the session.
    if (!user || user->disabled || user->updated > session->created || user->role != session->principal.role ||
        user->stores != session->principal.stores) {
      sessions_.remove(value);
      return std::nullopt;
    }
    sessions_.mark_checked(value);
  }
  *csrf = session->csrf;
  *cookie = std::string(value);
  return session->principal;
}

AccessGate::Admitted AccessGate::admit(const HttpRequest& request, const RequestTarget& target) {
  std::string csrf, cookie;
  std::optional<access::Principal> who = authenticate(request, &csrf, &cookie);
  const access::Resource resource = access::classify(request.method, target.path);
  const access::Decision decision = access::decide(who ? &*who : nullptr, resource);
  if (decision.status == 401) {
    if (resource.page) {
      std::string next = target.path;
      if (const size_t q = request.target.find('?'); q != std::string_view::npos)
        next += std::string(request.target.substr(q));
      return {.answer = Routed{.response = {.status = 303,
                                            .headers = {{"Location", "/login?next=" + url_encode(next)},
                                                        {"Cache-Control", "no-store"}}}}};
    }
    return {.answer = Routed{.response = Router::error(401, "sign in first")}};
  }
  if (decision.status != 200) {
    if (who && is_write(request.method)) {
      audit({.actor = who->name, .address = request.remote_address, .action = "write",
             .object = std::string(request.method) + " " + target.path, .outcome = "denied", .detail = decision.reason});
    }
    return {.answer = Routed{.response = resource.page ? refused_page(decision.reason)
                                                       : Router::error(decision.status, decision.reason)}};
  }
  // A state-changing request with a session cookie echoes the session's CSRF
  // token (a bearer token is never sent by a browser on its own: no CSRF).
  if (who && !who->token && is_write(request.method) && !same_secret(request.csrf_token, csrf)) {
    return {.answer = Routed{.response = Router::error(403, "missing or wrong CSRF token")}};
  }
  if (auto answer = endpoint(request, target, who, csrf, cookie)) return {.answer = std::move(answer)};
  if (who) {
    if (is_download(target.path)) {
      audit({.actor = who->name, .address = request.remote_address, .action = "export",
             .object = target.path, .outcome = "ok"});
    } else if (is_write(request.method)) {
      audit({.actor = who->name, .address = request.remote_address, .action = "write",
             .object = std::string(request.method) + " " + target.path, .outcome = "ok"});
    }
  }
  return {.who = std::move(who)};
}

}  // namespace luckyhub::server
