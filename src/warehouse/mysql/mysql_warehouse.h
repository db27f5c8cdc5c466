// The tools straight on a MySQL/MariaDB server that holds the luckyus_*
// databases — a read replica, say — with no warehouse in between: what an
// analyst pointing a BI tool at a replica gets, and the peer that the
// warehouse engines are measured against (bench/reports.sh).
//
// The tools read warehouse-shaped tables (warehouse names, money in cents),
// so the server gets one database of views over the source tables
// (replica_views_sql(): a DBA runs it once, with CREATE VIEW on that one
// database); luckyhub then reads it with a read-only account:
//
//   --warehouse mysql://USER@HOST:PORT/VIEWS_DATABASE[?password_file=PATH]
//
// The password comes by reference, as in the fleet file: from the file
// (owner-only) or else from the environment variable LUCKYHUB_MYSQL_PASSWORD.
// New York dates need the server's time zone tables
// (mariadb-tzinfo-to-sql /usr/share/zoneinfo | mariadb mysql; scripts/fleet-up loads them).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "warehouse/warehouse.h"

namespace luckyhub {

inline constexpr const char* kMysqlLocationPrefix = "mysql://";

// Opens a location "mysql://…"; throws Error (never naming the password) when
// it is malformed, the server refuses, or the database holds no views.
std::unique_ptr<Warehouse> open_mysql_warehouse(const std::string& location);

// The statements creating `views_database` with one view per table of
// `databases` (all of the schema's when empty) under its warehouse name, money
// columns in cents, and a _luckyhub_meta view over the simulation's meta of
// the first of them.
std::string replica_views_sql(const std::string& views_database, const std::vector<std::string>& databases);

}  // namespace luckyhub
