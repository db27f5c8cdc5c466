// Customer 360 (Tool 4) over every customer: on the tiny warehouse the
// summary, the RFM segments and their move, the cohort triangles (by month,
// favourite store and product), the segment export and the refused
// parameters; on the shared simulation RFM and cohorts equal a direct SQL
// computation over t_order and t_user.
#include <gtest/gtest.h>

#include "tools/customer_360_fixture.h"

namespace luckyhub {
namespace {

using namespace customer_360_testing;

TEST_F(Customer360Tiny, SummaryCountsPaidLkusCustomers) {
  const Report r = run(*wh_, {});
  const Panel& s = *r.panel("summary");
  EXPECT_EQ(std::get<int64_t>(tile(s, "customers").value), 3);
  EXPECT_DOUBLE_EQ(std::get<double>(tile(s, "repeat_share").value), 0.6667);  // u1 and u4
  EXPECT_EQ(std::get<int64_t>(tile(s, "revenue").value), 500 + 500 + 300 + 400 + 1000 + 600 + 600);
}

// Now (to 02-28): recency 8 / 69 / 27 days, frequency 3 / 1 / 2 days, mean
// spend $5.67 / $10 / $6: codes 441 (Other), 114 (Inactive), 322 (At Risk).
// 30 days before (to 01-29): 19 / 39 / 13, 2 / 1 / 1, $6.50 / $10 / $6: codes
// 322, 114, 411 (frequency has two bins: its edges 1, 1, 1, 1.5, 2).
TEST_F(Customer360Tiny, RfmSegmentsAndTheirMove) {
  const Report r = run(*wh_, {});
  const Panel& p = *r.panel("rfm");
  const auto& other = row_of(p, "segment", "Other");
  EXPECT_EQ(std::get<int64_t>(other[column(p, "customers")]), 1);
  EXPECT_EQ(std::get<int64_t>(other[column(p, "revenue")]), 1700);
  EXPECT_DOUBLE_EQ(std::get<double>(other[column(p, "revenue_share")]), 0.4359);  // 1700 / 3900
  EXPECT_EQ(std::get<int64_t>(other[column(p, "move")]), 1);
  const auto& risk = row_of(p, "segment", "At Risk Customer");
  EXPECT_EQ(std::get<int64_t>(risk[column(p, "customers")]), 1);
  EXPECT_EQ(std::get<int64_t>(risk[column(p, "revenue")]), 1200);
  EXPECT_EQ(std::get<int64_t>(risk[column(p, "month_ago")]), 1);
  EXPECT_EQ(std::get<int64_t>(risk[column(p, "move")]), 0);
  const auto& inactive = row_of(p, "segment", "Inactive Customer");
  EXPECT_EQ(std::get<int64_t>(inactive[column(p, "customers")]), 1);
  EXPECT_EQ(std::get<int64_t>(inactive[column(p, "month_ago")]), 2);
  EXPECT_EQ(std::get<int64_t>(inactive[column(p, "move")]), -1);
  EXPECT_NE(p.description.find("frequency"), std::string::npos);  // its bins collapsed to 3 of 4: a warning
}

// Registration cohorts of 2025-12 (u1, u2) and 2026-01 (u3, u4).
TEST_F(Customer360Tiny, CohortTriangle) {
  const Report r = run(*wh_, {{"cohort_months", "3"}});
  const Panel& p = *r.panel("cohorts");
  ASSERT_EQ(p.heatmap.y, (std::vector<std::string>{"2025-12", "2026-01", "2026-02"}));
  const auto& dec = p.heatmap.values[0];
  EXPECT_DOUBLE_EQ(std::get<double>(dec[0]), 1.0);
  EXPECT_DOUBLE_EQ(std::get<double>(dec[1]), 0.5);
  EXPECT_DOUBLE_EQ(std::get<double>(dec[2]), 0.5);
  const auto& jan = p.heatmap.values[1];
  EXPECT_DOUBLE_EQ(std::get<double>(jan[0]), 0.5);
  EXPECT_DOUBLE_EQ(std::get<double>(jan[1]), 0.5);
  EXPECT_TRUE(std::holds_alternative<std::monostate>(jan[2]));  // after as-of
  EXPECT_TRUE(std::holds_alternative<std::monostate>(p.heatmap.values[2][0]));  // nobody registered
  const Report first = run(*wh_, {{"cohort_months", "3"}, {"cohort_by", "first_purchase"}});
  const Panel& by_first = *first.panel("cohorts");
  EXPECT_DOUBLE_EQ(std::get<double>(by_first.heatmap.values[1][0]), 1.0);  // u4 alone started in January
  const Panel& revenue = *r.panel("cohort_revenue");
  EXPECT_EQ(revenue.series.series[0].values, (std::vector<Cell>{int64_t{2700}, int64_t{1200}, int64_t{0}}));
}

// Leading months without a registration (before launch) are left out: the
// first row is December, the month of the first registration.
TEST_F(Customer360Tiny, CohortTriangleStartsAtLaunch) {
  const Report r = run(*wh_, {{"cohort_months", "6"}});
  EXPECT_EQ(r.panel("cohorts")->heatmap.y, (std::vector<std::string>{"2025-12", "2026-01", "2026-02"}));
  EXPECT_EQ(r.panel("cohort_revenue")->series.x, (std::vector<std::string>{"2025-12", "2026-01", "2026-02"}));
  EXPECT_EQ(r.panel("cohorts")->heatmap.x.size(), 6u);
  const Report first = run(*wh_, {{"cohort_months", "6"}, {"cohort_by", "first_purchase"}});
  EXPECT_EQ(first.panel("cohorts")->heatmap.y, (std::vector<std::string>{"2025-12", "2026-01", "2026-02"}));
}

// Favourite stores: u1 (3 paid orders at store 1, first purchase December,
// orders in Dec, Jan, Feb) and u2 (store 1, December only) make store 1; u4
// (store 2, the cancelled order at store 2 left out; January and February)
// makes store 2. A cell's share is of the customers whose first purchase was
// k months or more before February.
TEST_F(Customer360Tiny, CohortsByFavouriteStoreAndProduct) {
  const Report r = run(*wh_, {{"cohort_months", "3"}, {"cohort_by", "store"}});
  const HeatmapData& h = r.panel("cohorts")->heatmap;
  ASSERT_EQ(h.y, (std::vector<std::string>{"store 1", "store 2"}));
  EXPECT_DOUBLE_EQ(std::get<double>(h.values[0][0]), 1.0);
  EXPECT_DOUBLE_EQ(std::get<double>(h.values[0][1]), 0.5);
  EXPECT_DOUBLE_EQ(std::get<double>(h.values[0][2]), 0.5);
  EXPECT_DOUBLE_EQ(std::get<double>(h.values[1][0]), 1.0);
  EXPECT_DOUBLE_EQ(std::get<double>(h.values[1][1]), 1.0);
  EXPECT_TRUE(std::holds_alternative<std::monostate>(h.values[1][2]));  // u4 began in January
  const Panel& revenue = *r.panel("cohort_revenue");
  EXPECT_EQ(revenue.series.x, (std::vector<std::string>{"store 1", "store 2"}));
  EXPECT_EQ(revenue.series.series[0].values, (std::vector<Cell>{int64_t{2700}, int64_t{1200}}));
  EXPECT_EQ(revenue.series.series[1].values, (std::vector<Cell>{int64_t{2}, int64_t{1}}));
  // Every customer's most bought product is the Latte: one row of three.
  const Report by_product = run(*wh_, {{"cohort_months", "3"}, {"cohort_by", "product"}});
  const HeatmapData& p = by_product.panel("cohorts")->heatmap;
  ASSERT_EQ(p.y, (std::vector<std::string>{"Latte"}));
  EXPECT_DOUBLE_EQ(std::get<double>(p.values[0][0]), 1.0);
  EXPECT_DOUBLE_EQ(std::get<double>(p.values[0][1]), 0.6667);  // u1 and u4 of three
  EXPECT_DOUBLE_EQ(std::get<double>(p.values[0][2]), 0.5);     // u1 of u1 and u2
  // A cohort's month does not export a store cohort.
  EXPECT_THROW(run(*wh_, {{"cohort_by", "store"}, {"cohort", "2026-01-20"}}), Error);
}

// A favourite store's or product's cohort exports its customers (by hand:
// u1 paid three orders at store 1 and one at store 2, u2 one at store 1, u4
// two at store 2; every customer's most bought product is the Latte).
TEST_F(Customer360Tiny, StoreAndProductCohortsExport) {
  const auto exported = [this](const std::map<std::string, std::string>& params) {
    const Report r = run(*wh_, params);
    std::vector<std::string> users;
    for (const auto& row : r.panel("export")->table.rows) users.push_back(std::get<std::string>(row[0]));
    return users;
  };
  EXPECT_EQ(exported({{"cohort_by", "store"}, {"cohort_group", "1"}}), (std::vector<std::string>{"u1", "u2"}));
  EXPECT_EQ(exported({{"cohort_by", "store"}, {"cohort_group", "2"}}), (std::vector<std::string>{"u4"}));
  EXPECT_EQ(exported({{"cohort_by", "store"}, {"cohort_group", "3"}}), (std::vector<std::string>{}));
  EXPECT_EQ(exported({{"cohort_by", "product"}, {"cohort_group", "Latte"}}),
            (std::vector<std::string>{"u1", "u2", "u4"}));
  EXPECT_EQ(exported({{"cohort_by", "product"}, {"cohort_group", "Mocha"}}), (std::vector<std::string>{}));
  const Report r = run(*wh_, {{"cohort_by", "store"}, {"cohort_group", "2"}, {"segment", "Other"}});
  EXPECT_NE(r.panel("export")->description.find("RFM segment Other and favourite store 2"), std::string::npos)
      << r.panel("export")->description;
  EXPECT_EQ(render_csv(run(*wh_, {{"cohort_by", "store"}, {"cohort_group", "1"}}), "export"), "user_no\nu1\nu2\n");
  // Refused: a store or product group with month cohorts, a store that is not a number.
  EXPECT_THROW(run(*wh_, {{"cohort_group", "1"}}), Error);
  EXPECT_THROW(run(*wh_, {{"cohort_by", "first_purchase"}, {"cohort_group", "Latte"}}), Error);
  EXPECT_THROW(run(*wh_, {{"cohort_by", "store"}, {"cohort_group", "Latte"}}), Error);
}

// The catalog's simple flag: purchase days in the last 90 under half of
// what the customer's own earlier rate gives for 90 days, with at least four
// purchase days before. Every 10 days from 2025-06-04: 18 days before
// 2025-12-01 over its 180 days, 0.1 a day, so 4.5 expected at half the rate:
// four recent days are declining, five are not; three earlier days are too
// few to judge; days at or after the end do not count.
TEST(Customer360Decline, AFrequencyBelowHalfTheCustomersOwnEarlierRate) {
  const Date end = Date::parse("2026-03-01");
  const customer_360::DeclineRule rule;  // 90 days, 0.5, at least 4 before
  const auto customer = [](const Date& first, int earlier, int gap, std::vector<std::string> recent) {
    customer_360::Customer c;
    for (int i = 0; i < earlier; ++i) c.days.push_back({.day = first + i * gap, .orders = 1, .cents = 500});
    for (const std::string& d : recent) c.days.push_back({.day = Date::parse(d), .orders = 1, .cents = 500});
    return c;
  };
  const Date first = Date::parse("2025-06-04");
  const std::vector<std::string> four = {"2025-12-10", "2026-01-05", "2026-01-25", "2026-02-20"};
  std::vector<std::string> five = four;
  five.push_back("2026-02-28");
  EXPECT_TRUE(customer_360::declining(customer(first, 18, 10, four), end, rule));
  EXPECT_FALSE(customer_360::declining(customer(first, 18, 10, five), end, rule));
  std::vector<std::string> four_and_later = four;
  four_and_later.push_back("2026-03-01");  // as-of itself: not before the end
  EXPECT_TRUE(customer_360::declining(customer(first, 18, 10, four_and_later), end, rule));
  EXPECT_FALSE(customer_360::declining(customer(Date::parse("2025-11-01"), 3, 10, {}), end, rule));
  customer_360::DeclineRule lenient = rule;
  lenient.decline_share = 0.4;  // 3.6 expected: four recent days are enough
  EXPECT_FALSE(customer_360::declining(customer(first, 18, 10, four), end, lenient));
}

TEST_F(Customer360Tiny, SegmentExportListsUserNos) {
  const Report r = run(*wh_, {{"segment", "Inactive Customer"}});
  const Panel& e = *r.panel("export");
  ASSERT_EQ(e.table.columns.size(), 1u);
  ASSERT_EQ(e.table.rows.size(), 1u);
  EXPECT_EQ(std::get<std::string>(e.table.rows[0][0]), "u2");
  EXPECT_EQ(render_csv(r, "export"), "user_no\nu2\n");
  EXPECT_EQ(run(*wh_, {}).panel("export"), nullptr);
  const Report by_cohort = run(*wh_, {{"cohort", "2026-01-20"}});
  const Panel& cohort = *by_cohort.panel("export");
  ASSERT_EQ(cohort.table.rows.size(), 1u);
  EXPECT_EQ(std::get<std::string>(cohort.table.rows[0][0]), "u4");
}

TEST_F(Customer360Tiny, BadParametersAreRefused) {
  const Tool& tool = ToolRegistry::instance().get("customer-360");
  for (const auto& [name, value] : std::vector<std::pair<std::string, std::string>>{
           {"phone_tail", "12345"}, {"quantiles", "3"}, {"segment", "Champions"}, {"cohort", "2026-13"},
           {"max_p_alive", "2"}, {"cohort_by", "region"}}) {
    EXPECT_THROW(run_tool(tool, *wh_, {{name, value}}), Error) << name << "=" << value;
  }
}

TEST(Customer360Shared, RfmEqualsDirectSql) {
  auto wh = testing::open_shared_warehouse();
  const Dialect& d = wh->dialect();
  const Date as_of = Date::parse(wh->meta("as_of"));
  const ResultSet rows = wh->query(
      "SELECT user_no, COUNT(DISTINCT " + d.ny_date("create_time") + ") AS days, MAX(" + d.ny_date("create_time") +
          ") AS last_day, SUM(pay_money) AS cents FROM sales_order__t_order WHERE tenant = 'LKUS' AND status IN "
          "(20, 30, 40, 60) AND create_time < ? GROUP BY user_no ORDER BY user_no",
      {as_of_utc(*wh)});
  std::vector<rfm::Customer> customers;
  std::vector<int64_t> cents;
  for (const Row row : rows) {
    const double days = static_cast<double>(row.integer("days"));
    customers.push_back({.recency_days = static_cast<double>((as_of - 1) - Date::parse(row.text("last_day"))),
                         .frequency = days,
                         .monetary = static_cast<double>(row.integer("cents")) / 100.0 / days});
    cents.push_back(row.integer("cents"));
  }
  ASSERT_GT(customers.size(), 100u);
  const rfm::Scoring s = rfm::score(customers);
  std::map<std::string, std::pair<int64_t, int64_t>> expected;
  for (size_t i = 0; i < customers.size(); ++i) {
    expected[s.scores[i].segment].first += 1;
    expected[s.scores[i].segment].second += cents[i];
  }
  const Panel& p = *shared_report().panel("rfm");
  for (const std::string& name : rfm::segment_names()) {
    const auto& row = row_of(p, "segment", name);
    EXPECT_EQ(std::get<int64_t>(row[column(p, "customers")]), expected[name].first) << name;
    EXPECT_EQ(std::get<int64_t>(row[column(p, "revenue")]), expected[name].second) << name;
  }
}

TEST(Customer360Shared, CohortTriangleEqualsDirectSql) {
  auto wh = testing::open_shared_warehouse();
  const Dialect& d = wh->dialect();
  const std::string end = as_of_utc(*wh);
  std::map<std::string, int64_t> size;
  for (const Row row : wh->query("SELECT " + d.ny_month("register_time") +
                                     " AS cohort, COUNT(*) AS users FROM sales_crm__t_user WHERE tenant = 'LKUS' AND "
                                     "register_time < ? GROUP BY cohort",
                                 {end}))
    size[row.text("cohort")] = row.integer("users");
  std::map<std::pair<std::string, std::string>, int64_t> active;
  for (const Row row : wh->query(
           "SELECT " + d.ny_month("u.register_time") + " AS cohort, " + d.ny_month("o.create_time") +
               " AS month, COUNT(DISTINCT o.user_no) AS users FROM sales_order__t_order o JOIN sales_crm__t_user u ON "
               "u.user_no = o.user_no WHERE o.tenant = 'LKUS' AND u.tenant = 'LKUS' AND o.status IN (20, 30, 40, 60) "
               "AND o.create_time < ? GROUP BY cohort, month",
           {end}))
    active[{row.text("cohort"), row.text("month")}] = row.integer("users");
  const HeatmapData& h = shared_report().panel("cohorts")->heatmap;
  int checked = 0;
  for (size_t y = 0; y < h.y.size(); ++y) {
    for (size_t k = 0; k < h.x.size(); ++k) {
      if (std::holds_alternative<std::monostate>(h.values[y][k])) continue;
      const int index = std::stoi(h.y[y].substr(0, 4)) * 12 + std::stoi(h.y[y].substr(5, 2)) - 1 + static_cast<int>(k);
      char month[16];
      std::snprintf(month, sizeof month, "%04d-%02d", index / 12, index % 12 + 1);
      const double share = static_cast<double>(active[{h.y[y], month}]) / static_cast<double>(size[h.y[y]]);
      EXPECT_DOUBLE_EQ(std::get<double>(h.values[y][k]), std::round(share * 1e4) / 1e4) << h.y[y] << " +" << k;
      ++checked;
    }
  }
  EXPECT_GT(checked, 10);
}

// Cohorts by favourite store: each customer's store of most paid orders
// (then the lowest id), first purchase month and months ordering, straight
// from t_order; the triangle's groups and shares recomputed from them.
// The cohorts by a preference (`cohort_by` store or product) against t_order
// read directly: each customer's group by `group_of` (user → group), months
// from the customer's own first paid month; groups by customers, most first.
void ExpectPreferenceCohortsEqualDirectSql(Warehouse& wh, const std::string& cohort_by,
                                           const std::map<std::string, std::string>& group_of) {
  const Dialect& d = wh.dialect();
  const std::string end = as_of_utc(wh);
  const std::string last = (Date::parse(wh.meta("as_of")) - 1).month_str();
  const auto month_index = [](const std::string& m) { return std::stoi(m.substr(0, 4)) * 12 + std::stoi(m.substr(5, 2)); };
  std::map<std::string, std::set<int>> months;  // user → months ordering (index)
  for (const Row row : wh.query("SELECT DISTINCT o.user_no AS user_no, " + d.ny_month("o.create_time") +
                                    " AS month FROM sales_order__t_order o JOIN sales_crm__t_user u ON u.user_no = "
                                    "o.user_no AND u.tenant = 'LKUS' WHERE o.tenant = 'LKUS' AND o.status IN (20, 30, "
                                    "40, 60) AND o.create_time < ?",
                                {end}))
    months[row.text("user_no")].insert(month_index(row.text("month")));
  constexpr int kMonths = 6;
  std::map<std::string, std::vector<int64_t>> active, eligible;
  std::map<std::string, int64_t> customers;
  for (const auto& [user, ordered] : months) {
    const auto group_it = group_of.find(user);
    if (group_it == group_of.end()) continue;  // no product with cups: in no product cohort
    const std::string& group = group_it->second;
    customers[group] += 1;
    auto& a = active[group];
    auto& e = eligible[group];
    a.resize(kMonths, 0);
    e.resize(kMonths, 0);
    const int first = *ordered.begin();
    for (int k = 0; k < kMonths && first + k <= month_index(last); ++k) {
      e[k] += 1;
      a[k] += ordered.count(first + k);
    }
  }
  std::vector<std::pair<int64_t, std::string>> order;
  for (const auto& [group, n] : customers) order.push_back({-n, group});
  std::stable_sort(order.begin(), order.end(), [](const auto& l, const auto& r) { return l.first < r.first; });
  const Report r = run(wh, {{"cohort_by", cohort_by}, {"cohort_months", std::to_string(kMonths)}});
  const HeatmapData& h = r.panel("cohorts")->heatmap;
  ASSERT_EQ(h.y.size(), static_cast<size_t>(kMonths));
  int checked = 0;
  for (size_t y = 0; y < h.y.size(); ++y) {
    const std::string group = order[y].second;
    ASSERT_EQ(h.y[y], cohort_by == "store" ? "store " + group : group);
    for (int k = 0; k < kMonths; ++k) {
      if (eligible[group][k] == 0) {
        EXPECT_TRUE(std::holds_alternative<std::monostate>(h.values[y][k]));
        continue;
      }
      const double share = static_cast<double>(active[group][k]) / static_cast<double>(eligible[group][k]);
      EXPECT_DOUBLE_EQ(std::get<double>(h.values[y][k]), std::round(share * 1e4) / 1e4) << group << " +" << k;
      ++checked;
    }
  }
  EXPECT_GT(checked, 10);
}

// Favourite store: the store of most paid orders, ties to the lowest id.
TEST(Customer360Shared, StoreCohortsEqualDirectSql) {
  auto wh = testing::open_shared_warehouse();
  std::map<std::string, std::pair<int64_t, int64_t>> best;  // user → orders, shop
  for (const Row row : wh->query("SELECT user_no, shop_id, COUNT(*) AS n FROM sales_order__t_order WHERE tenant = "
                                 "'LKUS' AND user_no IS NOT NULL AND status IN (20, 30, 40, 60) GROUP BY user_no, shop_id",
                                 {})) {
    auto [it, added] = best.emplace(row.text("user_no"), std::pair{row.integer("n"), row.integer("shop_id")});
    if (!added && (row.integer("n") > it->second.first ||
                   (row.integer("n") == it->second.first && row.integer("shop_id") < it->second.second)))
      it->second = {row.integer("n"), row.integer("shop_id")};
  }
  std::map<std::string, std::string> group_of;
  for (const auto& [user, b] : best) group_of[user] = std::to_string(b.second);
  ExpectPreferenceCohortsEqualDirectSql(*wh, "store", group_of);
}

// Most bought product: the spu_name of most cups of the paid orders' items, ties by name.
TEST(Customer360Shared, ProductCohortsEqualDirectSql) {
  auto wh = testing::open_shared_warehouse();
  std::map<std::string, std::pair<int64_t, std::string>> best;  // user → cups, product
  for (const Row row : wh->query("SELECT o.user_no AS user_no, i.spu_name AS name, SUM(i.quantity) AS cups FROM "
                                 "sales_order__t_order_item i JOIN sales_order__t_order o ON o.id = i.order_id WHERE "
                                 "o.tenant = 'LKUS' AND o.user_no IS NOT NULL AND o.status IN (20, 30, 40, 60) AND "
                                 "i.spu_name IS NOT NULL AND i.quantity > 0 GROUP BY o.user_no, i.spu_name",
                                 {})) {
    auto [it, added] = best.emplace(row.text("user_no"), std::pair{row.integer("cups"), row.text("name")});
    if (!added && (row.integer("cups") > it->second.first ||
                   (row.integer("cups") == it->second.first && row.text("name") < it->second.second)))
      it->second = {row.integer("cups"), row.text("name")};
  }
  std::map<std::string, std::string> group_of;
  for (const auto& [user, b] : best) group_of[user] = b.second;
  ExpectPreferenceCohortsEqualDirectSql(*wh, "product", group_of);
}

}  // namespace
}  // namespace luckyhub
