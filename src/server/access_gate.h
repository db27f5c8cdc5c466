// The server's access layer (docs/access.md): every request passes admit()
// before anything is routed. It finds who the request acts for (the
// `luckyhub_session` cookie, or an `Authorization: Bearer lh_...` API token),
// asks access/policy.h whether they may act on the path, checks the CSRF
// token of a state-changing request made with a cookie, audits exports and
// writes, and answers the access endpoints itself:
//
//   POST /api/login    {"user","password"} -> 200 the session document and the cookie;
//                      401 wrong user or password (a disabled user too); 429 throttled
//   POST /api/logout   -> 204, the session ended and the cookie cleared
//   GET  /api/session  -> {"user","role","stores","csrf","admin"} or 401
//   GET|POST /api/users, PUT /api/users/{name}      (Admin)
//   GET|POST /api/tokens, DELETE /api/tokens/{id}   (Admin)
//   GET  /api/audit?limit=&before=                  (Admin)
//
// Refusals: 401 {"error"} for an API request without a session, 303 to
// /login?next=... for a page; 403 for a refused one (a page: a short HTML
// page). Password hashing, user changes and audit writes run on the gate's
// own worker thread, never on an I/O thread.
//
// Thread safety: admit() from any I/O thread.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "access/access_store.h"
#include "access/sessions.h"
#include "access/throttle.h"
#include "server/request_target.h"
#include "server/router.h"

namespace luckyhub {
class TaskLane;
}

namespace luckyhub::server {

struct AccessOptions {
  access::SessionLimits sessions;
  access::ThrottleLimits throttle;
};

class AccessGate {
 public:
  AccessGate(std::shared_ptr<access::AccessStore> store, AccessOptions options = {});
  ~AccessGate();  // finishes the queued audit writes
  AccessGate(const AccessGate&) = delete;
  AccessGate& operator=(const AccessGate&) = delete;

  struct Admitted {
    std::optional<Routed> answer;  // set: the request is answered (refused, or an access endpoint)
    std::optional<access::Principal> who;  // who it acts for, when admitted
  };
  Admitted admit(const HttpRequest& request, const RequestTarget& target);

  access::SessionTable& sessions() { return sessions_; }

  // Blocks until the sign-ins and audit writes queued so far are done. The
  // server calls it once its I/O threads have stopped and before its event
  // loop is destroyed: a queued sign-in answers by posting to that loop.
  void drain();

 private:
  std::optional<access::Principal> authenticate(const HttpRequest& request, std::string* csrf,
                                                std::string* cookie);
  // The access endpoints (server/access_api.cc).
  std::optional<Routed> endpoint(const HttpRequest& request, const RequestTarget& target,
                                 const std::optional<access::Principal>& who, const std::string& csrf,
                                 const std::string& cookie);
  Routed login(const HttpRequest& request);
  Routed admin_api(const HttpRequest& request, const RequestTarget& target, const access::Principal& who);
  // Runs `work` on the worker; the response when it is done.
  Routed deferred(std::function<HttpResponse()> work);
  void audit(access::AuditEvent event);  // queued: never blocks the caller

  std::shared_ptr<access::AccessStore> store_;
  access::SessionTable sessions_;
  access::LoginThrottle throttle_;
  std::unique_ptr<TaskLane> worker_;  // password hashing, the access file's writes: one at a time, in order
};

// The value of cookie `name` in a Cookie header, "" when absent.
std::string_view cookie_value(std::string_view header, std::string_view name);

}  // namespace luckyhub::server
