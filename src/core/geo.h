// Distances on the earth between two points given in degrees of latitude and
// longitude (as t_shop_info holds them).
#pragma once

#include <algorithm>
#include <cmath>

namespace luckyhub {

// Great-circle distance by the haversine formula, earth radius 6371 km.
inline double haversine_km(double lat_a, double lon_a, double lat_b, double lon_b) {
  constexpr double kRad = 3.14159265358979323846 / 180.0;
  const double dlat = (lat_b - lat_a) * kRad, dlon = (lon_b - lon_a) * kRad;
  const double h =
      std::sin(dlat / 2) * std::sin(dlat / 2) +
      std::cos(lat_a * kRad) * std::cos(lat_b * kRad) * std::sin(dlon / 2) * std::sin(dlon / 2);
  return 2 * 6371.0 * std::asin(std::min(1.0, std::sqrt(h)));
}

}  // namespace luckyhub
