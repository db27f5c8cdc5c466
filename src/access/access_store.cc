#include "access/access_store.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <mutex>

#include "access/access_tables.h"
#include "access/api_token.h"
#include "access/password.h"
#include "core/error.h"
#include "core/paths.h"
#include "warehouse/sqlite/sqlite_db.h"
#include "warehouse/sqlite/sqlite_warehouse.h"

namespace luckyhub::access {
namespace {

constexpr size_t kMaxTokenName = 100;

int64_t unix_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// The one connection to the access file. Its own, not a WarehouseUpdater's:
// an updater turns its file back to a rollback journal when closed (for a
// warehouse's read-only openers), which fails, with a warning, while another
// process has the file open; and the access file is open in the server
// while the command line changes it. This file stays in WAL mode, so the
// server's reads never wait for a writer. synchronous=FULL: a change of a
// user or a token survives a power cut once the command has said so.
class Connection {
 public:
  explicit Connection(const std::string& path)
      : db_(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX) {
    db_.exec(
        "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;");  // busy wait: SqliteDb's 10 s
  }
  void begin() { db_.exec("BEGIN IMMEDIATE"); }
  void commit() { db_.exec("COMMIT"); }
  void rollback() { db_.exec("ROLLBACK"); }
  ResultSet query(std::string_view sql, const std::vector<SqlValue>& params = {}) {
    return db_.query(sql, params);
  }
  void execute(std::string_view sql, const std::vector<SqlValue>& params = {}) {
    db_.query(sql, params);
  }

 private:
  SqliteDb db_;
};

// A write transaction that rolls back unless committed (a throw on the way
// leaves the file as it was).
class Transaction {
 public:
  explicit Transaction(Connection& db) : db_(db) { db_.begin(); }
  ~Transaction() {
    if (done_) return;
    try {
      db_.rollback();
    } catch (const std::exception&) {  // the connection is gone: nothing was committed
    }
  }
  void commit() {
    db_.commit();
    done_ = true;
  }

 private:
  Connection& db_;
  bool done_ = false;
};

Role role_or_throw(const std::string& text, const std::string& what) {
  const std::optional<Role> role = parse_role(text);
  if (!role) throw Error(what + " has role '" + text + "', which this luckyhub does not know");
  return *role;
}

// Admin sees every store and metrics reads /metrics only: neither takes stores.
void check_role_stores(Role role, const std::vector<int64_t>& stores, bool for_user) {
  if (for_user && role == Role::kMetrics)
    throw Error("the metrics role is for API tokens only, not users");
  if (!stores.empty() && (role == Role::kAdmin || role == Role::kMetrics))
    throw Error("the " + std::string(role_name(role)) + " role cannot be restricted to stores");
  for (int64_t id : stores)
    if (id <= 0) throw Error("stores: each store is a positive store id");
}

void check_token_name(const std::string& name) {
  if (name.empty()) throw Error("a token needs a name saying what it is for");
  if (name.size() > kMaxTokenName) throw Error("a token's name is at most 100 bytes");
  for (unsigned char c : name)
    if (c < 0x20 || c == 0x7f) throw Error("a token's name must not hold control characters");
}

// Creates the file readable by its owner only when it does not exist yet
// (it holds password hashes); SQLite gives its -wal and -shm files the same mode.
void create_private_file(const std::string& path) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd >= 0) {
    ::close(fd);
  } else if (errno != EEXIST) {
    throw Error("cannot create access file " + path + ": " + std::strerror(errno));
  }
}

User read_user(const Row& row) {
  return User{.name = row.text("name"),
              .role = role_or_throw(row.text("role"), "user " + row.text("name")),
              .stores = parse_stores(row.text("stores")),
              .disabled = row.integer("disabled") != 0,
              .password_hash = row.text("password_hash"),
              .created = row.integer("created"),
              .updated = row.integer("updated")};
}

ApiToken read_token(const Row& row) {
  return ApiToken{.id = row.text("id"),
                  .name = row.text("name"),
                  .role = role_or_throw(row.text("role"), "token " + row.text("id")),
                  .stores = parse_stores(row.text("stores")),
                  .created_by = row.text("created_by"),
                  .created = row.integer("created"),
                  .revoked = row.integer("revoked")};
}

constexpr const char* kUserColumns =
    "name, version, role, stores, disabled, password_hash, created, updated";
constexpr const char* kTokenColumns =
    "id, version, name, role, stores, secret_hash, created_by, created, revoked";

class SqliteAccessStore final : public AccessStore {
 public:
  explicit SqliteAccessStore(std::unique_ptr<Connection> db) : db_(std::move(db)) {}

  void add_user(const std::string& name, Role role, const std::vector<int64_t>& stores,
                const std::string& password) override {
    check_user_name(name);
    check_role_stores(role, stores, true);
    check_password_rules(password);
    const std::string hash = hash_password(password);  // ~0.1 s: outside the lock
    std::lock_guard lock(mutex_);
    Transaction tx(*db_);
    if (find_locked(name)) throw Error("user '" + name + "' exists already");
    const int64_t now = unix_now();
    insert_user(User{.name = name,
                     .role = role,
                     .stores = stores,
                     .password_hash = hash,
                     .created = now,
                     .updated = now},
                1);
    tx.commit();
  }

  void set_password(const std::string& name, const std::string& password) override {
    check_password_rules(password);
    const std::string hash = hash_password(password);
    change_user(name, [&](User& u) { u.password_hash = hash; });
  }

  void set_role(const std::string& name, Role role, const std::vector<int64_t>& stores) override {
    check_role_stores(role, stores, true);
    change_user(name, [&](User& u) {
      u.role = role;
      u.stores = stores;
    });
  }

  void set_disabled(const std::string& name, bool disabled) override {
    change_user(name, [&](User& u) { u.disabled = disabled; });
  }

  std::optional<User> find_user(const std::string& name) override {
    std::lock_guard lock(mutex_);
    return find_locked(name);
  }

  std::vector<User> users() override {
    std::lock_guard lock(mutex_);
    return select_users("", {});
  }

  bool has_admin() override {
    std::lock_guard lock(mutex_);
    return enabled_admins() > 0;
  }

  Created create_token(const std::string& name, Role role, const std::vector<int64_t>& stores,
                       const std::string& created_by) override {
    check_token_name(name);
    check_role_stores(role, stores, false);
    if (created_by.empty()) throw Error("a token needs the name of who created it");
    std::lock_guard lock(mutex_);
    Transaction tx(*db_);
    TokenText text = new_token();
    while (find_token_locked(text.id))
      text = new_token();  // 48-bit ids: a clash is all but impossible
    const ApiToken token{.id = text.id,
                         .name = name,
                         .role = role,
                         .stores = stores,
                         .created_by = created_by,
                         .created = unix_now()};
    insert_token(token, 1, token_hash(text.whole));
    tx.commit();
    return Created{.token = token, .secret = std::move(text.whole)};
  }

  bool revoke_token(const std::string& id) override {
    std::lock_guard lock(mutex_);
    Transaction tx(*db_);
    const ResultSet r =
        db_->query(std::string("SELECT ") + kTokenColumns + " FROM access__tokens WHERE id = ? " +
                       "ORDER BY version DESC LIMIT 1",
                   {id});
    if (r.empty()) throw Error("no API token with id '" + id + "'");
    ApiToken token = read_token(r.row(0));
    if (token.revoked != 0) return false;
    token.revoked = unix_now();
    insert_token(token, r.row(0).integer("version") + 1, r.row(0).text("secret_hash"));
    tx.commit();
    return true;
  }

  std::vector<ApiToken> tokens() override {
    std::lock_guard lock(mutex_);
    std::vector<ApiToken> out;
    for (const Row row : newest_tokens("", {})) out.push_back(read_token(row));
    return out;
  }

  std::optional<ApiToken> authenticate_token(const std::string& presented) override {
    const std::optional<std::string> id = token_id(presented);
    if (!id) return std::nullopt;
    const std::string presented_hash = token_hash(presented);
    std::lock_guard lock(mutex_);
    const ResultSet r = newest_tokens("AND t.id = ?", {*id});
    if (r.empty()) return std::nullopt;
    const Row row = r.row(0);
    if (!same_token_hash(row.text("secret_hash"), presented_hash) || row.integer("revoked") != 0)
      return std::nullopt;
    return read_token(row);
  }

  void audit(const AuditEvent& event) override {
    const AuditEvent e = audit_row(event, unix_now());
    std::lock_guard lock(mutex_);
    Transaction tx(*db_);
    const ResultSet r = db_->query("SELECT COALESCE(MAX(seq), 0) + 1 AS seq FROM access__audit");
    db_->execute(
        "INSERT INTO access__audit (seq, at, actor, address, action, object, outcome, detail) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        {r.row(0).integer("seq"), e.at, e.actor, e.address, e.action, e.object, e.outcome,
         e.detail});
    tx.commit();
  }

  std::vector<AuditEvent> audit_log(size_t limit, int64_t before) override {
    std::lock_guard lock(mutex_);
    const ResultSet r = db_->query(
        "SELECT at, actor, address, action, object, outcome, detail FROM access__audit "
        "WHERE (? = 0 OR at < ?) ORDER BY at DESC, seq DESC LIMIT ?",
        {before, before, static_cast<int64_t>(limit)});
    std::vector<AuditEvent> out;
    for (const Row row : r)
      out.push_back(AuditEvent{.at = row.integer("at"),
                               .actor = row.text("actor"),
                               .address = row.text("address"),
                               .action = row.text("action"),
                               .object = row.text("object"),
                               .outcome = row.text("outcome"),
                               .detail = row.text("detail")});
    return out;
  }

 private:
  // REQUIRES (the *_locked and insert_* functions): mutex_ held.
  std::vector<User> select_users(const std::string& and_where,
                                 const std::vector<SqlValue>& params) {
    const ResultSet r = db_->query(
        std::string("SELECT ") + kUserColumns + " FROM access__users u " +
            "WHERE u.version = (SELECT MAX(version) FROM access__users WHERE name = u.name) " +
            and_where + " ORDER BY u.name",
        params);
    std::vector<User> out;
    for (const Row row : r) out.push_back(read_user(row));
    return out;
  }

  std::optional<User> find_locked(const std::string& name) {
    std::vector<User> found = select_users("AND u.name = ?", {name});
    if (found.empty()) return std::nullopt;
    return std::move(found[0]);
  }

  int64_t enabled_admins() {
    return static_cast<int64_t>(select_users("AND u.disabled = 0 AND u.role = 'admin'", {}).size());
  }

  int64_t user_version(const std::string& name) {
    const ResultSet r = db_->query(
        "SELECT COALESCE(MAX(version), 0) AS v FROM access__users WHERE name = ?", {name});
    return r.row(0).integer("v");
  }

  void insert_user(const User& u, int64_t version) {
    db_->execute(std::string("INSERT INTO access__users (") + kUserColumns +
                     ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                 {u.name, version, std::string(role_name(u.role)), stores_text(u.stores),
                  int64_t{u.disabled}, u.password_hash, u.created, u.updated});
  }

  // A new version of the user, changed by `change`. Refuses a change that
  // leaves no enabled Admin when there was one: the dashboard could then be
  // administered by nobody (serve refuses to start without an Admin).
  template <typename Change>
  void change_user(const std::string& name, Change change) {
    std::lock_guard lock(mutex_);
    Transaction tx(*db_);
    std::optional<User> user = find_locked(name);
    if (!user) throw Error("no user '" + name + "'");
    const bool was_admin = user->role == Role::kAdmin && !user->disabled;
    change(*user);
    user->updated = unix_now();
    const bool is_admin = user->role == Role::kAdmin && !user->disabled;
    if (was_admin && !is_admin && enabled_admins() == 1)
      throw Error("user '" + name +
                  "' is the last enabled admin: add or enable another admin first");
    insert_user(*user, user_version(name) + 1);
    tx.commit();
  }

  ResultSet newest_tokens(const std::string& and_where, const std::vector<SqlValue>& params) {
    return db_->query(
        std::string("SELECT ") + kTokenColumns + " FROM access__tokens t " +
            "WHERE t.version = (SELECT MAX(version) FROM access__tokens WHERE id = t.id) " +
            and_where + " ORDER BY t.id",
        params);
  }

  bool find_token_locked(const std::string& id) {
    return !db_->query("SELECT 1 AS found FROM access__tokens WHERE id = ?", {id}).empty();
  }

  void insert_token(const ApiToken& t, int64_t version, const std::string& secret_hash) {
    db_->execute(std::string("INSERT INTO access__tokens (") + kTokenColumns +
                     ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                 {t.id, version, t.name, std::string(role_name(t.role)), stores_text(t.stores),
                  secret_hash, t.created_by, t.created, t.revoked});
  }

  std::mutex mutex_;
  std::unique_ptr<Connection> db_;
};

}  // namespace

std::unique_ptr<AccessStore> AccessStore::open(const std::string& path) {
  if (path.empty()) throw Error("the access file's path is empty");
  if (path.find("://") != std::string::npos)
    throw Error("access file " + path + ": must be a local SQLite file");
  require_writable(path, "access file");
  create_private_file(path);
  check_only_access_tables(path);
  auto db = std::make_unique<Connection>(path);
  Transaction tx(*db);
  for (const TableDef* t : access_tables())
    if (db->query("SELECT 1 AS found FROM sqlite_master WHERE type = 'table' AND name = ?",
                  {t->warehouse_name()})
            .empty()) {
      db->execute(sqlite_create_table_sql(*t));
      for (const std::string& index : sqlite_create_index_sql(*t)) db->execute(index);
    }
  tx.commit();
  return std::make_unique<SqliteAccessStore>(std::move(db));
}

std::string AccessStore::default_path(const std::string& warehouse_location) {
  if (warehouse_location.empty()) throw Error("no warehouse given to find the access file by");
  if (warehouse_location.find("://") != std::string::npos)
    // (the location is not repeated: a server's location may hold a password)
    throw Error("the warehouse is not a SQLite file: give the access file with --access FILE");
  return warehouse_location + ".access.db";
}

}  // namespace luckyhub::access
