// The finance and audit tools against the simulator's ground-truth manifest
// on the shared small simulation: every planted anomaly found, nothing else
// flagged, figures exact.
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <tuple>

#include "support/shared_sim.h"
#include "tools/payment_fees/payment_fees.h"
#include "tools/reconciliation/reconciliation.h"
#include "tools/registry.h"
#include "warehouse/schema.h"

namespace luckyhub {
namespace {

using nlohmann::json;

const json& anomaly(const std::string& kind) {
  const json& a = testing::shared_sim().truth.at("anomalies");
  EXPECT_TRUE(a.contains(kind)) << kind;
  return a.at(kind);
}

std::set<int64_t> ids_of(const std::string& kind) {
  std::set<int64_t> ids;
  for (const json& id : anomaly(kind).at("ids")) ids.insert(id.get<int64_t>());
  return ids;
}

Report run(const std::string& tool, const std::map<std::string, std::string>& params = {}) {
  auto wh = testing::open_shared_warehouse();
  return run_tool(ToolRegistry::instance().get(tool), *wh, params);
}

int64_t tile(const Report& r, const std::string& panel, const std::string& id) {
  for (const KpiTile& k : r.panel(panel)->kpis) {
    if (k.id == id) return std::get<int64_t>(k.value);
  }
  ADD_FAILURE() << "no tile " << id;
  return -1;
}

TEST(GroundTruth, PaymentFeesChannelTableIsExact) {
  const json& channels = testing::shared_sim().truth.at("figures").at("channels");
  const Report r = run("payment-fees");
  const auto& rows = r.panel("channels")->table.rows;
  EXPECT_EQ(rows.size(), channels.size());
  for (const auto& row : rows) {
    const std::string id = std::to_string(std::get<int64_t>(row[0]));
    ASSERT_TRUE(channels.contains(id)) << id;
    EXPECT_EQ(std::get<int64_t>(row[2]), channels[id].at("trades").get<int64_t>()) << id;
    EXPECT_EQ(std::get<int64_t>(row[3]), channels[id].at("revenue_cents").get<int64_t>()) << id;
    EXPECT_EQ(std::get<int64_t>(row[4]), channels[id].at("fee_cents").get<int64_t>()) << id;
  }
}

// Every planted break found once, with the amounts the simulator planted; and
// every day's three totals against the simulator's booked revenue and the
// differences its plants make on that day.
TEST(GroundTruth, ReconciliationFindsEveryPlantedBreakAndNothingElse) {
  auto wh = testing::open_shared_warehouse();
  const Window all{Date::parse(wh->meta("start")), Date::parse(wh->meta("as_of"))};
  const auto r = reconciliation::reconcile(*wh, all, "USD", 1);

  // What the simulator planted, keyed as the report lists it: (kind, key) ->
  // {day, expected, actual}; and per day, orders - payments and accounting -
  // payments as the plants make them.
  struct Planted {
    std::string day;
    int64_t expected = 0, actual = 0;
  };
  std::map<std::pair<std::string, std::string>, Planted> planted;
  std::map<std::string, int64_t> orders_minus_payments, accounting_minus_payments, breaks_per_day;
  auto plant = [&](const std::string& kind, const std::string& key, const std::string& day, int64_t expected,
                   int64_t actual) {
    EXPECT_TRUE(planted.insert({{kind, key}, {day, expected, actual}}).second) << kind << " " << key;
    breaks_per_day[day] += 1;
  };
  for (const char* kind : {"recon_order_without_trade", "recon_amount_mismatch", "recon_trade_without_order",
                           "recon_currency_leak", "recon_duplicate_income_bill", "recon_missing_income_bill"}) {
    EXPECT_FALSE(anomaly(kind).at("items").empty()) << kind << ": nothing planted, nothing proven";
  }
  for (const json& i : anomaly("recon_order_without_trade").at("items")) {
    const std::string day = i.at("day");
    plant("order_without_trade", i.at("order_no"), day, i.at("order_cents"), 0);
    orders_minus_payments[day] += i.at("order_cents").get<int64_t>();
  }
  for (const json& i : anomaly("recon_amount_mismatch").at("items")) {
    const std::string day = i.at("day");
    plant("amount_mismatch", i.at("order_no"), day, i.at("order_cents"), i.at("trade_cents"));
    orders_minus_payments[day] += i.at("order_cents").get<int64_t>() - i.at("trade_cents").get<int64_t>();
  }
  for (const json& i : anomaly("recon_trade_without_order").at("items")) {
    const std::string day = i.at("day");
    plant("trade_without_order", std::to_string(i.at("trade_id").get<int64_t>()), day, 0, i.at("trade_cents"));
    orders_minus_payments[day] -= i.at("trade_cents").get<int64_t>();
  }
  for (const json& i : anomaly("recon_currency_leak").at("items")) {
    const std::string day = i.at("day");
    plant("currency_leak", i.at("order_no"), day, 0, i.at("amount_cents"));
    orders_minus_payments[day] -= i.at("amount_cents").get<int64_t>();  // booked as USD revenue: in accounting
  }
  for (const json& i : anomaly("recon_duplicate_income_bill").at("items")) {
    const std::string day = i.at("day");
    const std::string group = std::to_string(i.at("shop_id").get<int64_t>()) + "/" +
                              std::to_string(i.at("biz_hour").get<int64_t>()) + "/" +
                              std::to_string(i.at("channel_id").get<int64_t>());
    const int64_t amount = i.at("amount_cents");
    plant("duplicate_income_bill", group, day, amount, 2 * amount);
    accounting_minus_payments[day] += amount;
  }
  for (const json& i : anomaly("recon_missing_income_bill").at("items")) {
    const std::string day = i.at("day");
    const std::string group = std::to_string(i.at("shop_id").get<int64_t>()) + "/" +
                              std::to_string(i.at("biz_hour").get<int64_t>()) + "/" +
                              std::to_string(i.at("channel_id").get<int64_t>());
    plant("missing_income_bill", group, day, i.at("amount_cents"), 0);
    accounting_minus_payments[day] -= i.at("amount_cents").get<int64_t>();
  }

  // The cost side: the fee-booking breaks (keyed by day; a bill not booked
  // has no actual amount) and the cost bills of a stray tenant (by id).
  std::set<std::string> fee_break_days;
  EXPECT_EQ(anomaly("recon_fee_booking").at("items").size(), 3u);
  for (const json& i : anomaly("recon_fee_booking").at("items")) {
    const std::string day = i.at("day");
    const json& booked = i.at("booked_cents");
    plant(i.at("kind"), day, day, i.at("expected_cents"), booked.is_null() ? 0 : booked.get<int64_t>());
    EXPECT_EQ(booked.is_null(), i.at("kind") == "fee_bill_missing");
    fee_break_days.insert(day);
  }
  int stray_bills = 0;
  for (const json& i : anomaly("unknown_tenant").at("items")) {
    if (i.at("table") != "luckyus_ifiaccounting.t_acc_cost_bill") continue;
    plant("stray_cost_bill", std::to_string(i.at("id").get<int64_t>()), i.at("day"), 0, i.at("amount_cents"));
    ++stray_bills;
  }
  EXPECT_GT(stray_bills, 0);

  // The report's breaks: each planted one exactly once, with its day and amounts.
  std::map<std::pair<std::string, std::string>, int> seen;
  for (const auto& x : r.discrepancies) {
    std::string key = x.order_no;
    if (x.kind == "trade_without_order") key = x.trade_ids;
    if (x.kind.find("fee_bill") != std::string::npos) key = x.day;
    if (x.kind == "stray_cost_bill") key = x.cost_bill_ids;
    if (x.kind == "fee_bill_missing") {
      EXPECT_TRUE(x.actual_missing) << x.day;
    }
    if (x.hour >= 0) key = std::to_string(x.shop_id) + "/" + std::to_string(x.hour) + "/" + std::to_string(x.channel_id);
    const auto it = planted.find({x.kind, key});
    if (it == planted.end()) {
      ADD_FAILURE() << "not planted: " << x.kind << " " << key << " on " << x.day;
      continue;
    }
    EXPECT_EQ(++seen[it->first], 1) << x.kind << " " << key << " reported twice";
    EXPECT_EQ(x.day, it->second.day) << x.kind << " " << key;
    EXPECT_EQ(x.expected_cents, it->second.expected) << x.kind << " " << key;
    EXPECT_EQ(x.actual_cents, it->second.actual) << x.kind << " " << key;
  }
  EXPECT_EQ(seen.size(), planted.size()) << "a planted break was not found";

  // Every day: payments are what the simulator booked, orders and accounting
  // differ from them by exactly that day's plants, and its break count is theirs.
  const json& figures = testing::shared_sim().truth.at("figures");
  int64_t payments = 0, orders = 0, fees = 0;
  for (const auto& d : r.days) {
    payments += d.payments_cents;
    orders += d.orders;
    fees += d.fees_cents;
    // Every other day's posted fee bill is its fees to the cent, its
    // commission bill 22% of its delivery sales to the cent.
    if (!fee_break_days.contains(d.day) && d.fee_bills == 1) {
      EXPECT_EQ(d.fees_booked_cents, d.fees_cents) << d.day;
    }
    if (d.commission_bills == 1) {
      EXPECT_EQ(d.commission_booked_cents, d.commission_due_cents) << d.day;
    }
    EXPECT_EQ(d.orders_cents - d.payments_cents, orders_minus_payments[d.day]) << d.day;
    EXPECT_EQ(d.accounting_cents - d.payments_cents, accounting_minus_payments[d.day]) << d.day;
    EXPECT_EQ(d.breaks, breaks_per_day[d.day]) << d.day;
  }
  EXPECT_EQ(payments, figures.at("trade_revenue_usd_cents").get<int64_t>());
  int64_t channel_fees = 0;
  for (const auto& [id, c] : figures.at("channels").items()) channel_fees += c.at("fee_cents").get<int64_t>();
  EXPECT_EQ(fees, channel_fees);
  EXPECT_EQ(orders, figures.at("paid_orders_usd").get<int64_t>());
  EXPECT_EQ(static_cast<int64_t>(r.days.size()), figures.at("days_covered").get<int64_t>());
}

TEST(GroundTruth, TaxGapFindsEveryBadItemAndTheExactTotals) {
  const Report r = run("tax-gap");
  std::map<std::string, std::set<int64_t>> found;
  for (const auto& row : r.panel("flagged")->table.rows) {
    found[std::get<std::string>(row[8])].insert(std::get<int64_t>(row[0]));
  }
  EXPECT_EQ(found["missing"], ids_of("tax_missing"));
  EXPECT_EQ(found["wrong_rate"], ids_of("tax_wrong_rate"));
  EXPECT_EQ(found["wrong_amount"], ids_of("tax_wrong_amount"));
  EXPECT_EQ(found.size(), 3u);
  // Taxed right, split wrong by jurisdiction: exactly the planted items.
  std::set<int64_t> split;
  for (const auto& row : r.panel("tax_info")->table.rows) split.insert(std::get<int64_t>(row[0]));
  EXPECT_FALSE(split.empty());
  EXPECT_EQ(split, ids_of("tax_info_wrong"));
  // Orders whose breakdown's tax is not their items': exactly the planted
  // ones, with the manifest's amounts.
  std::map<std::string, std::pair<int64_t, int64_t>> listed, planted;
  for (const auto& row : r.panel("order_tax")->table.rows) {
    listed[std::get<std::string>(row[0])] = {std::get<int64_t>(row[2]), std::get<int64_t>(row[3])};
  }
  for (const json& i : anomaly("tax_order_amount_off").at("items")) {
    planted[i.at("order_no").get<std::string>()] = {i.at("items_tax_cents").get<int64_t>(),
                                                    i.at("amount_tax_cents").get<int64_t>()};
  }
  EXPECT_FALSE(planted.empty());
  EXPECT_EQ(listed, planted);
  // Booked against collected tax per day: exactly what the planted booking
  // breaks move, each by its tax (a bill twice or a payment without its order
  // books more; a missing bill or an order without its payment, less).
  std::map<std::string, int64_t> moved, booked;
  for (const auto& [kind, sign] : std::vector<std::pair<std::string, int>>{{"recon_duplicate_income_bill", 1},
                                                                          {"recon_missing_income_bill", -1},
                                                                          {"recon_currency_leak", 1},
                                                                          {"recon_trade_without_order", 1},
                                                                          {"recon_order_without_trade", -1}}) {
    for (const json& i : anomaly(kind).at("items")) {
      moved[i.at("day").get<std::string>()] += sign * i.at("tax_cents").get<int64_t>();
    }
  }
  std::erase_if(moved, [](const auto& day) { return day.second == 0; });
  for (const auto& row : r.panel("booked_tax")->table.rows) {
    booked[std::get<std::string>(row[0])] = std::get<int64_t>(row[3]);
  }
  EXPECT_FALSE(moved.empty());
  EXPECT_EQ(booked, moved);
  const json& figures = testing::shared_sim().truth.at("figures");
  EXPECT_EQ(tile(r, "summary", "tax_collected"), figures.at("tax_collected_cents").get<int64_t>());
  EXPECT_EQ(tile(r, "summary", "tax_expected"), figures.at("tax_expected_cents").get<int64_t>());
  EXPECT_EQ(tile(r, "summary", "fi_tax_rows"), 0);
  // NZ test rows carry their GST inside the price, all of it right, and stay apart.
  const auto& nz = r.panel("nzd_gst")->table.rows;
  ASSERT_FALSE(nz.empty());
  // The months add up to the simulator's NZ items, sales and GST (3/23 of the
  // price, all charged right: no gap in any month).
  int64_t nz_items = 0, nz_sales = 0, nz_charged = 0, nz_due = 0;
  for (const auto& row : nz) {
    nz_items += std::get<int64_t>(row[1]);
    nz_sales += std::get<int64_t>(row[2]);
    nz_charged += std::get<int64_t>(row[3]);
    nz_due += std::get<int64_t>(row[4]);
    EXPECT_EQ(std::get<int64_t>(row[3]), std::get<int64_t>(row[4])) << std::get<std::string>(row[0]);
    EXPECT_EQ(std::get<int64_t>(row[5]), 0) << std::get<std::string>(row[0]);
  }
  const json& gst = figures.at("nz_gst");
  EXPECT_EQ(nz_items, gst.at("paid_items").get<int64_t>());
  EXPECT_EQ(nz_sales, gst.at("sales_incl_gst_cents").get<int64_t>());
  EXPECT_EQ(nz_charged, gst.at("gst_cents").get<int64_t>());
  EXPECT_EQ(nz_due, gst.at("gst_cents").get<int64_t>());
}

// tenant-audit's figures against the manifest and against counts written
// here, independently of the tool: every planted row found once, every tile
// and checklist figure exact.
TEST(GroundTruth, TenantAuditFindsTestOrdersUnknownTenantsAndMismatches) {
  const Report r = run("tenant-audit", {{"limit", "100000"}});
  auto wh = testing::open_shared_warehouse();
  auto count = [&](const std::string& sql) { return wh->query(sql).int_at(0, 0); };

  // Each flagged row once, with the rules it broke.
  std::map<std::tuple<std::string, int64_t>, std::string> reasons;  // (db.table, id) -> rules
  std::map<std::tuple<std::string, int64_t>, std::string> tenants;
  for (const auto& row : r.panel("affected_records")->table.rows) {
    const std::string table = std::get<std::string>(row[0]) + "." + std::get<std::string>(row[1]);
    const auto key = std::make_tuple(table, std::get<int64_t>(row[2]));
    EXPECT_TRUE(reasons.emplace(key, std::get<std::string>(row[5])).second)
        << table << " id " << std::get<1>(key) << " listed twice";
    tenants[key] = std::get<std::string>(row[3]);
  }
  // The planted unknown tenants: each exactly once, as unknown_tenant, with its tenant.
  const json& unknown = anomaly("unknown_tenant").at("items");
  ASSERT_FALSE(unknown.empty());
  std::set<std::string> failing_databases;
  for (const json& item : unknown) {
    const auto key = std::make_tuple(item.at("table").get<std::string>(), item.at("id").get<int64_t>());
    ASSERT_TRUE(reasons.count(key)) << std::get<0>(key) << " " << std::get<1>(key);
    EXPECT_EQ(reasons[key], "unknown_tenant");
    EXPECT_EQ(tenants[key], item.at("tenant").get<std::string>());
    failing_databases.insert(std::get<0>(key).substr(0, std::get<0>(key).find('.')));
  }
  // The planted orders in another currency than their store's: each once, with
  // both rules (LKUS orders in CAD, EUR or GBP are not in their tenant's USD either).
  std::set<int64_t> mismatched;
  for (const auto& [key, reason] : reasons) {
    if (reason.find("currency_mismatch") != std::string::npos) mismatched.insert(std::get<1>(key));
  }
  EXPECT_EQ(mismatched, ids_of("currency_mismatch"));
  for (const int64_t id : ids_of("currency_mismatch")) {
    EXPECT_EQ(reasons[std::make_tuple(std::string("luckyus_sales_order.t_order"), id)],
              "currency_mismatch, tenant_currency");
  }

  // Rows whose currency is not their tenant's (LKUS: USD, LKNZ: NZD), counted
  // here table by table, plus orders in their tenant's currency but not their
  // store's: the currency_mismatches tile, and the rows listed.
  int64_t currency_rows = 0, listed_currency_rows = 0;
  std::map<std::string, int64_t> currency_by_database, unknown_by_database;
  for (const TableDef& t : SchemaCatalog::builtin().tables()) {
    if (!t.has_column("tenant") || !wh->has_table(t.warehouse_name())) continue;
    if (t.has_column("currency_code")) {
      const int64_t n = count("SELECT COUNT(*) FROM " + t.warehouse_name() +
                              " WHERE (tenant = 'LKUS' AND currency_code <> 'USD') OR "
                              "(tenant = 'LKNZ' AND currency_code <> 'NZD')");
      currency_rows += n;
      currency_by_database[t.database] += n;
    }
    unknown_by_database[t.database] +=
        count("SELECT COUNT(*) FROM " + t.warehouse_name() + " WHERE tenant NOT IN ('LKUS', 'LKNZ')");
  }
  const int64_t store_only = count(
      "SELECT COUNT(*) FROM " + wh->dialect().join_left("sales_order__t_order") +  // a cluster joins globally
      " o JOIN opshop__t_shop_info s ON s.id = o.shop_id "
      "WHERE o.currency_code <> s.currency_code AND NOT ((o.tenant = 'LKUS' AND o.currency_code <> 'USD') OR "
      "(o.tenant = 'LKNZ' AND o.currency_code <> 'NZD'))");
  currency_by_database["luckyus_sales_order"] += store_only;
  for (const auto& [key, reason] : reasons) listed_currency_rows += reason != "unknown_tenant";
  EXPECT_GT(currency_rows, 0);
  EXPECT_EQ(tile(r, "summary", "currency_mismatches"), currency_rows + store_only);
  EXPECT_EQ(listed_currency_rows, currency_rows + store_only);
  EXPECT_EQ(tile(r, "summary", "unknown_tenant_rows"), static_cast<int64_t>(unknown.size()));
  EXPECT_EQ(static_cast<int64_t>(reasons.size()), currency_rows + store_only + static_cast<int64_t>(unknown.size()));

  // The checklist: each database's counts, and FAIL exactly where one is not 0.
  for (const auto& [database, n] : currency_by_database) {
    if (n > 0) failing_databases.insert(database);
  }
  int64_t failing = 0;
  for (const auto& row : r.panel("checklist")->table.rows) {
    const std::string database = std::get<std::string>(row[0]);
    EXPECT_EQ(std::get<int64_t>(row[7]), unknown_by_database[database]) << database;
    EXPECT_EQ(std::get<int64_t>(row[8]), currency_by_database[database]) << database;
    EXPECT_EQ(std::get<std::string>(row[1]), failing_databases.count(database) ? "FAIL" : "PASS") << database;
    failing += failing_databases.count(database);
  }
  EXPECT_EQ(failing, static_cast<int64_t>(failing_databases.size()));
  EXPECT_EQ(tile(r, "summary", "databases_failing"), failing);

  // The tenant distribution: every table's rows per tenant, counted here.
  for (const auto& row : r.panel("distribution")->table.rows) {
    const std::string table = std::get<std::string>(row[0]).substr(std::string("luckyus_").size()) + "__" +
                              std::get<std::string>(row[1]);
    const std::string tenant = std::get<std::string>(row[2]);
    EXPECT_EQ(std::get<int64_t>(row[4]),
              wh->query("SELECT COUNT(*) FROM " + table + " WHERE tenant = ?", {tenant}).int_at(0, 0))
        << table << " " << tenant;
    EXPECT_EQ(std::get<std::string>(row[3]), tenant == "LKUS" || tenant == "LKNZ" ? "yes" : "no");
  }

  // The test orders, and the share by which they inflate paid orders: the
  // manifest's NZ paid orders over every paid order.
  std::set<int64_t> test_orders;
  for (const auto& row : r.panel("test_orders")->table.rows) test_orders.insert(std::get<int64_t>(row[0]));
  EXPECT_EQ(test_orders, ids_of("nzd_test_order"));
  const json& f = testing::shared_sim().truth.at("figures");
  const int64_t paid = count("SELECT COUNT(*) FROM sales_order__t_order WHERE status IN (20, 30, 40, 60)");
  EXPECT_EQ(count("SELECT COUNT(*) FROM sales_order__t_order WHERE status IN (20, 30, 40, 60) AND tenant = 'LKNZ'"),
            f.at("paid_orders_nzd").get<int64_t>());
  double share = -1;
  for (const KpiTile& k : r.panel("summary")->kpis) {
    if (k.id == "test_order_share") share = std::get<double>(k.value);
  }
  EXPECT_DOUBLE_EQ(share, f.at("paid_orders_nzd").get<double>() / static_cast<double>(paid));
}

}  // namespace
}  // namespace luckyhub
