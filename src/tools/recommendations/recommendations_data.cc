// The recommendations tool's reads and parameters: the catalogue's products
// and every customer's purchases from the derived table.
#include <algorithm>
#include <cmath>
#include <map>
#include <tuple>
#include <unordered_map>

#include "core/error.h"
#include "tools/param_options.h"
#include "tools/recommendations/recommendations.h"
#include "tools/recommendations/recommendations_tables.h"
#include "warehouse/derived_table.h"

namespace luckyhub::recommendations {

std::vector<ParamSpec> recommendation_params() {
  return {
      {.name = "k", .type = ParamType::kInt, .default_value = "10",
       .description = "the cut-off of the ranking metrics and the length of a customer's list", .min = 1, .max = 50,
       .label = "Ranking cut-off k (and list length)"},
      {.name = "half_life_days", .type = ParamType::kInt, .default_value = "90",
       .description = "a purchase's weight halves every this many days before the as-of date", .min = 7, .max = 3650,
       .label = "Purchase weight half-life (days)"},
      {.name = "factors", .type = ParamType::kInt, .default_value = "3",
       .description = "ALS latent factors, besides each product's bias", .min = 1, .max = 64,
       .label = "ALS latent factors"},
      {.name = "neighbours", .type = ParamType::kInt, .default_value = "20",
       .description = "item-kNN: the most similar products each product keeps", .min = 1, .max = 200,
       .label = "Similar products kept (item-kNN)"},
      {.name = "min_history", .type = ParamType::kInt, .default_value = "3",
       .description = "days of purchases before the last that a customer needs to be evaluated", .min = 1, .max = 100,
       .label = "History needed to evaluate (days)"},
      {.name = "seed_product", .type = ParamType::kInt, .default_value = "0",
       .description = "lookalikes: the spu_id whose buyers are the seed segment (0: none)", .min = 0, .max = 1e15,
       .label = "Lookalikes of the buyers of", .options = param_options::products},
      {.name = "lookalikes", .type = ParamType::kInt, .default_value = "100",
       .description = "how many lookalike customers to list", .min = 1, .max = 100000,
       .label = "Lookalikes listed"},
      {.name = "store", .type = ParamType::kInt, .default_value = "0",
       .description = "the store (shop_id) whose menu to suggest from the stores most like it (0: none)",
       .min = 0, .max = 1e15,
       .label = "Menu suggestions for store", .options = param_options::stores},
      {.name = "served_horizon_days", .type = ParamType::kInt, .default_value = "7",
       .description = "served lists: the days after a list within which the customer's next purchase counts",
       .min = 1, .max = 60, .label = "Served list followed within (days)"},
      {.name = "user", .type = ParamType::kText, .default_value = "",
       .description = "a customer's user_no: their taste profile and next recommendations",
       .allowed_chars = "0123456789",
       .label = "Customer's taste profile (customer number)"},
  };
}

namespace {

// Beyond this many factors the report's ALS solves by 3 CG steps: at 16 they
// already take less time than a Cholesky per row (bench/recommend.sh's file,
// scale 0.1: 0.58 s against 0.74 s; at 48, 0.94 s against 5.6 s).
constexpr int kExactFactors = 8;

}  // namespace

Settings settings_of(const Params& params) {
  Settings s;
  s.k = static_cast<int>(params.integer("k"));
  s.half_life_days = static_cast<int>(params.integer("half_life_days"));
  s.neighbours = static_cast<int>(params.integer("neighbours"));
  s.min_history = static_cast<int>(params.integer("min_history"));
  s.als.factors = static_cast<int>(params.integer("factors"));
  // Exact solves up to kExactFactors, conjugate gradient beyond (als.h).
  s.als.cg_steps = s.als.factors > kExactFactors ? 3 : 0;
  return s;
}

int season_of(Date day) {
  const int m = day.month();
  return m == 12 || m <= 2 ? 0 : m <= 5 ? 1 : m <= 8 ? 2 : 3;
}

namespace {

std::vector<Product> read_products(Warehouse& wh) {
  std::vector<Product> out;
  for (const Row row : wh.query("SELECT id AS spu_id, commodity_name, category, sugar_level, default_temperature,"
                                " calories, caffeine_mg, status FROM scm_commodity__t_commodity_base_info"
                                " WHERE tenant = 'LKUS' ORDER BY id")) {
    out.push_back({.spu_id = row.integer("spu_id"), .name = row.text("commodity_name"), .category = row.text("category"),
                   .sugar_level = static_cast<int>(row.integer("sugar_level")),
                   .temperature = static_cast<int>(row.integer("default_temperature")),
                   .calories = row.integer("calories"), .caffeine_mg = row.integer("caffeine_mg"),
                   .retired = row.integer("status") == 3});
  }
  return out;
}

template <typename Id>
int32_t index_of(const std::vector<Id>& sorted, const Id& id) {
  return static_cast<int32_t>(std::lower_bound(sorted.begin(), sorted.end(), id) - sorted.begin());
}

// Each customer's features (Data::features) from t_user_profile and t_user_state.
std::vector<Features> read_features(Warehouse& wh, const std::vector<std::string>& users) {
  std::vector<Features> out(users.size(), Features{-1, -1, -1, -1});
  const auto user_of = [&](const std::string& user_no) -> Features* {
    const auto at = std::lower_bound(users.begin(), users.end(), user_no);
    return at != users.end() && *at == user_no ? &out[static_cast<size_t>(at - users.begin())] : nullptr;
  };
  // A warehouse without a table (a tiny one, a partial sync) leaves its features unknown.
  if (!wh.has_table("sales_crm__t_user_profile") || !wh.has_table("isales_cdp__t_user_state")) return out;
  for (const Row row : wh.query("SELECT user_no, age_range, gender FROM sales_crm__t_user_profile WHERE tenant = 'LKUS'")) {
    if (Features* f = user_of(row.text("user_no"))) {
      const int64_t age = row.integer("age_range"), gender = row.integer("gender");
      (*f)[0] = static_cast<int8_t>(age >= 1 && age <= 6 ? age : -1);
      (*f)[1] = static_cast<int8_t>(gender >= 1 && gender <= 3 ? gender : -1);
    }
  }
  static const std::map<std::string, int8_t> kLevels = {{"FREQ_LOW", 0}, {"FREQ_MID", 1}, {"FREQ_HIGH", 2},
                                                        {"VALUE_LOW", 0}, {"VALUE_MID", 1}, {"VALUE_HIGH", 2}};
  for (const Row row : wh.query("SELECT user_no, state_type, state_code FROM isales_cdp__t_user_state"
                                " WHERE tenant = 'LKUS' AND state_type IN (2, 3)")) {
    const auto level = kLevels.find(row.text("state_code"));
    Features* f = user_of(row.text("user_no"));
    if (f != nullptr && level != kLevels.end()) (*f)[row.integer("state_type") == 2 ? 2 : 3] = level->second;
  }
  return out;
}

}  // namespace

Data read_data(Warehouse& wh) {
  Data d;
  const std::string as_of = wh.meta("as_of");
  if (as_of.empty()) throw Error("warehouse " + wh.location() + " records no as-of date");
  d.as_of = Date::parse(as_of);
  d.products = read_products(wh);
  std::vector<int64_t> spu_ids;
  for (const Product& p : d.products) spu_ids.push_back(p.spu_id);

  struct RawPurchase {
    std::string user_no;
    int64_t spu_id, shop_id;
    int32_t day;
    int64_t units, cents;
  };
  std::vector<RawPurchase> raw;
  const Query from = derived_from(wh, kUserItemDays);
  for (const Row row : wh.query("SELECT d.user_no AS user_no, d.spu_id AS spu_id, d.shop_id AS shop_id, d.day AS day,"
                                " d.units AS units, d.cents AS cents FROM " + from.sql + " d",
                                from.params)) {
    const int64_t spu = row.integer("spu_id");
    if (!std::binary_search(spu_ids.begin(), spu_ids.end(), spu)) continue;  // not in the catalogue
    raw.push_back({row.text("user_no"), spu, row.integer("shop_id"), Date::parse(row.text("day")).days,
                   row.integer("units"), row.integer("cents")});
  }
  for (const RawPurchase& r : raw) {
    d.users.push_back(r.user_no);
    d.stores.push_back(r.shop_id);
  }
  std::sort(d.users.begin(), d.users.end());
  d.users.erase(std::unique(d.users.begin(), d.users.end()), d.users.end());
  std::sort(d.stores.begin(), d.stores.end());
  d.stores.erase(std::unique(d.stores.begin(), d.stores.end()), d.stores.end());
  std::unordered_map<std::string, int32_t> user_index;
  for (size_t u = 0; u < d.users.size(); ++u) user_index.emplace(d.users[u], static_cast<int32_t>(u));
  d.purchases.reserve(raw.size());
  for (const RawPurchase& r : raw) {
    d.purchases.push_back({user_index.at(r.user_no), index_of(spu_ids, r.spu_id), index_of(d.stores, r.shop_id), r.day,
                           r.units, r.cents});
  }
  std::sort(d.purchases.begin(), d.purchases.end(), [](const Purchase& a, const Purchase& b) {
    return std::tie(a.user, a.day, a.item, a.store) < std::tie(b.user, b.day, b.item, b.store);
  });
  // Each customer's home store: the most units, the lowest shop_id on a tie.
  d.home_store.assign(d.users.size(), 0);
  std::map<int32_t, int64_t> units;
  for (size_t i = 0; i < d.purchases.size(); ++i) {
    const Purchase& p = d.purchases[i];
    units[p.store] += p.units;
    if (i + 1 == d.purchases.size() || d.purchases[i + 1].user != p.user) {
      int64_t best = -1;
      for (const auto& [store, n] : units) {
        if (n > best) {
          best = n;
          d.home_store[p.user] = store;
        }
      }
      units.clear();
    }
  }
  d.features = read_features(wh, d.users);
  return d;
}

std::vector<recommend::Event> events_of(const Data& data, const Settings& settings, Date until) {
  std::vector<recommend::Event> out;
  out.reserve(data.purchases.size());
  for (const Purchase& p : data.purchases) {
    const double age = static_cast<double>(until.days - p.day);
    out.push_back({p.user, p.item, static_cast<double>(p.units) * std::exp2(-age / settings.half_life_days), p.day});
  }
  return out;
}

}  // namespace luckyhub::recommendations
