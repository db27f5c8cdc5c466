#include "warehouse/clickhouse/clickhouse_location.h"

#include <cstdlib>

#include "core/error.h"
#include "sources/fleet.h"
#include "warehouse/clickhouse/clickhouse_sql.h"

namespace luckyhub::clickhouse {
namespace {

constexpr std::string_view kScheme = "clickhouse://";

Endpoint parse_endpoint(std::string_view text, const std::string& what) {
  const size_t colon = text.rfind(':');
  Endpoint e;
  e.host = std::string(text.substr(0, colon));
  if (e.host.empty()) throw Error(what + " has no host");
  if (colon != std::string_view::npos) {
    const std::string port(text.substr(colon + 1));
    char* end = nullptr;
    const long p = std::strtol(port.c_str(), &end, 10);
    if (port.empty() || *end != '\0' || p < 1 || p > 65535) {
      throw Error(what + " has a bad port '" + port + "'");
    }
    e.port = static_cast<int>(p);
  }
  return e;
}

}  // namespace

std::string Location::display() const {
  std::string out = std::string(kScheme) + user + "@" + endpoint.str() + "/" + database;
  if (!cluster.empty()) out += "?cluster=" + cluster;
  return out;
}

bool is_clickhouse_location(const std::string& location) { return location.starts_with(kScheme); }

Location parse_location(const std::string& location) {
  if (!is_clickhouse_location(location)) throw Error("not a clickhouse:// location");
  std::string_view rest = std::string_view(location).substr(kScheme.size());
  std::string_view query;
  if (const size_t q = rest.find('?'); q != std::string_view::npos) {
    query = rest.substr(q + 1);
    rest = rest.substr(0, q);
  }
  const size_t slash = rest.find('/');
  const size_t at = rest.find('@');
  if (at == std::string_view::npos || slash == std::string_view::npos || at > slash) {
    throw Error("ClickHouse location must look like clickhouse://user@host:port/database");
  }
  Location loc;
  loc.user = std::string(rest.substr(0, at));
  if (loc.user.find(':') != std::string::npos) {
    throw Error("ClickHouse location must not hold a password: set " + std::string(kPasswordEnv) +
                " or add ?password_file=PATH");
  }
  if (loc.user.empty()) throw Error("ClickHouse location has no user (clickhouse://user@host:port/database)");
  loc.endpoint = parse_endpoint(rest.substr(at + 1, slash - at - 1), "ClickHouse location");
  loc.database = std::string(rest.substr(slash + 1));
  require_identifier(loc.database, "ClickHouse database");

  std::string password_file;
  while (!query.empty()) {
    const size_t amp = query.find('&');
    const std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    const size_t eq = pair.find('=');
    const std::string key(pair.substr(0, eq));
    const std::string value(eq == std::string_view::npos ? "" : pair.substr(eq + 1));
    if (key == "cluster") {
      require_identifier(value, "ClickHouse cluster");
      loc.cluster = value;
    } else if (key == "password_file") {
      password_file = value;
    } else if (key == "shards") {
      for (size_t start = 0; start <= value.size();) {
        const size_t comma = value.find(',', start);
        const size_t stop = comma == std::string::npos ? value.size() : comma;
        loc.shards.push_back(parse_endpoint(std::string_view(value).substr(start, stop - start), "a shard"));
        start = stop + 1;
      }
    } else {
      throw Error("ClickHouse location has an unknown option '" + key +
                  "' (known: cluster, password_file, shards)");
    }
  }
  if (!loc.shards.empty() && loc.cluster.empty()) throw Error("ClickHouse location gives shards without a cluster");
  const char* env = std::getenv(kPasswordEnv);
  if (!password_file.empty()) loc.password = read_secret_file(password_file).value();
  else if (env != nullptr) loc.password = env;
  return loc;
}

}  // namespace luckyhub::clickhouse
