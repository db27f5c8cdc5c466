// The recommenders of the recommendations tool and `luckyhub model
// recommend`, each trained on an Interactions matrix and scoring every item
// for a user (higher is better):
//   - Popularity: the number of users who have the item (the baseline);
//   - ItemKnn: item-item cosine over the users who have both,
//     sim(i, j) = |U_i ∩ U_j| / √(|U_i| |U_j|), each item j keeping its
//     `neighbours` most similar; a user's score for i is
//     Σ_{j the user has, i kept by j} sim(i, j) · log(1 + w_uj);
//   - Content: cosine between an item's attribute vector and the user's
//     profile, the weighted mean of the attribute vectors of its items;
//   - Als (als.h): implicit-feedback matrix factorisation.
// Training is deterministic; a trained model is read-only and safe to score
// from several threads.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "domain/recommend/interactions.h"

namespace luckyhub::recommend {

class Recommender {
 public:
  virtual ~Recommender() = default;
  // REQUIRES: scores.size() == items of the training matrix.
  virtual void score(int32_t user, std::span<double> scores) const = 0;
};

// The k best items by score, best first, leaving out those the user has in
// `seen` and (when `allowed` is not empty) those with allowed[i] == 0; ties
// go to the lower item index.
std::vector<int32_t> top_k(std::span<const double> scores, const Interactions& seen, int32_t user, int k,
                           std::span<const uint8_t> allowed = {});

class Popularity final : public Recommender {
 public:
  explicit Popularity(const Interactions& train);
  void score(int32_t user, std::span<double> scores) const override;
  const std::vector<double>& users_per_item() const { return users_; }

 private:
  std::vector<double> users_;
};

class ItemKnn final : public Recommender {
 public:
  ItemKnn(const Interactions& train, int neighbours, int threads);
  void score(int32_t user, std::span<double> scores) const override;
  // Item i's kept neighbours, most similar first (ties to the lower index).
  struct Neighbour {
    int32_t item;
    double similarity;
  };
  const std::vector<Neighbour>& neighbours(int32_t item) const { return neighbours_[item]; }

 private:
  const Interactions& train_;
  std::vector<std::vector<Neighbour>> neighbours_;
};

class Content final : public Recommender {
 public:
  // features: items × dimensions, row-major.
  Content(const Interactions& train, std::vector<double> features, int dimensions);
  void score(int32_t user, std::span<double> scores) const override;

 private:
  const Interactions& train_;
  std::vector<double> features_;  // each row scaled to unit length
  int dimensions_;
};

}  // namespace luckyhub::recommend
