#include <cstdio>
#include <memory>

#include "cli/commands.h"
#include "warehouse/mysql/mysql_warehouse.h"

namespace luckyhub::cli {

void add_replica_views(CLI::App& app) {
  auto* cmd = app.add_subcommand(
      "replica-views",
      "Print the SQL that creates, on a MySQL server holding the luckyus_* databases (a read replica), one "
      "database of views in the warehouse's shape, so the tools can run on it directly with --warehouse "
      "mysql://USER@HOST:PORT/DATABASE (docs/replica.md)");
  auto database = std::make_shared<std::string>("luckyhub_replica");
  auto databases = std::make_shared<std::vector<std::string>>();
  cmd->add_option("--database", *database, "The database of views to create")->capture_default_str();
  cmd->add_option("--databases", *databases, "Only the tables of these luckyus_* databases (comma-separated)")
      ->delimiter(',');
  cmd->callback([database, databases] {
    const std::string sql = replica_views_sql(*database, *databases);
    std::fwrite(sql.data(), 1, sql.size(), stdout);
  });
}

}  // namespace luckyhub::cli
