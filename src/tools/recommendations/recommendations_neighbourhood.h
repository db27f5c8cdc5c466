// A new store's neighbourhood by demographics (Tool 11's new-store menu): who
// lives around a store that has sold nothing yet, which stores with purchases
// serve customers most like them, and what customers like them buy.
//
// A customer's demographic cell is its age_range (1-6) and gender (1 male,
// 2 female, 3 other) of t_user_profile: 18 cells; a customer with either
// unknown has none and is left out. The neighbourhood of a new store is the
// customers whose profile gives its postal code (t_user_profile.zip_code =
// t_shop_info.zip_code): the finest place of residence the warehouse holds.
// A store's mix is its home customers (Data::home_store: the store of most
// units) counted per cell. Two mixes are compared by the cosine of their
// count vectors, which is the cosine of their shares: 1 for the same shares
// whatever the sizes, 0 for no cell in common.
#pragma once

#include <array>
#include <vector>

#include "tools/recommendations/recommendations.h"

namespace luckyhub::recommendations {

inline constexpr int kAgeRanges = 6, kGenders = 3;
inline constexpr int kDemographicCells = kAgeRanges * kGenders;
using DemographicMix = std::array<double, kDemographicCells>;

// The cell of (age_range, gender): (age_range - 1) * 3 + gender - 1; -1 when
// either is out of 1-6 and 1-3 (unknown).
int demographic_cell(int age_range, int gender);
int demographic_cell(const Features& features);
// "18-24, female": a cell as a person reads it.
std::string demographic_cell_label(int cell);

// Per store of data.stores, its home customers' counts per cell.
std::vector<DemographicMix> store_mixes(const Data& data);

// The cosine of two mixes; 0 when either is empty.
double mix_cosine(const DemographicMix& a, const DemographicMix& b);

// The customers a mix counts.
double mix_total(const DemographicMix& mix);

// Post-stratification to the neighbourhood: the weight of a customer in cell
// c, (neighbourhood_c / neighbourhood) / (customers_c / customers), so that
// the customers weighted have the neighbourhood's mix; 0 for a cell without
// customers (its residents have no one to stand for them).
DemographicMix cell_weights(const DemographicMix& neighbourhood, const DemographicMix& customers);

}  // namespace luckyhub::recommendations
