// The recommendations tool (Tool 11): every model's metrics on a tiny
// warehouse worked out by hand, a customer's profile and next product, bad
// parameters; on the simulation, the blend beats popularity and the taste
// profiles follow the planted tastes.
#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <map>

#include "core/error.h"
#include "support/panel_columns.h"
#include "support/shared_sim.h"
#include "support/store_menu_tiny.h"
#include "support/tiny_warehouse.h"
#include "tools/recommendations/recommendations.h"
#include "tools/registry.h"

namespace luckyhub {
namespace {

using testing::column;

const KpiTile& tile(const Panel& p, const std::string& id) {
  for (const KpiTile& t : p.kpis) {
    if (t.id == id) return t;
  }
  throw Error("no tile " + id + " in " + p.id);
}

const std::vector<Cell>& model_row(const Panel& p, const std::string& model) {
  for (const auto& row : p.table.rows) {
    if (std::get<std::string>(row[0]) == model) return row;
  }
  throw Error("no model " + model);
}

double real(const Cell& c) { return std::get<double>(c); }

// Products: 1 Americano (hot coffee, sugar 0, 150 mg), 2 Iced Latte (iced
// coffee, sugar 1, 150 mg), 3 Iced Tea (iced, sugar 2, 40 mg), 4 Croissant.
// All at shop 1, one order per customer and day:
//   1001: 01-02 {1, 2} $5; 01-06 {3} $3     1002: 01-03 {1}; 01-04 {1, 3}
//   1003: 01-02 {2, 3}; 01-05 {1}           1004: 01-02 {1, 4} (one day)
// Holdout (each last day; new products only): 1001 {3}, 1002 {3}, 1003 {1}.
// Training customers per product: 1: 1001 1002 1004 = 3; 2: 1001 1003 = 2;
// 3: 1003 = 1; 4: 1004 = 1. Popularity ranks 1001's unseen [3, 4] (a tie:
// the lower first): hit 1st; 1002's [2, 3, 4]: hit 2nd; 1003's [1, 4]: 1st.
class RecommendationsTiny : public ::testing::Test {
 protected:
  void SetUp() override {
    tiny_ = std::make_unique<testing::TinyWarehouse>("2026-01-01", "2026-01-20");
    product(1, "Americano", "Coffee", 0, 1, 150);
    product(2, "Iced Latte", "Coffee", 1, 2, 150);
    product(3, "Iced Tea", "Tea", 2, 2, 40);
    product(4, "Croissant", "Food", 0, 0, 0);
    order("1001", "2026-01-02", {1, 2}, 500);
    order("1001", "2026-01-06", {3}, 300);
    order("1002", "2026-01-03", {1}, 400);
    order("1002", "2026-01-04", {1, 3}, 700);
    order("1003", "2026-01-02", {2, 3}, 800);
    order("1003", "2026-01-05", {1}, 300);
    order("1004", "2026-01-02", {1, 4}, 600);
    // Served lists (UTC noon or later is the same New York day):
    served("S1", "1001", "2026-01-01 17:00:00", {3, 1});  // next 01-02 {1, 2}: a hit at 2
    served("S2", "1001", "2026-01-02 20:00:00", {3});     // after that day's purchase: next 01-06 {3}, a hit at 1
    served("S3", "1002", "2026-01-05 17:00:00", {2, 4});  // no purchase after
    served("S4", "1003", "2025-12-25 17:00:00", {2});     // next 01-02 {2, 3}: 8 days later
    served("S5", "9999", "2026-01-05 17:00:00", {1});     // no such customer
    wh_ = tiny_->open();
  }

  void product(int64_t id, const std::string& name, const std::string& category, int64_t sugar, int64_t temperature,
               int64_t caffeine) {
    tiny_->add("luckyus_scm_commodity", "t_commodity_base_info",
               {{"id", id}, {"tenant", "LKUS"}, {"commodity_name", name}, {"category", category},
                {"sugar_level", sugar}, {"default_temperature", temperature}, {"calories", int64_t{200}},
                {"caffeine_mg", caffeine}, {"status", int64_t{1}}});
  }
  void order(const std::string& user_no, const std::string& day, const std::vector<int64_t>& products, int64_t cents) {
    const int64_t order_id = ++id_;
    const std::string time = day + " 17:00:00";
    tiny_->add("luckyus_sales_order", "t_order",
               {{"id", order_id}, {"tenant", "LKUS"}, {"order_no", "O" + std::to_string(order_id)},
                {"user_no", user_no}, {"shop_id", int64_t{1}}, {"channel", int64_t{2}}, {"status", int64_t{40}},
                {"currency_code", "USD"}, {"pay_money", cents}, {"create_time", time}, {"pay_time", time}});
    for (int64_t spu : products) {
      tiny_->add("luckyus_sales_order", "t_order_item",
                 {{"id", ++id_}, {"order_id", order_id}, {"spu_id", spu}, {"quantity", int64_t{1}},
                  {"pay_money", cents / static_cast<int64_t>(products.size())}});
    }
  }
  // A served list: its products by position, shown at `utc` (UTC).
  void served(const std::string& serve_no, const std::string& user_no, const std::string& utc,
              const std::vector<int64_t>& products) {
    for (size_t r = 0; r < products.size(); ++r) {
      tiny_->add("luckyus_isales_cdp", "t_recommend_served_log",
                 {{"id", ++id_}, {"tenant", "LKUS"}, {"serve_no", serve_no}, {"user_no", user_no}, {"scene", "push"},
                  {"position", static_cast<int64_t>(r + 1)}, {"spu_id", products[r]}, {"serve_time", utc},
                  {"create_time", utc}, {"update_time", utc}});
    }
  }
  Report run(const std::map<std::string, std::string>& params) {
    return run_tool(ToolRegistry::instance().get("recommendations"), *wh_, params);
  }

  std::unique_ptr<testing::TinyWarehouse> tiny_;
  std::unique_ptr<Warehouse> wh_;
  int64_t id_ = 0;
};

TEST_F(RecommendationsTiny, PopularityMetricsByHand) {
  const Report r = run({{"min_history", "1"}});
  const Panel& models = *r.panel("models");
  const auto& pop = model_row(models, "popularity");
  EXPECT_DOUBLE_EQ(real(pop[column(models, "precision")]), 0.1);
  EXPECT_DOUBLE_EQ(real(pop[column(models, "recall")]), 1);
  // NDCG (1 + 1/log2(3) + 1) / 3 = 0.87697; MAP (1 + 1/2 + 1) / 3.
  EXPECT_DOUBLE_EQ(real(pop[column(models, "ndcg")]), 0.87698);
  EXPECT_DOUBLE_EQ(real(pop[column(models, "map")]), 0.83333);
  EXPECT_DOUBLE_EQ(real(pop[column(models, "coverage")]), 1);
  EXPECT_EQ(std::get<std::string>(pop[column(models, "verdict")]), "baseline");
  ASSERT_EQ(models.table.rows.size(), 6u);
  const Panel& summary = *r.panel("summary");
  EXPECT_EQ(std::get<int64_t>(tile(summary, "customers").value), 4);
  EXPECT_EQ(std::get<int64_t>(tile(summary, "evaluated").value), 3);
  // Each evaluated customer has one training day: requiring two leaves none.
  const Report strict = run({{"min_history", "2"}});
  EXPECT_EQ(std::get<int64_t>(tile(*strict.panel("summary"), "evaluated").value), 0);
}

TEST_F(RecommendationsTiny, AlsoBoughtCountsCustomersTogether) {
  const Report r = run({});
  const Panel& p = *r.panel("also_bought");
  // Customers per product over every purchase: 1: four; 3: three; 2: two; 4: one.
  ASSERT_EQ(p.table.rows.size(), 4u);
  EXPECT_EQ(std::get<std::string>(p.table.rows[0][0]), "Americano");
  EXPECT_EQ(std::get<int64_t>(p.table.rows[0][column(p, "customers")]), 4);
  // The croissant's only customer (1004) also bought the Americano: 1 / √(4 × 1).
  const auto& croissant = p.table.rows[3];
  EXPECT_EQ(std::get<std::string>(croissant[column(p, "first")]), "Americano");
  EXPECT_DOUBLE_EQ(real(croissant[column(p, "first_similarity")]), 0.5);
}

TEST_F(RecommendationsTiny, ProfileAndNextProduct) {
  const Report r = run({{"user", "1001"}});
  const Panel& profile = *r.panel("profile");
  EXPECT_EQ(std::get<int64_t>(tile(profile, "orders").value), 2);
  EXPECT_EQ(std::get<int64_t>(tile(profile, "average_spend").value), 400);
  EXPECT_DOUBLE_EQ(real(tile(profile, "iced_share").value), 0.6667);  // 2 iced of 3 drinks
  EXPECT_DOUBLE_EQ(real(tile(profile, "sugar").value), 1.0);         // (0 + 1 + 2) / 3
  EXPECT_DOUBLE_EQ(real(tile(profile, "caffeinated_share").value), 0.6667);
  EXPECT_EQ(std::get<std::string>(tile(profile, "favourite_category").value), "Coffee");
  const Panel& next = *r.panel("profile_recommendations");
  // 1001 has had 1, 2 and 3: the croissant is left, sold in the last 28 days,
  // and most like the Americano it bought.
  ASSERT_EQ(next.table.rows.size(), 1u);
  EXPECT_EQ(std::get<std::string>(next.table.rows[0][column(next, "product")]), "Croissant");
  EXPECT_EQ(std::get<std::string>(next.table.rows[0][column(next, "reason")]), "because you bought Americano");
  const Report unknown = run({{"user", "999"}});
  EXPECT_NE(unknown.panel("profile")->text.find("No paid purchases by customer 999"), std::string::npos);
}

TEST_F(RecommendationsTiny, LookalikesAreNotBuyersAndUnknownsAreSaid) {
  const Report r = run({{"seed_product", "3"}, {"lookalikes", "10"}, {"store", "7"}});
  // The Iced Tea's buyers are 1001, 1002 and 1003: only 1004 is left.
  const Panel& look = *r.panel("lookalikes");
  ASSERT_EQ(look.table.rows.size(), 1u);
  EXPECT_EQ(std::get<std::string>(look.table.rows[0][0]), "1004");
  EXPECT_NE(r.panel("store_menu")->text.find("No purchases at store 7"), std::string::npos);
  const Report none = run({{"seed_product", "99"}});
  EXPECT_NE(none.panel("lookalikes")->text.find("No product 99"), std::string::npos);
  // Store 1 has no other store to be like: its list is empty, its own shares count.
  const Report one = run({{"store", "1"}});
  EXPECT_TRUE(one.panel("store_menu")->table.rows.empty());
}

TEST_F(RecommendationsTiny, RefusesBadParameters) {
  EXPECT_THROW(run({{"store", "-1"}}), Error);
  EXPECT_THROW(run({{"lookalikes", "0"}}), Error);
  EXPECT_THROW(run({{"user", "12; DROP"}}), Error);
  EXPECT_THROW(run({{"k", "0"}}), Error);
  EXPECT_THROW(run({{"half_life_days", "x"}}), Error);
  EXPECT_THROW(run({{"factors", "65"}}), Error);
}

// Weeks by Monday: S4 in 2025-12-22's, S1 and S2 in 2025-12-29's, S3 and S5
// in 2026-01-05's. Within 7 days S1 and S2 are followed and hits at 10 (S1
// not at 1); S4 only within 8 days.
TEST_F(RecommendationsTiny, ServedListsAgainstTheNextPurchaseDay) {
  const Report r = run({});
  const Panel& summary = *r.panel("served");
  EXPECT_EQ(std::get<int64_t>(tile(summary, "served_lists").value), 5);
  EXPECT_EQ(std::get<int64_t>(tile(summary, "followed_lists").value), 2);
  EXPECT_EQ(std::get<int64_t>(tile(summary, "hits").value), 2);
  EXPECT_DOUBLE_EQ(real(tile(summary, "hit_rate").value), 1.0);
  const Panel& weeks = *r.panel("served_weeks");
  ASSERT_EQ(weeks.table.rows.size(), 3u);
  const std::vector<std::string> mondays = {"2025-12-22", "2025-12-29", "2026-01-05"};
  const std::vector<int64_t> lists = {1, 2, 2}, followed = {0, 2, 0};
  for (size_t w = 0; w < 3; ++w) {
    EXPECT_EQ(std::get<std::string>(weeks.table.rows[w][column(weeks, "week")]), mondays[w]);
    EXPECT_EQ(std::get<int64_t>(weeks.table.rows[w][column(weeks, "lists")]), lists[w]);
    EXPECT_EQ(std::get<int64_t>(weeks.table.rows[w][column(weeks, "followed")]), followed[w]);
  }
  EXPECT_TRUE(std::holds_alternative<std::monostate>(weeks.table.rows[0][column(weeks, "hit_rate")]));
  const Panel& chart = *r.panel("served_weekly");
  EXPECT_EQ(chart.series.x, mondays);
  const Report at_one = run({{"k", "1"}});
  EXPECT_EQ(std::get<int64_t>(tile(*at_one.panel("served"), "hits").value), 1);
  EXPECT_DOUBLE_EQ(real(at_one.panel("served_weeks")->table.rows[1][column(weeks, "hit_rate")]), 0.5);
  const Report eight = run({{"served_horizon_days", "8"}});
  EXPECT_EQ(std::get<int64_t>(eight.panel("served_weeks")->table.rows[0][column(weeks, "hits")]), 1);
  EXPECT_THROW(run({{"served_horizon_days", "0"}}), Error);
  EXPECT_THROW(run({{"served_horizon_days", "61"}}), Error);
}

// A new store's menu, from t_shop_info alone. Products 1 Americano, 2 Iced
// Latte, 3 Croissant. Stores with purchases (each one customer, one day in
// the 90 days before as-of 2026-01-20): 1 Near Pickup (type 1) Americano ×3
// and Croissant ×1, and Iced Latte ×5 on 2025-09-01 (before the 90 days);
// 2 Far Flagship (type 2, 8.2 km from 1) Iced Latte ×4; 5 North Pickup
// (type 1) Croissant ×2 and Americano ×2. Without purchases: 3 New Flagship
// (type 2) beside store 1, 4 New Pickup (type 1) beside store 2.
// Store 3's like: its type first, 2 (8.1 km), then the nearest other, 1
// (0.05 km): 8 units, Iced Latte 4/8, Americano 3/8, Croissant 1/8. Store 4's:
// 5 (6.1 km) and 1 (8.2 km) of its type, not 2 next door: Americano 5/8,
// Croissant 3/8.
class RecommendationsNewStore : public ::testing::Test {
 protected:
  void SetUp() override {
    tiny_ = std::make_unique<testing::TinyWarehouse>("2025-08-01", "2026-01-20");
    testing::add_menu_products(*tiny_);
    testing::add_menu_shop(*tiny_, 1, "Near Pickup", 1, 40.7300, -73.9900, "2025-08-01", 2);
    testing::add_menu_shop(*tiny_, 2, "Far Flagship", 2, 40.8000, -73.9600, "2025-08-01", 2);
    testing::add_menu_shop(*tiny_, 3, "New Flagship", 2, 40.7304, -73.9903, "2026-02-10", 1);
    testing::add_menu_shop(*tiny_, 4, "New Pickup", 1, 40.8004, -73.9603, "2026-02-10", 1);
    testing::add_menu_shop(*tiny_, 5, "North Pickup", 1, 40.8500, -73.9300, "2025-08-01", 2);
    testing::add_menu_order(*tiny_, id_, "3001", 1, "2026-01-05", {{1, 3}, {3, 1}});
    testing::add_menu_order(*tiny_, id_, "3001", 1, "2025-09-01", {{2, 5}});
    testing::add_menu_order(*tiny_, id_, "3002", 2, "2026-01-06", {{2, 4}});
    testing::add_menu_order(*tiny_, id_, "3003", 5, "2026-01-07", {{3, 2}, {1, 2}});
    wh_ = tiny_->open();
  }
  const Panel& menu(int64_t store) {
    report_ = run_tool(ToolRegistry::instance().get("recommendations"), *wh_, {{"store", std::to_string(store)}});
    return *report_.panel("store_menu");
  }

  std::unique_ptr<testing::TinyWarehouse> tiny_;
  std::unique_ptr<Warehouse> wh_;
  Report report_;
  int64_t id_ = 0;
};

TEST_F(RecommendationsNewStore, ItsTypeFirstThenTheNearest) {
  const Panel& p = menu(3);
  ASSERT_EQ(p.table.rows.size(), 3u);
  const std::string& d = p.description;
  EXPECT_NE(d.find("open date 2026-02-10"), std::string::npos) << d;
  EXPECT_LT(d.find("Far Flagship (2) (8.1 km, the same type)"), d.find("Near Pickup (1) (0.1 km, another type)")) << d;
  EXPECT_EQ(d.find("North Pickup"), std::string::npos) << d;
  const std::pair<std::string, double> expected[] = {{"Iced Latte", 0.5}, {"Americano", 0.375}, {"Croissant", 0.125}};
  for (size_t r = 0; r < 3; ++r) {
    EXPECT_EQ(std::get<std::string>(p.table.rows[r][column(p, "product")]), expected[r].first);
    EXPECT_DOUBLE_EQ(real(p.table.rows[r][column(p, "share_similar")]), expected[r].second);
    EXPECT_DOUBLE_EQ(real(p.table.rows[r][column(p, "share_here")]), 0);
    EXPECT_DOUBLE_EQ(real(p.table.rows[r][column(p, "gap")]), expected[r].second);
  }
}

TEST_F(RecommendationsNewStore, NotTheOtherTypeNextDoor) {
  const Panel& p = menu(4);
  EXPECT_NE(p.description.find("North Pickup (5) (6.1 km, the same type), Near Pickup (1) (8.2 km, the same type)"),
            std::string::npos)
      << p.description;
  ASSERT_EQ(p.table.rows.size(), 2u);
  EXPECT_EQ(std::get<std::string>(p.table.rows[0][column(p, "product")]), "Americano");
  EXPECT_DOUBLE_EQ(real(p.table.rows[0][column(p, "share_similar")]), 0.625);
  EXPECT_EQ(std::get<std::string>(p.table.rows[1][column(p, "product")]), "Croissant");
  EXPECT_DOUBLE_EQ(real(p.table.rows[1][column(p, "share_similar")]), 0.375);
  // A store id that t_shop_info does not list is said so.
  EXPECT_NE(menu(9).text.find("t_shop_info lists no US store of that id"), std::string::npos);
}

// On the simulation: the blend beats both popularity baselines, item-kNN
// and ALS beat global popularity, and what customers bought follows the
// tastes the manifest planted.
class RecommendationsGroundTruth : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    wh_ = testing::open_shared_warehouse().release();
    report_ = new Report(run_tool(ToolRegistry::instance().get("recommendations"), *wh_, {}));
  }
  static void TearDownTestSuite() {
    delete report_;
    delete wh_;
  }
  static double ndcg(const std::string& model) {
    const Panel& p = *report_->panel("models");
    return real(model_row(p, model)[column(p, "ndcg")]);
  }
  static Warehouse* wh_;
  static Report* report_;
};
Warehouse* RecommendationsGroundTruth::wh_ = nullptr;
Report* RecommendationsGroundTruth::report_ = nullptr;

TEST_F(RecommendationsGroundTruth, LearnedModelsBeatPopularity) {
  const double popularity = ndcg("popularity");
  EXPECT_GT(ndcg("blend"), 1.15 * popularity);
  EXPECT_GT(ndcg("blend"), 1.05 * ndcg("popularity_store_season"));
  EXPECT_GT(ndcg("item_knn"), 1.05 * popularity);
  EXPECT_GT(ndcg("als"), 1.05 * popularity);
}

// The customers most like the Iced Latte's buyers lean iced and to coffee in
// their planted tastes (the whole population's means are about 0).
TEST_F(RecommendationsGroundTruth, LookalikesShareTheSeedsTaste) {
  const recommendations::Data data = recommendations::read_data(*wh_);
  int64_t iced_latte = 0;
  for (const recommendations::Product& p : data.products) {
    if (p.name == "Iced Latte") iced_latte = p.spu_id;
  }
  ASSERT_GT(iced_latte, 0);
  const Report r = run_tool(ToolRegistry::instance().get("recommendations"), *wh_,
                            {{"seed_product", std::to_string(iced_latte)}, {"lookalikes", "200"}});
  std::map<std::string, std::array<double, 3>> planted;
  for (const auto& item : testing::shared_sim().truth["anomalies"]["customer_taste"]["items"]) {
    planted[std::to_string(item["user_no"].get<int64_t>())] = {item["iced"].get<double>(), item["sweet"].get<double>(),
                                                               item["coffee"].get<double>()};
  }
  std::array<double, 3> mean{};
  int n = 0;
  for (const auto& row : r.panel("lookalikes")->table.rows) {
    const auto it = planted.find(std::get<std::string>(row[0]));
    if (it == planted.end()) continue;
    for (int f = 0; f < 3; ++f) mean[f] += it->second[f];
    ++n;
  }
  ASSERT_GT(n, 150);
  EXPECT_GT(mean[0] / n, 0.25) << "iced";
  EXPECT_GT(mean[2] / n, 0.15) << "coffee";
}

// The store the simulator signed but has not opened (manifest
// `store_preparing`) gets a menu before its first sale: the open store of its
// type beside it comes first, and nothing is sold there yet.
TEST_F(RecommendationsGroundTruth, TheStoreNotYetOpenGetsAMenu) {
  const auto& items = testing::shared_sim().truth["anomalies"]["store_preparing"]["items"];
  ASSERT_EQ(items.size(), 1u);
  const int64_t shop = items[0]["shop_id"].get<int64_t>(), beside = items[0]["beside_shop_id"].get<int64_t>();
  ASSERT_TRUE(wh_->query("SELECT shop_id FROM recommendations__user_item_day WHERE shop_id = ?", {shop}).empty());
  const std::string beside_name =
      wh_->query("SELECT shop_name FROM opshop__t_shop_info WHERE id = ?", {beside}).row(0).text("shop_name");
  const Report r = run_tool(ToolRegistry::instance().get("recommendations"), *wh_, {{"store", std::to_string(shop)}});
  const Panel& p = *r.panel("store_menu");
  const std::string first = ": " + beside_name + " (" + std::to_string(beside) + ") (0.1 km, the same type)";
  EXPECT_NE(p.description.find(first), std::string::npos) << p.description;
  EXPECT_NE(p.description.find("open date " + items[0]["opens"].get<std::string>()), std::string::npos);
  ASSERT_GE(p.table.rows.size(), 10u);
  double previous = 1;
  for (const auto& row : p.table.rows) {
    EXPECT_LE(real(row[column(p, "share_similar")]), previous);
    previous = real(row[column(p, "share_similar")]);
    EXPECT_DOUBLE_EQ(real(row[column(p, "share_here")]), 0);
  }
}

double pearson(const std::vector<double>& x, const std::vector<double>& y) {
  const double n = static_cast<double>(x.size());
  double mx = 0, my = 0;
  for (size_t i = 0; i < x.size(); ++i) mx += x[i] / n, my += y[i] / n;
  double sxy = 0, sxx = 0, syy = 0;
  for (size_t i = 0; i < x.size(); ++i) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) * (x[i] - mx);
    syy += (y[i] - my) * (y[i] - my);
  }
  return sxy / std::sqrt(sxx * syy);
}

TEST_F(RecommendationsGroundTruth, TasteProfilesFollowThePlantedTastes) {
  const recommendations::Data data = recommendations::read_data(*wh_);
  std::map<std::string, std::array<double, 3>> planted;
  for (const auto& item : testing::shared_sim().truth["anomalies"]["customer_taste"]["items"]) {
    planted[std::to_string(item["user_no"].get<int64_t>())] = {item["iced"].get<double>(), item["sweet"].get<double>(),
                                                               item["coffee"].get<double>()};
  }
  std::array<std::vector<double>, 3> learned, truth;
  for (int32_t u = 0; u < static_cast<int32_t>(data.users.size()); ++u) {
    const auto it = planted.find(data.users[u]);
    const recommendations::TasteProfile t = recommendations::taste_profile(data, u);
    if (it == planted.end() || t.drink_units < 6) continue;
    const double drinks = static_cast<double>(t.drink_units);
    const std::array<double, 3> shares = {t.iced_units / drinks, t.sugar_units / drinks, t.caffeinated_units / drinks};
    for (int f = 0; f < 3; ++f) {
      learned[f].push_back(shares[f]);
      truth[f].push_back(it->second[f]);
    }
  }
  ASSERT_GT(learned[0].size(), 200u);
  EXPECT_GT(pearson(learned[0], truth[0]), 0.5) << "iced";
  EXPECT_GT(pearson(learned[1], truth[1]), 0.4) << "sweet";
  EXPECT_GT(pearson(learned[2], truth[2]), 0.4) << "coffee";
}

}  // namespace
}  // namespace luckyhub
