// The scheduler in process, on a ManualClock, against the test SMTP server
// and the shared simulation (read only; the runs go to a state file).
#include "delivery/scheduler.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "delivery/smtp_fixture.h"
#include "report/export_files.h"
#include "report/render.h"
#include "support/shared_sim.h"
#include "tools/registry.h"

namespace luckyhub::delivery {
namespace {

namespace fs = std::filesystem;

class SchedulerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/luckyhub-sched-XXXXXX";
    dir_ = ::mkdtemp(tmpl);
  }
  void TearDown() override { fs::remove_all(dir_); }

  // One schedule of payment-fees at 09:00 America/New_York, CSV attached.
  DeliveryConfig config(const testing::SmtpServer& smtp, int retries = 3, int backoff_s = 60,
                        const std::string& formats = "\"csv\"") {
    DeliveryConfig c = parse_delivery_text(
        "[scheduler]\nretries = " + std::to_string(retries) + "\nbackoff = " + std::to_string(backoff_s) +
            "\n[smtp]\nurl = \"smtp://localhost:1\"\nfrom = \"reports@luckin.example\"\n"
            "[[schedule]]\nname = \"fees-daily\"\ntool = \"payment-fees\"\nparams = { currency = \"USD\" }\n"
            "cron = \"0 9 * * *\"\ntimezone = \"America/New_York\"\nformats = [" + formats + "]\n"
            "to = [\"finance@luckin.example\", \"cfo@luckin.example\"]\nowner = \"it-owner@luckin.example\"\n",
        dir_ + "/delivery.toml");
    c.smtp = smtp.settings();
    return c;
  }
  SchedulerOptions options() const {
    return {.warehouse = testing::shared_sim().warehouse_path, .state = dir_ + "/state.db"};
  }
  // Waits (real time) until `pred` holds.
  template <typename P>
  static bool eventually(P pred, double seconds = 30) {
    const auto end = std::chrono::steady_clock::now() + std::chrono::milliseconds(static_cast<int64_t>(seconds * 1000));
    while (!pred()) {
      if (std::chrono::steady_clock::now() > end) return false;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return true;
  }

  std::string dir_;
};

TEST_F(SchedulerTest, FiresAtNineNewYorkAcrossSpringForwardWithTheCsv) {
  testing::SmtpServer smtp;
  ManualClock clock(parse_utc("2026-03-07T13:59:00Z"));  // 08:59 EST
  Scheduler scheduler(config(smtp), options(), clock);
  scheduler.start();
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  EXPECT_TRUE(smtp.messages().empty());
  clock.set(parse_utc("2026-03-07T14:00:00Z"));  // 09:00 EST
  auto mails = smtp.wait_for(1);
  ASSERT_EQ(mails.size(), 1u);
  clock.set(parse_utc("2026-03-08T12:59:59Z"));  // 08:59:59 EDT: 09:00 EST would be 14:00Z
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  EXPECT_EQ(smtp.messages().size(), 1u);
  clock.set(parse_utc("2026-03-08T13:00:00Z"));  // 09:00 EDT
  mails = smtp.wait_for(2);
  ASSERT_EQ(mails.size(), 2u);
  scheduler.stop();

  EXPECT_EQ(mails[0].headers.at("date"), "Sat, 07 Mar 2026 14:00:00 +0000");
  EXPECT_EQ(mails[1].headers.at("date"), "Sun, 08 Mar 2026 13:00:00 +0000");
  const std::unique_ptr<Warehouse> w = testing::open_shared_warehouse();
  const Report report = run_tool(ToolRegistry::instance().get("payment-fees"), *w, {{"currency", "USD"}});
  for (const testing::ReceivedMail& m : mails) {
    EXPECT_EQ(m.headers.at("from"), "reports@luckin.example");
    EXPECT_EQ(m.headers.at("to"), "finance@luckin.example, cfo@luckin.example");
    EXPECT_FALSE(m.headers.at("message-id").empty());
    EXPECT_EQ(m.part("text/csv").body, render_csv(report, ""));
    const std::string text = m.part("text/plain").body;
    EXPECT_NE(text.find("Data as of: " + report.as_of), std::string::npos) << text;
    EXPECT_NE(text.find("in America/New_York"), std::string::npos) << text;
    // The first KPI tile, formatted as the page does.
    const Panel* kpis = nullptr;
    for (const Panel& p : report.panels) {
      if (p.kind == PanelKind::kKpis && kpis == nullptr) kpis = &p;
    }
    ASSERT_NE(kpis, nullptr);
    const KpiTile& k = kpis->kpis.at(0);
    EXPECT_NE(text.find(k.label + ": " + format_cell(k.value, k.type, k.currency, k.unit)), std::string::npos) << text;
    EXPECT_NE(m.part("text/html").body.find("America/New_York"), std::string::npos);
  }
  EXPECT_NE(mails[0].part("text/plain").body.find("Scheduled for: 2026-03-07 09:00 EST (America/New_York), 2026-03-07T14:00:00Z"),
            std::string::npos);
  EXPECT_NE(mails[1].part("text/plain").body.find("Scheduled for: 2026-03-08 09:00 EDT (America/New_York), 2026-03-08T13:00:00Z"),
            std::string::npos);
  EXPECT_EQ(mails[1].part("text/csv").headers.at("content-disposition").find("payment-fees-" + report.as_of + ".csv") ==
                std::string::npos,
            false);
  const std::vector<RunRow> runs = scheduler.runs().runs("fees-daily");
  ASSERT_EQ(runs.size(), 2u);
  EXPECT_EQ(format_utc(runs[0].scheduled_for), "2026-03-07T14:00:00Z");
  EXPECT_EQ(format_utc(runs[1].scheduled_for), "2026-03-08T13:00:00Z");
  EXPECT_EQ(runs[0].status, "done");
  EXPECT_EQ(runs[1].status, "done");
  EXPECT_EQ(runs[1].attempt, 1);
}

// The mail's PDF extracts to the report's text and its XLSX reads back with
// typed cells: the same files the report page downloads.
TEST_F(SchedulerTest, MailsAPdfWhoseTextExtractsAndAnXlsxWithTypedCells) {
  testing::SmtpServer smtp;
  ManualClock clock(parse_utc("2026-03-07T13:59:00Z"));
  Scheduler scheduler(config(smtp, 3, 60, "\"pdf\", \"xlsx\""), options(), clock);
  scheduler.start();
  clock.set(parse_utc("2026-03-07T14:00:00Z"));
  const auto mails = smtp.wait_for(1);
  scheduler.stop();
  ASSERT_EQ(mails.size(), 1u);
  const std::unique_ptr<Warehouse> w = testing::open_shared_warehouse();
  const Report report = run_tool(ToolRegistry::instance().get("payment-fees"), *w, {{"currency", "USD"}});
  const KpiTile* first = nullptr;
  for (const Panel& p : report.panels) {
    if (p.kind == PanelKind::kKpis && first == nullptr) first = &p.kpis.at(0);
  }
  ASSERT_NE(first, nullptr);

  const testing::ReceivedMail& m = mails[0];
  EXPECT_NE(m.part("application/pdf").headers.at("content-disposition").find("payment-fees-" + report.as_of + ".pdf"),
            std::string::npos);
  const testing::ScratchFile pdf(m.part("application/pdf").body, ".pdf");
  const std::string text = testing::command_output("pdftotext -layout '" + pdf.path() + "' -");
  EXPECT_NE(text.find(report.title), std::string::npos);
  EXPECT_NE(text.find(first->label), std::string::npos);
  EXPECT_NE(text.find(format_cell(first->value, first->type, first->currency, first->unit)), std::string::npos);

  const testing::ScratchFile xlsx(
      m.part("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet").body, ".xlsx");
  const testing::ScratchFile py(R"PY(
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
print(wb.worksheets[0].title)
for row in wb.worksheets[0].iter_rows():
    for c in row:
        if c.value == sys.argv[2]:
            v = wb.worksheets[0].cell(row=c.row, column=c.column + 1).value
            print(type(v).__name__, v)
)PY",
                                ".py");
  const std::string read = testing::command_output("/usr/bin/python3 '" + py.path() + "' '" + xlsx.path() + "' '" +
                                                   first->label + "'");
  EXPECT_EQ(read.substr(0, read.find('\n')), "Summary");
  // The first tile's value beside its label, a number (a count as an integer,
  // money in dollars), not text.
  ASSERT_TRUE(first->type == ValueType::kInt || first->type == ValueType::kMoney);
  const int64_t value = std::get<int64_t>(first->value);
  std::string expected = "int " + std::to_string(value);
  if (first->type == ValueType::kMoney) {
    char dollars[64];
    std::snprintf(dollars, sizeof dollars, "float %.2f", static_cast<double>(value) / 100);
    expected = dollars;
  }
  EXPECT_NE(read.find(expected), std::string::npos) << read;
}

TEST_F(SchedulerTest, AFailingServerGivesRetriesWithBackoffThenAnOwnerNotice) {
  testing::SmtpServer smtp(451, "it-owner@luckin.example");
  ManualClock clock(parse_utc("2026-03-07T13:59:30Z"));
  Scheduler scheduler(config(smtp, 2, 60), options(), clock);
  scheduler.start();
  clock.set(parse_utc("2026-03-07T14:00:00Z"));
  auto attempt = [&](int n, const std::string& status) {
    return eventually([&] {
      const auto r = scheduler.runs().last_run("fees-daily");
      return r && r->attempt == n && r->status == status;
    });
  };
  ASSERT_TRUE(attempt(1, "retrying"));
  clock.set(parse_utc("2026-03-07T14:00:59Z"));  // the first retry waits 60 s
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  EXPECT_TRUE(attempt(1, "retrying"));
  clock.set(parse_utc("2026-03-07T14:01:00Z"));
  ASSERT_TRUE(attempt(2, "retrying"));
  clock.set(parse_utc("2026-03-07T14:02:59Z"));  // the second waits 120 s
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  EXPECT_TRUE(attempt(2, "retrying"));
  clock.set(parse_utc("2026-03-07T14:03:00Z"));
  ASSERT_TRUE(attempt(3, "failed"));
  const auto mails = smtp.wait_for(1);
  scheduler.stop();
  ASSERT_EQ(mails.size(), 1u);  // the notice only: no report reached the recipients
  EXPECT_EQ(mails[0].headers.at("to"), "it-owner@luckin.example");
  EXPECT_EQ(mails[0].headers.at("subject"), "luckyhub: schedule fees-daily failed");
  const std::string body = mails[0].part("text/plain").body;
  EXPECT_NE(body.find("after 3 attempts"), std::string::npos) << body;
  EXPECT_NE(body.find("451"), std::string::npos) << body;
  EXPECT_EQ(body.find(testing::SmtpServer::kPassword), std::string::npos);
  const auto last = scheduler.runs().last_run("fees-daily");
  EXPECT_NE(last->error.find("451"), std::string::npos);
  EXPECT_EQ(scheduler.runs().runs("fees-daily").size(), 1u);
}

TEST_F(SchedulerTest, ReportsItsSchedulesWithoutPasswords) {
  testing::SmtpServer smtp;
  ManualClock clock(parse_utc("2026-11-01T04:00:00Z"));
  Scheduler scheduler(config(smtp), options(), clock);
  scheduler.start();
  const nlohmann::json j = scheduler.status();
  scheduler.stop();
  ASSERT_EQ(j["schedules"].size(), 1u);
  const nlohmann::json& s = j["schedules"][0];
  EXPECT_EQ(s["name"], "fees-daily");
  EXPECT_EQ(s["next_run_utc"], "2026-11-01T14:00:00Z");  // 09:00 EST, after the fall-back
  EXPECT_EQ(s["next_run_local"], "2026-11-01 09:00 EST");
  EXPECT_EQ(s["recipient_count"], 2);
  EXPECT_EQ(s["params"]["currency"], "USD");
  EXPECT_TRUE(s["last_run"].is_null());
  EXPECT_EQ(j.dump().find(testing::SmtpServer::kPassword), std::string::npos);
  EXPECT_EQ(j.dump().find("LUCKYHUB_TEST_SMTP_PASSWORD"), std::string::npos);
}

}  // namespace
}  // namespace luckyhub::delivery

namespace luckyhub::delivery {
namespace {

// A refresh job that blocks (a slow job) does not delay a schedule's mail:
// each item runs on its own lane.
TEST_F(SchedulerTest, ASlowJobNeverDelaysAMail) {
  testing::SmtpServer smtp;
  DeliveryConfig c = config(smtp);
  DeliveryConfig jobs = parse_delivery_text(
      "[[job]]\nname = \"grid\"\nkind = \"refresh\"\ntool = \"stores\"\nparams = { weeks = 2 }\n"
      "cron = \"*/15 7-21 * * *\"\ntimezone = \"America/New_York\"\n",
      dir_ + "/jobs.toml");
  c.jobs = jobs.jobs;
  SchedulerOptions o = options();
  std::mutex m;
  std::condition_variable cv;
  bool release = false;
  std::vector<std::string> refreshed;
  o.refresh = [&](const std::string& tool, const std::map<std::string, std::string>& params) {
    std::unique_lock lock(m);
    refreshed.push_back(tool + " weeks=" + params.at("weeks"));
    cv.wait(lock, [&] { return release; });
  };
  ManualClock clock(parse_utc("2026-03-07T13:44:00Z"));  // 08:44 EST
  Scheduler scheduler(c, o, clock);
  scheduler.start();
  clock.set(parse_utc("2026-03-07T13:45:00Z"));  // the refresh starts, and blocks
  ASSERT_TRUE(eventually([&] {
    std::lock_guard lock(m);
    return refreshed.size() == 1;
  }));
  clock.set(parse_utc("2026-03-07T14:00:00Z"));  // the mail is due while the refresh still runs
  EXPECT_EQ(smtp.wait_for(1).size(), 1u);
  const nlohmann::json status = scheduler.status();
  EXPECT_EQ(status["jobs"][0]["running"], true);
  {
    std::lock_guard lock(m);
    EXPECT_EQ(refreshed, (std::vector<std::string>{"stores weeks=2"}));  // not queued twice at 14:00
    release = true;
  }
  cv.notify_all();
  ASSERT_TRUE(eventually([&] { return scheduler.status()["jobs"][0]["running"] == false; }));
  const nlohmann::json after = scheduler.status();
  EXPECT_EQ(after["jobs"][0]["last_run"]["status"], "done");
  EXPECT_EQ(after["jobs"][0]["next_run_utc"], "2026-03-07T14:15:00Z");
  scheduler.stop();
}

// A sync job whose fleet file is missing fails, says why, and comes back on its cadence.
TEST_F(SchedulerTest, AFailedJobIsReportedWithItsReason) {
  const DeliveryConfig c = parse_delivery_text(
      "[[job]]\nname = \"sync\"\nkind = \"sync\"\nfleet = \"missing-fleet.toml\"\ncadence = \"15m\"\n", dir_ + "/d.toml");
  ManualClock clock(parse_utc("2026-03-07T12:00:00Z"));
  Scheduler scheduler(c, options(), clock);
  scheduler.start();
  ASSERT_TRUE(eventually([&] { return !scheduler.status()["jobs"][0]["last_run"].is_null(); }));
  const nlohmann::json j = scheduler.status()["jobs"][0];
  scheduler.stop();
  EXPECT_EQ(j["last_run"]["status"], "failed");
  EXPECT_NE(j["last_run"]["error"].get<std::string>().find("missing-fleet.toml"), std::string::npos) << j.dump();
  EXPECT_EQ(j["next_run_utc"], "2026-03-07T12:15:00Z");
}

}  // namespace
}  // namespace luckyhub::delivery

namespace luckyhub::delivery {
namespace {

// The example file's inventory-grid job: the stock grid computed on its cron
// (05 and 35 past the hour, New York), here into a report kept by the test as
// the server keeps it in its cache.
TEST_F(SchedulerTest, TheExampleRefreshesTheInventoryGridOnItsCron) {
  const DeliveryConfig example = load_delivery_file(std::string(LUCKYHUB_SOURCE_DIR) + "/docs/delivery.example.toml");
  DeliveryConfig c;
  for (const Job& j : example.jobs)
    if (j.name == "inventory-grid") c.jobs.push_back(j);
  ASSERT_EQ(c.jobs.size(), 1u);
  SchedulerOptions o = options();
  std::mutex m;
  std::vector<Report> computed;
  o.refresh = [&](const std::string& tool, const std::map<std::string, std::string>& params) {
    auto wh = open_warehouse(testing::shared_sim().warehouse_path);
    Report r = run_tool(ToolRegistry::instance().get(tool), *wh, params);
    std::lock_guard lock(m);
    computed.push_back(std::move(r));
  };
  ManualClock clock(parse_utc("2026-03-09T13:04:00Z"));  // 09:04 EDT
  Scheduler scheduler(c, o, clock);
  scheduler.start();
  clock.set(parse_utc("2026-03-09T13:05:00Z"));
  ASSERT_TRUE(eventually([&] { return scheduler.status()["jobs"][0]["last_run"].is_object() &&
                                      scheduler.status()["jobs"][0]["running"] == false; }, 120));
  const nlohmann::json j = scheduler.status()["jobs"][0];
  scheduler.stop();
  EXPECT_EQ(j["last_run"]["status"], "done");
  EXPECT_EQ(j["next_run_utc"], "2026-03-09T13:35:00Z");
  std::lock_guard lock(m);
  ASSERT_EQ(computed.size(), 1u);
  EXPECT_EQ(computed[0].tool, "inventory");
  EXPECT_FALSE(computed[0].panel("stock")->table.rows.empty());
}

}  // namespace
}  // namespace luckyhub::delivery
