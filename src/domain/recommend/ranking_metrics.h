// Top-k ranking metrics, as Microsoft Recommenders defines them
// (recommenders.evaluation.python_evaluation), averaged over the users that
// have both a ranking and at least one relevant item:
//   precision@k = hits in the top k / k
//   recall@k    = hits in the top k / |relevant|
//   NDCG@k      = Σ_{hits at rank r (1-based) ≤ k} 1/log2(r + 1)
//                 / Σ_{r=1..min(k, |relevant|)} 1/log2(r + 1)
//   MAP@k       = Σ_{hits at rank r ≤ k} (hits up to r / r) / min(k, |relevant|)
// and catalogue coverage = distinct items in any user's top k / items.
#pragma once

#include <cstdint>
#include <vector>

namespace luckyhub::recommend {

struct UserRanking {
  std::vector<int32_t> ranked;    // best first; only the first k are read
  std::vector<int32_t> relevant;  // the held-out items, any order
};

struct RankingMetrics {
  int64_t users = 0;  // users averaged over
  double precision = 0, recall = 0, ndcg = 0, map = 0;
  double coverage = 0;  // 0 when `items` is 0
};

RankingMetrics ranking_metrics(const std::vector<UserRanking>& users, int k, int32_t items);

}  // namespace luckyhub::recommend
