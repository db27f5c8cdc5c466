#include "domain/recommend/holdout.h"

#include <algorithm>
#include <limits>

#include "domain/recommend/parallel.h"

namespace luckyhub::recommend {

Holdout time_holdout(int32_t users, int32_t items, const std::vector<Event>& events) {
  std::vector<int64_t> last(static_cast<size_t>(users), std::numeric_limits<int64_t>::min());
  std::vector<int64_t> first(static_cast<size_t>(users), std::numeric_limits<int64_t>::max());
  for (const Event& e : events) {
    last[e.user] = std::max(last[e.user], e.time);
    first[e.user] = std::min(first[e.user], e.time);
  }
  std::vector<Interaction> train;
  train.reserve(events.size());
  for (const Event& e : events) {
    const bool held_out = e.time == last[e.user] && first[e.user] < last[e.user];
    if (!held_out) train.push_back({e.user, e.item, e.weight});
  }
  Holdout h{Interactions::from(users, items, std::move(train)), std::vector<std::vector<int32_t>>(users)};
  for (const Event& e : events) {
    if (e.time == last[e.user] && first[e.user] < last[e.user] && !h.train.has(e.user, e.item)) {
      h.relevant[e.user].push_back(e.item);
    }
  }
  for (std::vector<int32_t>& r : h.relevant) {
    std::sort(r.begin(), r.end());
    r.erase(std::unique(r.begin(), r.end()), r.end());
  }
  return h;
}

RankingMetrics evaluate(const Recommender& model, const Interactions& train,
                        const std::vector<std::vector<int32_t>>& relevant, int k, int threads) {
  std::vector<int32_t> evaluated;
  for (int32_t u = 0; u < static_cast<int32_t>(relevant.size()); ++u) {
    if (!relevant[u].empty()) evaluated.push_back(u);
  }
  std::vector<UserRanking> rankings(evaluated.size());
  parallel_ranges(static_cast<int64_t>(evaluated.size()), threads, [&](int64_t begin, int64_t end) {
    std::vector<double> scores(static_cast<size_t>(train.items()));
    for (int64_t n = begin; n < end; ++n) {
      const int32_t u = evaluated[n];
      model.score(u, scores);
      rankings[n] = {top_k(scores, train, u, k), relevant[u]};
    }
  });
  return ranking_metrics(rankings, k, train.items());
}

}  // namespace luckyhub::recommend
