#include "simulate/marketing/demographic_taste.h"

#include <cmath>

#include "domain/distributions.h"

namespace luckyhub::sim {
namespace {

constexpr double kAgeIced = -0.8, kGenderSweet = 0.6;

// A uniform in [0, 1) correlated `rho` (as normals) with `factor`.
double copula(double factor, double rho, Rng& noise) {
  return distributions::normal_cdf(rho * factor + std::sqrt(1 - rho * rho) * noise.normal());
}

}  // namespace

int gender_from_taste(double u, const std::array<float, 3>& taste, Rng& noise) {
  // Shares: 0 unknown 0.12, 1 male 0.43, 2 female 0.42, 3 other 0.03.
  if (u < 0.12) return 0;
  if (u >= 0.97) return 3;
  return copula(taste[1], kGenderSweet, noise) < 0.43 / 0.85 ? 1 : 2;
}

int age_range_from_taste(double u, const std::array<float, 3>& taste, Rng& noise) {
  // Shares: 0 unknown 0.15, then 1 under 18 … 6 55 and over: students and young professionals.
  static const double kKnown[] = {0.02, 0.28, 0.33, 0.13, 0.06, 0.03};
  if (u < 0.15) return 0;
  double v = copula(taste[0], kAgeIced, noise) * 0.85;
  int age = 1;
  while (age < 6 && v >= kKnown[age - 1]) v -= kKnown[age++ - 1];
  return age;
}

void describe_demographic_taste(SimContext& ctx) {
  ctx.truth.describe(
      "demographic_taste", "luckyus_sales_crm.t_user_profile",
      "gender and age_range drawn through a Gaussian copula on the customer's planted taste "
      "(customer_taste): age range against iced, female against male on sweet; marginal shares "
      "unchanged");
  ctx.truth.add_item("demographic_taste",
                     {{"field", "age_range"}, {"taste", "iced"}, {"rho", kAgeIced}});
  ctx.truth.add_item("demographic_taste",
                     {{"field", "gender"}, {"taste", "sweet"}, {"rho", kGenderSweet}});
}

}  // namespace luckyhub::sim
