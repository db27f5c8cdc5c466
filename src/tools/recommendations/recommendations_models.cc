// The recommendations tool's models: training on the purchases, the
// store-and-season popularity baseline, the blend, and the evaluation of
// every model on each customer's last day.
#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <numeric>

#include "tools/recommendations/recommendations.h"
#include "tools/recommendations/recommendations_cold_start.h"

namespace luckyhub::recommendations {
namespace {

constexpr int kMenuDays = 28;
constexpr int kSeasons = 4;
// The blend's weights on the standardised scores, and on the season's lift.
constexpr double kBlendPopularity = 1.0, kBlendAls = 0.4, kBlendKnn = 0.4, kBlendContent = 0.4, kBlendSeason = 1.0;

// Category one-hot, sugar level / 3, iced, hot, calories / 600, caffeine / 300.
std::vector<double> content_features(const std::vector<Product>& products, int& dimensions) {
  std::vector<std::string> categories;
  for (const Product& p : products) categories.push_back(p.category);
  std::sort(categories.begin(), categories.end());
  categories.erase(std::unique(categories.begin(), categories.end()), categories.end());
  dimensions = static_cast<int>(categories.size()) + 5;
  std::vector<double> f;
  for (const Product& p : products) {
    for (const std::string& c : categories) f.push_back(c == p.category ? 1 : 0);
    f.push_back(p.sugar_level / 3.0);
    f.push_back(p.temperature == 2 ? 1 : 0);
    f.push_back(p.temperature == 1 ? 1 : 0);
    f.push_back(static_cast<double>(p.calories) / 600);
    f.push_back(static_cast<double>(p.caffeine_mg) / 300);
  }
  return f;
}

}  // namespace

void standardise(std::span<double> s) {
  const double n = static_cast<double>(s.size());
  const double mean = std::accumulate(s.begin(), s.end(), 0.0) / n;
  double var = 0;
  for (double v : s) var += (v - mean) * (v - mean);
  const double sd = std::sqrt(var / n);
  for (double& v : s) v = sd > 0 ? (v - mean) / sd : 0;
}

Models::Models(const Data& data, const Settings& settings, recommend::Interactions train,
               const std::function<bool(const Purchase&)>& in_training)
    : train_(std::move(train)),
      stores_(static_cast<int32_t>(data.stores.size())),
      items_(static_cast<int32_t>(data.products.size())) {
  popularity_ = std::make_unique<recommend::Popularity>(train_);
  knn_ = std::make_unique<recommend::ItemKnn>(train_, settings.neighbours, settings.als.threads);
  als_ = std::make_unique<recommend::Als>(train_, settings.als);
  int dimensions = 0;
  std::vector<double> features = content_features(data.products, dimensions);
  content_ = std::make_unique<recommend::Content>(train_, std::move(features), dimensions);

  store_season_.assign(static_cast<size_t>(stores_) * kSeasons * items_, 0.0);
  season_.assign(static_cast<size_t>(kSeasons) * items_, 0.0);
  for (const Purchase& p : data.purchases) {
    if (!in_training(p)) continue;
    const int season = season_of(Date{p.day});
    store_season_[(static_cast<size_t>(p.store) * kSeasons + season) * items_ + p.item] += static_cast<double>(p.units);
    season_[static_cast<size_t>(season) * items_ + p.item] += static_cast<double>(p.units);
  }
  const double all = std::accumulate(season_.begin(), season_.end(), 0.0);
  lift_.assign(season_.size(), 0.0);
  for (int s = 0; s < kSeasons; ++s) {
    const auto row = season_.begin() + static_cast<std::ptrdiff_t>(s) * items_;
    const double season_all = std::accumulate(row, row + items_, 0.0);
    for (int32_t i = 0; i < items_; ++i) {
      double item_all = 0;
      for (int t = 0; t < kSeasons; ++t) item_all += season_[static_cast<size_t>(t) * items_ + i];
      if (season_all > 0 && all > 0) {
        lift_[static_cast<size_t>(s) * items_ + i] = std::log((row[i] + 1) / (item_all + 1) * all / season_all);
      }
    }
  }
}

double Models::store_season_units(int32_t store, int season, int32_t item) const {
  return store_season_[(static_cast<size_t>(store) * kSeasons + season) * items_ + item];
}

double Models::season_lift(int season, int32_t item) const {
  return lift_[static_cast<size_t>(season) * items_ + item];
}

StoreMenus::StoreMenus(const Data& data)
    : items_(static_cast<int32_t>(data.products.size())),
      sold_days_(data.stores.size(), std::vector<std::vector<int32_t>>(data.products.size())) {
  for (const Purchase& p : data.purchases) sold_days_[p.store][p.item].push_back(p.day);
  for (auto& store : sold_days_) {
    for (auto& days : store) {
      std::sort(days.begin(), days.end());
      days.erase(std::unique(days.begin(), days.end()), days.end());
    }
  }
}

std::vector<uint8_t> StoreMenus::allowed(int32_t store, int32_t day) const {
  std::vector<uint8_t> out(static_cast<size_t>(items_), 0);
  bool any = false;
  for (int32_t i = 0; i < items_; ++i) {
    const std::vector<int32_t>& days = sold_days_[store][i];
    const auto it = std::lower_bound(days.begin(), days.end(), day - kMenuDays);
    out[i] = it != days.end() && *it < day;
    any = any || out[i];
  }
  if (!any) std::fill(out.begin(), out.end(), 1);
  return out;
}

void blend_scores(const Models& m, int32_t user, Date day, const std::vector<uint8_t>& allowed,
                  std::span<double> scores) {
  const size_t n = scores.size();
  std::vector<double> popularity(n), als(n), knn(n), content(n);
  for (size_t i = 0; i < n; ++i) popularity[i] = std::log1p(m.popularity().users_per_item()[i]);
  m.als().score(user, als);
  m.item_knn().score(user, knn);
  m.content().score(user, content);
  standardise(popularity);
  standardise(als);
  standardise(knn);
  standardise(content);
  const int season = season_of(day);
  for (size_t i = 0; i < n; ++i) {
    scores[i] = allowed[i] ? kBlendPopularity * popularity[i] + kBlendAls * als[i] + kBlendKnn * knn[i] + kBlendContent * content[i] +
                                 kBlendSeason * m.season_lift(season, static_cast<int32_t>(i))
                           : -HUGE_VAL;
  }
}

Serving train_serving(const Data& data, const Settings& settings) {
  const std::vector<recommend::Event> events = events_of(data, settings, data.as_of);
  std::vector<recommend::Interaction> entries;
  entries.reserve(events.size());
  for (const recommend::Event& e : events) entries.push_back({e.user, e.item, e.weight});
  Serving s;
  s.models = std::make_unique<Models>(
      data, settings,
      recommend::Interactions::from(static_cast<int32_t>(data.users.size()),
                                    static_cast<int32_t>(data.products.size()), std::move(entries)),
      [](const Purchase&) { return true; });
  s.menus = std::make_unique<StoreMenus>(data);
  return s;
}

Evaluation evaluate_models(const Data& data, const Settings& settings) {
  const int32_t users = static_cast<int32_t>(data.users.size());
  const int32_t items = static_cast<int32_t>(data.products.size());
  recommend::Holdout h = recommend::time_holdout(users, items, events_of(data, settings, data.as_of));
  std::vector<int32_t> first(static_cast<size_t>(users), INT32_MAX), last(static_cast<size_t>(users), INT32_MIN);
  for (const Purchase& p : data.purchases) {
    first[p.user] = std::min(first[p.user], p.day);
    last[p.user] = std::max(last[p.user], p.day);
  }
  const auto in_training = [&](const Purchase& p) { return !(p.day == last[p.user] && first[p.user] < last[p.user]); };
  // Customers with fewer training days than min_history are not evaluated.
  std::vector<int32_t> training_days(static_cast<size_t>(users), 0);
  for (size_t i = 0; i < data.purchases.size(); ++i) {
    const Purchase& p = data.purchases[i];
    const bool new_day = i == 0 || data.purchases[i - 1].user != p.user || data.purchases[i - 1].day != p.day;
    if (new_day && in_training(p)) training_days[p.user] += 1;
  }
  std::vector<std::vector<int32_t>> cold(static_cast<size_t>(users));
  for (int32_t u = 0; u < users; ++u) {
    if (training_days[u] >= 1 && training_days[u] <= kColdDays) cold[u] = h.relevant[u];
    if (training_days[u] < settings.min_history) h.relevant[u].clear();
  }
  const Models m(data, settings, std::move(h.train), in_training);
  const StoreMenus menus(data);

  Evaluation out{.customers = users, .products = items, .purchases = static_cast<int64_t>(data.purchases.size())};
  std::vector<uint8_t> bought(static_cast<size_t>(items), 0);
  for (const Purchase& p : data.purchases) bought[p.item] = 1;
  out.products_bought = std::count(bought.begin(), bought.end(), 1);
  const auto run = [&](std::string model, std::string definition, const recommend::Recommender& r) {
    out.models.push_back({std::move(model), std::move(definition),
                          recommend::evaluate(r, m.train(), h.relevant, settings.k, settings.als.threads)});
  };
  run("popularity", "customers who bought the product", m.popularity());
  const ScoredBy store_season([&](int32_t u, std::span<double> s) {
    const int season = season_of(Date{last[u]});
    for (int32_t i = 0; i < items; ++i) s[i] = m.store_season_units(data.home_store[u], season, i);
  });
  run("popularity_store_season", "units sold at the customer's store in the season of the day", store_season);
  run("item_knn", "item-item cosine over customers, from what the customer bought", m.item_knn());
  run("als", "implicit matrix factorisation with product biases (ALS)", m.als());
  run("content", "cosine of product attributes to the customer's profile", m.content());
  const ScoredBy blend([&](int32_t u, std::span<double> s) {
    blend_scores(m, u, Date{last[u]}, menus.allowed(data.home_store[u], last[u]), s);
  });
  run("blend", "ALS, item-kNN and content standardised, plus the season's lift, over the store's menu", blend);
  out.cold_models = evaluate_cold_start(data, settings, m, blend, cold);
  return out;
}

}  // namespace luckyhub::recommendations
