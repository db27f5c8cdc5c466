#include "access/policy.h"

#include <algorithm>
#include <charconv>

namespace luckyhub::access {
namespace {

// The first path segment after `prefix`, without a download's suffix.
std::string segment_after(std::string_view path, std::string_view prefix) {
  std::string_view rest = path.substr(prefix.size());
  rest = rest.substr(0, rest.find('/'));
  for (const std::string_view suffix : {".csv", ".pdf", ".xlsx"}) {
    if (rest.size() > suffix.size() && rest.substr(rest.size() - suffix.size()) == suffix) {
      rest.remove_suffix(suffix.size());
      break;
    }
  }
  return std::string(rest);
}

Resource tool_resource(std::string tool, bool page) {
  return {.area = Area::kTool, .tool = std::move(tool), .page = page};
}

bool is_department_of(Role role, const std::string& department) { return role_name(role) == department; }

}  // namespace

Resource classify(std::string_view method, std::string_view path) {
  const bool get = method == "GET" || method == "HEAD";
  if (path == "/api/health" || (path == "/api/login" && method == "POST")) return {.area = Area::kPublic};
  if (path == "/api/session" || path == "/api/logout") return {.area = Area::kSession};
  if (path == "/api/tools" || path == "/api/home") return {.area = Area::kAnyUser};
  // A tool's parameter values (/api/tools/{tool}/options): as its report.
  if (path.starts_with("/api/tools/")) return tool_resource(segment_after(path, "/api/tools/"), false);
  if (path.starts_with("/api/reports/")) return tool_resource(segment_after(path, "/api/reports/"), false);
  if (path == "/api/staffing/schedule.pdf" || path == "/api/staffing/actual") return tool_resource("staffing", false);
  if (path == "/api/channels/spend") return tool_resource("channels", false);
  if (path == "/api/inventory/thresholds") return tool_resource("inventory", false);
  if (path.starts_with("/api/recommendations/")) return tool_resource("recommendations", false);
  if (path == "/api/alerts" || path == "/api/silences" || path.starts_with("/api/silences/"))
    return {.area = Area::kAlerts};
  if (path == "/api/schedules") return {.area = Area::kSchedules};
  if (path == "/metrics") return {.area = Area::kMetrics};
  if (path == "/api/users" || path.starts_with("/api/users/") || path == "/api/tokens" ||
      path.starts_with("/api/tokens/") || path == "/api/audit")
    return {.area = Area::kAdmin};
  if (path.starts_with("/api/") || !get) return {.area = Area::kUnknown};
  // Pages: the single-page app's routes. Everything else a GET asks for is
  // one of the page's assets (or a 404), which hold no data.
  if (path == "/") return {.area = Area::kAnyUser, .page = true};
  if (path == "/login") return {.area = Area::kPublic, .page = true};
  if (path.starts_with("/tools/")) return tool_resource(segment_after(path, "/tools/"), true);
  if (path.starts_with("/reports/")) return tool_resource(segment_after(path, "/reports/"), true);
  if (path == "/alerts") return {.area = Area::kAlerts, .page = true};
  if (path == "/schedules") return {.area = Area::kSchedules, .page = true};
  if (path == "/admin" || path.starts_with("/admin/")) return {.area = Area::kAdmin, .page = true};
  return {.area = Area::kPublic};
}

bool may_open_tool(const Principal& who, const Tool& tool) {
  if (who.role == Role::kAdmin) return true;
  if (!is_department_of(who.role, tool.department)) return false;
  return !who.store_restricted() || !tool.store_param.empty();
}

Decision decide(const Principal* who, const Resource& resource) {
  if (resource.area == Area::kPublic) return {};
  if (who == nullptr) return {401, "sign in first"};
  const Role role = who->role;
  if (role == Role::kMetrics) {
    return resource.area == Area::kMetrics ? Decision{} : Decision{403, "a metrics token reads /metrics only"};
  }
  switch (resource.area) {
    case Area::kPublic:
    case Area::kSession:
    case Area::kAnyUser:
    case Area::kSchedules:
      return {};
    case Area::kTool: {
      const Tool* tool = ToolRegistry::instance().find(resource.tool);
      if (role == Role::kAdmin) return {};
      if (tool == nullptr) return {403, "no such tool for you"};
      if (!is_department_of(role, tool->department))
        return {403, "the " + tool->id + " tool belongs to another department (" + tool->department + ")"};
      if (!may_open_tool(*who, *tool))
        return {403, "the " + tool->id + " tool covers every store; you may see only your stores"};
      return {};
    }
    case Area::kAlerts:
      if (role == Role::kAdmin || (role == Role::kIt && !who->store_restricted())) return {};
      return {403, "alerts and silences are for IT and Admin"};
    case Area::kMetrics:
      if (role == Role::kAdmin) return {};
      return {403, "/metrics needs a metrics token"};
    case Area::kAdmin:
    case Area::kUnknown:
      if (role == Role::kAdmin) return {};
      return {403, "for Admin only"};
  }
  return {403, "refused"};
}

Decision pin_store(const Principal& who, const Tool& tool, std::map<std::string, std::string>& query) {
  if (!who.store_restricted() || who.role == Role::kAdmin) return {};
  if (tool.store_param.empty()) return {403, "the " + tool.id + " tool covers every store"};
  const auto it = query.find(tool.store_param);
  int64_t store = 0;
  if (it != query.end()) {
    const std::string& v = it->second;
    const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), store);
    if (ec != std::errc() || end != v.data() + v.size()) store = -1;
  }
  if (store == 0) {
    query[tool.store_param] = std::to_string(who.stores.front());
    return {};
  }
  if (std::find(who.stores.begin(), who.stores.end(), store) == who.stores.end()) {
    return {403, "you may see only store " + stores_text(who.stores)};
  }
  return {};
}

}  // namespace luckyhub::access
