// The recommendations report's uses of the factor space: lookalike
// customers of a seed segment, and a store's menu from the stores whose
// customers are most like its own.
#include <algorithm>
#include <cmath>
#include <map>

#include "report/cells.h"
#include "tools/recommendations/recommendations_panels.h"

namespace luckyhub::recommendations {
namespace {

constexpr int kSimilarStores = 2;
constexpr int kMenuWindowDays = 90;
constexpr int kMenuProducts = 15;

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

Panel store_menu_panel(const Data& data, const Models& m, int64_t shop_id) {
  const auto at = std::lower_bound(data.stores.begin(), data.stores.end(), shop_id);
  if (at == data.stores.end() || *at != shop_id) {
    return {.id = "store_menu", .title = "Menu for store " + std::to_string(shop_id), .kind = PanelKind::kText,
            .text = "No purchases at store " + std::to_string(shop_id) + " in this warehouse."};
  }
  const int32_t store = static_cast<int32_t>(at - data.stores.begin());
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
  like.resize(std::min<size_t>(like.size(), kSimilarStores));

  const int32_t from = data.as_of.days - kMenuWindowDays;
  std::vector<double> theirs(data.products.size(), 0.0), own(data.products.size(), 0.0);
  double their_total = 0, own_total = 0;
  for (const Purchase& p : data.purchases) {
    if (p.day < from) continue;
    const bool similar = std::any_of(like.begin(), like.end(), [&](const auto& l) { return l.second == p.store; });
    const double units = static_cast<double>(p.units);
    if (similar) {
      theirs[p.item] += units;
      their_total += units;
    }
    if (p.store == store) {
      own[p.item] += units;
      own_total += units;
    }
  }
  std::vector<int32_t> order(data.products.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = static_cast<int32_t>(i);
  std::stable_sort(order.begin(), order.end(), [&](int32_t a, int32_t b) { return theirs[a] > theirs[b]; });

  std::string names;
  for (const auto& [similarity, s] : like) {
    names += (names.empty() ? "" : ", ") + std::to_string(data.stores[s]) + " (cosine " +
             std::to_string(std::round(similarity * 1000) / 1000).substr(0, 5) + ")";
  }
  Panel p{.id = "store_menu", .title = "Menu for store " + std::to_string(shop_id) + " from the stores most like it",
          .kind = PanelKind::kTable};
  p.description = "Stores whose customers are most like this store's (cosine of the mean of their home customers' ALS "
                  "factors): " + names + ". Their best sellers of the last 90 days, with the share they take there "
                  "and here; a product that sells there and not here is one to highlight.";
  p.table.columns = {{"product", "Product"}, {"category", "Category"}, {"share_similar", "Share in the similar stores", ValueType::kRate},
                     {"share_here", "Share here", ValueType::kRate}, {"gap", "Gap", ValueType::kRate}};
  for (int r = 0; r < kMenuProducts && r < static_cast<int>(order.size()); ++r) {
    const int32_t i = order[r];
    if (theirs[i] <= 0) break;
    const double there = theirs[i] / their_total, here = own_total > 0 ? own[i] / own_total : 0;
    p.table.rows.push_back({data.products[i].name, data.products[i].category, rate_cell(there), rate_cell(here),
                            rate_cell(there - here)});
  }
  return p;
}

}  // namespace luckyhub::recommendations
