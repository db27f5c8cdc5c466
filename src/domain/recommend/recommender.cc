#include "domain/recommend/recommender.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "domain/recommend/parallel.h"

namespace luckyhub::recommend {

std::vector<int32_t> top_k(std::span<const double> scores, const Interactions& seen, int32_t user, int k,
                           std::span<const uint8_t> allowed) {
  std::vector<int32_t> candidates;
  candidates.reserve(scores.size());
  for (int32_t i = 0; i < static_cast<int32_t>(scores.size()); ++i) {
    if (!allowed.empty() && !allowed[i]) continue;
    if (user < seen.users() && seen.has(user, i)) continue;
    candidates.push_back(i);
  }
  const auto better = [&](int32_t a, int32_t b) { return scores[a] != scores[b] ? scores[a] > scores[b] : a < b; };
  const size_t top = std::min<size_t>(static_cast<size_t>(std::max(k, 0)), candidates.size());
  std::partial_sort(candidates.begin(), candidates.begin() + static_cast<std::ptrdiff_t>(top), candidates.end(),
                    better);
  candidates.resize(top);
  return candidates;
}

Popularity::Popularity(const Interactions& train) : users_(static_cast<size_t>(train.items()), 0.0) {
  for (int32_t u = 0; u < train.users(); ++u) {
    for (int32_t i : train.items_of(u)) users_[i] += 1;
  }
}

void Popularity::score(int32_t, std::span<double> scores) const { std::copy(users_.begin(), users_.end(), scores.begin()); }

ItemKnn::ItemKnn(const Interactions& train, int neighbours, int threads)
    : train_(train), neighbours_(static_cast<size_t>(train.items())) {
  const Interactions by_item = train.transposed();
  std::vector<double> norm(static_cast<size_t>(train.items()));
  for (int32_t i = 0; i < train.items(); ++i) norm[i] = std::sqrt(static_cast<double>(by_item.items_of(i).size()));
  parallel_ranges(train.items(), threads, [&](int64_t begin, int64_t end) {
    std::vector<double> common(static_cast<size_t>(train.items()), 0.0);
    std::vector<int32_t> touched;
    for (int64_t i = begin; i < end; ++i) {
      touched.clear();
      for (int32_t u : by_item.items_of(static_cast<int32_t>(i))) {
        for (int32_t j : train.items_of(u)) {
          if (j == i) continue;
          if (common[j] == 0) touched.push_back(j);
          common[j] += 1;
        }
      }
      std::vector<Neighbour>& kept = neighbours_[i];
      for (int32_t j : touched) {
        kept.push_back({j, common[j] / (norm[i] * norm[j])});
        common[j] = 0;
      }
      const auto closer = [](const Neighbour& a, const Neighbour& b) {
        return a.similarity != b.similarity ? a.similarity > b.similarity : a.item < b.item;
      };
      const size_t keep = std::min<size_t>(static_cast<size_t>(neighbours), kept.size());
      std::partial_sort(kept.begin(), kept.begin() + static_cast<std::ptrdiff_t>(keep), kept.end(), closer);
      kept.resize(keep);
    }
  });
}

void ItemKnn::score(int32_t user, std::span<double> scores) const {
  std::fill(scores.begin(), scores.end(), 0.0);
  if (user >= train_.users()) return;
  const std::span<const int32_t> items = train_.items_of(user);
  const std::span<const double> weights = train_.weights_of(user);
  // Each of the user's items lends its kept neighbours its similarity.
  for (size_t e = 0; e < items.size(); ++e) {
    const double w = std::log1p(weights[e]);
    for (const Neighbour& n : neighbours_[items[e]]) scores[n.item] += n.similarity * w;
  }
}

Content::Content(const Interactions& train, std::vector<double> features, int dimensions)
    : train_(train), features_(std::move(features)), dimensions_(dimensions) {
  for (size_t row = 0; row + static_cast<size_t>(dimensions_) <= features_.size(); row += dimensions_) {
    double norm = 0;
    for (int d = 0; d < dimensions_; ++d) norm += features_[row + d] * features_[row + d];
    norm = std::sqrt(norm);
    if (norm > 0) {
      for (int d = 0; d < dimensions_; ++d) features_[row + d] /= norm;
    }
  }
}

void Content::score(int32_t user, std::span<double> scores) const {
  std::fill(scores.begin(), scores.end(), 0.0);
  if (user >= train_.users()) return;
  std::vector<double> profile(static_cast<size_t>(dimensions_), 0.0);
  const std::span<const int32_t> items = train_.items_of(user);
  const std::span<const double> weights = train_.weights_of(user);
  for (size_t e = 0; e < items.size(); ++e) {
    for (int d = 0; d < dimensions_; ++d) profile[d] += weights[e] * features_[items[e] * dimensions_ + d];
  }
  const double norm = std::sqrt(std::inner_product(profile.begin(), profile.end(), profile.begin(), 0.0));
  if (norm == 0) return;
  for (size_t i = 0; i < scores.size(); ++i) {
    double dot = 0;
    for (int d = 0; d < dimensions_; ++d) dot += profile[d] * features_[i * dimensions_ + d];
    scores[i] = dot / norm;
  }
}

}  // namespace luckyhub::recommend
