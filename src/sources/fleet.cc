#include "sources/fleet.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cctype>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <tuple>
#include <utility>

// As pkg-config tomlplusplus says: the compiled library, not header-only.
#define TOML_HEADER_ONLY 0
#define TOML_SHARED_LIB 1
#include <toml++/toml.h>

#include "core/error.h"

namespace luckyhub {
namespace {

// Raised by the checks below, with the line of the node at fault; load_fleet
// prefixes the file name.
struct FleetError {
  int line;
  std::string reason;
};

int line_of(const toml::node& node) { return static_cast<int>(node.source().begin.line); }

void reject_unknown_keys(const toml::table& table, const std::set<std::string>& allowed,
                         const std::string& what) {
  for (const auto& [key, value] : table) {
    if (!allowed.count(std::string(key.str()))) {
      throw FleetError{static_cast<int>(key.source().begin.line),
                       "unknown key '" + std::string(key.str()) + "' in " + what};
    }
  }
}

std::string required_string(const toml::table& table, const char* key, const std::string& what,
                            int line) {
  const toml::node* node = table.get(key);
  if (node == nullptr) throw FleetError{line, what + " has no " + key};
  const auto* text = node->as_string();
  if (text == nullptr || text->get().empty()) {
    throw FleetError{line_of(*node), std::string(key) + " of " + what + " must be a non-empty string"};
  }
  return text->get();
}

// A password file must belong to us and be unreadable by group and others:
// the same rule ssh applies to private keys.
std::string read_password_file(const std::string& path, int line) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    throw FleetError{line, "password_file " + path + ": " + std::strerror(errno)};
  }
  if (!S_ISREG(st.st_mode)) throw FleetError{line, "password_file " + path + " is not a regular file"};
  if (st.st_uid != ::geteuid()) {
    throw FleetError{line, "password_file " + path + " is not owned by the user running luckyhub"};
  }
  if ((st.st_mode & 077) != 0) {
    char mode[8];
    std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(st.st_mode & 07777));
    throw FleetError{line, "password_file " + path + " is readable by others (mode " + mode +
                               "); make it owner-only (chmod 600)"};
  }
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  std::string password = text.str();
  while (!password.empty() && (password.back() == '\n' || password.back() == '\r')) password.pop_back();
  if (password.empty()) throw FleetError{line, "password_file " + path + " is empty"};
  return password;
}

// MySQL always logs in with a user and a password. A Redis or PostgreSQL
// instance may use no authentication: no user and no password (a Redis
// without requirepass, PostgreSQL `trust`); PostgreSQL `trust` may also name
// the user. A Redis user without a password is refused: it could only fail.
Credentials parse_credentials(const toml::table& table, const std::string& what, int line,
                              const std::filesystem::path& base, InstanceKind kind) {
  Credentials c;
  const toml::node* env = table.get("password_env");
  const toml::node* file = table.get("password_file");
  if (env == nullptr && file == nullptr && kind != InstanceKind::kMysql) {
    if (table.contains("user")) {
      if (kind == InstanceKind::kRedis) {
        throw FleetError{line, what + " names a user but no password_env or password_file "
                                      "(omit user too for a Redis without authentication)"};
      }
      c.user = required_string(table, "user", what, line);
    }
    c.password_ref = "none";
    return c;
  }
  c.user = required_string(table, "user", what, line);
  if ((env != nullptr) == (file != nullptr)) {
    throw FleetError{line, what + " needs exactly one of password_env and password_file"};
  }
  if (env != nullptr) {
    const std::string var = required_string(table, "password_env", what, line);
    const char* value = std::getenv(var.c_str());
    if (value == nullptr || *value == '\0') {
      throw FleetError{line_of(*env), "password_env " + var + " of " + what + " is not set"};
    }
    c.password_ref = "env " + var;
    c.password = Secret(value);
  } else {
    std::filesystem::path p(required_string(table, "password_file", what, line));
    if (p.is_relative()) p = base / p;
    c.password_ref = "file " + p.string();
    c.password = Secret(read_password_file(p.string(), line_of(*file)));
  }
  return c;
}

InstanceKind parse_kind(const toml::table& table, const std::string& what, int line) {
  const std::string kind = required_string(table, "kind", what, line);
  if (kind == "mysql") return InstanceKind::kMysql;
  if (kind == "redis") return InstanceKind::kRedis;
  if (kind == "postgres") return InstanceKind::kPostgres;
  throw FleetError{line_of(*table.get("kind")),
                   "kind '" + kind + "' of " + what + " is not mysql, redis or postgres"};
}

std::vector<std::string> parse_databases(const toml::table& table, const std::string& what) {
  const toml::node* node = table.get("databases");
  // A server that holds no luckyus_* database (a replica, a service's own
  // server) is still monitored by `luckyhub collect`: no list, or an empty one.
  if (node == nullptr) return {};
  const auto* list = node->as_array();
  if (list == nullptr) {
    throw FleetError{line_of(*node), "databases of " + what + " must be a list: databases = [\"luckyus_…\", …]"};
  }
  std::vector<std::string> out;
  for (const toml::node& item : *list) {
    const auto* name = item.as_string();
    const std::string text = name ? name->get() : "";
    bool ok = text.rfind("luckyus_", 0) == 0;
    for (char ch : text) ok = ok && (std::islower(static_cast<unsigned char>(ch)) || ch == '_' ||
                                     std::isdigit(static_cast<unsigned char>(ch)));
    if (!ok) throw FleetError{line_of(item), "databases of " + what + ": '" + text + "' is not a luckyus_* database name"};
    out.push_back(text);
  }
  return out;
}

// node_exporter = "host:port" (a bracketed IPv6 address: "[::1]:9100").
Endpoint parse_endpoint(const toml::node& node, const std::string& what) {
  const auto* text = node.as_string();
  const std::string value = text ? text->get() : "";
  const std::string bad = "node_exporter of " + what + " must be \"host:port\" with a port from 1 to 65535";
  const size_t colon = value.rfind(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 >= value.size() || colon + 6 < value.size()) {
    throw FleetError{line_of(node), bad};
  }
  Endpoint e;
  e.host = value.substr(0, colon);
  if (e.host.front() == '[' && e.host.back() == ']' && e.host.size() > 2) e.host = e.host.substr(1, e.host.size() - 2);
  for (const char ch : e.host) {
    if (!std::isalnum(static_cast<unsigned char>(ch)) && ch != '.' && ch != '-' && ch != '_' && ch != ':') {
      throw FleetError{line_of(node), bad};
    }
  }
  for (size_t i = colon + 1; i < value.size(); ++i) {
    if (!std::isdigit(static_cast<unsigned char>(value[i]))) throw FleetError{line_of(node), bad};
  }
  e.port = std::stoi(value.substr(colon + 1));
  if (e.port < 1 || e.port > 65535) throw FleetError{line_of(node), bad};
  return e;
}

// A secret named by an environment variable (`<key>_env`) or a file
// (`<key>_file`, owner-only); `required`: one of them must be given.
std::pair<std::string, Secret> secret_reference(const toml::table& table, const std::string& key,
                                                const std::string& what, int line,
                                                const std::filesystem::path& base, bool required,
                                                bool file_allowed = true) {
  const toml::node* env = table.get(key + "_env");
  const toml::node* file = file_allowed ? table.get(key + "_file") : nullptr;
  if (env == nullptr && file == nullptr) {
    if (!required) return {"", Secret()};
    throw FleetError{line, what + " needs " + key + "_env" + (file_allowed ? " or " + key + "_file" : "")};
  }
  if (env != nullptr && file != nullptr) throw FleetError{line, what + " needs only one of " + key + "_env and " + key + "_file"};
  if (env != nullptr) {
    const std::string var = required_string(table, (key + "_env").c_str(), what, line);
    const char* value = std::getenv(var.c_str());
    if (value == nullptr || *value == '\0') {
      throw FleetError{line_of(*env), key + "_env " + var + " of " + what + " is not set"};
    }
    return {"env " + var, Secret(value)};
  }
  std::filesystem::path p(required_string(table, (key + "_file").c_str(), what, line));
  if (p.is_relative()) p = base / p;
  return {"file " + p.string(), Secret(read_password_file(p.string(), line_of(*file)))};
}

// cloudwatch = { region, db_instance_identifier, access_key_id_env,
// secret_access_key_env | secret_access_key_file[, session_token_env]
// [, endpoint][, ca_file] }.
CloudWatchTarget parse_cloudwatch(const toml::node& node, const std::string& instance,
                                  const std::filesystem::path& base) {
  const std::string what = "cloudwatch of " + instance;
  const auto* table = node.as_table();
  if (table == nullptr) throw FleetError{line_of(node), what + " must be a table: cloudwatch = { region = …, … }"};
  const int line = line_of(node);
  reject_unknown_keys(*table,
                      {"region", "db_instance_identifier", "access_key_id_env", "secret_access_key_env",
                       "secret_access_key_file", "session_token_env", "endpoint", "ca_file"},
                      what);
  CloudWatchTarget c;
  c.region = required_string(*table, "region", what, line);
  bool ok = true;
  for (const char ch : c.region) ok = ok && (std::islower(static_cast<unsigned char>(ch)) || std::isdigit(static_cast<unsigned char>(ch)) || ch == '-');
  if (!ok) throw FleetError{line_of(*table->get("region")), "region of " + what + " must be an AWS region such as us-east-1"};
  c.db_instance_identifier = required_string(*table, "db_instance_identifier", what, line);
  ok = c.db_instance_identifier.size() <= 63 && std::isalpha(static_cast<unsigned char>(c.db_instance_identifier[0]));
  for (const char ch : c.db_instance_identifier) ok = ok && (std::isalnum(static_cast<unsigned char>(ch)) || ch == '-');
  if (!ok) {
    throw FleetError{line_of(*table->get("db_instance_identifier")),
                     "db_instance_identifier of " + what + " must be an RDS identifier: a letter, then letters, digits "
                     "and hyphens, at most 63"};
  }
  c.endpoint = "https://monitoring." + c.region + ".amazonaws.com";
  if (table->contains("endpoint")) {
    c.endpoint = required_string(*table, "endpoint", what, line);
    if (c.endpoint.rfind("https://", 0) != 0 || c.endpoint.size() <= 8) {
      throw FleetError{line_of(*table->get("endpoint")), "endpoint of " + what + " must be an https:// URL"};
    }
    while (c.endpoint.back() == '/') c.endpoint.pop_back();
  }
  if (table->contains("ca_file")) {
    std::filesystem::path p(required_string(*table, "ca_file", what, line));
    if (p.is_relative()) p = base / p;
    if (!std::filesystem::is_regular_file(p)) {
      throw FleetError{line_of(*table->get("ca_file")), "ca_file " + p.string() + " of " + what + " is not a file"};
    }
    c.ca_file = p.string();
  }
  std::tie(c.access_key_ref, c.access_key_id) = secret_reference(*table, "access_key_id", what, line, base, true, false);
  std::tie(c.secret_ref, c.secret_access_key) = secret_reference(*table, "secret_access_key", what, line, base, true);
  c.session_token = secret_reference(*table, "session_token", what, line, base, false, false).second;
  return c;
}

Instance parse_instance(const toml::table& table, const std::filesystem::path& base) {
  const int line = line_of(table);
  reject_unknown_keys(table,
                      {"name", "kind", "host", "port", "databases", "user", "password_env",
                       "password_file", "loader", "node_exporter", "cloudwatch", "read_timeout_s"},
                      "[[instance]]");
  Instance in;
  in.line = line;
  in.name = required_string(table, "name", "[[instance]]", line);
  const std::string what = "instance " + in.name;
  in.kind = parse_kind(table, what, line);
  in.host = required_string(table, "host", what, line);
  const toml::node* port = table.get("port");
  const auto* port_value = port ? port->as_integer() : nullptr;
  if (port_value == nullptr || port_value->get() < 1 || port_value->get() > 65535) {
    throw FleetError{port ? line_of(*port) : line, what + " needs a port from 1 to 65535"};
  }
  in.port = static_cast<int>(port_value->get());
  if (in.kind == InstanceKind::kMysql) {
    in.databases = parse_databases(table, what);
  } else if (table.contains("databases")) {
    throw FleetError{line_of(*table.get("databases")), "databases is only for mysql instances (" + what + ")"};
  }
  in.reader = parse_credentials(table, what, line, base, in.kind);
  if (const toml::node* timeout = table.get("read_timeout_s")) {
    const auto* seconds = timeout->as_integer();
    if (in.kind != InstanceKind::kMysql || seconds == nullptr || seconds->get() < 1 || seconds->get() > 3600) {
      throw FleetError{line_of(*timeout), "read_timeout_s of " + what + " is for mysql instances, seconds from 1 to 3600"};
    }
    in.read_timeout_s = static_cast<int>(seconds->get());
  }
  if (const toml::node* exporter = table.get("node_exporter")) in.node_exporter = parse_endpoint(*exporter, what);
  if (const toml::node* cloudwatch = table.get("cloudwatch")) {
    if (in.node_exporter) {
      throw FleetError{line_of(*cloudwatch), what + " lists both node_exporter and cloudwatch: one host source"};
    }
    in.cloudwatch = parse_cloudwatch(*cloudwatch, in.name, base);
  }
  if (const toml::node* loader = table.get("loader")) {
    const auto* loader_table = loader->as_table();
    if (loader_table == nullptr) throw FleetError{line_of(*loader), "loader of " + what + " must be a table"};
    reject_unknown_keys(*loader_table, {"user", "password_env", "password_file"}, "loader of " + what);
    in.loader = parse_credentials(*loader_table, "loader of " + what, line_of(*loader), base, in.kind);
  }
  return in;
}

Fleet parse_fleet(const toml::table& root, const std::string& path) {
  reject_unknown_keys(root, {"instance"}, "the fleet file (only [[instance]] tables)");
  const toml::node* list_node = root.get("instance");
  const auto* list = list_node ? list_node->as_array() : nullptr;
  if (list == nullptr || list->empty()) throw FleetError{1, "no [[instance]] in the fleet file"};
  const std::filesystem::path base = std::filesystem::path(path).parent_path();
  Fleet fleet;
  fleet.path = path;
  std::map<std::string, const Instance*> names;
  std::map<std::string, std::string> holder;
  for (const toml::node& node : *list) {
    const auto* table = node.as_table();
    if (table == nullptr) throw FleetError{line_of(node), "instance must be a table ([[instance]])"};
    fleet.instances.push_back(parse_instance(*table, base));
  }
  for (const Instance& in : fleet.instances) {
    if (!names.emplace(in.name, &in).second) {
      throw FleetError{in.line, "duplicate instance name '" + in.name + "' (first at line " +
                                    std::to_string(names[in.name]->line) + ")"};
    }
    for (const std::string& db : in.databases) {
      auto [it, fresh] = holder.emplace(db, in.name);
      if (!fresh) throw FleetError{in.line, "database " + db + " is listed on both " + it->second + " and " + in.name};
    }
  }
  return fleet;
}

}  // namespace

std::string Instance::label() const { return name + " (" + host + ":" + std::to_string(port) + ")"; }

const Instance* Fleet::mysql_holding(const std::string& database) const {
  for (const Instance& in : instances) {
    if (in.kind != InstanceKind::kMysql) continue;
    for (const std::string& db : in.databases) {
      if (db == database) return &in;
    }
  }
  return nullptr;
}

std::vector<const Instance*> Fleet::mysql_instances() const {
  std::vector<const Instance*> out;
  for (const Instance& in : instances) {
    if (in.kind == InstanceKind::kMysql) out.push_back(&in);
  }
  return out;
}

const char* kind_name(InstanceKind kind) {
  switch (kind) {
    case InstanceKind::kMysql: return "mysql";
    case InstanceKind::kRedis: return "redis";
    default: return "postgres";
  }
}

Fleet load_fleet(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error("fleet file " + path + ": " + std::strerror(errno));
  std::stringstream text;
  text << in.rdbuf();
  try {
    const toml::table root = toml::parse(text.str(), path);
    return parse_fleet(root, path);
  } catch (const toml::parse_error& e) {
    throw Error(path + ":" + std::to_string(e.source().begin.line) + ": " + std::string(e.description()));
  } catch (const FleetError& e) {
    throw Error(path + ":" + std::to_string(e.line) + ": " + e.reason);
  }
}

Secret read_secret_file(const std::string& path) {
  try {
    return Secret(read_password_file(path, 0));
  } catch (const FleetError& e) {
    throw Error(e.reason);
  }
}

}  // namespace luckyhub
