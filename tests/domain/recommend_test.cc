// The recommendation engine: Microsoft Recommenders' published ranking
// metrics vector, ALS's solves against the normal equations solved by hand,
// item-kNN's cosines counted by hand, and the time-based holdout.
#include <cmath>

#include <gtest/gtest.h>

#include "domain/recommend/als.h"
#include "domain/recommend/holdout.h"
#include "domain/recommend/ranking_metrics.h"
#include "domain/recommend/recommender.h"

namespace luckyhub::recommend {
namespace {

// Recommenders' python_evaluation test data: the test items per user and the
// scored predictions, ranked by score.
TEST(RankingMetrics, MicrosoftRecommendersVector) {
  const std::vector<UserRanking> users = {
      {{3, 10, 12}, {3, 1, 2}},
      {{10, 3, 5, 11, 13}, {1, 4, 5, 6, 7}},
      {{4, 10, 7, 13, 1, 3, 5, 2, 11, 14}, {2, 5, 6, 8, 9, 10, 11, 12, 13, 14}},
  };
  const RankingMetrics m = ranking_metrics(users, 10, 20);
  EXPECT_EQ(m.users, 3);
  EXPECT_NEAR(m.precision, 0.26666, 1e-5);
  EXPECT_NEAR(m.recall, 0.37777, 1e-5);
  EXPECT_NEAR(m.ndcg, 0.38172, 1e-5);
  EXPECT_NEAR(m.map, 0.23613, 1e-5);
  // Items ranked in anyone's top 10: 1 2 3 4 5 7 10 11 12 13 14.
  EXPECT_DOUBLE_EQ(m.coverage, 11.0 / 20);
}

TEST(RankingMetrics, CutsAtK) {
  // k = 1: only the first item counts; MAP divides by min(k, |relevant|) = 1.
  const RankingMetrics m = ranking_metrics({{{7, 3}, {3}}, {{4, 9}, {4, 9}}}, 1, 10);
  EXPECT_DOUBLE_EQ(m.precision, 0.5);
  EXPECT_DOUBLE_EQ(m.recall, 0.25);
  EXPECT_DOUBLE_EQ(m.map, 0.5);
  EXPECT_DOUBLE_EQ(m.ndcg, 0.5);
  EXPECT_DOUBLE_EQ(m.coverage, 0.2);
}

TEST(Interactions, SumsDuplicatesAndTransposes) {
  const Interactions m = Interactions::from(3, 4, {{2, 1, 1}, {0, 3, 2}, {0, 1, 1}, {0, 3, 0.5}});
  EXPECT_EQ(m.entries(), 3);
  ASSERT_EQ(m.items_of(0).size(), 2u);
  EXPECT_EQ(m.items_of(0)[0], 1);
  EXPECT_EQ(m.items_of(0)[1], 3);
  EXPECT_DOUBLE_EQ(m.weights_of(0)[1], 2.5);
  EXPECT_TRUE(m.items_of(1).empty());
  EXPECT_TRUE(m.has(2, 1));
  EXPECT_FALSE(m.has(2, 3));
  const Interactions t = m.transposed();
  EXPECT_EQ(t.users(), 4);
  ASSERT_EQ(t.items_of(1).size(), 2u);
  EXPECT_EQ(t.items_of(1)[0], 0);
  EXPECT_EQ(t.items_of(1)[1], 2);
  EXPECT_THROW(Interactions::from(1, 1, {{0, 1, 1}}), std::out_of_range);
}

// 2 × 2 equations by Cramer's rule.
std::pair<double, double> cramer(double a11, double a12, double a22, double b1, double b2) {
  const double det = a11 * a22 - a12 * a12;
  return {(b1 * a22 - a12 * b2) / det, (a11 * b2 - a12 * b1) / det};
}

// One user with items 0 (w 1) and 2 (w 3) against fixed item factors, 2
// factors, alpha 2, lambda 0.5, Hu, Koren & Volinsky's model (no bias, one
// λ). The normal equations written out:
//   A = YᵀY + λI + Σ α w_i y_i y_iᵀ,  b = Σ (1 + α w_i) y_i.
TEST(Als, SolvesTheNormalEquations) {
  const std::vector<double> y = {1.0, 0.5,  /* item 0 */ -0.3, 0.8, /* item 1 */ 0.2, -1.1 /* item 2 */};
  const double alpha = 2, lambda = 0.5;
  double a11 = lambda, a12 = 0, a22 = lambda;
  for (int i = 0; i < 3; ++i) {
    a11 += y[2 * i] * y[2 * i];
    a12 += y[2 * i] * y[2 * i + 1];
    a22 += y[2 * i + 1] * y[2 * i + 1];
  }
  const std::pair<int, double> items[] = {{0, 1.0}, {2, 3.0}};
  double b1 = 0, b2 = 0;
  for (auto [i, w] : items) {
    a11 += alpha * w * y[2 * i] * y[2 * i];
    a12 += alpha * w * y[2 * i] * y[2 * i + 1];
    a22 += alpha * w * y[2 * i + 1] * y[2 * i + 1];
    b1 += (1 + alpha * w) * y[2 * i];
    b2 += (1 + alpha * w) * y[2 * i + 1];
  }
  const auto [x1, x2] = cramer(a11, a12, a22, b1, b2);

  const Interactions m = Interactions::from(1, 3, {{0, 0, 1.0}, {0, 2, 3.0}});
  const AlsOptions o{.factors = 2, .item_bias = false, .regularization = lambda, .count_regularization = false,
                     .alpha = alpha};
  for (int cg_steps : {0, 2}) {  // exact, and CG (exact in 2 steps for 2 unknowns)
    std::vector<double> x = {0.1, -0.2};
    AlsOptions steps = o;
    steps.cg_steps = cg_steps;
    Als::solve_side(m, y, x, steps, Als::Side::kUsers);
    EXPECT_NEAR(x[0], x1, 1e-12) << cg_steps;
    EXPECT_NEAR(x[1], x2, 1e-12) << cg_steps;
  }
  std::vector<double> x = {0.1, -0.2};  // one CG step does not get there
  AlsOptions one_step = o;
  one_step.cg_steps = 1;
  Als::solve_side(m, y, x, one_step, Als::Side::kUsers);
  EXPECT_GT(std::abs(x[0] - x1) + std::abs(x[1] - x2), 1e-6);
}

// The same user with item biases b = (0.4, 0.1, -0.2) and λ times its 2
// entries: its bias column stays 1 and its factors solve
//   A = YᵀY + 2λI + Σ α w_i y_i y_iᵀ,
//   b = Σ_{i bought} (1 + α w_i)(1 − b_i) y_i − Σ_{i not bought} b_i y_i
// (the target p − b_i with confidence c_i, written out).
TEST(Als, SolvesTheUsersAgainstTheBiases) {
  const double bias[] = {0.4, 0.1, -0.2};
  const std::vector<double> y = {0.4, 1.0, 0.5, /* item 0 */ 0.1, -0.3, 0.8, /* item 1 */ -0.2, 0.2, -1.1 /* item 2 */};
  const double alpha = 2, lambda = 0.5, weight[] = {1.0, 0, 3.0};  // item 1 not bought
  double a11 = 2 * lambda, a12 = 0, a22 = 2 * lambda, b1 = 0, b2 = 0;
  for (int i = 0; i < 3; ++i) {
    const double c = 1 + alpha * weight[i], y1 = y[3 * i + 1], y2 = y[3 * i + 2];
    a11 += c * y1 * y1;
    a12 += c * y1 * y2;
    a22 += c * y2 * y2;
    const double target = weight[i] > 0 ? 1 - bias[i] : -bias[i];
    b1 += c * target * y1;
    b2 += c * target * y2;
  }
  const auto [x1, x2] = cramer(a11, a12, a22, b1, b2);
  const Interactions m = Interactions::from(1, 3, {{0, 0, 1.0}, {0, 2, 3.0}});
  std::vector<double> x = {1, 0.1, -0.2};
  Als::solve_side(m, y, x, {.factors = 2, .regularization = lambda, .alpha = alpha, .cg_steps = 0}, Als::Side::kUsers);
  EXPECT_EQ(x[0], 1);
  EXPECT_NEAR(x[1], x1, 1e-12);
  EXPECT_NEAR(x[2], x2, 1e-12);
}

// An item solves its bias with its factor: against users (1, x_u) with one
// latent factor, item bought by users 0 (w 2) and 2 (w 1) of three, λ times
// its 2 entries:
//   A = Σ_u c_u (1, x_u)(1, x_u)ᵀ + 2λI,  b = Σ_{u bought} c_u (1, x_u).
TEST(Als, SolvesAnItemsBiasAndFactor) {
  const std::vector<double> users = {1, 0.7, /* user 0 */ 1, -0.4, /* user 1 */ 1, 0.2 /* user 2 */};
  const double alpha = 2, lambda = 0.5, weight[] = {2.0, 0, 1.0};
  double a11 = 2 * lambda, a12 = 0, a22 = 2 * lambda, b1 = 0, b2 = 0;
  for (int u = 0; u < 3; ++u) {
    const double c = 1 + alpha * weight[u], xu = users[2 * u + 1];
    a11 += c;
    a12 += c * xu;
    a22 += c * xu * xu;
    if (weight[u] > 0) {
      b1 += c;
      b2 += c * xu;
    }
  }
  const auto [bias, factor] = cramer(a11, a12, a22, b1, b2);
  const Interactions by_item = Interactions::from(1, 3, {{0, 0, 2.0}, {0, 2, 1.0}});
  std::vector<double> item = {0, 0};
  Als::solve_side(by_item, users, item, {.factors = 1, .regularization = lambda, .alpha = alpha, .cg_steps = 0},
                  Als::Side::kItems);
  EXPECT_NEAR(item[0], bias, 1e-12);
  EXPECT_NEAR(item[1], factor, 1e-12);
}

// Two groups: users 0-3 have items 0-2, users 4-7 items 3-5, and users 3 and
// 7 each miss one item of their group.
Interactions two_groups() {
  std::vector<Interaction> e;
  for (int u = 0; u < 8; ++u) {
    const int base = u < 4 ? 0 : 3;
    for (int i = 0; i < 3; ++i) {
      if ((u == 3 || u == 7) && i == 2) continue;
      e.push_back({u, base + i, 1.0 + u % 2});
    }
  }
  return Interactions::from(8, 6, e);
}

TEST(Als, LearnsTheGroups) {
  const Interactions m = two_groups();
  const AlsOptions o{.factors = 4, .regularization = 0.05, .alpha = 5, .iterations = 10, .cg_steps = 0};
  const Als als(m, o);
  std::vector<double> s(6);
  als.score(3, s);
  EXPECT_EQ(top_k(s, m, 3, 1), std::vector<int32_t>{2});
  als.score(7, s);
  EXPECT_EQ(top_k(s, m, 7, 1), std::vector<int32_t>{5});
  // More iterations do not raise the loss; the model is the same whatever the
  // number of threads.
  AlsOptions longer = o;
  longer.iterations = 20;
  EXPECT_LE(Als(m, longer).loss(), als.loss() + 1e-9);
  AlsOptions one_thread = o;
  one_thread.threads = 1;
  const Als again(m, one_thread);
  for (int u = 0; u < 8; ++u) {
    for (int f = 0; f < 4; ++f) EXPECT_EQ(again.user_factors(u)[f], als.user_factors(u)[f]);
  }
}

// Before any iteration an item's bias is the share of users who have it, and
// its first factor its entry in the leading eigenvector of the covariance of
// the users' rows: the two groups' contrast, one sign for items 0-2 and the
// other for 3-5, of unit length.
TEST(Als, StartsFromTheSharesAndTheGroups) {
  const Interactions m = two_groups();
  const Als start(m, {.factors = 2, .iterations = 0});
  EXPECT_DOUBLE_EQ(start.item_bias(0), 0.5);
  EXPECT_DOUBLE_EQ(start.item_bias(2), 0.375);  // user 3 misses it
  EXPECT_DOUBLE_EQ(start.item_bias(5), 0.375);
  double norm = 0;
  for (int32_t i = 0; i < 6; ++i) {
    const double f = start.item_factors(i)[0];
    norm += f * f;
    EXPECT_GT(f * start.item_factors(i < 3 ? 0 : 3)[0], 0) << i;
  }
  EXPECT_LT(start.item_factors(0)[0] * start.item_factors(3)[0], 0);
  EXPECT_NEAR(norm, 1, 1e-12);
  EXPECT_EQ(start.user_factors(4)[0], 0);
}

TEST(ItemKnn, CosineCountedByHand) {
  const Interactions m = two_groups();
  const ItemKnn knn(m, 10, 2);
  // Items 0 and 2: users 0-3 have 0, users 0-2 have 2: 3 / √(4·3).
  const auto& n0 = knn.neighbours(0);
  ASSERT_EQ(n0.size(), 2u);
  EXPECT_EQ(n0[0].item, 1);
  EXPECT_DOUBLE_EQ(n0[0].similarity, 1.0);
  EXPECT_EQ(n0[1].item, 2);
  EXPECT_DOUBLE_EQ(n0[1].similarity, 3 / std::sqrt(12.0));
  std::vector<double> s(6);
  knn.score(3, s);  // user 3 has items 0 and 1, weight 2: log(3) each
  EXPECT_DOUBLE_EQ(s[2], 2 * std::log(3.0) * 3 / std::sqrt(12.0));
  EXPECT_EQ(s[4], 0);
  // One neighbour kept: ties go to the lower item.
  EXPECT_EQ(ItemKnn(m, 1, 1).neighbours(2)[0].item, 0);
}

TEST(Popularity, CountsUsers) {
  const Interactions m = two_groups();
  const Popularity pop(m);
  EXPECT_EQ(pop.users_per_item(), (std::vector<double>{4, 4, 3, 4, 4, 3}));
  std::vector<double> s(6);
  pop.score(0, s);
  // User 3 has 0 and 1: the best unseen are 3 and 4 (4 users), then 2 and 5.
  EXPECT_EQ(top_k(s, m, 3, 3), (std::vector<int32_t>{3, 4, 2}));
  const std::vector<uint8_t> allowed = {1, 1, 1, 0, 1, 1};
  EXPECT_EQ(top_k(s, m, 3, 2, allowed), (std::vector<int32_t>{4, 2}));
}

TEST(Content, CosineToTheProfile) {
  const Interactions m = Interactions::from(1, 3, {{0, 0, 1.0}});
  // Item 0 along x, item 1 along y, item 2 at 45°.
  const Content c(m, {2, 0, 0, 3, 1, 1}, 2);
  std::vector<double> s(3);
  c.score(0, s);
  EXPECT_DOUBLE_EQ(s[0], 1);
  EXPECT_DOUBLE_EQ(s[1], 0);
  EXPECT_NEAR(s[2], std::sqrt(0.5), 1e-15);
}

TEST(Holdout, HoldsOutTheLastTimeAndOnlyNewItems) {
  // User 0: day 1 items 0 1, day 5 items 1 2 (1 already had: not relevant).
  // User 1: one day only (all training). User 2: day 3 item 0, day 4 item 0.
  const std::vector<Event> events = {{0, 0, 1, 1}, {0, 1, 1, 1}, {0, 1, 1, 5}, {0, 2, 1, 5},
                                     {1, 3, 1, 2}, {2, 0, 1, 3}, {2, 0, 1, 4}};
  const Holdout h = time_holdout(3, 4, events);
  EXPECT_EQ(h.relevant[0], std::vector<int32_t>{2});
  EXPECT_TRUE(h.relevant[1].empty());
  EXPECT_TRUE(h.relevant[2].empty());
  EXPECT_TRUE(h.train.has(0, 1));
  EXPECT_FALSE(h.train.has(0, 2));
  EXPECT_TRUE(h.train.has(1, 3));
  EXPECT_DOUBLE_EQ(h.train.weights_of(2)[0], 1);  // day 4 held out, nothing new
  const Popularity pop(h.train);
  const RankingMetrics m = evaluate(pop, h.train, h.relevant, 2, 2);
  EXPECT_EQ(m.users, 1);
  // User 0's unseen: 3 (user 1 has it) before 2 (no one in training): the
  // hit is second, NDCG 1/log2(3).
  EXPECT_DOUBLE_EQ(m.precision, 0.5);
  EXPECT_DOUBLE_EQ(m.ndcg, 1 / std::log2(3.0));
}

}  // namespace
}  // namespace luckyhub::recommend
