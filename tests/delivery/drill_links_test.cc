// The weekly tenant-audit mail's drill-down links (issue 33): every red flag
// of the report is in the mail with a link, absolute under the delivery
// file's [scheduler] public_url, to the page that lists exactly that flag's
// rows — checked against the simulator's manifest and against SQL written
// here, not against the tool's own counts.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <set>
#include <thread>

#include "core/error.h"
#include "delivery/delivery_file.h"
#include "delivery/report_mail.h"
#include "delivery/scheduler.h"
#include "delivery/smtp_fixture.h"
#include "support/shared_sim.h"
#include "tools/registry.h"
#include "warehouse/schema.h"

namespace luckyhub::delivery {
namespace {

using nlohmann::json;

constexpr const char* kPublicUrl = "https://luckyhub.luckin.example";

std::string percent_decoded(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size()) {
      out += static_cast<char>(std::stoi(s.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else {
      out += s[i] == '+' ? ' ' : s[i];
    }
  }
  return out;
}

// "/tools/tenant-audit?a=1&b=x%20" -> {a: 1, b: "x "}
std::map<std::string, std::string> query_of(const std::string& link) {
  std::map<std::string, std::string> out;
  const size_t q = link.find('?');
  if (q == std::string::npos) return out;
  std::string rest = link.substr(q + 1);
  while (!rest.empty()) {
    const size_t amp = rest.find('&');
    const std::string pair = rest.substr(0, amp);
    const size_t eq = pair.find('=');
    out[pair.substr(0, eq)] = percent_decoded(eq == std::string::npos ? "" : pair.substr(eq + 1));
    rest = amp == std::string::npos ? "" : rest.substr(amp + 1);
  }
  return out;
}

// The (db.table, id) of the rows a flag's drill-down must list, worked out
// here: the manifest's planted unknown tenants and orders in another currency
// than their store's, and the rows in another currency than their tenant's by SQL.
std::set<std::pair<std::string, int64_t>> expected_rows(const std::map<std::string, std::string>& q, Warehouse& wh) {
  const json& anomalies = testing::shared_sim().truth.at("anomalies");
  const std::string table = q.at("database") + "." + q.at("table");
  std::set<std::pair<std::string, int64_t>> out;
  const std::string reason = q.at("reason");
  if (reason == "unknown_tenant") {
    for (const json& item : anomalies.at("unknown_tenant").at("items")) {
      if (item.at("table") == table && (!q.count("tenant") || item.at("tenant") == q.at("tenant"))) {
        out.insert({table, item.at("id").get<int64_t>()});
      }
    }
  } else if (reason == "currency_mismatch") {
    for (const json& id : anomalies.at("currency_mismatch").at("ids")) out.insert({table, id.get<int64_t>()});
  } else {
    const TableDef* t = SchemaCatalog::builtin().find(q.at("database"), q.at("table"));
    const ResultSet r = wh.query("SELECT id FROM " + t->warehouse_name() +
                                 " WHERE (tenant = 'LKUS' AND currency_code <> 'USD') OR "
                                 "(tenant = 'LKNZ' AND currency_code <> 'NZD')");
    for (const Row row : r) out.insert({table, row.integer("id")});
  }
  return out;
}

std::set<std::pair<std::string, int64_t>> listed_rows(const Report& r) {
  std::set<std::pair<std::string, int64_t>> out;
  for (const auto& row : r.panel("affected_records")->table.rows) {
    out.insert({std::get<std::string>(row[0]) + "." + std::get<std::string>(row[1]), std::get<int64_t>(row[2])});
  }
  return out;
}

DeliveryConfig weekly_audit(const std::string& scheduler_extra) {
  return parse_delivery_text("[scheduler]\n" + scheduler_extra +
                                 "[smtp]\nurl = \"smtp://localhost:1\"\nfrom = \"reports@luckin.example\"\n"
                                 "[[schedule]]\nname = \"tenant-weekly\"\ntool = \"tenant-audit\"\n"
                                 "cron = \"0 8 * * 1\"\ntimezone = \"America/New_York\"\n"
                                 "to = [\"it@luckin.example\"]\nowner = \"it-owner@luckin.example\"\n",
                             "delivery.toml");
}

TEST(DrillLinks, TheWeeklyMailLinksEveryRedFlagToExactlyItsRows) {
  testing::SmtpServer smtp;
  DeliveryConfig config = weekly_audit("public_url = \"" + std::string(kPublicUrl) + "/\"\n");
  EXPECT_EQ(config.scheduler.public_url, kPublicUrl);  // the trailing slash dropped
  config.smtp = smtp.settings();
  char tmpl[] = "/tmp/luckyhub-drill-XXXXXX";
  const std::string dir = ::mkdtemp(tmpl);
  ManualClock clock(parse_utc("2026-03-02T12:59:00Z"));  // a Monday, 07:59 EST
  Scheduler scheduler(config, {.warehouse = testing::shared_sim().warehouse_path, .state = dir + "/state.db"}, clock);
  scheduler.start();
  clock.set(parse_utc("2026-03-02T13:00:00Z"));
  const auto mails = smtp.wait_for(1, 60);
  scheduler.stop();
  std::filesystem::remove_all(dir);
  ASSERT_EQ(mails.size(), 1u);
  const std::string text = mails[0].part("text/plain").body, html = mails[0].part("text/html").body;

  auto wh = testing::open_shared_warehouse();
  const Tool& tool = ToolRegistry::instance().get("tenant-audit");
  const Report report = run_tool(tool, *wh, {});
  const auto& flags = report.panel("red_flags")->alerts;
  ASSERT_GE(flags.size(), 3u) << "the simulation plants unknown tenants and both kinds of currency mismatch";
  std::set<std::string> reasons;
  for (const Alert& flag : flags) {
    // In the mail: the flag's title, then its absolute link (text) and an anchor (HTML).
    const std::string url = kPublicUrl + flag.link;
    EXPECT_NE(text.find(flag.title), std::string::npos) << flag.title;
    EXPECT_NE(text.find("\n    " + url + "\n"), std::string::npos) << url << "\n" << text;
    std::string href = url;
    for (size_t at = href.find('&'); at != std::string::npos; at = href.find('&', at + 5)) href.replace(at, 1, "&amp;");
    EXPECT_NE(html.find("<a href=\"" + href + "\">"), std::string::npos) << href;
    // The page it opens lists exactly the flag's rows.
    const std::map<std::string, std::string> q = query_of(flag.link);
    ASSERT_EQ(flag.link.rfind("/tools/tenant-audit?", 0), 0u) << flag.link;
    const Report drilled = run_tool(tool, *wh, q);
    const auto expected = expected_rows(q, *wh);
    EXPECT_FALSE(expected.empty()) << flag.link;
    EXPECT_EQ(listed_rows(drilled), expected) << flag.link;
    reasons.insert(q.at("reason"));
  }
  EXPECT_EQ(reasons, (std::set<std::string>{"unknown_tenant", "currency_mismatch", "tenant_currency"}));
  EXPECT_EQ(text.find("no public_url is set"), std::string::npos);
}

TEST(DrillLinks, WithoutAPublicUrlTheLinksArePathsAndTheMailSaysSo) {
  const DeliveryConfig config = weekly_audit("");
  EXPECT_EQ(config.scheduler.public_url, "");
  Report report;
  report.title = "Audit";
  report.tool = "tenant-audit";
  Panel flags{.id = "red_flags", .title = "Red flags", .kind = PanelKind::kAlerts};
  flags.alerts = {{Status::kRed, "Unknown tenant 'LKUS ' in luckyus_x.t_y", "2 rows",
                   "/tools/tenant-audit?database=luckyus_x&table=t_y&reason=unknown_tenant&tenant=LKUS%20"},
                  {Status::kYellow, "No link here", "", ""}};
  report.panels = {flags};
  const Instant at = parse_utc("2026-03-02T13:00:00Z");
  const Mail relative = report_mail(config.schedules.at(0), report, at, at);
  EXPECT_NE(relative.text.find("Red flags (2)\n  [red] Unknown tenant 'LKUS ' in luckyus_x.t_y (2 rows)\n"
                               "    /tools/tenant-audit?database=luckyus_x&table=t_y&reason=unknown_tenant&tenant=LKUS%20\n"
                               "  [yellow] No link here\n"),
            std::string::npos)
      << relative.text;
  EXPECT_NE(relative.text.find("no public_url is set in the delivery file's [scheduler] table"), std::string::npos);
  const Mail absolute = report_mail(config.schedules.at(0), report, at, at, kPublicUrl);
  EXPECT_NE(absolute.text.find("    https://luckyhub.luckin.example/tools/tenant-audit?database=luckyus_x&"),
            std::string::npos);
  EXPECT_EQ(absolute.text.find("no public_url"), std::string::npos);
}

TEST(DrillLinks, PublicUrlIsValidated) {
  for (const std::string bad : {"\"luckyhub.example\"", "\"ftp://x\"", "\"https://\"", "\"https://a b\"",
                                "\"https://x/?q=1\"", "42"}) {
    try {
      weekly_audit("public_url = " + bad + "\n");
      ADD_FAILURE() << bad << " was accepted";
    } catch (const Error& e) {
      EXPECT_EQ(std::string(e.what()).substr(0, 16), "delivery.toml:2:") << e.what();
      EXPECT_NE(std::string(e.what()).find("public_url"), std::string::npos) << e.what();
    }
  }
}

// The drill-down's own parameters are validated like every other: a clear
// error naming the parameter.
TEST(DrillLinks, DrillParametersAreValidated) {
  auto wh = testing::open_shared_warehouse();
  const Tool& tool = ToolRegistry::instance().get("tenant-audit");
  for (const auto& [name, value] : std::vector<std::pair<std::string, std::string>>{
           {"reason", "bad_rule"}, {"table", "t_order; DROP"}, {"tenant", "LK\"US"}}) {
    try {
      run_tool(tool, *wh, {{name, value}});
      ADD_FAILURE() << name << "=" << value << " was accepted";
    } catch (const Error& e) {
      EXPECT_NE(std::string(e.what()).find("parameter " + name), std::string::npos) << e.what();
    }
  }
}

}  // namespace
}  // namespace luckyhub::delivery
