#include "sync/key_walk.h"

#include <utility>

namespace luckyhub::sync {

KeyWalk::KeyWalk(std::function<bool(int64_t&)> next_source) : next_source_(std::move(next_source)) {
  have_source_ = next_source_(source_id_);
}

void KeyWalk::warehouse_id(int64_t id) {
  while (have_source_ && source_id_ < id) {
    out_.missed.push_back(source_id_);
    have_source_ = next_source_(source_id_);
  }
  if (have_source_ && source_id_ == id) {
    have_source_ = next_source_(source_id_);
  } else {
    out_.gone.push_back(id);
  }
}

KeyDifferences KeyWalk::finish() {
  while (have_source_) {
    out_.missed.push_back(source_id_);
    have_source_ = next_source_(source_id_);
  }
  return std::move(out_);
}

}  // namespace luckyhub::sync
