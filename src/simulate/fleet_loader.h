// Loads tables into the MySQL servers of a fleet: the WarehouseWriter behind
// `luckyhub simulate --fleet`. create_table() (re)creates the table from the
// DDL in schema/ without its secondary keys (the first table of a database
// drops and recreates the database); create_indexes(), once its rows are in,
// adds them in one ALTER TABLE, which InnoDB builds by sorting instead of
// one random B-tree insert per row and key; sinks encode rows as LOAD DATA text and bulk-load them with
// LOAD DATA LOCAL INFILE in batches of a few MiB, on a background thread so
// that generating and loading overlap. commit() waits for every batch and
// writes the simulation's meta (as_of, start, seed, scale) into a small
// table _luckyhub_simulation in every database, where sync finds it.
//
// Not atomic across servers: a failed load leaves the databases partly
// written (the simulator then writes no manifest). Each instance needs a
// loader account in the fleet file.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "sources/fleet.h"
#include "warehouse/warehouse.h"

namespace luckyhub {

// Connects to every MySQL instance holding a database of the schema (or of
// `databases`, when given: the rows of the others are discarded); throws
// Error when one is unreachable, lacks a loader account, or a database is on
// no instance.
std::unique_ptr<WarehouseWriter> create_fleet_writer(const Fleet& fleet,
                                                     const std::vector<std::string>& databases = {});

// A CREATE TABLE split into the table with its primary key only, and the
// ALTER TABLE clauses that add its secondary keys ("ADD UNIQUE KEY uk (a)",
// "ADD KEY idx (b)"), in the order written.
struct SplitDdl {
  std::string create;
  std::vector<std::string> add_keys;
};
SplitDdl split_secondary_keys(const std::string& create_table);

}  // namespace luckyhub
