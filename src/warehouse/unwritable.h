// The warehouse cannot take writes at all: its disk is full, an I/O error, a
// read-only file or directory, or another process has held its write lock
// through the whole busy timeout. Nothing written after it can succeed either,
// so a run that writes many tables stops at the first (sync does:
// sync/fleet_tables.h). Thrown by the SQLite connection (sqlite_db.h).
#pragma once

#include "core/error.h"

namespace luckyhub {

class WarehouseUnwritable : public Error {
 public:
  using Error::Error;
};

}  // namespace luckyhub
