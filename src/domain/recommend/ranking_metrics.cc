#include "domain/recommend/ranking_metrics.h"

#include <algorithm>
#include <cmath>
#include <unordered_set>

namespace luckyhub::recommend {

RankingMetrics ranking_metrics(const std::vector<UserRanking>& users, int k, int32_t items) {
  RankingMetrics m;
  std::unordered_set<int32_t> shown;
  for (const UserRanking& u : users) {
    const size_t top = std::min<size_t>(static_cast<size_t>(k), u.ranked.size());
    for (size_t r = 0; r < top; ++r) shown.insert(u.ranked[r]);
    if (u.relevant.empty() || u.ranked.empty()) continue;
    const std::unordered_set<int32_t> relevant(u.relevant.begin(), u.relevant.end());
    double hits = 0, dcg = 0, precision_sum = 0;
    for (size_t r = 0; r < top; ++r) {
      if (!relevant.count(u.ranked[r])) continue;
      hits += 1;
      dcg += 1 / std::log2(static_cast<double>(r) + 2);
      precision_sum += hits / static_cast<double>(r + 1);
    }
    const size_t ideal = std::min<size_t>(static_cast<size_t>(k), relevant.size());
    double idcg = 0;
    for (size_t r = 0; r < ideal; ++r) idcg += 1 / std::log2(static_cast<double>(r) + 2);
    m.users += 1;
    m.precision += hits / k;
    m.recall += hits / static_cast<double>(relevant.size());
    m.ndcg += dcg / idcg;
    m.map += precision_sum / static_cast<double>(ideal);
  }
  if (m.users > 0) {
    const double n = static_cast<double>(m.users);
    m.precision /= n;
    m.recall /= n;
    m.ndcg /= n;
    m.map /= n;
  }
  m.coverage = items > 0 ? static_cast<double>(shown.size()) / items : 0;
  return m;
}

}  // namespace luckyhub::recommend
