// The deletion walk of a key reconciliation: the source's and the
// warehouse's ids, both ascending, walked side by side. Ids only in the
// warehouse were deleted at the source; ids only at the source were missed
// by the watermark (their update_time went backwards) and must be fetched.
// Memory holds only those differences, never either side's ids.
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

namespace luckyhub::sync {

struct KeyDifferences {
  std::vector<int64_t> gone;    // in the warehouse, not at the source: delete
  std::vector<int64_t> missed;  // at the source, not in the warehouse: fetch
};

class KeyWalk {
 public:
  // `next_source(id)` sets the source's next id (ascending) and returns true,
  // or returns false at its end.
  explicit KeyWalk(std::function<bool(int64_t&)> next_source);

  // Each warehouse id, ascending.
  void warehouse_id(int64_t id);
  // The source's ids past the warehouse's last are missed too.
  KeyDifferences finish();

 private:
  std::function<bool(int64_t&)> next_source_;
  bool have_source_ = false;
  int64_t source_id_ = 0;
  KeyDifferences out_;
};

}  // namespace luckyhub::sync
