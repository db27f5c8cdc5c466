// The generations of a ClickHouse warehouse (see clickhouse_warehouse.h):
// the table in the location's database that names the current one.
#pragma once

#include <string>

#include "warehouse/clickhouse/clickhouse_client.h"

namespace luckyhub::clickhouse {

inline constexpr const char* kGenerationsTable = "_luckyhub_generations";
inline constexpr const char* kMetaTable = "_luckyhub_meta";

// Creates the database and its generations table when missing; throws Error
// when the table is there with other columns (it is then left as it is).
void ensure_generations_table(Client& client, const std::string& database);

// The current generation's database; "" when the warehouse has none (or the
// database does not exist).
std::string current_generation(Client& client, const std::string& database);

// The generations recorded before the current one (the writer drops them).
std::vector<std::string> older_generations(Client& client, const std::string& database,
                                           const std::string& current);

}  // namespace luckyhub::clickhouse
