#include "sync/watermark.h"

namespace luckyhub::sync {

RowsAfter rows_after_watermark(const Checkpoint& cp) {
  if (cp.watermark.empty()) return {};
  return {" WHERE update_time > ? OR (update_time = ? AND id > ?)", {cp.watermark, cp.watermark, cp.watermark_id}};
}

}  // namespace luckyhub::sync
