#include "warehouse/mysql/mysql_warehouse.h"

#include <algorithm>
#include <cstdlib>
#include <regex>
#include <thread>

#include "core/error.h"
#include "sources/fleet.h"
#include "sources/mysql_client.h"

namespace luckyhub {
namespace {

class MysqlDialect : public Dialect {
 public:
  std::string ny_date(std::string_view e) const override { return "DATE_FORMAT(" + ny(e) + ", '%Y-%m-%d')"; }
  std::string ny_month(std::string_view e) const override { return "DATE_FORMAT(" + ny(e) + ", '%Y-%m')"; }
  std::string ny_hour(std::string_view e) const override { return "HOUR(" + ny(e) + ")"; }
  std::string utc_hour(std::string_view e) const override {
    return "DATE_FORMAT(" + std::string(e) + ", '%Y-%m-%d %H')";
  }
  std::string safe_div(std::string_view num, std::string_view den) const override {
    return "(CAST(" + std::string(num) + " AS DOUBLE) / NULLIF(" + std::string(den) + ", 0))";
  }
  std::string id_list(std::string_view e) const override {
    return "GROUP_CONCAT(" + std::string(e) + " ORDER BY " + std::string(e) + " SEPARATOR ',')";
  }
  std::string int_div(std::string_view num, std::string_view den) const override {
    return "((" + std::string(num) + ") DIV (" + std::string(den) + "))";
  }
  std::string seconds_between(std::string_view from, std::string_view to) const override {
    return "TIMESTAMPDIFF(SECOND, " + std::string(from) + ", " + std::string(to) + ")";
  }

 private:
  static std::string ny(std::string_view e) {
    return "CONVERT_TZ(" + std::string(e) + ", '+00:00', 'America/New_York')";
  }
};

struct MysqlLocation {
  Instance instance;
  Credentials account;
  std::string database;
  std::string printable;  // without secrets
};

// mysql://USER@HOST:PORT/DATABASE[?password_file=PATH]
MysqlLocation parse_location(const std::string& location) {
  static const std::regex form(R"(mysql://([A-Za-z0-9_]+)@([A-Za-z0-9.-]+):([0-9]{1,5})/([a-z0-9_]+)(\?password_file=(.+))?)");
  std::smatch m;
  if (!std::regex_match(location, m, form)) {
    throw Error("warehouse location must be mysql://USER@HOST:PORT/DATABASE[?password_file=PATH]");
  }
  MysqlLocation l;
  l.instance.name = "warehouse";
  l.instance.host = m[2];
  l.instance.port = std::atoi(m[3].str().c_str());
  if (l.instance.port < 1 || l.instance.port > 65535) throw Error("warehouse location: port out of range");
  l.account.user = m[1];
  l.database = m[4];
  l.printable = "mysql://" + l.account.user + "@" + l.instance.host + ":" + m[3].str() + "/" + l.database;
  if (m[6].matched) {
    l.account.password = read_secret_file(m[6]);
  } else if (const char* p = std::getenv("LUCKYHUB_MYSQL_PASSWORD"); p != nullptr && *p != '\0') {
    l.account.password = Secret(p);
  } else {
    throw Error("warehouse " + l.printable + ": no password (give ?password_file=PATH or set LUCKYHUB_MYSQL_PASSWORD)");
  }
  return l;
}

class MysqlWarehouse : public Warehouse {
 public:
  explicit MysqlWarehouse(MysqlLocation location) : location_(std::move(location)) {
    main_ = connect();
    const ResultSet tz = main_->query("SELECT CONVERT_TZ('2026-01-01 12:00:00', '+00:00', 'America/New_York')");
    if (tz.empty() || tz.is_null(0, 0)) {
      throw Error("warehouse " + location_.printable +
                  ": the server has no time zone tables (load them: mariadb-tzinfo-to-sql /usr/share/zoneinfo "
                  "| mariadb mysql)");
    }
    if (!has_table("_luckyhub_meta")) {
      throw Error("warehouse " + location_.printable + " holds no luckyhub views (create them with "
                  "'luckyhub replica-views')");
    }
  }

  std::string engine() const override { return "mysql"; }
  std::string location() const override { return location_.printable; }
  const Dialect& dialect() const override { return dialect_; }

  ResultSet query(std::string_view sql, const std::vector<SqlValue>& params = {}) override {
    return main_->query(sql, params, /*typed=*/true);
  }

  std::vector<ResultSet> query_all(const std::vector<Query>& queries) override {
    const size_t workers = std::min<size_t>(queries.size(), std::max(1u, std::thread::hardware_concurrency()));
    while (helpers_.size() + 1 < workers) helpers_.push_back(connect());
    return run_concurrently(queries, workers, [this](size_t worker, const Query& q) {
      return (worker == 0 ? *main_ : *helpers_[worker - 1]).query(q.sql, q.params, /*typed=*/true);
    });
  }

  bool has_table(std::string_view name) override {
    return !main_->query("SELECT 1 FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?",
                         {std::string(name)})
                .empty();
  }

  std::string meta(const std::string& key) override {
    const ResultSet r = main_->query("SELECT meta_value FROM _luckyhub_meta WHERE meta_key = ?", {key});
    return r.empty() ? "" : r.text_at(0, 0);
  }

 private:
  std::unique_ptr<MysqlConnection> connect() {
    auto c = std::make_unique<MysqlConnection>(location_.instance, location_.account);
    // Reports concatenate ids with GROUP_CONCAT; the default cap is 1 KiB.
    c->execute("USE " + MysqlConnection::quote_identifier(location_.database) +
               "; SET SESSION group_concat_max_len = 67108864");
    return c;
  }

  MysqlLocation location_;
  std::unique_ptr<MysqlConnection> main_;
  std::vector<std::unique_ptr<MysqlConnection>> helpers_;  // query_all's extra connections
  MysqlDialect dialect_;
};

}  // namespace

std::unique_ptr<Warehouse> open_mysql_warehouse(const std::string& location) {
  return std::make_unique<MysqlWarehouse>(parse_location(location));
}

std::string replica_views_sql(const std::string& views_database, const std::vector<std::string>& databases) {
  const SchemaCatalog& catalog = SchemaCatalog::builtin();
  const std::vector<std::string> all = catalog.databases();
  for (const std::string& d : databases) {
    if (std::find(all.begin(), all.end(), d) == all.end()) throw Error(d + " is not a luckyus_* database of the schema");
  }
  const std::vector<std::string>& chosen = databases.empty() ? all : databases;
  const std::string db = MysqlConnection::quote_identifier(views_database);
  std::string sql = "CREATE DATABASE IF NOT EXISTS " + db + " DEFAULT CHARACTER SET utf8mb4;\n";
  for (const TableDef& table : catalog.tables()) {
    if (std::find(chosen.begin(), chosen.end(), table.database) == chosen.end()) continue;
    std::string columns;
    for (const ColumnDef& c : table.columns) {
      const std::string name = MysqlConnection::quote_identifier(c.name);
      if (!columns.empty()) columns += ", ";
      if (c.type == ColumnType::kDecimal && c.scale > 0) {
        // Money and other decimals in the warehouse's unit: scaled to integers.
        columns += "CAST(ROUND(" + name + " * 1" + std::string(static_cast<size_t>(c.scale), '0') +
                   ") AS SIGNED) AS " + name;
      } else {
        columns += name;
      }
    }
    sql += "CREATE OR REPLACE SQL SECURITY INVOKER VIEW " + db + "." +
           MysqlConnection::quote_identifier(table.warehouse_name()) + " AS SELECT " + columns + " FROM " +
           MysqlConnection::quote_identifier(table.database) + "." + MysqlConnection::quote_identifier(table.name) +
           ";\n";
  }
  if (!chosen.empty()) {
    sql += "CREATE OR REPLACE SQL SECURITY INVOKER VIEW " + db +
           "._luckyhub_meta AS SELECT meta_key, meta_value FROM " + MysqlConnection::quote_identifier(chosen.front()) +
           "._luckyhub_simulation;\n";
  }
  return sql;
}

}  // namespace luckyhub
