// The recommendations report's uses of the factor space: lookalike
// customers of a seed segment, and the stores whose customers are most like
// a store's own (for its menu, recommendations_store_menu.cc).
#include <algorithm>
#include <cmath>

#include "tools/recommendations/recommendations_panels.h"

namespace luckyhub::recommendations {
namespace {

std::vector<double> unit_factors(const recommend::Als& als, int32_t user) {
  const std::span<const double> f = als.user_factors(user);
  std::vector<double> v(f.begin(), f.end());
  double norm = 0;
  for (double x : v) norm += x * x;
  norm = std::sqrt(norm);
  for (double& x : v) x = norm > 0 ? x / norm : 0;
  return v;
}

double cosine(const std::vector<double>& a, const std::vector<double>& b) {
  double dot = 0, na = 0, nb = 0;
  for (size_t i = 0; i < a.size(); ++i) {
    dot += a[i] * b[i];
    na += a[i] * a[i];
    nb += b[i] * b[i];
  }
  return na > 0 && nb > 0 ? dot / std::sqrt(na * nb) : 0;
}

int32_t product_index(const Data& data, int64_t spu_id) {
  for (size_t i = 0; i < data.products.size(); ++i) {
    if (data.products[i].spu_id == spu_id) return static_cast<int32_t>(i);
  }
  return -1;
}

}  // namespace

Panel lookalikes_panel(const Data& data, const Models& m, int64_t spu_id, int count) {
  const int32_t item = product_index(data, spu_id);
  if (item < 0) {
    return {.id = "lookalikes", .title = "Lookalike customers", .kind = PanelKind::kText,
            .text = "No product " + std::to_string(spu_id) + " in the catalogue."};
  }
  const recommend::Interactions& train = m.train();
  std::vector<double> centre(static_cast<size_t>(m.als().factors()), 0.0);
  int64_t buyers = 0;
  for (int32_t u = 0; u < train.users(); ++u) {
    if (!train.has(u, item)) continue;
    const std::vector<double> f = unit_factors(m.als(), u);
    for (size_t k = 0; k < f.size(); ++k) centre[k] += f[k];
    ++buyers;
  }
  std::vector<std::pair<double, int32_t>> near;
  for (int32_t u = 0; u < train.users() && buyers > 0; ++u) {
    if (!train.has(u, item)) near.push_back({cosine(unit_factors(m.als(), u), centre), u});
  }
  const size_t top = std::min(near.size(), static_cast<size_t>(count));
  std::partial_sort(near.begin(), near.begin() + static_cast<std::ptrdiff_t>(top), near.end(),
                    [](const auto& a, const auto& b) { return a.first != b.first ? a.first > b.first : a.second < b.second; });
  Panel p{.id = "lookalikes", .title = "Customers like the buyers of " + data.products[item].name, .kind = PanelKind::kTable};
  p.description = std::to_string(buyers) + " customers bought it. Those who have not, nearest the buyers in ALS's factor "
                  "space: the cosine of a customer's factors to the mean of the buyers' (each scaled to length 1). "
                  "Download the list as CSV for a campaign.";
  p.table.columns = {{"user_no", "Customer"}, {"similarity", "Cosine to the buyers", ValueType::kNumber},
                     {"home_store", "Home store", ValueType::kInt}};
  for (size_t r = 0; r < top; ++r) {
    const int32_t u = near[r].second;
    p.table.rows.push_back({data.users[u], std::round(near[r].first * 10000) / 10000, data.stores[data.home_store[u]]});
  }
  return p;
}

std::vector<SimilarStore> stores_like_by_customers(const Data& data, const Models& m, int32_t store, int count) {
  const size_t n_stores = data.stores.size(), factors = static_cast<size_t>(m.als().factors());
  std::vector<std::vector<double>> mix(n_stores, std::vector<double>(factors, 0.0));
  for (int32_t u = 0; u < static_cast<int32_t>(data.users.size()); ++u) {
    const std::vector<double> f = unit_factors(m.als(), u);
    for (size_t k = 0; k < factors; ++k) mix[data.home_store[u]][k] += f[k];
  }
  std::vector<std::pair<double, int32_t>> like;
  for (int32_t s = 0; s < static_cast<int32_t>(n_stores); ++s) {
    if (s != store) like.push_back({cosine(mix[s], mix[store]), s});
  }
  std::sort(like.begin(), like.end(), [](const auto& a, const auto& b) { return a.first != b.first ? a.first > b.first : a.second < b.second; });
  like.resize(std::min<size_t>(like.size(), static_cast<size_t>(count)));
  std::vector<SimilarStore> out;
  for (const auto& [similarity, s] : like) {
    out.push_back({s, "cosine " + std::to_string(std::round(similarity * 1000) / 1000).substr(0, 5)});
  }
  return out;
}

}  // namespace luckyhub::recommendations
