// Offline evaluation on a time-based holdout. Each user's last time (its
// last order) is held out; the rest, and every user with a single time, is
// the training matrix. A held-out user's relevant items are the items of its
// last time that it does not have in training: a recommender ranks only the
// items a user has not had, so an item it already had could never be a hit.
// Users whose last time brings nothing new are not evaluated.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "domain/recommend/interactions.h"
#include "domain/recommend/ranking_metrics.h"
#include "domain/recommend/recommender.h"

namespace luckyhub::recommend {

struct Event {
  int32_t user = 0;
  int32_t item = 0;
  double weight = 1;
  int64_t time = 0;  // any increasing unit: a day number, seconds
};

struct Holdout {
  Interactions train;
  std::vector<std::vector<int32_t>> relevant;  // per user, sorted; empty = not evaluated
};

Holdout time_holdout(int32_t users, int32_t items, const std::vector<Event>& events);

// The model's top k for every user with relevant items (leaving out what it
// has in `train`), scored by ranking_metrics.
RankingMetrics evaluate(const Recommender& model, const Interactions& train,
                        const std::vector<std::vector<int32_t>>& relevant, int k, int threads);

}  // namespace luckyhub::recommend
