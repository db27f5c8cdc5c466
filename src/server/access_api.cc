// The access endpoints of AccessGate (server/access_gate.h): sign-in, sign-out,
// the session document, and the Admin's users, tokens and audit log.
#include <sodium.h>

#include <nlohmann/json.hpp>

#include "access/password.h"
#include "core/calendar.h"
#include "core/log.h"
#include "server/access_gate.h"
#include "server/http_error.h"

namespace luckyhub::server {
namespace {

using nlohmann::json;
constexpr std::string_view kJson = "application/json";
constexpr size_t kMaxPassword = 1024;

std::string time_text(int64_t unix_s) { return unix_s == 0 ? "" : Timestamp{unix_s}.str(); }

HttpResponse json_response(int status, const json& body, std::vector<std::pair<std::string, std::string>> headers = {}) {
  headers.emplace_back("Cache-Control", "no-store");
  return {.status = status, .content_type = std::string(kJson), .body = body.dump(-1, ' ', false, json::error_handler_t::replace),
          .headers = std::move(headers)};
}

HttpResponse no_content() { return {.status = 204, .headers = {{"Cache-Control", "no-store"}}}; }

json session_document(const access::Principal& who, const std::string& csrf) {
  return {{"user", who.name},
          {"role", access::role_name(who.role)},
          {"stores", who.stores},
          {"csrf", csrf},
          {"admin", who.role == access::Role::kAdmin}};
}

std::string session_cookie(const std::string& value, int64_t max_age, bool secure) {
  return "luckyhub_session=" + value + "; Path=/; Max-Age=" + std::to_string(max_age) + "; HttpOnly; SameSite=Strict" +
         (secure ? "; Secure" : "");
}

// The request body as a JSON object. Throws HttpError(400).
json body_object(const HttpRequest& request) {
  json body = json::parse(request.body, nullptr, false);
  if (!body.is_object()) throw HttpError(400, "the body must be a JSON object");
  return body;
}

std::string text_field(const json& body, const char* name, size_t max, bool required = true) {
  if (!body.contains(name)) {
    if (required) throw HttpError(400, std::string("\"") + name + "\" is required");
    return "";
  }
  if (!body[name].is_string()) throw HttpError(400, std::string("\"") + name + "\" must be a string");
  std::string v = body[name].get<std::string>();
  if (v.size() > max) throw HttpError(400, std::string("\"") + name + "\" is too long");
  return v;
}

access::Role role_field(const json& body) {
  const std::string name = text_field(body, "role", 32);
  const auto role = access::parse_role(name);
  if (!role) throw HttpError(400, "unknown role '" + name + "'");
  return *role;
}

std::vector<int64_t> stores_field(const json& body) {
  if (!body.contains("stores")) return {};
  const json& s = body["stores"];
  if (!s.is_array() || s.size() > 1000) throw HttpError(400, "\"stores\" must be a list of store ids");
  std::vector<int64_t> stores;
  for (const json& v : s) {
    if (!v.is_number_integer() || v.get<int64_t>() <= 0) throw HttpError(400, "\"stores\" must be a list of store ids");
    stores.push_back(v.get<int64_t>());
  }
  return stores;
}

json user_json(const access::User& u) {
  return {{"name", u.name}, {"role", access::role_name(u.role)}, {"stores", u.stores},
          {"disabled", u.disabled}, {"created", time_text(u.created)}, {"updated", time_text(u.updated)}};
}

json token_json(const access::ApiToken& t) {
  return {{"id", t.id}, {"name", t.name}, {"role", access::role_name(t.role)}, {"stores", t.stores},
          {"created_by", t.created_by}, {"created", time_text(t.created)}, {"revoked", time_text(t.revoked)}};
}

int64_t int_query(const std::map<std::string, std::string>& query, const std::string& name, int64_t fallback,
                  int64_t min, int64_t max) {
  const auto it = query.find(name);
  if (it == query.end()) return fallback;
  try {
    size_t used = 0;
    const int64_t v = std::stoll(it->second, &used);
    if (used == it->second.size() && v >= min && v <= max) return v;
  } catch (const std::exception&) {
  }
  throw HttpError(400, name + ": want an integer from " + std::to_string(min) + " to " + std::to_string(max));
}

void method_not_allowed(const char* allow) {
  throw HttpError(405, std::string("method not allowed: ") + allow);
}

}  // namespace

std::optional<Routed> AccessGate::endpoint(const HttpRequest& request, const RequestTarget& target,
                                           const std::optional<access::Principal>& who, const std::string& csrf,
                                           const std::string& cookie) {
  const std::string& path = target.path;
  try {
    if (path == "/api/login") {
      if (request.method != "POST") method_not_allowed("POST");
      return login(request);
    }
    if (path == "/api/session") {
      if (request.method != "GET" && request.method != "HEAD") method_not_allowed("GET");
      return Routed{.response = json_response(200, session_document(*who, csrf))};
    }
    if (path == "/api/logout") {
      if (request.method != "POST") method_not_allowed("POST");
      if (!cookie.empty()) sessions_.remove(cookie);
      audit({.actor = who->name, .address = request.remote_address, .action = "logout", .outcome = "ok"});
      HttpResponse r = no_content();
      r.headers.emplace_back("Set-Cookie", session_cookie("", 0, request.tls));
      return Routed{.response = std::move(r)};
    }
    if (path == "/api/users" || path.starts_with("/api/users/") || path == "/api/tokens" ||
        path.starts_with("/api/tokens/") || path == "/api/audit") {
      return admin_api(request, target, *who);
    }
  } catch (const HttpError& e) {
    return Routed{.response = Router::error(e.status(), e.what())};
  } catch (const Error& e) {
    return Routed{.response = Router::error(400, e.what())};
  }
  return std::nullopt;
}

Routed AccessGate::login(const HttpRequest& request) {
  if (request.content_type.substr(0, 16) != "application/json") {
    throw HttpError(415, "sign in with a JSON body (Content-Type: application/json)");
  }
  const json body = body_object(request);
  std::string user = text_field(body, "user", 64);
  std::string password = text_field(body, "password", kMaxPassword);
  const std::string address = request.remote_address;
  if (const int64_t wait = throttle_.retry_after(user, address); wait > 0) {
    audit({.actor = user, .address = address, .action = "login_failed", .outcome = "throttled"});
    return {.response = json_response(
                429, {{"error", "too many failed sign-ins for this user or address: try again in " + std::to_string(wait) + " s"}},
                {{"Retry-After", std::to_string(wait)}})};
  }
  const bool tls = request.tls;
  return deferred([this, user = std::move(user), password = std::move(password), address, tls]() mutable {
    const std::optional<access::User> found = store_->find_user(user);
    bool ok = false;
    if (found && !found->disabled) {
      ok = access::verify_password(found->password_hash, password);
    } else {
      access::burn_verification_time(password);
    }
    sodium_memzero(password.data(), password.size());
    if (!ok) {
      throttle_.failed(user, address);
      store_->audit({.actor = user, .address = address, .action = "login_failed", .outcome = "failed",
                     .detail = !found ? "no such user" : found->disabled ? "disabled" : "wrong password"});
      return json_response(401, {{"error", "wrong user name or password"}});
    }
    throttle_.succeeded(user);
    const access::Principal who{.name = found->name, .role = found->role, .stores = found->stores};
    const auto issued = sessions_.create(who);
    store_->audit({.actor = who.name, .address = address, .action = "login", .outcome = "ok"});
    return json_response(200, session_document(who, issued.session.csrf),
                         {{"Set-Cookie", session_cookie(issued.cookie, sessions_.limits().absolute.count(), tls)}});
  });
}

Routed AccessGate::admin_api(const HttpRequest& request, const RequestTarget& target, const access::Principal& who) {
  const std::string& path = target.path;
  const std::string_view method = request.method;
  const bool get = method == "GET" || method == "HEAD";
  const std::string actor = who.name, address = request.remote_address;
  if (path == "/api/audit") {
    if (!get) method_not_allowed("GET");
    const int64_t limit = int_query(target.query, "limit", 200, 1, 5000);
    const int64_t before = int_query(target.query, "before", 0, 0, 1LL << 40);
    for (const auto& [name, value] : target.query)
      if (name != "limit" && name != "before") throw HttpError(400, "unknown parameter '" + name + "' (limit, before)");
    json events = json::array();
    for (const access::AuditEvent& e : store_->audit_log(static_cast<size_t>(limit), before)) {
      events.push_back({{"at", time_text(e.at)}, {"at_unix", e.at}, {"actor", e.actor}, {"address", e.address},
                        {"action", e.action}, {"object", e.object}, {"outcome", e.outcome}, {"detail", e.detail}});
    }
    return {.response = json_response(200, {{"events", events}})};
  }
  if (path == "/api/users") {
    if (get) {
      json users = json::array();
      for (const access::User& u : store_->users()) users.push_back(user_json(u));
      return {.response = json_response(200, {{"users", users}})};
    }
    if (method != "POST") method_not_allowed("GET, POST");
    const json body = body_object(request);
    std::string name = text_field(body, "name", 64);
    const access::Role role = role_field(body);
    const std::vector<int64_t> stores = stores_field(body);
    std::string password = text_field(body, "password", kMaxPassword);
    access::check_user_name(name);
    access::check_password_rules(password);
    return deferred([this, name, role, stores, password = std::move(password), actor, address]() mutable {
      store_->add_user(name, role, stores, password);
      sodium_memzero(password.data(), password.size());
      store_->audit({.actor = actor, .address = address, .action = "user_add", .object = name, .outcome = "ok",
                     .detail = "role " + std::string(access::role_name(role)) +
                               (stores.empty() ? "" : ", stores " + access::stores_text(stores))});
      return json_response(201, {{"name", name}});
    });
  }
  if (path.starts_with("/api/users/")) {
    if (method != "PUT") method_not_allowed("PUT");
    const std::string name = path.substr(std::string_view("/api/users/").size());
    const json body = body_object(request);
    for (const auto& [key, value] : body.items())
      if (key != "role" && key != "stores" && key != "disabled" && key != "password")
        throw HttpError(400, "unknown field '" + key + "' (role, stores, disabled, password)");
    std::optional<access::Role> role;
    if (body.contains("role")) role = role_field(body);
    const bool has_stores = body.contains("stores");
    const std::vector<int64_t> stores = stores_field(body);
    std::optional<bool> disabled;
    if (body.contains("disabled")) {
      if (!body["disabled"].is_boolean()) throw HttpError(400, "\"disabled\" must be true or false");
      disabled = body["disabled"].get<bool>();
    }
    std::string password = text_field(body, "password", kMaxPassword, false);
    if (body.contains("password")) access::check_password_rules(password);
    if (!role && !has_stores && !disabled && !body.contains("password")) throw HttpError(400, "nothing to change");
    if (disabled && *disabled && name == who.name) throw HttpError(400, "you cannot disable yourself");
    return deferred([=, this, password = std::move(password)]() mutable {
      const std::optional<access::User> user = store_->find_user(name);
      if (!user) throw HttpError(404, "no user '" + name + "'");
      std::vector<std::string> changed;
      if (role || has_stores) {
        store_->set_role(name, role.value_or(user->role), has_stores ? stores : user->stores);
        changed.push_back("role " + std::string(access::role_name(role.value_or(user->role))) +
                          ", stores " + (has_stores ? access::stores_text(stores) : access::stores_text(user->stores)));
      }
      if (!password.empty()) {
        store_->set_password(name, password);
        sodium_memzero(password.data(), password.size());
        changed.push_back("password");
      }
      if (disabled) {
        store_->set_disabled(name, *disabled);
        changed.push_back(*disabled ? "disabled" : "enabled");
      }
      // What a session of the user carries is no longer true: sign them out.
      sessions_.remove_user(name);
      std::string detail;
      for (const std::string& c : changed) detail += (detail.empty() ? "" : "; ") + c;
      store_->audit({.actor = actor, .address = address, .action = "user_change", .object = name, .outcome = "ok",
                     .detail = detail});
      return no_content();
    });
  }
  if (path == "/api/tokens") {
    if (get) {
      json tokens = json::array();
      for (const access::ApiToken& t : store_->tokens()) tokens.push_back(token_json(t));
      return {.response = json_response(200, {{"tokens", tokens}})};
    }
    if (method != "POST") method_not_allowed("GET, POST");
    const json body = body_object(request);
    const std::string name = text_field(body, "name", 100);
    if (name.empty()) throw HttpError(400, "\"name\" must say what the token is for");
    const access::Role role = role_field(body);
    const std::vector<int64_t> stores = stores_field(body);
    return deferred([=, this] {
      const auto created = store_->create_token(name, role, stores, actor);
      store_->audit({.actor = actor, .address = address, .action = "token_add", .object = created.token.id,
                     .outcome = "ok", .detail = name + ", role " + std::string(access::role_name(role))});
      return json_response(201, {{"id", created.token.id}, {"token", created.secret}});
    });
  }
  if (path.starts_with("/api/tokens/")) {
    if (method != "DELETE") method_not_allowed("DELETE");
    const std::string id = path.substr(std::string_view("/api/tokens/").size());
    return deferred([=, this] {
      bool known = false;
      for (const access::ApiToken& t : store_->tokens()) known = known || t.id == id;
      if (!known) throw HttpError(404, "no token '" + id + "'");
      store_->revoke_token(id);
      store_->audit({.actor = actor, .address = address, .action = "token_revoke", .object = id, .outcome = "ok"});
      return no_content();
    });
  }
  throw HttpError(404, "no such API endpoint");
}

}  // namespace luckyhub::server
