#include "warehouse/clickhouse/clickhouse_generations.h"

#include "core/error.h"

namespace luckyhub::clickhouse {
namespace {

bool database_exists(Client& client, const std::string& database) {
  return !client.query("SELECT 1 FROM system.databases WHERE name = ?", {database}).empty();
}

std::string columns_of(Client& client, const std::string& database, const std::string& table) {
  const ResultSet r = client.query(
      "SELECT name, type FROM system.columns WHERE database = ? AND table = ?", {database, table});
  std::string out;
  for (size_t i = 0; i < r.size(); ++i) out += (i ? ", " : "") + r.text_at(i, 0) + " " + r.text_at(i, 1);
  return out;
}

constexpr const char* kGenerationsColumns = "generation String, committed_at DateTime";

}  // namespace

void ensure_generations_table(Client& client, const std::string& database) {
  client.execute("CREATE DATABASE IF NOT EXISTS " + database);
  client.execute("CREATE TABLE IF NOT EXISTS " + database + "." + kGenerationsTable + " (" +
                 kGenerationsColumns + ") ENGINE = MergeTree ORDER BY committed_at");
  const std::string found = columns_of(client, database, kGenerationsTable);
  if (found != kGenerationsColumns) {
    throw Error("ClickHouse table " + database + "." + kGenerationsTable + " has an unexpected schema (" + found +
                "; expected " + kGenerationsColumns + "): is " + database + " another program's database?");
  }
}

std::string current_generation(Client& client, const std::string& database) {
  if (!database_exists(client, database)) return "";
  if (columns_of(client, database, kGenerationsTable) != kGenerationsColumns) return "";
  const ResultSet r = client.query("SELECT generation FROM " + database + "." + kGenerationsTable +
                                   " ORDER BY committed_at DESC, generation DESC LIMIT 1");
  return r.empty() ? "" : r.text_at(0, 0);
}

std::vector<std::string> older_generations(Client& client, const std::string& database,
                                           const std::string& current) {
  const ResultSet r = client.query("SELECT DISTINCT generation FROM " + database + "." + kGenerationsTable +
                                   " WHERE generation != ? ORDER BY generation", {current});
  std::vector<std::string> out;
  for (size_t i = 0; i < r.size(); ++i) out.push_back(r.text_at(i, 0));
  return out;
}

}  // namespace luckyhub::clickhouse
