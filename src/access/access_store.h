// luckyhub's users, API tokens and audit log, in a SQLite file of their own
// (`--access FILE`; by default the warehouse's path with ".access.db" added),
// created when missing, on a SQLite connection of its own (WAL mode):
//   access__users   one row per version of a user; the newest version is the user
//   access__tokens  one row per version of an API token; the newest is the token
//   access__audit   one row per event, appended only
// (append-only versions, not UPDATEs: a user's or token's older rows are its
// history; access_tables.h has the columns)
// Kept out of the warehouse itself so that a load (which replaces a SQLite
// warehouse whole) never drops a user, and so that a login or an export,
// which write the audit log, never change the warehouse's version (the
// server's report cache is keyed by it). docs/access.md.
//
// Secrets: a password is stored only as its Argon2id hash (access/password.h);
// a token only as the BLAKE2b hash of its secret (tokens are 256 random bits,
// so a fast hash is enough), and its secret is returned once, at creation.
// Nothing here logs a password, a token or a session id, and no audit row
// holds one.
//
// Thread-safe: one mutex around the one connection. Every mutation throws
// Error with a one-line reason (unknown user, a name taken, a bad role...).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "access/role.h"

namespace luckyhub::access {

struct User {
  std::string name;
  Role role = Role::kAdmin;
  std::vector<int64_t> stores;  // empty: every store
  bool disabled = false;
  std::string password_hash;  // Argon2id; never shown
  int64_t created = 0, updated = 0;  // unix seconds
};

struct ApiToken {
  std::string id;  // 12 hex digits, shown in lists; not secret
  std::string name;  // what it is for ("prometheus", "nightly export")
  Role role = Role::kAdmin;
  std::vector<int64_t> stores;
  std::string created_by;
  int64_t created = 0;
  int64_t revoked = 0;  // unix seconds; 0 while valid
};

struct AuditEvent {
  int64_t at = 0;  // unix seconds; 0: now
  std::string actor;    // a user name, "token:<id>", "cli:<os user>" or "-" (unknown)
  std::string address;  // the client's address, "" from the command line
  std::string action;   // "login", "login_failed", "logout", "export", "user_add", "user_change",
                        // "token_add", "token_revoke", "schedule_change", "spend_entry", "staffing_entry", ...
  std::string object;   // what it acted on: a tool and format, a user, a token id
  std::string outcome;  // "ok", "denied", "failed", "throttled"
  std::string detail;   // more, for a person: never a secret
};

class AccessStore {
 public:
  // Opens (creating when missing) the SQLite file at `path`. Throws Error.
  static std::unique_ptr<AccessStore> open(const std::string& path);
  // The default path of the access file for a warehouse location: a SQLite
  // warehouse's path + ".access.db"; throws Error for any other location
  // (a clickhouse:// warehouse needs --access).
  static std::string default_path(const std::string& warehouse_location);
  virtual ~AccessStore() = default;

  // ---- Users ----
  // Throws when the name is taken or invalid, the password breaks the rules,
  // or stores are given with the Admin or metrics role (metrics is for tokens only).
  virtual void add_user(const std::string& name, Role role, const std::vector<int64_t>& stores,
                        const std::string& password) = 0;
  // Each change appends the user's next version. set_role and set_disabled
  // throw for a change that would leave no enabled Admin (the last one stays).
  virtual void set_password(const std::string& name, const std::string& password) = 0;
  virtual void set_role(const std::string& name, Role role, const std::vector<int64_t>& stores) = 0;
  virtual void set_disabled(const std::string& name, bool disabled) = 0;
  virtual std::optional<User> find_user(const std::string& name) = 0;
  virtual std::vector<User> users() = 0;  // by name
  // Whether some enabled Admin exists (serve refuses to start without one).
  virtual bool has_admin() = 0;

  // ---- API tokens ----
  // Returns the token id and the whole token, "lh_<id>_<secret>", which is
  // never stored and cannot be shown again.
  struct Created {
    ApiToken token;
    std::string secret;
  };
  virtual Created create_token(const std::string& name, Role role, const std::vector<int64_t>& stores,
                               const std::string& created_by) = 0;
  // Throws for an unknown id; false when already revoked.
  virtual bool revoke_token(const std::string& id) = 0;
  virtual std::vector<ApiToken> tokens() = 0;  // by id, revoked ones too
  // The valid token a presented "lh_<id>_<secret>" is, compared in constant
  // time; nullopt when malformed, unknown, revoked or wrong.
  virtual std::optional<ApiToken> authenticate_token(const std::string& presented) = 0;

  // ---- Audit log ----
  virtual void audit(const AuditEvent& event) = 0;
  // Newest first: at most `limit` events before `before` (unix seconds, 0: now).
  virtual std::vector<AuditEvent> audit_log(size_t limit, int64_t before = 0) = 0;
};

}  // namespace luckyhub::access
