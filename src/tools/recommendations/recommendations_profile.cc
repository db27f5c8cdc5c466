// The recommendations report's panels on the trained models: a customer's
// taste profile and next products with their reason, what customers buy
// together, and the iced share of drinks by month.
#include <algorithm>
#include <cmath>
#include <map>

#include "domain/customer_days.h"
#include "report/cells.h"
#include "tools/recommendations/recommendations_panels.h"
#include "warehouse/derived_table.h"

namespace luckyhub::recommendations {
namespace {

constexpr double kInSeason = 0.05;  // a season lift above this is "in season"

}  // namespace

std::string reason_for(const Data& data, const Models& m, int32_t user, int32_t item, int season) {
  double best = 0;
  int32_t because = -1;
  for (int32_t j : m.train().items_of(user)) {
    for (const recommend::ItemKnn::Neighbour& n : m.item_knn().neighbours(j)) {
      if (n.item == item && n.similarity > best) {
        best = n.similarity;
        because = j;
      }
    }
  }
  if (because >= 0) return "because you bought " + data.products[because].name;
  if (m.season_lift(season, item) > kInSeason) return "in season";
  return "popular at your store";
}

TasteProfile taste_profile(const Data& data, int32_t user) {
  TasteProfile t;
  const auto first = std::lower_bound(data.purchases.begin(), data.purchases.end(), user,
                                      [](const Purchase& p, int32_t u) { return p.user < u; });
  for (auto it = first; it != data.purchases.end() && it->user == user; ++it) {
    const Product& p = data.products[it->item];
    t.units += it->units;
    t.categories[p.category] += it->units;
    if (p.temperature == 0) continue;
    t.drink_units += it->units;
    t.iced_units += p.temperature == 2 ? it->units : 0;
    t.sugar_units += p.sugar_level * it->units;
    t.caffeinated_units += p.caffeine_mg >= 100 ? it->units : 0;
  }
  return t;
}

std::vector<Panel> profile_panels(Warehouse& wh, const Data& data, const Serving& serving, const Settings& settings,
                                  const std::string& user_no) {
  const auto at = std::lower_bound(data.users.begin(), data.users.end(), user_no);
  if (at == data.users.end() || *at != user_no) {
    return {Panel{.id = "profile", .title = "Customer " + user_no, .kind = PanelKind::kText,
                  .text = "No paid purchases by customer " + user_no + " in this warehouse."}};
  }
  const int32_t user = static_cast<int32_t>(at - data.users.begin());
  const TasteProfile t = taste_profile(data, user);
  const Query days = derived_from(wh, customers::kCustomerDay);
  Query q{"SELECT SUM(d.orders) AS orders, SUM(d.cents) AS cents FROM " + days.sql + " d WHERE d.user_no = ?",
          days.params};
  q.params.push_back(user_no);
  int64_t orders = 0, cents = 0;
  for (const Row row : wh.query(q.sql, q.params)) {
    orders = row.is_null("orders") ? 0 : row.integer("orders");
    cents = row.is_null("cents") ? 0 : row.integer("cents");
  }
  std::string favourite;
  int64_t most = -1;
  for (const auto& [category, units] : t.categories) {
    if (units > most) {
      most = units;
      favourite = category;
    }
  }
  const auto share = [](int64_t a, int64_t b) { return b > 0 ? std::optional<double>(static_cast<double>(a) / b) : std::nullopt; };

  Panel kpis{.id = "profile", .title = "Customer " + user_no, .kind = PanelKind::kKpis};
  kpis.kpis = {
      {"orders", "Paid orders", orders, ValueType::kInt},
      {"average_spend", "Average order", orders > 0 ? Cell{static_cast<int64_t>(std::llround(static_cast<double>(cents) / orders))} : Cell{},
       ValueType::kMoney, "USD"},
      {"iced_share", "Iced, of drinks", rate_cell(share(t.iced_units, t.drink_units)), ValueType::kRate},
      {"sugar", "Sugar preference", t.drink_units > 0 ? number_cell(static_cast<double>(t.sugar_units) / static_cast<double>(t.drink_units)) : Cell{},
       ValueType::kNumber, "", "of 3", Status::kNone, "mean sugar level of the drinks bought (0 none to 3 extra)"},
      {"caffeinated_share", "Strong, of drinks", rate_cell(share(t.caffeinated_units, t.drink_units)), ValueType::kRate,
       "", "", Status::kNone, "drinks of 100 mg caffeine or more"},
      {"favourite_category", "Favourite category", favourite, ValueType::kText},
      {"home_store", "Home store", data.stores[data.home_store[user]], ValueType::kInt, "", "", Status::kNone,
       "the store of most of the customer's units"},
  };

  Panel categories{.id = "profile_categories", .title = "Categories bought", .kind = PanelKind::kTable};
  categories.table.columns = {{"category", "Category"}, {"units", "Units", ValueType::kInt}, {"share", "Share", ValueType::kRate}};
  std::vector<std::pair<std::string, int64_t>> sorted(t.categories.begin(), t.categories.end());
  std::stable_sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  for (const auto& [category, units] : sorted) {
    categories.table.rows.push_back({category, units, rate_cell(share(units, t.units))});
  }

  const Models& m = *serving.models;
  std::vector<double> scores(data.products.size());
  blend_scores(m, user, data.as_of, serving.menus->allowed(data.home_store[user], data.as_of.days), scores);
  const std::vector<int32_t> top = recommend::top_k(scores, m.train(), user, settings.k);
  Panel next{.id = "profile_recommendations", .title = "Next products for customer " + user_no, .kind = PanelKind::kTable};
  next.description = "The blend's top products the customer has not bought, among those the home store sold in the "
                     "last 28 days, with why: the product they bought that it is most like (item-kNN), else the "
                     "season, else the store's popularity.";
  next.table.columns = {{"rank", "Rank", ValueType::kInt}, {"product", "Product"}, {"category", "Category"},
                        {"score", "Score", ValueType::kNumber}, {"reason", "Why"}};
  const int season = season_of(data.as_of);
  for (size_t r = 0; r < top.size(); ++r) {
    if (!std::isfinite(scores[top[r]])) break;  // past the store's menu
    const Product& p = data.products[top[r]];
    next.table.rows.push_back({static_cast<int64_t>(r + 1), p.name, p.category, std::round(scores[top[r]] * 1000) / 1000,
                               reason_for(data, m, user, top[r], season)});
  }
  return {kpis, categories, next};
}

Panel also_bought_panel(const Data& data, const Models& m) {
  Panel p{.id = "also_bought", .title = "Customers who bought this also bought", .kind = PanelKind::kTable};
  p.description = "Per product, the three most similar by item-item cosine: customers who bought both / √(customers "
                  "of one × customers of the other).";
  p.table.columns = {{"product", "Product"}, {"category", "Category"}, {"customers", "Customers", ValueType::kInt},
                     {"first", "Most alike"}, {"first_similarity", "Cosine", ValueType::kNumber},
                     {"second", "Second"}, {"third", "Third"}};
  std::vector<int32_t> order(data.products.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = static_cast<int32_t>(i);
  const std::vector<double>& buyers = m.popularity().users_per_item();
  std::stable_sort(order.begin(), order.end(), [&](int32_t a, int32_t b) { return buyers[a] > buyers[b]; });
  for (int32_t i : order) {
    if (buyers[i] <= 0) continue;
    const auto& n = m.item_knn().neighbours(i);
    const auto name = [&](size_t k) { return k < n.size() ? Cell{data.products[n[k].item].name} : Cell{}; };
    p.table.rows.push_back({data.products[i].name, data.products[i].category, static_cast<int64_t>(buyers[i]), name(0),
                            n.empty() ? Cell{} : Cell{std::round(n[0].similarity * 1000) / 1000}, name(1), name(2)});
  }
  return p;
}

Panel season_panel(const Data& data) {
  Panel p{.id = "season", .title = "Iced drinks by month", .kind = PanelKind::kTimeseries};
  p.description = "Iced drinks' share of the drink units customers bought each month: the season the blend adds.";
  p.series.x_label = "Month";
  p.series.x_type = ValueType::kMonth;
  std::map<std::string, std::pair<int64_t, int64_t>> months;  // iced, drinks
  for (const Purchase& pu : data.purchases) {
    const Product& pr = data.products[pu.item];
    if (pr.temperature == 0) continue;
    auto& [iced, drinks] = months[Date{pu.day}.month_str()];
    iced += pr.temperature == 2 ? pu.units : 0;
    drinks += pu.units;
  }
  Series s{.id = "iced_share", .label = "Iced share", .type = ValueType::kRate};
  for (const auto& [month, v] : months) {
    p.series.x.push_back(month);
    s.values.push_back(rate_cell(static_cast<double>(v.first) / static_cast<double>(v.second)));
  }
  p.series.series.push_back(std::move(s));
  return p;
}

}  // namespace luckyhub::recommendations
