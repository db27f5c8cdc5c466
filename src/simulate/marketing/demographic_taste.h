// Demographics that follow taste: the gender and age range a customer's
// profile gives are drawn through a Gaussian copula on their planted taste
// (sales/tastes.h), so that t_user_profile carries what a recommender can
// use for a customer with little history. Younger customers lean iced
// (age range against the iced factor, rho -0.8); women lean sweet (female
// against male on the sweet factor, rho 0.6). Unknown ages and genders and
// "other" keep the profile's own draw and share, and the marginal shares of
// every age range and gender are those of the plain draw.
//
// Recorded in the manifest as `demographic_taste` (one item per link).
#pragma once

#include <array>

#include "simulate/context.h"
#include "simulate/random.h"

namespace luckyhub::sim {

// `u` is the profile's uniform draw of the field (its stream stays as it
// was); `noise` draws the copula's own normal.
int gender_from_taste(double u, const std::array<float, 3>& taste, Rng& noise);
int age_range_from_taste(double u, const std::array<float, 3>& taste, Rng& noise);

// Declares `demographic_taste` in the manifest.
void describe_demographic_taste(SimContext& ctx);

}  // namespace luckyhub::sim
