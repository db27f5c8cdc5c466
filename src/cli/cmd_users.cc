// `luckyhub users|tokens|audit`: the access file from the command line
// (docs/access.md): users and their roles, API tokens, the audit log. Every
// command names the access file with --access FILE or by its warehouse with
// --warehouse W; every change is audited as "cli:<os user>". Passwords are
// never arguments (cli/password_input.h); a token is printed once.
#include <pwd.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <memory>
#include <optional>

#include "access/access_store.h"
#include "access/password.h"
#include "cli/commands.h"
#include "cli/password_input.h"
#include "core/error.h"

namespace luckyhub::cli {
namespace {

using access::AccessStore;
using access::AuditEvent;
using access::Role;

constexpr size_t kMaxAuditLimit = 100000;

struct Location {
  std::string access, warehouse;
};

void add_location(CLI::App* cmd, Location& where) {
  cmd->add_option("--access", where.access, "The access file (users, tokens, audit log)");
  cmd->add_option("--warehouse", where.warehouse,
                  "A SQLite warehouse: the access file is its path + .access.db");
}

std::unique_ptr<AccessStore> open_store(const Location& where) {
  if (where.access.empty() == where.warehouse.empty())
    throw Error(
        "give the access file with --access FILE or its SQLite warehouse with --warehouse W "
        "(exactly one)");
  if (where.access.empty()) {
    const std::string path =
        AccessStore::default_path(where.warehouse);  // throws for a server's location
    // A mistyped warehouse would otherwise get an access file no server reads.
    if (!std::filesystem::exists(where.warehouse))
      throw Error("warehouse " + where.warehouse + " does not exist (its access file would be " +
                  path + "): give an existing warehouse, or --access FILE");
    return AccessStore::open(path);
  }
  return AccessStore::open(where.access);
}

std::string user_role_names() {
  std::string out;
  for (Role r : access::all_roles())
    if (r != Role::kMetrics) out += (out.empty() ? "" : ", ") + std::string(access::role_name(r));
  return out;
}

Role role_or_throw(const std::string& text, bool for_token) {
  const std::optional<Role> role = access::parse_role(text);
  if (!role || (!for_token && *role == Role::kMetrics))
    throw Error("unknown role '" + text + "': one of " + user_role_names() +
                (for_token ? ", metrics" : ""));
  return *role;
}

std::string cli_actor() {
  const passwd* pw = ::getpwuid(::geteuid());
  return "cli:" +
         (pw && pw->pw_name ? std::string(pw->pw_name) : "uid" + std::to_string(::geteuid()));
}

void audit(AccessStore& store, const std::string& action, const std::string& object,
           const std::string& detail) {
  store.audit(AuditEvent{.actor = cli_actor(),
                         .address = "",
                         .action = action,
                         .object = object,
                         .outcome = "ok",
                         .detail = detail});
}

std::string utc(int64_t seconds) {
  if (seconds == 0) return "-";
  const std::time_t t = seconds;
  std::tm tm{};
  ::gmtime_r(&t, &tm);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%d %H:%M:%S", &tm);
  return text;
}

std::string stores_or_all(const std::vector<int64_t>& stores) {
  return stores.empty() ? "all" : access::stores_text(stores);
}

std::string role_detail(Role role, const std::vector<int64_t>& stores) {
  return "role=" + std::string(access::role_name(role)) + " stores=" + stores_or_all(stores);
}

// Columns padded to their widest cell, two spaces apart.
void print_table(const std::vector<std::vector<std::string>>& rows) {
  std::vector<size_t> width;
  for (const auto& row : rows)
    for (size_t i = 0; i < row.size(); ++i) {
      width.resize(std::max(width.size(), row.size()));
      width[i] = std::max(width[i], row[i].size());
    }
  for (const auto& row : rows) {
    std::string line;
    for (size_t i = 0; i < row.size(); ++i)
      line += i + 1 < row.size() ? row[i] + std::string(width[i] - row[i].size() + 2, ' ') : row[i];
    std::printf("%s\n", line.c_str());
  }
}

void add_users(CLI::App& app) {
  auto* users = app.add_subcommand(
      "users", "Dashboard users: add, passwd, set, disable, enable, list (docs/access.md)");
  users->require_subcommand(1);
  struct Options {
    Location where;
    std::string name, role, stores;
    bool password_stdin = false;
  };
  auto o = std::make_shared<Options>();
  auto name_and_location = [o](CLI::App* cmd) {
    cmd->add_option("NAME", o->name, "User name: a-z, 0-9, '.', '_', '-'")->required();
    add_location(cmd, o->where);
  };
  auto role_options = [o](CLI::App* cmd) {
    cmd->add_option("--role", o->role,
                    "admin, it, marketing, finance, product, operations or supply-chain")
        ->required();
    cmd->add_option("--stores", o->stores,
                    "Only these stores (t_shop_info ids, as 12,40); default every store");
  };
  auto password_option = [o](CLI::App* cmd) {
    cmd->add_flag("--password-stdin", o->password_stdin,
                  "Read the password as one line from stdin (else: prompt)");
  };

  auto* add = users->add_subcommand(
      "add", "Add a user (the first admin too: there is no default password)");
  name_and_location(add);
  role_options(add);
  password_option(add);
  add->callback([o] {
    access::check_user_name(o->name);
    const Role role = role_or_throw(o->role, false);
    const std::vector<int64_t> stores = access::parse_stores(o->stores);
    auto store = open_store(o->where);
    if (store->find_user(o->name)) throw Error("user '" + o->name + "' exists already");
    const std::string password = read_new_password(o->password_stdin, "Password for " + o->name,
                                                   access::check_password_rules);
    store->add_user(o->name, role, stores, password);
    audit(*store, "user_add", o->name, role_detail(role, stores));
    std::printf("users: added %s (%s)\n", o->name.c_str(), role_detail(role, stores).c_str());
  });

  auto* set_password = users->add_subcommand("passwd", "Set a user's password");
  name_and_location(set_password);
  password_option(set_password);
  set_password->callback([o] {
    auto store = open_store(o->where);
    if (!store->find_user(o->name)) throw Error("no user '" + o->name + "'");
    const std::string password = read_new_password(o->password_stdin, "New password for " + o->name,
                                                   access::check_password_rules);
    store->set_password(o->name, password);
    audit(*store, "user_change", o->name, "password set");
    std::printf("users: password of %s set\n", o->name.c_str());
  });

  auto* set = users->add_subcommand("set", "Change a user's role and stores");
  name_and_location(set);
  role_options(set);
  set->callback([o] {
    const Role role = role_or_throw(o->role, false);
    const std::vector<int64_t> stores = access::parse_stores(o->stores);
    auto store = open_store(o->where);
    store->set_role(o->name, role, stores);
    audit(*store, "user_change", o->name, role_detail(role, stores));
    std::printf("users: %s is now %s\n", o->name.c_str(), role_detail(role, stores).c_str());
  });

  for (const bool disable : {true, false}) {
    auto* cmd = users->add_subcommand(
        disable ? "disable" : "enable",
        disable ? "Disable a user: no login, no session" : "Enable a disabled user");
    name_and_location(cmd);
    cmd->callback([o, disable] {
      auto store = open_store(o->where);
      store->set_disabled(o->name, disable);
      audit(*store, "user_change", o->name, disable ? "disabled" : "enabled");
      std::printf("users: %s %s\n", o->name.c_str(), disable ? "disabled" : "enabled");
    });
  }

  auto* list = users->add_subcommand("list", "List the users (never their password hashes)");
  add_location(list, o->where);
  list->callback([o] {
    auto store = open_store(o->where);
    std::vector<std::vector<std::string>> rows = {
        {"name", "role", "stores", "disabled", "created", "updated"}};
    for (const access::User& u : store->users())
      rows.push_back({u.name, std::string(access::role_name(u.role)), stores_or_all(u.stores),
                      u.disabled ? "yes" : "no", utc(u.created), utc(u.updated)});
    print_table(rows);
  });
}

void add_tokens(CLI::App& app) {
  auto* tokens =
      app.add_subcommand("tokens", "API tokens for scripts: add, list, revoke (docs/access.md)");
  tokens->require_subcommand(1);
  struct Options {
    Location where;
    std::string name, role, stores, id;
  };
  auto o = std::make_shared<Options>();

  auto* add = tokens->add_subcommand("add", "Create a token; it is printed once, on stdout");
  add->add_option("NAME", o->name, "What the token is for (\"prometheus\", \"nightly export\")")
      ->required();
  add->add_option("--role", o->role, "A role, as for users, or metrics (/metrics only)")
      ->required();
  add->add_option("--stores", o->stores,
                  "Only these stores (t_shop_info ids, as 12,40); default every store");
  add_location(add, o->where);
  add->callback([o] {
    const Role role = role_or_throw(o->role, true);
    const std::vector<int64_t> stores = access::parse_stores(o->stores);
    auto store = open_store(o->where);
    const AccessStore::Created made = store->create_token(o->name, role, stores, cli_actor());
    audit(*store, "token_add", made.token.id, "name=" + o->name + " " + role_detail(role, stores));
    std::printf("%s\n", made.secret.c_str());
    std::fflush(stdout);
    std::fprintf(stderr, "tokens: created %s (%s); it cannot be shown again: keep it now\n",
                 made.token.id.c_str(), role_detail(role, stores).c_str());
  });

  auto* list = tokens->add_subcommand("list", "List the tokens (never their secrets)");
  add_location(list, o->where);
  list->callback([o] {
    auto store = open_store(o->where);
    std::vector<std::vector<std::string>> rows = {
        {"id", "name", "role", "stores", "created_by", "created", "revoked"}};
    for (const access::ApiToken& t : store->tokens())
      rows.push_back({t.id, t.name, std::string(access::role_name(t.role)), stores_or_all(t.stores),
                      t.created_by, utc(t.created), utc(t.revoked)});
    print_table(rows);
  });

  auto* revoke =
      tokens->add_subcommand("revoke", "Revoke a token by its id: it stops working at once");
  revoke->add_option("ID", o->id, "The token's id (tokens list)")->required();
  add_location(revoke, o->where);
  revoke->callback([o] {
    auto store = open_store(o->where);
    if (!store->revoke_token(o->id)) throw Error("token " + o->id + " is revoked already");
    audit(*store, "token_revoke", o->id, "");
    std::printf("tokens: %s revoked\n", o->id.c_str());
  });
}

void add_audit(CLI::App& app) {
  auto* cmd =
      app.add_subcommand("audit", "The audit log, newest first, one event a line (docs/access.md)");
  struct Options {
    Location where;
    int64_t limit = 50;
  };
  auto o = std::make_shared<Options>();
  add_location(cmd, o->where);
  cmd->add_option("--limit", o->limit, "How many events (default 50)");
  cmd->callback([o] {
    if (o->limit <= 0 || o->limit > static_cast<int64_t>(kMaxAuditLimit))
      throw Error("--limit must be 1 to 100000, not " + std::to_string(o->limit));
    auto store = open_store(o->where);
    for (const AuditEvent& e : store->audit_log(static_cast<size_t>(o->limit))) {
      auto or_dash = [](const std::string& s) { return s.empty() ? std::string("-") : s; };
      std::printf("%s  %s  %s  %s  %s  %s%s%s\n", utc(e.at).c_str(), or_dash(e.actor).c_str(),
                  or_dash(e.address).c_str(), or_dash(e.action).c_str(), or_dash(e.object).c_str(),
                  or_dash(e.outcome).c_str(), e.detail.empty() ? "" : "  ", e.detail.c_str());
    }
  });
}

}  // namespace

void add_access(CLI::App& app) {
  add_users(app);
  add_tokens(app);
  add_audit(app);
}

}  // namespace luckyhub::cli
