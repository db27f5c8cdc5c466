#include "tools/recommendations/recommendations_neighbourhood.h"

#include <cmath>

namespace luckyhub::recommendations {

int demographic_cell(int age_range, int gender) {
  if (age_range < 1 || age_range > kAgeRanges || gender < 1 || gender > kGenders) return -1;
  return (age_range - 1) * kGenders + (gender - 1);
}

int demographic_cell(const Features& features) {
  return demographic_cell(features[0], features[1]);
}

std::string demographic_cell_label(int cell) {
  static const char* const kAges[kAgeRanges] = {"under 18", "18-24", "25-34",
                                                "35-44",    "45-54", "55+"};
  static const char* const kGenderNames[kGenders] = {"male", "female", "other"};
  return std::string(kAges[cell / kGenders]) + ", " + kGenderNames[cell % kGenders];
}

std::vector<DemographicMix> store_mixes(const Data& data) {
  std::vector<DemographicMix> out(data.stores.size(), DemographicMix{});
  for (size_t u = 0; u < data.users.size(); ++u) {
    const int cell = demographic_cell(data.features[u]);
    if (cell >= 0) out[static_cast<size_t>(data.home_store[u])][static_cast<size_t>(cell)] += 1;
  }
  return out;
}

double mix_cosine(const DemographicMix& a, const DemographicMix& b) {
  double ab = 0, aa = 0, bb = 0;
  for (int c = 0; c < kDemographicCells; ++c) {
    ab += a[c] * b[c];
    aa += a[c] * a[c];
    bb += b[c] * b[c];
  }
  return aa > 0 && bb > 0 ? ab / std::sqrt(aa * bb) : 0;
}

double mix_total(const DemographicMix& mix) {
  double total = 0;
  for (const double v : mix) total += v;
  return total;
}

DemographicMix cell_weights(const DemographicMix& neighbourhood, const DemographicMix& customers) {
  DemographicMix out{};
  const double n = mix_total(neighbourhood), f = mix_total(customers);
  if (n <= 0 || f <= 0) return out;
  for (int c = 0; c < kDemographicCells; ++c) {
    if (customers[c] > 0) out[c] = (neighbourhood[c] / n) / (customers[c] / f);
  }
  return out;
}

}  // namespace luckyhub::recommendations
