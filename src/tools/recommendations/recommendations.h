// The recommendations tool (Tool 11): the interaction matrix of what each
// customer bought, read from the derived table kUserItemDays, and the models
// of domain/recommend trained on it, evaluated side by side on a time
// holdout, plus the blend that serves: ALS, item-kNN and content scores
// standardised per customer, plus the season's lift of each product, over
// the products the customer's store sold in the 28 days before.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/calendar.h"
#include "domain/recommend/als.h"
#include "domain/recommend/holdout.h"
#include "tools/registry.h"
#include "warehouse/warehouse.h"

namespace luckyhub::recommendations {

struct Product {
  int64_t spu_id = 0;
  std::string name, category;
  int sugar_level = 0;
  int temperature = 0;  // default_temperature: 1 hot, 2 iced, 0 not a drink
  int64_t calories = 0, caffeine_mg = 0;
  bool retired = false;
};

// A customer's purchases of one product at one store on one day.
struct Purchase {
  int32_t user = 0, item = 0, store = 0;
  int32_t day = 0;  // Date::days
  int64_t units = 0, cents = 0;
};

// A customer's demographic and CDP features (recommendations_cold_start.h):
// age_range 1-6 and gender 1-3 of t_user_profile, the purchase-frequency
// and monetary-value segments of t_user_state (0 low, 1 mid, 2 high); -1
// where unknown (0 in the profile, no row).
inline constexpr int kFeatures = 4;
inline constexpr std::array<int, kFeatures> kFeatureValues = {7, 4, 3, 3};
using Features = std::array<int8_t, kFeatures>;

struct Data {
  Date as_of;
  std::vector<Product> products;     // by spu_id
  std::vector<std::string> users;    // user_no, sorted
  std::vector<int64_t> stores;       // shop_id, sorted
  std::vector<Purchase> purchases;   // by user, day, item, store
  std::vector<int32_t> home_store;   // per user: the store of most units (lowest shop_id on a tie)
  std::vector<Features> features;    // per user
};

struct Settings {
  int k = 10;
  int half_life_days = 90;
  int neighbours = 20;
  int min_history = 3;  // training days a customer needs to be evaluated
  recommend::AlsOptions als;
};

Settings settings_of(const Params& params);
std::vector<ParamSpec> recommendation_params();
Data read_data(Warehouse& wh);

// Four seasons: 0 winter (Dec-Feb), 1 spring, 2 summer (Jun-Aug), 3 autumn.
int season_of(Date day);

// Every model trained on one set of purchases (before a cut-off), with what
// the blend needs.
class Models {
 public:
  // `train` is the interaction matrix (events_of, less any holdout);
  // `in_training` says which purchases it holds, for the store and season
  // counts.
  Models(const Data& data, const Settings& settings, recommend::Interactions train,
         const std::function<bool(const Purchase&)>& in_training);

  const recommend::Interactions& train() const { return train_; }
  const recommend::Popularity& popularity() const { return *popularity_; }
  const recommend::ItemKnn& item_knn() const { return *knn_; }
  const recommend::Als& als() const { return *als_; }
  const recommend::Content& content() const { return *content_; }

  // Per store and season, the training units of each product (the
  // store-and-season popularity baseline).
  double store_season_units(int32_t store, int season, int32_t item) const;
  // log((units of the item in the season + 1) / (all its units + 1) × all units / the season's units).
  double season_lift(int season, int32_t item) const;

 private:
  recommend::Interactions train_;
  std::unique_ptr<recommend::Popularity> popularity_;
  std::unique_ptr<recommend::ItemKnn> knn_;
  std::unique_ptr<recommend::Als> als_;
  std::unique_ptr<recommend::Content> content_;
  int32_t stores_ = 0, items_ = 0;
  std::vector<double> store_season_;  // [store][season][item]
  std::vector<double> season_;        // [season][item]: units
  std::vector<double> lift_;          // [season][item]: season_lift
};

// What each store sold, to leave out of a customer's list what its store
// does not sell.
class StoreMenus {
 public:
  explicit StoreMenus(const Data& data);
  // 1 for the products `store` sold in [day - 28, day - 1]; every product
  // when it sold none then (a store that just opened).
  std::vector<uint8_t> allowed(int32_t store, int32_t day) const;

 private:
  int32_t items_ = 0;
  std::vector<std::vector<std::vector<int32_t>>> sold_days_;  // [store][item]: sorted days
};

// What a customer bought, by kind: drinks (hot or iced), iced ones, sugar
// level × units, drinks with 100 mg of caffeine or more, units per category.
struct TasteProfile {
  int64_t units = 0, drink_units = 0, iced_units = 0, sugar_units = 0, caffeinated_units = 0;
  std::map<std::string, int64_t> categories;
};
TasteProfile taste_profile(const Data& data, int32_t user);

// Why the blend recommends `item` to `user`: "because you bought X" (the
// bought product most like it by item-kNN), else "in season" (a season lift
// above 0.05), else "popular at your store".
std::string reason_for(const Data& data, const Models& m, int32_t user, int32_t item, int season);

// The recommenders the report compares, by name.
struct Evaluated {
  std::string model, definition;
  recommend::RankingMetrics metrics;
};

struct Evaluation {
  int64_t customers = 0, products = 0, purchases = 0;
  int64_t products_bought = 0;  // catalogue products someone bought
  std::vector<Evaluated> models;
  // Customers with 1 to kColdDays training days (recommendations_cold_start.h).
  std::vector<Evaluated> cold_models;
};

// A recommender from a scoring function.
class ScoredBy final : public recommend::Recommender {
 public:
  explicit ScoredBy(std::function<void(int32_t, std::span<double>)> fn) : fn_(std::move(fn)) {}
  void score(int32_t user, std::span<double> scores) const override { fn_(user, scores); }

 private:
  std::function<void(int32_t, std::span<double>)> fn_;
};

// Scores rescaled to mean 0 and standard deviation 1 (all 0 when constant).
void standardise(std::span<double> s);

Evaluation evaluate_models(const Data& data, const Settings& settings);

// The blend's scores for `user` on `day`: items outside `allowed` get -inf.
void blend_scores(const Models& m, int32_t user, Date day, const std::vector<uint8_t>& allowed,
                  std::span<double> scores);

// Trained on every purchase, as of the as-of date: what the profile and the
// serving endpoint answer from.
struct Serving {
  std::unique_ptr<Models> models;
  std::unique_ptr<StoreMenus> menus;
};
Serving train_serving(const Data& data, const Settings& settings);

// The events of `data`: user, item, decayed units (half-life from `until`), day.
std::vector<recommend::Event> events_of(const Data& data, const Settings& settings, Date until);

}  // namespace luckyhub::recommendations
