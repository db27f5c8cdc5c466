// The finance and audit tools against the simulator's ground-truth manifest
// on the shared small simulation: every planted anomaly found, nothing else
// flagged, figures exact.
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <sstream>

#include "support/shared_sim.h"
#include "tools/payment_fees/payment_fees.h"
#include "tools/reconciliation/reconciliation.h"
#include "tools/registry.h"

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

std::set<int64_t> split_ids(const std::string& text) {
  std::set<int64_t> ids;
  std::stringstream in(text);
  std::string item;
  while (std::getline(in, item, ',')) ids.insert(std::stoll(item));
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

TEST(GroundTruth, ReconciliationFindsEveryPlantedBreakAndNothingElse) {
  auto wh = testing::open_shared_warehouse();
  const Window all{Date::parse(wh->meta("start")), Date::parse(wh->meta("as_of"))};
  const auto r = reconciliation::reconcile(*wh, all, "USD", 1);
  std::map<std::string, std::set<int64_t>> found;
  std::set<std::pair<std::string, int64_t>> missing_groups;
  for (const auto& x : r.discrepancies) {
    if (x.kind == "order_without_trade") found[x.kind].insert(x.order_id);
    if (x.kind == "amount_mismatch" || x.kind == "trade_without_order" || x.kind == "currency_leak") {
      for (int64_t id : split_ids(x.trade_ids)) found[x.kind].insert(id);
    }
    if (x.kind == "duplicate_income_bill") {
      for (int64_t id : split_ids(x.bill_ids)) found[x.kind].insert(id);
    }
    if (x.kind == "missing_income_bill") missing_groups.insert({x.day, x.shop_id * 100000 + x.hour * 1000 + x.channel_id});
    EXPECT_NE(x.kind, "income_bill_mismatch") << x.day << " shop " << x.shop_id;
    EXPECT_NE(x.kind, "income_bill_without_trades") << x.day << " shop " << x.shop_id;
  }
  EXPECT_EQ(found["order_without_trade"], ids_of("recon_order_without_trade"));
  EXPECT_EQ(found["amount_mismatch"], ids_of("recon_amount_mismatch"));
  EXPECT_EQ(found["trade_without_order"], ids_of("recon_trade_without_order"));
  EXPECT_EQ(found["currency_leak"], ids_of("recon_currency_leak"));
  EXPECT_EQ(found["duplicate_income_bill"], ids_of("recon_duplicate_income_bill"));
  std::set<std::pair<std::string, int64_t>> planted;
  for (const json& item : anomaly("recon_missing_income_bill").at("items")) {
    planted.insert({item.at("day"), item.at("shop_id").get<int64_t>() * 100000 +
                                        item.at("biz_hour").get<int64_t>() * 1000 + item.at("channel_id").get<int64_t>()});
  }
  EXPECT_EQ(missing_groups, planted);
  EXPECT_FALSE(planted.empty());
  // Every day without a break matches to the cent across the three systems.
  for (const auto& d : r.days) {
    if (d.breaks > 0) continue;
    EXPECT_EQ(d.orders_cents, d.payments_cents) << d.day;
    EXPECT_EQ(d.payments_cents, d.accounting_cents) << d.day;
  }
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
  const json& figures = testing::shared_sim().truth.at("figures");
  EXPECT_EQ(tile(r, "summary", "tax_collected"), figures.at("tax_collected_cents").get<int64_t>());
  EXPECT_EQ(tile(r, "summary", "tax_expected"), figures.at("tax_expected_cents").get<int64_t>());
  EXPECT_EQ(tile(r, "summary", "fi_tax_rows"), 0);
  // NZ test rows carry their GST inside the price, all of it right, and stay apart.
  const auto& nz = r.panel("nzd_gst")->table.rows;
  ASSERT_FALSE(nz.empty());
  int64_t nz_items = 0;
  for (const auto& row : nz) {
    nz_items += std::get<int64_t>(row[1]);
    EXPECT_GT(std::get<int64_t>(row[4]), 0) << std::get<std::string>(row[0]);
    EXPECT_EQ(std::get<int64_t>(row[5]), 0) << std::get<std::string>(row[0]);
  }
  EXPECT_GT(nz_items, 0);
}

TEST(GroundTruth, TenantAuditFindsTestOrdersUnknownTenantsAndMismatches) {
  const Report r = run("tenant-audit", {{"limit", "100000"}});
  std::set<int64_t> mismatches, test_orders;
  std::set<std::tuple<std::string, int64_t, std::string>> unknown;
  for (const auto& row : r.panel("affected_records")->table.rows) {
    const std::string reason = std::get<std::string>(row[5]);
    const std::string table = std::get<std::string>(row[0]) + "." + std::get<std::string>(row[1]);
    if (reason == "currency_mismatch") mismatches.insert(std::get<int64_t>(row[2]));
    if (reason == "unknown_tenant") unknown.insert({table, std::get<int64_t>(row[2]), std::get<std::string>(row[3])});
  }
  for (const auto& row : r.panel("test_orders")->table.rows) test_orders.insert(std::get<int64_t>(row[0]));
  EXPECT_EQ(mismatches, ids_of("currency_mismatch"));
  EXPECT_EQ(test_orders, ids_of("nzd_test_order"));
  std::set<std::tuple<std::string, int64_t, std::string>> planted;
  for (const json& item : anomaly("unknown_tenant").at("items")) {
    planted.insert({item.at("table"), item.at("id").get<int64_t>(), item.at("tenant")});
  }
  EXPECT_EQ(unknown, planted);
  EXPECT_FALSE(planted.empty());
  // The share by which test orders inflate paid order counts.
  const json& f = testing::shared_sim().truth.at("figures");
  const double nzd = f.at("paid_orders_nzd").get<double>(), usd = f.at("paid_orders_usd").get<double>();
  for (const KpiTile& k : r.panel("summary")->kpis) {
    if (k.id == "test_order_share") {
      EXPECT_NEAR(std::get<double>(k.value), nzd / (nzd + usd), 0.002);
    }
  }
}

}  // namespace
}  // namespace luckyhub
