// The channels tool (Tool 6): on a tiny warehouse of seven customers every
// figure of the comparison, the funnel, the mixes, the payment methods, last
// week's health and CAC from entered spend, worked out by hand; the spend
// file's validation; on the shared simulation the channels' repeat rates
// against direct SQL and the planted retention order (manifest
// `channel_churn`); the parameters.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <set>

#include "core/error.h"
#include "support/panel_columns.h"
#include "support/shared_sim.h"
#include "support/tiny_warehouse.h"
#include "tools/channels/channels_spend.h"
#include "tools/customer_360/customer_360.h"
#include "tools/registry.h"

namespace luckyhub {
namespace {

using testing::column;

const Cell& cell(const Panel& p, const std::string& channel, const std::string& id) {
  for (const auto& row : p.table.rows) {
    if (std::get<std::string>(row[0]) == channel) return row[column(p, id)];
  }
  throw Error("no channel " + channel + " in " + p.id);
}

double real(const Cell& c) { return std::get<double>(c); }
int64_t integer(const Cell& c) { return std::get<int64_t>(c); }
bool null(const Cell& c) { return std::holds_alternative<std::monostate>(c); }

const KpiTile& tile(const Report& r, const std::string& panel, const std::string& id) {
  for (const KpiTile& t : r.panel(panel)->kpis) {
    if (t.id == id) return t;
  }
  throw Error("no tile " + id);
}

// Data from 2026-01-01, as-of 2026-05-01 (a Friday: last week is 04-20..26).
// Registrations at 15:00 UTC (10:00 in New York), orders at 17:00 UTC.
//   U1 iOS      reg 01-05; paid 01-06 $5, 01-20 $7, 03-01 $4 (iOS) + $2 (Android app)
//   U2 iOS      reg 01-05; paid 01-10 $6, 03-15 $6; a cancelled order 02-01
//   U3 Android  reg 01-10; paid 01-11 $10; an unpaid order 01-20
//   U4 Delivery reg 01-25; no order
//   U5 Other(8) reg 04-20; paid 04-21 $3
//   U7 Android  reg 03-30; paid 03-31 $4
//   N1 LKNZ     reg 01-05 on iOS; paid 01-06: counts nowhere
class ChannelsTiny : public ::testing::Test {
 protected:
  void SetUp() override {
    tiny_ = std::make_unique<testing::TinyWarehouse>("2026-01-01", "2026-05-01");
    user("U1", 2, "2026-01-05");
    user("U2", 2, "2026-01-05");
    user("U3", 1, "2026-01-10");
    user("U4", 3, "2026-01-25");
    user("U5", 8, "2026-04-20");
    user("U7", 1, "2026-03-30");
    user("N1", 2, "2026-01-05", "LKNZ");
    order("U1", 2, "2026-01-06", 500);
    order("U1", 2, "2026-01-20", 700);
    order("U1", 2, "2026-03-01", 400);
    order("U1", 1, "2026-03-01", 200);
    order("U2", 2, "2026-01-10", 600);
    order("U2", 2, "2026-03-15", 600);
    order("U2", 2, "2026-02-01", 900, 50);
    order("U3", 1, "2026-01-11", 1000);
    order("U3", 1, "2026-01-20", 800, 10);
    order("U5", 8, "2026-04-21", 300);
    order("U7", 1, "2026-03-31", 400);
    order("N1", 2, "2026-01-06", 500, 40, "LKNZ");
    // Payments: U1 three by Apple Pay, U2 one by credit card and one failed,
    // U3 a refund (not a payment).
    trade("U1", 53, 1, 20, 500);
    trade("U1", 53, 1, 20, 700);
    trade("U1", 53, 1, 20, 300);
    trade("U2", 6, 1, 20, 600);
    trade("U2", 6, 1, 30, 600);
    trade("U3", 6, 2, 20, 1000);
    // Tracked: d1 an iOS install that became U1 (download, register, first and
    // repeat order), d2 an iOS install that never registered, d3 U4's
    // delivery sign-up.
    event("d1", "", 2, "app_download", "2026-01-04");
    event("d1", "U1", 2, "register", "2026-01-05");
    event("d1", "U1", 2, "first_order", "2026-01-06");
    event("d1", "U1", 2, "repeat_order", "2026-01-20");
    event("d2", "", 2, "app_download", "2026-01-05");
    event("d3", "U4", 3, "register", "2026-01-25");
    wh_ = tiny_->open();
  }

  void user(const std::string& no, int64_t origin, const std::string& day, const std::string& tenant = "LKUS") {
    tiny_->add("luckyus_sales_crm", "t_user",
               {{"id", ++id_}, {"tenant", tenant}, {"user_no", no}, {"origin", origin},
                {"register_time", day + " 15:00:00"}, {"create_time", day + " 15:00:00"}});
  }
  void order(const std::string& user_no, int64_t channel, const std::string& day, int64_t cents, int64_t status = 40,
             const std::string& tenant = "LKUS") {
    const std::string time = day + " 17:00:00";
    tiny_->add("luckyus_sales_order", "t_order",
               {{"id", ++id_}, {"tenant", tenant}, {"order_no", "O" + std::to_string(id_)}, {"user_no", user_no},
                {"shop_id", int64_t{1}}, {"channel", channel}, {"status", status}, {"pay_money", cents},
                {"create_time", time}, {"pay_time", status == 10 ? SqlValue{} : SqlValue{time}}});
  }
  void trade(const std::string& user_no, int64_t method, int64_t type, int64_t status, int64_t cents) {
    tiny_->add("luckyus_sales_payment", "t_trade",
               {{"id", ++id_}, {"tenant", "LKUS"}, {"trade_no", "T" + std::to_string(id_)}, {"user_no", user_no},
                {"channel_id", method}, {"trade_type", type}, {"trade_status", status}, {"amount", cents},
                {"create_time", "2026-01-06 17:00:00"}});
  }
  void event(const std::string& device, const std::string& user_no, int64_t channel, const std::string& type,
             const std::string& day) {
    tiny_->add("luckyus_isales_cdp", "t_user_event_track",
               {{"id", ++id_}, {"tenant", "LKUS"}, {"device_id", device},
                {"user_no", user_no.empty() ? SqlValue{} : SqlValue{user_no}}, {"event_type", type},
                {"channel", channel}, {"source", "organic"}, {"event_time", day + " 15:00:00"}});
  }

  Report run(std::map<std::string, std::string> params = {}) {
    return run_tool(ToolRegistry::instance().get("channels"), *wh_, params);
  }

  int64_t id_ = 0;
  std::unique_ptr<testing::TinyWarehouse> tiny_;
  std::unique_ptr<Warehouse> wh_;
};

TEST_F(ChannelsTiny, ComparesTheChannels) {
  const Report r = run();
  const Panel& c = *r.panel("channels");
  ASSERT_EQ(c.table.rows.size(), 4u);
  // iOS: U1 4 orders $18, U2 2 orders $12.
  EXPECT_EQ(integer(cell(c, "iOS", "customers")), 2);
  EXPECT_EQ(real(cell(c, "iOS", "conversion")), 1.0);
  EXPECT_EQ(integer(cell(c, "iOS", "orders")), 6);
  EXPECT_EQ(integer(cell(c, "iOS", "aov")), 500);
  EXPECT_EQ(integer(cell(c, "iOS", "value")), 1500);
  EXPECT_EQ(integer(cell(c, "iOS", "value_90")), 1500);  // every order within 90 days of registering
  // U1 came back 14 and 54 days after its first order (active in days 1-30
  // and 31-60), U2 after 64 (61-90): 1/2 in each period.
  EXPECT_EQ(real(cell(c, "iOS", "retention_30")), 0.5);
  EXPECT_EQ(real(cell(c, "iOS", "retention_60")), 0.5);
  EXPECT_EQ(real(cell(c, "iOS", "retention_90")), 0.5);
  // Android: U3 once (its unpaid order does not count), U7 once 31 days before as-of.
  EXPECT_EQ(integer(cell(c, "Android", "customers")), 2);
  EXPECT_EQ(integer(cell(c, "Android", "orders")), 2);
  EXPECT_EQ(integer(cell(c, "Android", "aov")), 700);
  EXPECT_EQ(integer(cell(c, "Android", "value_90")), 1000);  // U7 registered under 90 days ago
  EXPECT_EQ(real(cell(c, "Android", "retention_30")), 0.0);  // of U3 and U7
  EXPECT_EQ(real(cell(c, "Android", "retention_90")), 0.0);  // of U3 alone
  // Delivery: U4 never ordered.
  EXPECT_EQ(integer(cell(c, "Delivery", "customers")), 1);
  EXPECT_EQ(real(cell(c, "Delivery", "conversion")), 0.0);
  EXPECT_TRUE(null(cell(c, "Delivery", "aov")));
  EXPECT_EQ(integer(cell(c, "Delivery", "value")), 0);
  EXPECT_EQ(integer(cell(c, "Delivery", "value_90")), 0);
  EXPECT_TRUE(null(cell(c, "Delivery", "retention_30")));
  // Other: U5's first order is 10 days old: no repeat base, no 90-day value.
  EXPECT_EQ(integer(cell(c, "Other", "orders")), 1);
  EXPECT_TRUE(null(cell(c, "Other", "retention_30")));
  EXPECT_TRUE(null(cell(c, "Other", "value_90")));

  EXPECT_EQ(std::get<int64_t>(tile(r, "summary", "customers").value), 6);  // not the LKNZ one
  EXPECT_EQ(std::get<double>(tile(r, "summary", "ios_share").value), 0.3333);
  EXPECT_EQ(std::get<double>(tile(r, "summary", "conversion").value), 0.8333);
  EXPECT_EQ(std::get<int64_t>(tile(r, "summary", "aov").value), 522);  // $47.00 / 9
  EXPECT_EQ(std::get<double>(tile(r, "summary", "retention_90").value), 0.3333);  // U2 of U1, U2, U3
}

TEST_F(ChannelsTiny, TheWindowSelectsRegistrations) {
  const Report r = run({{"from", "2026-01-06"}, {"to", "2026-04-01"}});
  const Panel& c = *r.panel("channels");
  EXPECT_EQ(integer(cell(c, "iOS", "customers")), 0);
  EXPECT_EQ(integer(cell(c, "Android", "customers")), 2);
  EXPECT_EQ(integer(cell(c, "Other", "customers")), 0);
}

TEST_F(ChannelsTiny, FunnelFollowsTheTrackedInstalls) {
  const Report r = run({{"loyal_orders", "4"}});
  const Panel& f = *r.panel("funnel");
  ASSERT_EQ(f.series.series.size(), 4u);
  const std::vector<Cell> ios = {int64_t{2}, int64_t{1}, int64_t{1}, int64_t{1}, int64_t{1}};
  EXPECT_EQ(f.series.series[0].values, ios);  // U1 has 4 paid orders: loyal at 4
  const std::vector<Cell> delivery = {int64_t{0}, int64_t{1}, int64_t{0}, int64_t{0}, int64_t{0}};
  EXPECT_EQ(f.series.series[2].values, delivery);
  const Panel& steps = *r.panel("funnel_steps");
  EXPECT_EQ(real(cell(steps, "iOS", "download_to_registration")), 0.5);
  EXPECT_TRUE(null(cell(steps, "Delivery", "download_to_registration")));
  EXPECT_EQ(integer(cell(*run().panel("funnel_steps"), "iOS", "loyal")), 0);  // 4 orders < 5
}

TEST_F(ChannelsTiny, MixesCoverEveryMonthSinceLaunch) {
  const Report r = run();
  const Panel& orders = *r.panel("order_mix");
  ASSERT_EQ(orders.series.x, (std::vector<std::string>{"2026-01", "2026-02", "2026-03", "2026-04"}));
  // January: 3 iOS-app orders, 1 Android; February none paid; March 2 and 2; April one kiosk/other.
  EXPECT_EQ(orders.series.series[0].values, (std::vector<Cell>{0.75, Cell{}, 0.5, 0.0}));
  EXPECT_EQ(orders.series.series[1].values, (std::vector<Cell>{0.25, Cell{}, 0.5, 0.0}));
  EXPECT_EQ(orders.series.series[3].values, (std::vector<Cell>{0.0, Cell{}, 0.0, 1.0}));
  const Panel& reg = *r.panel("registration_mix");
  EXPECT_EQ(reg.series.series[0].values, (std::vector<Cell>{2.0 / 4, Cell{}, 0.0, 0.0}));
  EXPECT_EQ(reg.series.series[2].values, (std::vector<Cell>{0.25, Cell{}, 0.0, 0.0}));
  EXPECT_EQ(reg.series.series[1].values, (std::vector<Cell>{0.25, Cell{}, 1.0, 0.0}));
}

TEST_F(ChannelsTiny, PaymentMethodsOfTheChannelsCustomers) {
  const Report r = run();
  const Panel& p = *r.panel("payments");
  ASSERT_EQ(p.table.rows.size(), 2u);  // iOS: Apple Pay and credit card; the failed and the refund nowhere
  for (const auto& row : p.table.rows) {
    EXPECT_EQ(std::get<std::string>(row[0]), "iOS");
    const std::string method = std::get<std::string>(row[column(p, "method")]);
    if (method == "Apple Pay") {
      EXPECT_EQ(integer(row[column(p, "payments")]), 3);
      EXPECT_EQ(real(row[column(p, "share")]), 0.75);
      EXPECT_EQ(integer(row[column(p, "amount")]), 1500);
    } else {
      EXPECT_EQ(method, "credit card");
      EXPECT_EQ(integer(row[column(p, "amount")]), 600);
    }
  }
}

TEST_F(ChannelsTiny, LastWeekAgainstTheFourBefore) {
  EXPECT_EQ(std::get<std::string>(cell(*run().panel("health"), "Android", "status")), "none");  // 0.25 a week < 5
  const Report r = run({{"health_min", "0.1"}});
  const Panel& h = *r.panel("health");
  EXPECT_EQ(h.title, "Channel health, week of 2026-04-20");
  // Other: U5 registered and ordered in the week, nobody in the 4 weeks before.
  EXPECT_EQ(integer(cell(h, "Other", "customers")), 1);
  EXPECT_TRUE(null(cell(h, "Other", "customers_change")));
  EXPECT_EQ(std::get<std::string>(cell(h, "Other", "status")), "none");
  // Android: U7 in the 4 weeks before (0.25 a week), nobody last week: -100%, red.
  EXPECT_EQ(real(cell(h, "Android", "customers_before")), 0.3);  // 0.25 shown to one decimal
  EXPECT_EQ(real(cell(h, "Android", "customers_change")), -1.0);
  EXPECT_EQ(std::get<std::string>(cell(h, "Android", "status")), "red");
  EXPECT_EQ(std::get<int64_t>(tile(r, "week", "red_channels").value), 1);
  EXPECT_EQ(std::get<int64_t>(tile(r, "week", "week_customers").value), 1);
  EXPECT_EQ(std::get<int64_t>(tile(r, "week", "week_first_orders").value), 1);
}

TEST_F(ChannelsTiny, CacFromTheEnteredSpend) {
  EXPECT_NE(run().panel("spend")->text.find("No spend entered for iOS"), std::string::npos);
  channels::save_spend(*wh_, channels::parse_spend("channel,month,spend\n"
                                                   "ios,2026-01,100\nios,2026-02,100.00\nios,2026-03,100\n"
                                                   "ios,2026-04,100\nandroid,2026-01,50.5\n",
                                                   "spend.csv"));
  Panel c = *run().panel("channels");
  EXPECT_EQ(integer(cell(c, "iOS", "spend")), 40000);
  EXPECT_EQ(integer(cell(c, "iOS", "cac")), 20000);
  EXPECT_EQ(real(cell(c, "iOS", "value_per_cac")), 0.08);  // $15 / $200
  EXPECT_EQ(integer(cell(c, "Android", "spend")), 5050);
  EXPECT_TRUE(null(cell(c, "Android", "cac")));  // February to April have no spend
  EXPECT_TRUE(null(cell(c, "Delivery", "spend")));
  const std::string text = run().panel("spend")->text;
  EXPECT_NE(text.find("Android: 2026-02, 2026-03, 2026-04"), std::string::npos) << text;
  EXPECT_EQ(text.find("iOS:"), std::string::npos) << text;
  // A newer entry replaces January's iOS spend, and only it.
  channels::save_spend(*wh_, channels::parse_spend("channel,month,spend\nios,2026-01,200\n", "again.csv"));
  c = *run().panel("channels");
  EXPECT_EQ(integer(cell(c, "iOS", "spend")), 50000);
  EXPECT_EQ(integer(cell(c, "iOS", "cac")), 25000);
  // A window of March alone: its one month has spend.
  c = *run({{"from", "2026-03-01"}, {"to", "2026-04-01"}}).panel("channels");
  EXPECT_EQ(integer(cell(c, "iOS", "spend")), 10000);
  EXPECT_TRUE(null(cell(c, "iOS", "cac")));  // no iOS customer registered in March: no CAC
}

TEST(ChannelsSpend, RefusesABadFileNamingTheLine) {
  const auto refused = [](const std::string& text) {
    try {
      channels::parse_spend(text, "s.csv");
    } catch (const Error& e) {
      return std::string(e.what());
    }
    return std::string("accepted");
  };
  EXPECT_EQ(refused(""), "s.csv: empty, want the header channel,month,spend");
  EXPECT_EQ(refused("channel,month,spend\n"), "s.csv: no rows after the header");
  EXPECT_EQ(refused("channel,month,cost\nios,2026-01,1\n"), "s.csv:1: the header must be channel,month,spend");
  EXPECT_EQ(refused("channel,month,spend\nios,2026-01,1\nweb,2026-01,1\n"),
            "s.csv:3: channel 'web' is not one of ios, android, delivery, other");
  EXPECT_EQ(refused("channel,month,spend\nios,2026-13,1\n"), "s.csv:2: month '2026-13' is not YYYY-MM");
  EXPECT_EQ(refused("channel,month,spend\nios,2026-01,1.234\n"),
            "s.csv:2: spend '1.234' is not an amount in dollars with at most two decimals");
  EXPECT_EQ(refused("channel,month,spend\nios,2026-01,-5\n"), "s.csv:2: spend '-5' is negative");
  // The fuzzer's find (channels_spend): the file took what the grid and the API refuse.
  EXPECT_EQ(refused("channel,month,spend\nios,2025-04,4254421133.00\n"),
            "s.csv:2: spend '4254421133.00' is more than 1000000000 dollars");
  EXPECT_EQ(channels::parse_spend("channel,month,spend\nios,2025-04,1000000000.00\n", "x").at(0).cents,
            100000000000);
  EXPECT_EQ(refused("channel,month,spend\nios,2026-01,1\n\nios,2026-01,2\n"), "s.csv:4: ios 2026-01 appears twice");
  EXPECT_EQ(refused("channel,month,spend\nios,2026-01\n"), "s.csv:2: want 3 fields (channel,month,spend), got 2");
  const auto rows = channels::parse_spend("channel,month,spend\r\nother,2025-12,12.5\r\n", "x");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].group, channels::kOther);
  EXPECT_EQ(rows[0].cents, 1250);
}

// The shared simulation (scale 0.02, seed 7): each channel's customers,
// orders and repeat rates recomputed here from the raw t_user and t_order
// rows (not through the derived table), and the planted retention order.
class ChannelsGroundTruth : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    wh_ = testing::open_shared_warehouse().release();
    report_ = new Report(run_tool(ToolRegistry::instance().get("channels"), *wh_, {}));
  }
  static void TearDownTestSuite() {
    delete report_;
    delete wh_;
  }
  static Warehouse* wh_;
  static Report* report_;
};
Warehouse* ChannelsGroundTruth::wh_ = nullptr;
Report* ChannelsGroundTruth::report_ = nullptr;

TEST_F(ChannelsGroundTruth, RepeatRatesEqualTheRawOrders) {
  const Date as_of = Date::parse(wh_->meta("as_of"));
  std::map<std::string, int> group;  // user_no -> 0 iOS, 1 Android, 2 Delivery, 3 Other
  for (const Row row : wh_->query("SELECT user_no, origin FROM sales_crm__t_user WHERE tenant = 'LKUS'")) {
    const int64_t o = row.integer("origin");
    group[row.text("user_no")] = o == 2 ? 0 : o == 1 ? 1 : o == 3 ? 2 : 3;
  }
  std::map<std::string, std::set<Date>> days;
  std::array<int64_t, 4> orders{};
  for (const Row row : wh_->query("SELECT user_no, create_time FROM sales_order__t_order WHERE tenant = 'LKUS' AND "
                                  "status IN (20, 30, 40, 60)")) {
    const Date day = new_york_date(Timestamp::parse(row.text("create_time")));
    if (day >= as_of || !group.count(row.text("user_no"))) continue;
    days[row.text("user_no")].insert(day);
    orders[group[row.text("user_no")]] += 1;
  }
  std::array<int64_t, 4> base{}, back{};  // active 61-90 days after the first order
  for (const auto& [user, d] : days) {
    const Date first = *d.begin();
    if (as_of - first < 90) continue;
    base[group[user]] += 1;
    back[group[user]] += std::any_of(d.begin(), d.end(), [&](Date x) { return x - first >= 61 && x - first <= 90; });
  }
  const Panel& c = *report_->panel("channels");
  const char* labels[] = {"iOS", "Android", "Delivery", "Other"};
  for (int g = 0; g < 4; ++g) {
    SCOPED_TRACE(labels[g]);
    EXPECT_EQ(integer(cell(c, labels[g], "orders")), orders[g]);
    ASSERT_GT(base[g], 0);
    EXPECT_NEAR(real(cell(c, labels[g], "retention_90")), static_cast<double>(back[g]) / base[g], 5e-5);
  }
  EXPECT_GT(base[2], 30);  // enough delivery customers to tell
}

// LTV per new customer of a window: what they paid to as-of (raw paid orders)
// plus, for each buyer, the 12-month value customer-360's fitted models give
// their purchase days (Tool 4's models, tested against pymc-marketing's own
// figures in customer_360_test.cc), over the window's new customers.
TEST_F(ChannelsGroundTruth, LifetimeValueIsToDatePlusTheCustomer360Models) {
  const Date as_of = Date::parse(wh_->meta("as_of"));
  const Date from = Date::parse("2025-09-01"), to = Date::parse("2026-01-01");
  std::map<std::string, int> group;  // the window's new customers
  for (const Row row : wh_->query("SELECT user_no, origin, register_time FROM sales_crm__t_user WHERE tenant = 'LKUS'")) {
    const Date registered = new_york_date(Timestamp::parse(row.text("register_time")));
    if (registered < from || registered >= to) continue;
    const int64_t o = row.integer("origin");
    group[row.text("user_no")] = o == 2 ? 0 : o == 1 ? 1 : o == 3 ? 2 : 3;
  }
  std::map<std::string, std::map<Date, std::pair<int64_t, int64_t>>> days;  // user -> day -> orders, cents
  for (const Row row : wh_->query("SELECT user_no, create_time, pay_money FROM sales_order__t_order WHERE tenant = "
                                  "'LKUS' AND status IN (20, 30, 40, 60)")) {
    const Date day = new_york_date(Timestamp::parse(row.text("create_time")));
    if (day >= as_of || !group.count(row.text("user_no"))) continue;
    auto& d = days[row.text("user_no")][day];
    d.first += 1;
    d.second += row.integer("pay_money");
  }
  customer_360::Scope scope;
  scope.as_of = as_of;
  const auto fitted = customers::fitted_models(*wh_, as_of, 4);
  std::array<double, 4> cents{}, customers{};
  for (const auto& [user, g] : group) customers[g] += 1;
  for (const auto& [user, by_day] : days) {
    customer_360::Customer c{.user_no = user};
    for (const auto& [day, d] : by_day) {
      c.days.push_back({.day = day, .orders = d.first, .cents = d.second});
      cents[group[user]] += static_cast<double>(d.second);
    }
    cents[group[user]] += 100 * customer_360::score_customer(c, *fitted, scope).value_12m;
  }
  const Report r = run_tool(ToolRegistry::instance().get("channels"), *wh_,
                            {{"from", from.str()}, {"to", to.str()}});
  const Panel& c = *r.panel("channels");
  const char* labels[] = {"iOS", "Android", "Delivery", "Other"};
  for (int g = 0; g < 4; ++g) {
    SCOPED_TRACE(labels[g]);
    ASSERT_GT(customers[g], 0);
    EXPECT_NEAR(static_cast<double>(integer(cell(c, labels[g], "ltv"))), cents[g] / customers[g], 0.51);
    EXPECT_GT(integer(cell(c, labels[g], "ltv")), integer(cell(c, labels[g], "value")));  // buyers expected back
  }
}

TEST_F(ChannelsGroundTruth, TheChannelPlantedToChurnMostRepeatsLeast) {
  std::map<int64_t, double> churn;
  for (const auto& i : testing::shared_sim().truth["anomalies"]["channel_churn"]["items"]) {
    churn[i["origin"].get<int64_t>()] = i["churn_share"].get<double>();
  }
  ASSERT_EQ(churn.size(), 6u);
  EXPECT_GT(churn[3], churn[2]);  // delivery planted to churn more than iOS
  const Panel& c = *report_->panel("channels");
  EXPECT_LT(real(cell(c, "Delivery", "retention_90")), real(cell(c, "iOS", "retention_90")) - 0.05);
  EXPECT_LT(real(cell(c, "Delivery", "retention_60")), real(cell(c, "iOS", "retention_60")) - 0.05);
}

}  // namespace
}  // namespace luckyhub
