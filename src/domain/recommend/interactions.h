// Implicit feedback as a sparse user × item matrix (compressed rows): for
// each user the items it interacted with, in item order, each with a weight
// (a count, possibly decayed by age). Users and items are dense indices
// 0..users-1 and 0..items-1; the caller keeps the mapping to its own ids.
//
// Built once from a list of (user, item, weight) entries, duplicates summed;
// immutable after. Safe to read from several threads.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace luckyhub::recommend {

struct Interaction {
  int32_t user = 0;
  int32_t item = 0;
  double weight = 1;
};

class Interactions {
 public:
  Interactions() = default;
  // REQUIRES: every entry's user in [0, users) and item in [0, items), weight > 0.
  static Interactions from(int32_t users, int32_t items, std::vector<Interaction> entries);

  int32_t users() const { return users_; }
  int32_t items() const { return items_; }
  int64_t entries() const { return static_cast<int64_t>(item_.size()); }

  std::span<const int32_t> items_of(int32_t user) const {
    return {item_.data() + row_[user], static_cast<size_t>(row_[user + 1] - row_[user])};
  }
  std::span<const double> weights_of(int32_t user) const {
    return {weight_.data() + row_[user], static_cast<size_t>(row_[user + 1] - row_[user])};
  }
  bool has(int32_t user, int32_t item) const;

  // The item × user matrix of the same entries.
  Interactions transposed() const;

 private:
  int32_t users_ = 0, items_ = 0;
  std::vector<int64_t> row_{0};
  std::vector<int32_t> item_;
  std::vector<double> weight_;
};

}  // namespace luckyhub::recommend
