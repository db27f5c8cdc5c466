// The tables of the access file (access_store.h) and what an audit row may
// hold. Internal to src/access/.
//   access__users   name, version, role, stores, disabled, password_hash, created, updated
//   access__tokens  id, version, name, role, stores, secret_hash, created_by, created, revoked
//   access__audit   seq, at, actor, address, action, object, outcome, detail
// Users and tokens are append-only: a change is a new row with the next
// version, and the newest version is the user or token (the older ones are
// its history). Audit rows are appended only; seq orders events of one second.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "access/access_store.h"
#include "warehouse/schema.h"

namespace luckyhub::access {

const std::vector<const TableDef*>& access_tables();

// Throws Error when the SQLite file at `path` holds tables that are not the
// access file's (a warehouse given as --access, say: its users would go with
// its next load) or is not SQLite. Reads it read-only; an empty file passes.
void check_only_access_tables(const std::string& path);

// The event as stored: `at` set to `now` when 0; each field cut to 1000
// bytes (at a UTF-8 boundary), control characters turned into spaces, and
// anything shaped like an API token reduced to its id ("lh_<id>_[redacted]"),
// so that a caller's slip never writes a token's secret.
AuditEvent audit_row(const AuditEvent& event, int64_t now);

}  // namespace luckyhub::access
