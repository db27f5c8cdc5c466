// A new store's menu by neighbourhood demographics (Tool 11): the cosine and
// the post-stratification weights worked by hand, a tiny warehouse whose new
// kiosk's residents are young, and the simulator's planted neighbourhood.
#include "tools/recommendations/recommendations_neighbourhood.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <iostream>
#include <map>
#include <set>

#include "core/error.h"
#include "support/panel_columns.h"
#include "support/shared_sim.h"
#include "support/store_menu_tiny.h"
#include "support/tiny_warehouse.h"
#include "tools/registry.h"

namespace luckyhub {
namespace {

using recommendations::DemographicMix;
using testing::column;

TEST(RecommendationsNeighbourhoodMath, CellsAndLabels) {
  EXPECT_EQ(recommendations::demographic_cell(2, 2), 4);   // 18-24, female
  EXPECT_EQ(recommendations::demographic_cell(6, 3), 17);  // 55+, other
  EXPECT_EQ(recommendations::demographic_cell(3, 0), -1);  // gender unknown
  EXPECT_EQ(recommendations::demographic_cell(0, 1), -1);  // age unknown
  EXPECT_EQ(recommendations::demographic_cell(recommendations::Features{5, 1, -1, -1}), 12);
  EXPECT_EQ(recommendations::demographic_cell_label(4), "18-24, female");
}

// Residents {cell 3: 1, cell 4: 3}; customers {3: 1, 4: 2, 12: 2}.
// Cosine with {3: 1, 4: 1}: (1 + 3) / (√10 · √2) = 4 / √20; with {12: 2}: 0.
// Weights: cell 3 (1/4) / (1/5) = 1.25, cell 4 (3/4) / (2/5) = 1.875, cell 12 0.
TEST(RecommendationsNeighbourhoodMath, CosineAndWeightsByHand) {
  DemographicMix residents{}, customers{}, young{}, old{};
  residents[3] = 1, residents[4] = 3;
  customers[3] = 1, customers[4] = 2, customers[12] = 2;
  young[3] = 1, young[4] = 1, old[12] = 2;
  EXPECT_NEAR(recommendations::mix_cosine(residents, young), 4 / std::sqrt(20.0), 1e-12);
  EXPECT_DOUBLE_EQ(recommendations::mix_cosine(residents, old), 0);
  EXPECT_DOUBLE_EQ(recommendations::mix_cosine(DemographicMix{}, young), 0);
  DemographicMix twice = young;
  for (double& v : twice) v *= 2;
  EXPECT_NEAR(recommendations::mix_cosine(young, twice), 1, 1e-12);  // the same shares at any size
  const DemographicMix w = recommendations::cell_weights(residents, customers);
  EXPECT_DOUBLE_EQ(w[3], 1.25);
  EXPECT_DOUBLE_EQ(w[4], 1.875);
  EXPECT_DOUBLE_EQ(w[12], 0);
  EXPECT_DOUBLE_EQ(recommendations::mix_total(w), 3.125);
}

// Products 1 Americano (hot), 2 Iced Latte (iced), 3 Croissant. Stores with
// purchases, their home customers (age range, gender; postal code):
//   1 Young Pickup: 4001 18-24 F (10004) Iced Latte ×3; 4002 18-24 M (10004)
//     Iced Latte, Americano; 4006 25-34, gender unknown, Croissant;
//   5 Mixed Pickup, 1.1 km off: 4004 18-24 F (10004) Iced Latte, Croissant;
//     4005 45-54 M Americano ×2;
//   2 Old Flagship: 4003 45-54 M Americano ×4.
// 4007 18-24 F and 4008 (age unknown) live in 10004 and never bought.
// New: 3 New Kiosk (10004), 4 Far Kiosk (10009, where nobody lives).
// Kiosk 3's neighbourhood {18-24 M: 1, 18-24 F: 3} (4 of 5 profiles); the
// mixes and weights are the hand-worked ones above: Young Pickup 4/√20,
// Mixed Pickup 3/√20, Old Flagship 0. The menu from stores 1 and 5: Iced
// Latte 5, Americano 3, Croissant 2 of 10 units; weighted (4001, 4004 ×1.875,
// 4002 ×1.25): Iced Latte 8.75, Americano 1.25, Croissant 1.875 of 11.875;
// all: Iced Latte 5, Americano 7, Croissant 2 of 14.
class RecommendationsNeighbourhood : public ::testing::Test {
 protected:
  void SetUp() override {
    tiny_ = std::make_unique<testing::TinyWarehouse>("2025-08-01", "2026-01-20");
    testing::add_menu_products(*tiny_);
    testing::add_menu_shop(*tiny_, 1, "Young Pickup", 1, 40.7300, -73.99, "2025-08-01", 2, "10003");
    testing::add_menu_shop(*tiny_, 5, "Mixed Pickup", 1, 40.7400, -73.99, "2025-08-01", 2, "10001");
    testing::add_menu_shop(*tiny_, 2, "Old Flagship", 2, 40.7500, -73.99, "2025-08-01", 2, "10018");
    testing::add_menu_shop(*tiny_, 3, "New Kiosk", 3, 40.7200, -73.99, "2026-02-20", 1, "10004");
    testing::add_menu_shop(*tiny_, 4, "Far Kiosk", 3, 40.9000, -73.99, "2026-02-20", 1, "10009");
    customer("4001", 2, 2, "10004", 1, {{2, 3}});
    customer("4002", 2, 1, "10004", 1, {{2, 1}, {1, 1}});
    customer("4006", 3, 0, "10003", 1, {{3, 1}});
    customer("4004", 2, 2, "10004", 5, {{2, 1}, {3, 1}});
    customer("4005", 5, 1, "10001", 5, {{1, 2}});
    customer("4003", 5, 1, "", 2, {{1, 4}});
    customer("4007", 2, 2, "10004", 0, {});
    customer("4008", 0, 2, "10004", 0, {});
    // read_features needs t_user_state to be there.
    tiny_->add("luckyus_isales_cdp", "t_user_state",
               {{"id", int64_t{1}},
                {"tenant", "LKUS"},
                {"user_no", "4001"},
                {"state_type", int64_t{2}},
                {"state_code", "FREQ_LOW"},
                {"effective_time", "2026-01-01 17:00:00"}});
    wh_ = tiny_->open();
  }
  // A profile, and one order at `shop` (0: none) holding `lines` (spu_id, units).
  void customer(const std::string& user_no, int64_t age, int64_t gender, const std::string& zip,
                int64_t shop, const std::vector<std::pair<int64_t, int64_t>>& lines) {
    std::map<std::string, SqlValue> profile = {{"id", ++id_},
                                               {"tenant", "LKUS"},
                                               {"user_no", user_no},
                                               {"gender", gender},
                                               {"age_range", age},
                                               {"language", "en"},
                                               {"push_opt_in", int64_t{1}},
                                               {"email_opt_in", int64_t{0}},
                                               {"create_time", "2025-09-01 12:00:00"},
                                               {"update_time", "2025-09-01 12:00:00"}};
    if (!zip.empty()) profile["zip_code"] = zip;
    tiny_->add("luckyus_sales_crm", "t_user_profile", profile);
    if (shop != 0) testing::add_menu_order(*tiny_, id_, user_no, shop, "2026-01-05", lines);
  }
  Report run(const std::map<std::string, std::string>& params) {
    return run_tool(ToolRegistry::instance().get("recommendations"), *wh_, params);
  }
  static double real(const Cell& c) { return std::get<double>(c); }

  std::unique_ptr<testing::TinyWarehouse> tiny_;
  std::unique_ptr<Warehouse> wh_;
  int64_t id_ = 0;
};

TEST_F(RecommendationsNeighbourhood, TheResidentsLikeTheYoungStore) {
  const Report r = run({{"store", "3"}});
  ASSERT_NE(r.panel("store_menu"), nullptr);  // the by-type-and-distance answer stays beside
  const Panel& bars = *r.panel("store_neighbours");
  ASSERT_EQ(bars.kind, PanelKind::kBar);
  ASSERT_EQ(bars.series.x,
            (std::vector<std::string>{"Young Pickup (1), 1.1 km", "Mixed Pickup (5), 2.2 km",
                                      "Old Flagship (2), 3.3 km"}));
  const double expected[] = {4 / std::sqrt(20.0), 3 / std::sqrt(20.0), 0};  // 0.8944, 0.6708, 0
  for (size_t s = 0; s < 3; ++s) {
    EXPECT_NEAR(real(bars.series.series[0].values[s]), expected[s], 5.1e-5) << bars.series.x[s];
  }

  const Panel& mixes = *r.panel("store_demographics");
  ASSERT_EQ(mixes.series.x.size(), 18u);
  EXPECT_EQ(mixes.series.x[4], "18-24, female");
  EXPECT_DOUBLE_EQ(real(mixes.series.series[0].values[4]), 0.75);  // the neighbourhood
  EXPECT_DOUBLE_EQ(real(mixes.series.series[1].values[4]), 0.5);   // Young Pickup
  EXPECT_DOUBLE_EQ(real(mixes.series.series[2].values[12]), 0.4);  // all stores: 45-54 M, 2 of 5

  const Panel& menu = *r.panel("store_menu_demographics");
  EXPECT_NE(menu.description.find("the 4 customers (of 5 profiles)"), std::string::npos)
      << menu.description;
  EXPECT_NE(
      menu.description.find(
          "Young Pickup (1) (similarity 0.8944, 1.1 km), Mixed Pickup (5) (similarity 0.6708"),
      std::string::npos)
      << menu.description;
  struct Expected {
    std::string product;
    double similar, alike, all;
  };
  const Expected rows[] = {{"Iced Latte", 0.5, 14.0 / 19, 5.0 / 14},
                           {"Americano", 0.3, 2.0 / 19, 7.0 / 14},
                           {"Croissant", 0.2, 3.0 / 19, 2.0 / 14}};
  ASSERT_EQ(menu.table.rows.size(), 3u);
  for (size_t i = 0; i < 3; ++i) {
    const auto& row = menu.table.rows[i];
    EXPECT_EQ(std::get<std::string>(row[column(menu, "product")]), rows[i].product);
    EXPECT_DOUBLE_EQ(real(row[column(menu, "share_similar")]), rows[i].similar);
    EXPECT_NEAR(real(row[column(menu, "share_alike")]), rows[i].alike, 5.1e-5);
    EXPECT_NEAR(real(row[column(menu, "share_all")]), rows[i].all, 5.1e-5);
  }
}

TEST_F(RecommendationsNeighbourhood, NobodyLivingThereIsSaid) {
  const Report far = run({{"store", "4"}});
  ASSERT_EQ(far.panel("store_neighbours")->kind, PanelKind::kText);
  EXPECT_NE(far.panel("store_neighbours")->text.find("postal code (10009)"), std::string::npos);
  EXPECT_EQ(far.panel("store_menu_demographics"), nullptr);
  // A store with purchases is compared by customer mix, not by neighbourhood.
  EXPECT_EQ(run({{"store", "1"}}).panel("store_neighbours"), nullptr);
}

// On the simulation: the kiosk the simulator signed at Battery Park and its
// planted neighbourhood, customers aged 18-24 who give its postal code
// (manifest `store_neighbourhood`). The tool's neighbourhood is exactly the
// planted residents; every store's similarity is recomputed here from the
// tables; and what customers like the neighbourhood buy leans iced, as
// demographic_taste planted (age range against iced).
class RecommendationsNeighbourhoodGroundTruth : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { wh_ = testing::open_shared_warehouse().release(); }
  static void TearDownTestSuite() { delete wh_; }
  static Warehouse* wh_;
};
Warehouse* RecommendationsNeighbourhoodGroundTruth::wh_ = nullptr;

using Profiles =
    std::map<std::string, std::pair<int, int>>;  // user_no → (age_range, gender), both known

// Each store's home customers (most units, the lowest shop_id on a tie) per
// age range × gender cell, straight from the tables.
std::map<int64_t, DemographicMix> home_mixes(Warehouse& wh, const Profiles& profiles) {
  std::map<std::string, std::pair<int64_t, int64_t>> home;  // user → (units, shop_id)
  for (const Row row :
       wh.query("SELECT user_no, shop_id, SUM(units) AS units FROM recommendations__user_item_day"
                " GROUP BY user_no, shop_id ORDER BY user_no, shop_id")) {
    auto& [units, shop] = home[row.text("user_no")];
    if (row.integer("units") > units) units = row.integer("units"), shop = row.integer("shop_id");
  }
  std::map<int64_t, DemographicMix> out;
  for (const auto& [user, best] : home) {
    const auto p = profiles.find(user);
    if (p != profiles.end())
      out[best.second][(p->second.first - 1) * 3 + p->second.second - 1] += 1;
  }
  return out;
}

// The iced share of the drink units in a menu column, over its rows.
double iced_share(Warehouse& wh, const Panel& menu, const std::string& share_column) {
  std::map<std::string, int64_t> temperature;
  for (const Row row : wh.query(
           "SELECT commodity_name, default_temperature FROM scm_commodity__t_commodity_base_info"
           " WHERE tenant = 'LKUS'")) {
    temperature[row.text("commodity_name")] = row.integer("default_temperature");
  }
  double iced = 0, drinks = 0;
  for (const auto& row : menu.table.rows) {
    const int64_t t = temperature.at(std::get<std::string>(row[column(menu, "product")]));
    const double share = std::get<double>(row[column(menu, share_column)]);
    if (t == 2) iced += share;
    if (t == 1 || t == 2) drinks += share;
  }
  return iced / drinks;
}

TEST_F(RecommendationsNeighbourhoodGroundTruth, ThePlantedResidentsTheirStoresAndAnIcedMenu) {
  const auto& planted = testing::shared_sim().truth["anomalies"]["store_neighbourhood"];
  ASSERT_EQ(planted["items"].size(), 1u);
  const auto& kiosk = planted["items"][0];
  const int64_t shop = kiosk["shop_id"].get<int64_t>();
  const std::string zip = kiosk["zip_code"].get<std::string>();
  const int age_range = kiosk["age_range"].get<int>();
  ASSERT_TRUE(
      wh_->query("SELECT shop_id FROM recommendations__user_item_day WHERE shop_id = ?", {shop})
          .empty());

  // The residents of its postal code are exactly the planted ones (precision and recall 1).
  std::set<std::string> residents, expected_residents;
  for (const auto& id : planted["ids"])
    expected_residents.insert(std::to_string(id.get<int64_t>()));
  Profiles profiles;
  DemographicMix around{};
  for (const Row row :
       wh_->query("SELECT user_no, age_range, gender, zip_code FROM sales_crm__t_user_profile"
                  " WHERE tenant = 'LKUS'")) {
    const int age = static_cast<int>(row.integer("age_range")),
              gender = static_cast<int>(row.integer("gender"));
    const bool known = age >= 1 && age <= 6 && gender >= 1 && gender <= 3;
    if (known) profiles[row.text("user_no")] = {age, gender};
    if (row.text("zip_code") != zip) continue;
    residents.insert(row.text("user_no"));
    EXPECT_EQ(age, age_range) << row.text("user_no");
    if (known) around[(age - 1) * 3 + gender - 1] += 1;
  }
  ASSERT_GT(expected_residents.size(), 100u);
  EXPECT_EQ(residents, expected_residents);

  const Report r = run_tool(ToolRegistry::instance().get("recommendations"), *wh_,
                            {{"store", std::to_string(shop)}});
  const Panel& menu = *r.panel("store_menu_demographics");
  EXPECT_NE(menu.description.find(
                "the " + std::to_string(static_cast<int64_t>(recommendations::mix_total(around))) +
                " customers (of " + std::to_string(expected_residents.size()) + " profiles)"),
            std::string::npos)
      << menu.description;
  // The neighbourhood's mix is the planted age range's alone.
  const Panel& mix = *r.panel("store_demographics");
  for (int c = 0; c < recommendations::kDemographicCells; ++c) {
    const double share = std::get<double>(mix.series.series[0].values[c]);
    if (c / 3 + 1 == age_range) continue;
    EXPECT_DOUBLE_EQ(share, 0) << mix.series.x[c];
  }

  // Every store's similarity, recomputed: the cosine of its mix with the residents'.
  std::map<std::string, double> expected;  // by the name the panel shows
  for (const auto& [store, m] : home_mixes(*wh_, profiles)) {
    double ab = 0, aa = 0, bb = 0;
    for (int c = 0; c < recommendations::kDemographicCells; ++c) {
      ab += m[c] * around[c], aa += m[c] * m[c], bb += around[c] * around[c];
    }
    const ResultSet name =
        wh_->query("SELECT shop_name FROM opshop__t_shop_info WHERE id = ?", {store});
    if (!name.empty())
      expected[name.row(0).text("shop_name") + " (" + std::to_string(store) + ")"] =
          ab / std::sqrt(aa * bb);
  }
  const Panel& bars = *r.panel("store_neighbours");
  ASSERT_EQ(bars.series.x.size(), expected.size());
  std::vector<std::pair<double, std::string>> ranked;
  for (const auto& [name, v] : expected) ranked.push_back({-v, name});
  std::sort(ranked.begin(), ranked.end());
  const auto store_of = [&](size_t s) {
    return bars.series.x[s].substr(0, bars.series.x[s].rfind(", "));
  };
  for (size_t s = 0; s < bars.series.x.size(); ++s) {
    EXPECT_NEAR(std::get<double>(bars.series.series[0].values[s]), expected.at(store_of(s)), 5.1e-5)
        << bars.series.x[s];
  }
  for (size_t s = 0; s < 2; ++s) {  // the two chosen: the menu's stores
    EXPECT_EQ(store_of(s), ranked[s].second);
    EXPECT_NE(menu.description.find(ranked[s].second + " (similarity"), std::string::npos)
        << menu.description;
  }

  // What customers like the neighbourhood buy leans iced against all customers, on the same
  // products.
  const double alike = iced_share(*wh_, menu, "share_alike"),
               all = iced_share(*wh_, menu, "share_all");
  EXPECT_GT(alike, all + 0.05);
  std::cout << "iced share of the menu's drinks: customers like the neighbourhood " << alike
            << ", all customers " << all << ", the similar stores "
            << iced_share(*wh_, menu, "share_similar") << "\n";
}

}  // namespace
}  // namespace luckyhub
