// Customer 360 (Tool 4), one customer: the profile card on the tiny
// warehouse, following a synced order; the materialised profile and phone
// tables refreshed for the changed customers only, and read inline to the
// same card; the masked-phone lookup never shows the phone; on the shared
// simulation the card equals t_user, t_order, t_order_item and
// t_coupon_record read directly, and the phone search finds exactly the
// phones ending in the digits.
#include <gtest/gtest.h>

#include "tools/customer_360_fixture.h"

namespace luckyhub {
namespace {

using namespace customer_360_testing;

TEST_F(Customer360Tiny, ProfileCard) {
  const Report r = run(*wh_, {{"user", "u1"}});
  const Panel& card = *r.panel("profile");
  EXPECT_EQ(std::get<std::string>(tile(card, "registered").value), "2025-12-05");
  EXPECT_EQ(std::get<std::string>(tile(card, "origin").value), "iOS app");
  EXPECT_EQ(std::get<std::string>(tile(card, "phone").value), "***-***-1234");
  EXPECT_EQ(std::get<int64_t>(tile(card, "orders").value), 4);
  EXPECT_EQ(std::get<int64_t>(tile(card, "lifetime_value").value), 1700);
  EXPECT_EQ(std::get<int64_t>(tile(card, "favourite_store").value), 1);
  EXPECT_EQ(std::get<std::string>(tile(card, "top_products").value), "Latte, Mocha, Tea");
  EXPECT_EQ(std::get<int64_t>(tile(card, "active_coupons").value), 1);
  EXPECT_EQ(std::get<std::string>(tile(card, "cdp_segments").value), "ACTIVE, FREQ_MID");
  EXPECT_EQ(r.panel("labels")->text, "iced_lover");
  EXPECT_EQ(std::get<std::string>(tile(card, "rfm").value), "441 Other");
  EXPECT_EQ(r.panel("segment_history")->table.rows.size(), 1u);
  EXPECT_EQ(std::get<int64_t>(r.panel("experiments")->table.rows.at(0)[0]), 7);
  EXPECT_EQ(std::get<std::string>(tile(card, "age_range").value), "25-34");
  EXPECT_EQ(std::get<std::string>(tile(card, "home").value), "Brooklyn, NY");
  EXPECT_EQ(std::get<std::string>(tile(card, "language").value), "en");
  EXPECT_EQ(std::get<std::string>(tile(card, "opt_in").value), "push, email");
  // Before as-of, latest first; the phone change without its values.
  const Panel& history = *r.panel("account_history");
  ASSERT_EQ(history.table.rows.size(), 3u);
  EXPECT_EQ(history.table.rows[0], (std::vector<Cell>{"2026-02-01", "phone change", "iOS app", ""}));
  EXPECT_EQ(history.table.rows[1], (std::vector<Cell>{"2026-01-10", "member level change", "iOS app", "1 → 2"}));
  EXPECT_EQ(history.table.rows[2], (std::vector<Cell>{"2025-12-05", "register", "iOS app", ""}));
  EXPECT_EQ(render_json(r).find("555000"), std::string::npos);
  EXPECT_THROW(tile(*run(*wh_, {{"user", "u4"}}).panel("profile"), "age_range"), Error);  // no t_user_profile row
  const Report none = run(*wh_, {{"user", "nobody"}});
  EXPECT_EQ(none.panel("profile")->text, "No customer found: no LKUS customer has user_no nobody.");
}

// A repeated lookup of an unchanged warehouse gives the same report, and an
// incremental sync of a new order for u1 (through
// the updater, which keeps sales__customer_day current) shows in the next
// lookup: 5 orders, $24.00, a later last purchase.
TEST_F(Customer360Tiny, ProfileFollowsASyncedOrder) {
  const Report first = run(*wh_, {{"user", "u1"}});
  EXPECT_EQ(render_json(run(*wh_, {{"user", "u1"}})), render_json(first));
  EXPECT_EQ(std::get<int64_t>(tile(*first.panel("profile"), "orders").value), 4);
  EXPECT_EQ(std::get<int64_t>(tile(*first.panel("profile"), "lifetime_value").value), 1700);
  {
    auto updater = open_updater(tiny_->path());
    ASSERT_TRUE(updater->has_table(std::string(customers::kCustomerDay)));
    updater->begin();
    const TableDef& t = SchemaCatalog::builtin().table("luckyus_sales_order", "t_order");
    auto sink = updater->open_upsert_sink(t);
    for (const ColumnDef& c : t.columns) sink->set_null(sink->col(c.name));
    sink->set_int(sink->col("id"), 100);
    sink->set_text(sink->col("tenant"), "LKUS");
    sink->set_text(sink->col("order_no"), "O100");
    sink->set_text(sink->col("user_no"), "u1");
    sink->set_int(sink->col("shop_id"), 1);
    sink->set_text(sink->col("currency_code"), "USD");
    sink->set_int(sink->col("status"), 40);
    sink->set_int(sink->col("pay_money"), 700);
    sink->set_text(sink->col("create_time"), "2026-02-25 17:00:00");
    sink->end_row();
    sink->finish();
    updater->commit();
  }
  const std::unique_ptr<Warehouse> synced = open_warehouse(tiny_->path());
  // Read from the stored derived table, kept by the sync, not inline.
  EXPECT_EQ(derived_from(*synced, customers::kCustomerDay).sql, std::string(customers::kCustomerDay));
  const Report after = run(*synced, {{"user", "u1"}});
  const Panel& card = *after.panel("profile");
  EXPECT_EQ(std::get<int64_t>(tile(card, "orders").value), 5);
  EXPECT_EQ(std::get<int64_t>(tile(card, "lifetime_value").value), 2400);
  EXPECT_NE(render_json(after), render_json(first));
}

// The materialised profile: one row per customer, built at load; a sync
// recomputes the rows of the customers whose sources changed (u1's new order
// and item, u4's new CDP state) and no other: u2's row, altered by hand
// before the sync, keeps the alteration, where a rebuild would restore it.
TEST_F(Customer360Tiny, ProfileTableFollowsTheChangedCustomersOnly) {
  ASSERT_EQ(derived_from(*wh_, customer_360::kProfile).sql, std::string(customer_360::kProfile));
  const auto profile_row = [](Warehouse& wh, const std::string& user) {
    const ResultSet r = wh.query(
        "SELECT orders, cents, favourite_store, product_1, product_2, product_3, lifecycle, frequency_segment "
        "FROM customer_360__profile WHERE user_no = ?",
        {user});
    if (r.size() != 1) throw Error("no profile row for " + user);
    return r;
  };
  {
    const ResultSet r = wh_->query("SELECT COUNT(*) AS n FROM customer_360__profile", {});
    EXPECT_EQ(r.row(0).integer("n"), 4);  // every LKUS customer of t_user, u3 without orders too
    const ResultSet u1_rows = profile_row(*wh_, "u1");
    const Row u1 = u1_rows.row(0);
    EXPECT_EQ(u1.integer("orders"), 4);
    EXPECT_EQ(u1.integer("cents"), 1700);
    EXPECT_EQ(u1.integer("favourite_store"), 1);
    EXPECT_EQ(u1.text("product_1"), "Latte");  // 3 cups, then Mocha and Tea by name (1 cup each)
    EXPECT_EQ(u1.text("product_2"), "Mocha");
    EXPECT_EQ(u1.text("product_3"), "Tea");
    EXPECT_EQ(u1.text("lifecycle"), "ACTIVE");
    EXPECT_EQ(u1.text("frequency_segment"), "FREQ_MID");
    const ResultSet u4_rows = profile_row(*wh_, "u4");
    const Row u4 = u4_rows.row(0);
    EXPECT_EQ(u4.integer("orders"), 2);  // the cancelled order left out
    EXPECT_EQ(u4.integer("favourite_store"), 2);
    EXPECT_TRUE(u4.is_null("product_2"));
    EXPECT_TRUE(u4.is_null("lifecycle"));
    const ResultSet u3_rows = profile_row(*wh_, "u3");
    const Row u3 = u3_rows.row(0);
    EXPECT_EQ(u3.integer("orders"), 0);
    EXPECT_TRUE(u3.is_null("favourite_store"));
  }
  const std::string version = wh_->meta(derived_meta_key(customer_360::kProfile));
  ASSERT_FALSE(version.empty());
  {
    auto updater = open_updater(tiny_->path());
    updater->begin();
    updater->execute("UPDATE customer_360__profile SET orders = 99 WHERE user_no IN ('u2', 'u4')");
    updater->commit();
    updater->begin();
    const auto upsert = [&](const char* database, const char* table, const std::map<std::string, SqlValue>& row) {
      upsert_row(*updater, database, table, row);
    };
    upsert("luckyus_sales_order", "t_order",
           {{"id", int64_t{100}}, {"tenant", "LKUS"}, {"order_no", "O100"}, {"user_no", "u1"}, {"shop_id", int64_t{2}},
            {"currency_code", "USD"}, {"status", int64_t{40}}, {"pay_money", int64_t{700}},
            {"create_time", "2026-02-25 17:00:00"}});
    upsert("luckyus_sales_order", "t_order_item",
           {{"id", int64_t{100}}, {"tenant", "LKUS"}, {"order_id", int64_t{100}}, {"order_no", "O100"},
            {"spu_name", "Mocha"}, {"quantity", int64_t{5}}, {"create_time", "2026-02-25 17:00:00"}});
    upsert("luckyus_isales_cdp", "t_user_state",
           {{"id", int64_t{500}}, {"tenant", "LKUS"}, {"user_no", "u4"}, {"state_type", int64_t{1}},
            {"state_code", "SILENT"}, {"effective_time", "2026-02-25 17:00:00"}});
    updater->commit();
  }
  const std::unique_ptr<Warehouse> synced = open_warehouse(tiny_->path());
  EXPECT_EQ(synced->meta(derived_meta_key(customer_360::kProfile)), version);  // refreshed, not rebuilt
  ASSERT_EQ(derived_from(*synced, customer_360::kProfile).sql, std::string(customer_360::kProfile));
  const ResultSet u1_rows = profile_row(*synced, "u1");
  const Row u1 = u1_rows.row(0);
  EXPECT_EQ(u1.integer("orders"), 5);
  EXPECT_EQ(u1.integer("cents"), 2400);
  EXPECT_EQ(u1.integer("favourite_store"), 1);  // 3 orders at store 1, 2 at store 2
  EXPECT_EQ(u1.text("product_1"), "Mocha");     // 6 cups
  EXPECT_EQ(u1.text("product_2"), "Latte");
  EXPECT_EQ(u1.text("product_3"), "Tea");
  const ResultSet u4_rows = profile_row(*synced, "u4");
  const Row u4 = u4_rows.row(0);
  EXPECT_EQ(u4.integer("orders"), 2);  // recomputed: the hand-made 99 gone
  EXPECT_EQ(u4.text("lifecycle"), "SILENT");
  EXPECT_EQ(profile_row(*synced, "u2").row(0).integer("orders"), 99);  // untouched
  const Report lookup = run(*synced, {{"user", "u1"}});
  const Panel& card = *lookup.panel("profile");
  EXPECT_EQ(std::get<std::string>(tile(card, "top_products").value), "Mocha, Latte, Tea");
  EXPECT_EQ(std::get<int64_t>(tile(card, "lifetime_value").value), 2400);
}

// A customer's new phone, synced: customer_360__phone refreshes that row (not
// a rebuild), and the search by the old and the new digits follows.
TEST_F(Customer360Tiny, PhoneTableFollowsAChangedPhone) {
  ASSERT_EQ(derived_from(*wh_, customer_360::kPhone).sql, std::string(customer_360::kPhone));
  const std::string version = wh_->meta(derived_meta_key(customer_360::kPhone));
  {
    auto updater = open_updater(tiny_->path());
    updater->begin();
    upsert_row(*updater, "luckyus_sales_crm", "t_user",
               {{"id", int64_t{2}}, {"tenant", "LKUS"}, {"user_no", "u2"}, {"origin", int64_t{2}},
                {"phone_hash", std::string(64, 'z')}, {"phone_tail", "1234"}, {"member_level", int64_t{1}},
                {"status", int64_t{1}}, {"register_time", "2025-12-20 15:00:00"}});
    updater->commit();
  }
  const std::unique_ptr<Warehouse> synced = open_warehouse(tiny_->path());
  EXPECT_EQ(synced->meta(derived_meta_key(customer_360::kPhone)), version);  // refreshed, not rebuilt
  const auto matches = [&](const char* tail) {
    std::vector<std::string> users;
    const Report r = run(*synced, {{"phone_tail", tail}});
    for (const auto& row : r.panel("matches")->table.rows) users.push_back(std::get<std::string>(row[0]));
    return users;
  };
  EXPECT_EQ(matches("1234"), (std::vector<std::string>{"u1", "u2", "u4"}));
  EXPECT_TRUE(matches("5678").empty());
}

// A warehouse without the materialised table (a MySQL replica, an older
// luckyhub) reads one customer's profile inline, its sources filtered to
// that customer: the same card.
TEST_F(Customer360Tiny, ProfileInlineEqualsMaterialised) {
  const Report stored = run(*wh_, {{"user", "u1"}});
  {
    auto updater = open_updater(tiny_->path());
    updater->begin();
    updater->execute("DELETE FROM _luckyhub_meta WHERE key = ?", {derived_meta_key(customer_360::kProfile)});
    updater->execute("DELETE FROM _luckyhub_meta WHERE key = ?", {derived_meta_key(customer_360::kPhone)});
    updater->commit();
  }
  const std::unique_ptr<Warehouse> older = open_warehouse(tiny_->path());
  ASSERT_NE(derived_from(*older, customer_360::kProfile).sql, std::string(customer_360::kProfile));
  ASSERT_NE(derived_from(*older, customer_360::kPhone).sql, std::string(customer_360::kPhone));
  for (const char* tail : {"1234", "42", "9999"})
    EXPECT_EQ(render_json(run(*older, {{"phone_tail", tail}})), render_json(run(*wh_, {{"phone_tail", tail}}))) << tail;
  for (const char* user : {"u1", "u3", "u4", "nobody"})
    EXPECT_EQ(render_json(run(*older, {{"user", user}})), render_json(run(*wh_, {{"user", user}}))) << user;
  EXPECT_EQ(render_json(run(*older, {{"cohort_by", "product"}})), render_json(run(*wh_, {{"cohort_by", "product"}})));
  EXPECT_EQ(std::get<std::string>(tile(*stored.panel("profile"), "top_products").value), "Latte, Mocha, Tea");
}

TEST_F(Customer360Tiny, MaskedPhoneLookupNeverShowsThePhone) {
  const Report r = run(*wh_, {{"phone_tail", "1234"}});
  const Panel& m = *r.panel("matches");
  ASSERT_EQ(m.table.rows.size(), 2u);
  EXPECT_EQ(std::get<std::string>(m.table.rows[0][0]), "u1");
  EXPECT_EQ(std::get<std::string>(m.table.rows[1][0]), "u4");
  EXPECT_EQ(std::get<std::string>(m.table.rows[0][1]), "***-***-1234");
  // Outside the echoed parameter, the digits appear only masked; the hash never.
  for (const Report& report : {r, run(*wh_, {{"user", "u1"}}), run(*wh_, {})}) {
    nlohmann::json parsed = nlohmann::json::parse(render_json(report));
    parsed.erase("params");
    const std::string json = parsed.dump();
    for (size_t at = json.find("1234"); at != std::string::npos; at = json.find("1234", at + 1))
      EXPECT_EQ(json.substr(at - 8, 8), "***-***-") << json.substr(at - 20, 40);
    EXPECT_EQ(json.find(std::string(64, 'b')), std::string::npos);
  }
  const Report short_tail = run(*wh_, {{"phone_tail", "42"}});
  EXPECT_EQ(short_tail.panel("matches")->table.rows.size(), 1u);  // 0042
}

// The page's one search box: a user_no opens that card; a phone's last four
// digits, bare or masked, open the card of the one customer with them, list
// several, or say none was found; anything else, a whole phone number
// included, is refused with a message that does not repeat it.
TEST_F(Customer360Tiny, SearchByUserNoOrMaskedPhone) {
  const auto panels = [](const Report& r) {
    nlohmann::json parsed = nlohmann::json::parse(render_json(r));
    return parsed["panels"].dump();
  };
  EXPECT_EQ(panels(run(*wh_, {{"search", "u1"}})), panels(run(*wh_, {{"user", "u1"}})));
  EXPECT_EQ(panels(run(*wh_, {{"search", " u4 "}})), panels(run(*wh_, {{"user", "u4"}})));
  // u3 alone has a phone ending 0042.
  for (const char* typed : {"0042", "***-***-0042"}) {
    const Report r = run(*wh_, {{"search", typed}});
    EXPECT_EQ(panels(r), panels(run(*wh_, {{"user", "u3"}}))) << typed;
    EXPECT_EQ(r.panel("profile")->title, "Customer u3");
  }
  const Report several = run(*wh_, {{"search", "***-***-1234"}});
  ASSERT_NE(several.panel("matches"), nullptr);
  EXPECT_EQ(several.panel("matches")->table.rows.size(), 2u);  // u1 and u4
  EXPECT_EQ(several.panel("profile"), nullptr);
  const Report no_phone = run(*wh_, {{"search", "9999"}});
  EXPECT_EQ(no_phone.panel("matches")->kind, PanelKind::kText);
  EXPECT_EQ(no_phone.panel("matches")->text,
            "No customer found: no registered LKUS customer's phone ends in ***-***-9999.");
  EXPECT_EQ(run(*wh_, {{"search", "u9"}}).panel("profile")->text,
            "No customer found: no LKUS customer has user_no u9.");
  for (const char* bad : {"u1; DROP TABLE t_user", "***-***-12", "*1234", "   ", "a/b", std::string(33, 'u').c_str()}) {
    try {
      run(*wh_, {{"search", bad}});
      ADD_FAILURE() << "accepted '" << bad << "'";
    } catch (const Error& e) {
      EXPECT_EQ(std::string(e.what()).rfind("search: give a customer's user_no", 0), 0u) << e.what();
    }
  }
  for (const char* phone : {"2125551234", "(212) 555-1234", "+1 212.555.1234", "555-1234"}) {
    try {
      run(*wh_, {{"search", phone}});
      ADD_FAILURE() << "accepted a whole phone '" << phone << "'";
    } catch (const Error& e) {
      EXPECT_EQ(std::string(e.what()).find("555"), std::string::npos) << e.what();
      EXPECT_NE(std::string(e.what()).find("never searched"), std::string::npos) << e.what();
    }
  }
  EXPECT_THROW(run(*wh_, {{"search", "u1"}, {"user", "u4"}}), Error);
}

// A profile's card against t_user, t_order, t_order_item and t_coupon_record
// read directly, for the customer with the most paid orders.
TEST(Customer360Shared, ProfileEqualsDirectSql) {
  auto wh = testing::open_shared_warehouse();
  const Dialect& d = wh->dialect();
  const std::string end = as_of_utc(*wh);
  const std::string paid = "tenant = 'LKUS' AND status IN (20, 30, 40, 60)";
  const ResultSet tops = wh->query("SELECT user_no, COUNT(*) AS orders, SUM(pay_money) AS cents FROM sales_order__t_order "
                            "WHERE " + paid + " AND user_no IS NOT NULL GROUP BY user_no ORDER BY orders DESC, user_no "
                            "LIMIT 1", {});
  const Row top = tops.row(0);
  const std::string user = top.text("user_no");
  const ResultSet users = wh->query("SELECT " + d.ny_date("register_time") + " AS day, phone_tail FROM "
                                    "sales_crm__t_user WHERE tenant = 'LKUS' AND user_no = ?", {user});
  const Row registered = users.row(0);
  const int64_t store = wh->query("SELECT shop_id, COUNT(*) AS n FROM sales_order__t_order WHERE " + paid +
                                  " AND user_no = ? GROUP BY shop_id ORDER BY n DESC, shop_id LIMIT 1", {user})
                            .row(0).integer("shop_id");
  std::string products;
  for (const Row row : wh->query("SELECT i.spu_name AS name, SUM(i.quantity) AS cups FROM sales_order__t_order_item i "
                                 "JOIN sales_order__t_order o ON o.id = i.order_id WHERE o." + paid +
                                 " AND o.user_no = ? AND i.quantity > 0 GROUP BY i.spu_name ORDER BY cups DESC, name "
                                 "LIMIT 3", {user}))
    products += (products.empty() ? "" : ", ") + row.text("name");
  const int64_t coupons = wh->query("SELECT COUNT(*) AS n FROM sales_marketing__t_coupon_record WHERE user_no = ? AND "
                                    "status = 1 AND receive_time < ? AND expire_time >= ?", {user, end, end})
                              .row(0).integer("n");
  const Report r = run(*wh, {{"user", user}});
  const Panel& card = *r.panel("profile");
  EXPECT_EQ(std::get<std::string>(tile(card, "registered").value), registered.text("day"));
  EXPECT_EQ(std::get<std::string>(tile(card, "phone").value), "***-***-" + registered.text("phone_tail"));
  EXPECT_EQ(std::get<int64_t>(tile(card, "orders").value), top.integer("orders"));
  EXPECT_EQ(std::get<int64_t>(tile(card, "lifetime_value").value), top.integer("cents"));
  EXPECT_EQ(std::get<int64_t>(tile(card, "favourite_store").value), store);
  EXPECT_EQ(std::get<std::string>(tile(card, "top_products").value), products);
  EXPECT_EQ(std::get<int64_t>(tile(card, "active_coupons").value), coupons);
  // What the customer told the app (t_user_profile) and their account events (t_user_history).
  const ResultSet crm = wh->query("SELECT age_range, language, push_opt_in, email_opt_in FROM "
                                  "sales_crm__t_user_profile WHERE user_no = ?", {user});
  if (crm.size() > 0) {
    const std::map<int64_t, std::string> ages = {{0, "unknown"}, {1, "under 18"}, {2, "18-24"}, {3, "25-34"},
                                                 {4, "35-44"},   {5, "45-54"},    {6, "55 and over"}};
    EXPECT_EQ(std::get<std::string>(tile(card, "age_range").value), ages.at(crm.row(0).integer("age_range")));
    EXPECT_EQ(std::get<std::string>(tile(card, "language").value), crm.row(0).text("language"));
  } else {
    EXPECT_THROW(tile(card, "age_range"), Error);
  }
  const ResultSet events = wh->query("SELECT " + d.ny_date("action_time") + " AS day FROM sales_crm__t_user_history "
                                     "WHERE user_no = ? AND action_time < ? ORDER BY action_time DESC, id DESC LIMIT 20",
                                     {user, end});
  const Panel& history = *r.panel("account_history");
  ASSERT_EQ(history.table.rows.size(), events.size());
  ASSERT_GT(events.size(), 0u);
  EXPECT_EQ(std::get<std::string>(history.table.rows[0][0]), events.row(0).text("day"));
}

// The masked-phone search lists exactly the LKUS customers registered before
// as-of whose phone's last four digits are those (t_user read directly), for
// the most shared tail and for one nobody has; through the digits' index.
TEST(Customer360Shared, MaskedPhoneFindsExactlyThePhonesEndingInTheDigits) {
  auto wh = testing::open_shared_warehouse();
  ASSERT_EQ(derived_from(*wh, customer_360::kPhone).sql, std::string(customer_360::kPhone));  // materialised
  const std::string busiest = wh->query("SELECT phone_tail, COUNT(*) AS n FROM sales_crm__t_user WHERE tenant = 'LKUS' "
                                        "GROUP BY phone_tail ORDER BY n DESC, phone_tail LIMIT 1", {})
                                  .row(0).text("phone_tail");
  std::set<std::string> tails;
  for (const Row row : wh->query("SELECT DISTINCT phone_tail FROM sales_crm__t_user", {})) tails.insert(row.text("phone_tail"));
  std::string unused;
  for (int t = 0; t < 10000 && unused.empty(); ++t) {
    char tail[8];
    std::snprintf(tail, sizeof tail, "%04d", t);
    if (!tails.count(tail)) unused = tail;
  }
  ASSERT_FALSE(unused.empty());
  for (const std::string& tail : {busiest, unused}) {
    std::vector<std::string> expected;
    for (const Row row : wh->query("SELECT user_no FROM sales_crm__t_user WHERE tenant = 'LKUS' AND phone_tail = ? AND "
                                   "register_time < ? ORDER BY user_no", {tail, as_of_utc(*wh)}))
      expected.push_back(row.text("user_no"));
    const Report r = run(*wh, {{"phone_tail", tail}});
    const Panel& m = *r.panel("matches");
    std::vector<std::string> found;
    for (const auto& row : m.table.rows) {
      found.push_back(std::get<std::string>(row[column(m, "user_no")]));
      EXPECT_EQ(std::get<std::string>(row[column(m, "phone")]), "***-***-" + tail);
    }
    EXPECT_EQ(found, expected) << tail;
  }
}

}  // namespace
}  // namespace luckyhub
