// The one place that decides who may do what (docs/access.md), default deny:
// every request path is classified into an Area, and a Principal (or no one)
// may act in it or not. The server's access gate (server/access_gate.h)
// applies these decisions to every request before anything is routed; the
// access matrix test (tests/server/access_matrix_test.cc) checks every role
// against every tool and path.
//
// Rules:
//   public   (health, login, the page's assets, the login page): anyone
//   session  (who am I, logout): anyone signed in
//   any-user (the tool list and home page, both narrowed to what the role may
//             open; the dashboard's own pages): any signed-in user role
//   tool     (a tool's page and report in every format, its parameters' values,
//             its PDF schedule, its entry PUTs, its serving API): Admin, or the
//             tool's department;
//             a store-restricted user only a per-store tool, pinned to a store
//   alerts   (alerts, silences, their page): Admin and IT
//   schedules: every signed-in user role (the document is narrowed to the
//             tools the role may open; only Admin and IT see the jobs)
//   metrics  (/metrics): Admin and metrics tokens
//   admin    (users, tokens, audit log, their pages): Admin
//   anything else: Admin only (then the router answers 404 for what it does not know)
// The metrics role may read /metrics and nothing else.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "access/role.h"
#include "tools/registry.h"

namespace luckyhub::access {

enum class Area { kPublic, kSession, kAnyUser, kTool, kAlerts, kSchedules, kMetrics, kAdmin, kUnknown };

struct Resource {
  Area area = Area::kUnknown;
  std::string tool;   // for kTool: the tool's id ("" when the path names no known tool)
  bool page = false;  // a page of the dashboard (HTML), not an API answer
};

// Classifies a request path (without its query).
Resource classify(std::string_view method, std::string_view path);

struct Decision {
  int status = 200;  // 200 allowed, 401 sign-in needed, 403 refused
  std::string reason;
};

// `who` is null for a request that is not signed in.
Decision decide(const Principal* who, const Resource& resource);

// Whether `who` may open `tool` at all (a store-restricted user: only per-store tools).
bool may_open_tool(const Principal& who, const Tool& tool);

// For a store-restricted user, the tool's store parameter in `query` is set to
// their store when absent (or 0: "every store"), and refused (403) when it
// names another store. Nothing for anyone else.
Decision pin_store(const Principal& who, const Tool& tool, std::map<std::string, std::string>& query);

}  // namespace luckyhub::access
