// Implicit-feedback matrix factorisation by alternating least squares (Hu,
// Koren & Volinsky, "Collaborative Filtering for Implicit Feedback
// Datasets", 2008). Each entry w_ui of the matrix becomes a preference
// p_ui = 1 with confidence c_ui = 1 + alpha · w_ui; absent entries are
// p = 0 with confidence 1. It minimises
//   Σ_{u,i} c_ui (p_ui − x_u·y_i)² + λ (Σ_u |x_u|² + Σ_i |y_i|²)
// by solving, in turn, every user's factors with the items' fixed and every
// item's with the users' fixed:
//   (YᵀY + Σ_{i∈u} (c_ui − 1) y_i y_iᵀ + λI) x_u = Σ_{i∈u} c_ui y_i,
// each by `cg_steps` conjugate-gradient steps from the previous x_u (as the
// `implicit` library does), or exactly (Cholesky) when cg_steps is 0.
// Factors start N(0, 0.01²) from `seed`; users and items are split into
// contiguous ranges over `threads`, so the result does not depend on the
// number of threads. A score is x_u·y_i.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "domain/recommend/recommender.h"

namespace luckyhub::recommend {

struct AlsOptions {
  int factors = 8;
  double regularization = 0.5;
  double alpha = 2;
  int iterations = 15;
  int cg_steps = 3;  // 0: exact solves
  uint64_t seed = 42;
  int threads = 2;
};

class Als final : public Recommender {
 public:
  Als(const Interactions& train, const AlsOptions& options);
  void score(int32_t user, std::span<double> scores) const override;

  int factors() const { return factors_; }
  std::span<const double> user_factors(int32_t user) const {
    return {users_.data() + static_cast<size_t>(user) * factors_, static_cast<size_t>(factors_)};
  }
  std::span<const double> item_factors(int32_t item) const {
    return {items_.data() + static_cast<size_t>(item) * factors_, static_cast<size_t>(factors_)};
  }
  // The loss above at the end of training.
  double loss() const { return loss_; }

  // One half-step, exposed for tests: solves every row of `solve` (users ×
  // factors, row-major) against the fixed `fixed` (items × factors) for the
  // rows of `matrix`.
  static void solve_side(const Interactions& matrix, std::span<const double> fixed, std::span<double> solve,
                         const AlsOptions& options);

 private:
  int factors_;
  int32_t items_count_;
  std::vector<double> users_, items_;  // row-major
  double loss_ = 0;
};

}  // namespace luckyhub::recommend
