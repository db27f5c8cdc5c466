// Implicit-feedback matrix factorisation by alternating least squares (Hu,
// Koren & Volinsky, "Collaborative Filtering for Implicit Feedback
// Datasets", 2008), with a bias per item and the regularisation scaled by
// each row's count of entries. Each entry w_ui of the matrix becomes a
// preference p_ui = 1 with confidence c_ui = 1 + alpha · w_ui; absent
// entries are p = 0 with confidence 1. A score is
//   s_ui = b_i + x_u·y_i
// (`factors` latent factors, and the item bias b_i when `item_bias`; it is
// held as a first user factor fixed at 1, whose item factor is b_i; a user
// outside the training matrix scores the biases alone). ALS
// minimises
//   Σ_{u,i} c_ui (p_ui − s_ui)² + λ (Σ_u n_u |x_u|² + Σ_i n_i (|y_i|² + b_i²))
// with n_u, n_i the entries of the row (at least 1) when
// `count_regularization` (the weighted-λ of Zhou et al. 2008, as Spark's ALS
// does), else 1. It solves, in turn, every user's factors with the items'
// fixed and every item's with the users' fixed; for a user
//   (YᵀY + Σ_{i∈u} (c_ui − 1) y_i y_iᵀ + λ n_u I) x_u = Σ_i c_ui (p_ui − b_i) y_i,
// each exactly (Cholesky) when cg_steps is 0, else by `cg_steps`
// conjugate-gradient steps from the previous solution (as the `implicit`
// library does). A row costs the Cholesky about k² per entry plus k³/3, and
// CG 2k per entry per step: with a few factors the exact solve is the
// cheaper (3 factors: half the time at scale 1), with tens CG is.
//
// Why the bias and the counts (docs/tools/recommendations.md): without a
// bias an item's popularity lives only in the length of its factors, and a
// user's solve, through (YᵀY)⁻¹, discounts exactly those directions, so a
// customer with few purchases gets the best sellers ranked down; and with a
// fixed λ the factors' lengths rebalance with the number of users, so the
// same λ regularises users less the more users there are.
//
// The start is spectral, not random: each item's bias is the share of users
// who have it, and its latent factors its entries in the `factors` leading
// eigenvectors (unit length) of the covariance of the users' have-or-not
// rows — their co-occurrence per user less the product of the shares
// (without a bias, the co-occurrence alone); users start at 0 (and their
// bias at 1). From random factors the regularisation holds the latent
// factors near 0 for a while, longer or shorter by the draw: after 15
// iterations from N(0, 0.01²), or 30 from N(0, 0.1²), two seeds' models still
// differed (their lookalikes too); from the spectral start 10 to 15 reach the
// optimum. Users and items are split into contiguous ranges over `threads`:
// the result depends neither on the number of threads nor on any seed.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "domain/recommend/recommender.h"

namespace luckyhub::recommend {

struct AlsOptions {
  int factors = 3;  // latent factors, besides the item bias
  bool item_bias = true;
  double regularization = 2;  // λ
  bool count_regularization = true;  // λ times each row's entries
  double alpha = 10;
  int iterations = 15;
  int cg_steps = 0;  // 0: exact solves
  int threads = 2;
};

class Als final : public Recommender {
 public:
  Als(const Interactions& train, const AlsOptions& options);
  void score(int32_t user, std::span<double> scores) const override;

  // The latent factors (not the bias).
  int factors() const { return factors_; }
  std::span<const double> user_factors(int32_t user) const {
    return {users_.data() + static_cast<size_t>(user) * width_ + bias_, static_cast<size_t>(factors_)};
  }
  std::span<const double> item_factors(int32_t item) const {
    return {items_.data() + static_cast<size_t>(item) * width_ + bias_, static_cast<size_t>(factors_)};
  }
  // b_i; 0 without item_bias.
  double item_bias(int32_t item) const { return bias_ ? items_[static_cast<size_t>(item) * width_] : 0; }
  // The loss above at the end of training.
  double loss() const { return loss_; }

  // One half-step, exposed for tests. Rows are row-major with the bias
  // column first when options.item_bias. kUsers solves every user's row of
  // `solve` (its bias column stays 1) against the items' `fixed`, for the
  // rows of `matrix` (users × items); kItems every item's row against the
  // users', `matrix` being items × users.
  enum class Side { kUsers, kItems };
  static void solve_side(const Interactions& matrix, std::span<const double> fixed, std::span<double> solve,
                         const AlsOptions& options, Side side);

 private:
  int factors_;
  int bias_;   // 1 with item_bias: the bias column comes first
  int width_;  // bias_ + factors_
  int32_t items_count_;
  std::vector<double> users_, items_;  // row-major, width_ columns
  double loss_ = 0;
};

}  // namespace luckyhub::recommend
