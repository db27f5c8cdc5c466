#include "domain/recommend/interactions.h"

#include <algorithm>
#include <stdexcept>

namespace luckyhub::recommend {

Interactions Interactions::from(int32_t users, int32_t items, std::vector<Interaction> entries) {
  std::sort(entries.begin(), entries.end(), [](const Interaction& a, const Interaction& b) {
    return a.user != b.user ? a.user < b.user : a.item < b.item;
  });
  Interactions m;
  m.users_ = users;
  m.items_ = items;
  m.row_.assign(static_cast<size_t>(users) + 1, 0);
  int32_t last_user = -1, last_item = -1;
  for (const Interaction& e : entries) {
    if (e.user < 0 || e.user >= users || e.item < 0 || e.item >= items) {
      throw std::out_of_range("recommend: an interaction outside the matrix");
    }
    if (e.user == last_user && e.item == last_item) {
      m.weight_.back() += e.weight;  // the same (user, item) again
      continue;
    }
    m.item_.push_back(e.item);
    m.weight_.push_back(e.weight);
    m.row_[e.user + 1] += 1;
    last_user = e.user;
    last_item = e.item;
  }
  for (size_t u = 1; u < m.row_.size(); ++u) m.row_[u] += m.row_[u - 1];
  return m;
}

bool Interactions::has(int32_t user, int32_t item) const {
  const std::span<const int32_t> row = items_of(user);
  return std::binary_search(row.begin(), row.end(), item);
}

Interactions Interactions::transposed() const {
  std::vector<Interaction> entries;
  entries.reserve(item_.size());
  for (int32_t u = 0; u < users_; ++u) {
    for (int64_t e = row_[u]; e < row_[u + 1]; ++e) entries.push_back({item_[e], u, weight_[e]});
  }
  return from(items_, users_, std::move(entries));
}

}  // namespace luckyhub::recommend
