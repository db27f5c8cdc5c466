// The incremental sync's watermark: the (update_time, id) of the newest
// settled row applied. A run reads the rows after it, in (update_time, id)
// order, and moves it past each row it copies until the first row that is not
// settled yet (update_time at or after the source's clock minus settle_s):
// from there on rows are applied but the watermark stays, so the next run
// reads them again, with any row a late transaction commits before them.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/sql_result.h"
#include "sync/checkpoint.h"

namespace luckyhub::sync {

// The WHERE clause (with its leading space, or "" for a table never read
// incrementally: every row) and its parameters that select the rows after
// the checkpoint's watermark.
struct RowsAfter {
  std::string where;
  std::vector<SqlValue> params;
};
RowsAfter rows_after_watermark(const Checkpoint& checkpoint);

class WatermarkAdvance {
 public:
  // `settled`: the source's clock minus settle_s, in update_time's format.
  WatermarkAdvance(Checkpoint& checkpoint, std::string settled)
      : checkpoint_(checkpoint), settled_(std::move(settled)) {}

  // A row copied, in (update_time, id) order.
  void row(std::string_view update_time, int64_t id) {
    unsettled_ = unsettled_ || update_time >= settled_;
    if (unsettled_) return;
    checkpoint_.watermark = std::string(update_time);
    checkpoint_.watermark_id = id;
  }

 private:
  Checkpoint& checkpoint_;
  const std::string settled_;
  bool unsettled_ = false;
};

}  // namespace luckyhub::sync
