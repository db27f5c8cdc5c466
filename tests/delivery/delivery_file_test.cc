#include "delivery/delivery_file.h"

#include <gtest/gtest.h>

#include <fstream>
#include <set>

#include "core/error.h"
#include "delivery/renderers.h"
#include "support/shared_sim.h"

namespace luckyhub::delivery {
namespace {

constexpr const char* kSmtp = R"(
[smtp]
url = "smtp://127.0.0.1:2525"
username = "luckyhub"
password = "env:LUCKYHUB_SMTP_PASSWORD"
from = "reports@luckin.example"
)";

std::string error_of(const std::string& text) {
  try {
    parse_delivery_text(text, "d.toml");
  } catch (const Error& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(DeliveryFile, ParsesEverySection) {
  const DeliveryConfig c = parse_delivery_text(std::string(R"(
[scheduler]
catch_up = false
retries = 2
backoff = "30s"
)") + kSmtp + R"(
[[schedule]]
name = "fees-daily"
tool = "payment-fees"
params = { currency = "USD", shift_from = 53 }
cron = "0 8 * * *"
timezone = "America/New_York"
formats = ["csv"]
to = ["finance@luckin.example", "cfo@luckin.example"]
owner = "it@luckin.example"

[[job]]
name = "sync"
kind = "sync"
fleet = "fleet.toml"
cadence = "15m"

[[job]]
name = "collect"
kind = "collect"
fleet = "/etc/luckyhub/fleet.toml"

[[job]]
name = "stores-grid"
kind = "refresh"
tool = "stores"
cron = "*/15 7-21 * * *"
timezone = "America/New_York"

[route]
receiver = "it"
[[receiver]]
name = "it"
webhook_url = "http://hooks.luckin.example:9000/it"
)",
                                               "/etc/luckyhub/delivery.toml");
  EXPECT_FALSE(c.scheduler.catch_up);
  EXPECT_EQ(c.scheduler.retries, 2);
  EXPECT_EQ(c.scheduler.backoff_s, 30);
  ASSERT_TRUE(c.smtp);
  EXPECT_TRUE(c.smtp->starttls);
  EXPECT_EQ(c.smtp->password_ref, "env:LUCKYHUB_SMTP_PASSWORD");
  ASSERT_EQ(c.schedules.size(), 1u);
  const Schedule& s = c.schedules[0];
  EXPECT_EQ(s.tool, "payment-fees");
  EXPECT_EQ(s.params.at("shift_from"), "53");
  EXPECT_EQ(s.to.size(), 2u);
  EXPECT_EQ(s.line, 13);
  ASSERT_EQ(c.jobs.size(), 3u);
  EXPECT_EQ(c.jobs[0].fleet, "/etc/luckyhub/fleet.toml");
  EXPECT_EQ(c.jobs[0].every_s, 900);
  EXPECT_EQ(c.jobs[1].every_s, 60);
  EXPECT_EQ(c.jobs[2].kind, JobKind::kRefresh);
  EXPECT_TRUE(c.routing);
}

// The routing keys are validated with the rest of the file, by alert routing's parser.
TEST(DeliveryFile, RoutingIsValidatedWithTheFile) {
  auto error_of = [](const std::string& text) {
    try {
      parse_delivery_text(text, "d.toml");
      return std::string("(no error)");
    } catch (const Error& e) {
      return std::string(e.what());
    }
  };
  EXPECT_EQ(error_of("[route]\nreceiver = \"it\"\n[[receiver]]\nname = \"it\"\n"),
            "d.toml:3: receiver it has no webhook_url, slack_url or email_to");
  EXPECT_NE(error_of("[route]\nreceiver = \"m\"\n[[receiver]]\nname = \"m\"\nemail_to = [\"a@b.example\"]\n")
                .find("no e-mail sender is configured"),
            std::string::npos);
  EXPECT_FALSE(parse_delivery_text("[[job]]\nname = \"c\"\nkind = \"refresh\"\ntool = \"stores\"\n"
                                   "cron = \"0 * * * *\"\ntimezone = \"UTC\"\n", "d.toml").routing);
}

std::string schedule(const std::string& body) {
  return std::string(kSmtp) + "\n[[schedule]]\nname = \"s\"\n" + body;
}
constexpr const char* kRest = "cron = \"0 8 * * *\"\ntimezone = \"America/New_York\"\nto = [\"a@b.example\"]\nowner = \"o@b.example\"\n";

TEST(DeliveryFile, ErrorsNameTheLine) {
  // [[schedule]] is on line 8 of these texts; its keys follow.
  EXPECT_EQ(error_of(schedule(std::string("tool = \"no-such-tool\"\n") + kRest)).substr(0, 42),
            "d.toml:10: unknown tool 'no-such-tool' in ");
  EXPECT_EQ(error_of(schedule(std::string("tool = \"payment-fees\"\nparams = { currency = \"EUR\" }\n") + kRest)).substr(0, 9),
            "d.toml:11");
  EXPECT_NE(error_of(schedule(std::string("tool = \"payment-fees\"\nparams = { currency = \"EUR\" }\n") + kRest)).find("currency"),
            std::string::npos);
  EXPECT_NE(error_of(schedule(std::string("tool = \"payment-fees\"\nparams = { nope = 1 }\n") + kRest)).find("nope"),
            std::string::npos);
  EXPECT_EQ(error_of(schedule("tool = \"payment-fees\"\ncron = \"0 25 * * *\"\n")),
            "d.toml:11: cron '0 25 * * *': hour 25 is out of range 0-23");
  EXPECT_EQ(error_of(schedule("tool = \"payment-fees\"\ncron = \"0 9 * * *\"\ntimezone = \"Mars/Olympus\"\n")),
            "d.toml:12: unknown time zone 'Mars/Olympus' (an IANA name such as America/New_York) in schedule s");
  // pdf and xlsx have their renderers in this build (renderers.cc).
  for (const std::string format : {"pdf", "xlsx", "csv"}) {
    ASSERT_NE(find_renderer(format), nullptr) << format;
    EXPECT_EQ(error_of(schedule("tool = \"payment-fees\"\nformats = [\"" + format + "\"]\n" + kRest)), "(no error)");
  }
  EXPECT_EQ(error_of(schedule(std::string("tool = \"payment-fees\"\nformats = [\"docx\"]\n") + kRest)),
            "d.toml:11: unknown format 'docx' in schedule s (pdf, xlsx or csv)");
  EXPECT_EQ(error_of(schedule(std::string("tool = \"payment-fees\"\ncolour = 1\n") + kRest)).substr(0, 31),
            "d.toml:11: unknown key 'colour'");
  EXPECT_EQ(error_of(schedule("tool = \"payment-fees\"\ncron = \"0 8 * * *\"\ntimezone = \"UTC\"\nto = [\"a@b.example\", \"x\\r\\nBcc: y@z.example\"]\nowner = \"o@b.example\"\n")),
            "d.toml:13: 'x\r\nBcc: y@z.example' in to of schedule s is not an e-mail address");
  EXPECT_EQ(error_of("[[schedule]]\nname = \"s\"\ntool = \"payment-fees\"\n" + std::string(kRest)),
            "d.toml:1: schedules need an [smtp] table to send their mail");
  EXPECT_EQ(error_of("[[job]]\nname = \"j\"\nkind = \"teleport\"\n"), "d.toml:3: kind 'teleport' of job j is not sync, collect or refresh");
  EXPECT_EQ(error_of("[[job]]\nname = \"j\"\nkind = \"sync\"\nfleet = \"f.toml\"\n"), "d.toml:1: job j has no cadence (e.g. cadence = \"15m\")");
  EXPECT_EQ(error_of("[[job]]\nname = \"j\"\nkind = \"collect\"\nfleet = \"f.toml\"\nevery = \"soon\"\n"),
            "d.toml:5: every of job j must be a duration like \"90s\", \"15m\", \"1h\"");
  EXPECT_EQ(error_of("[[job]]\nname = \"j\"\nkind = \"collect\"\nfleet = \"f\"\n[[job]]\nname = \"j\"\nkind = \"collect\"\nfleet = \"f\"\n"),
            "d.toml:5: duplicate name 'j' (first at line 1)");
  EXPECT_EQ(error_of("[alerting]\n"), "d.toml:1: unknown key 'alerting' in the delivery file (known: inhibit, job, receiver, route, schedule, scheduler, smtp)");
  EXPECT_EQ(error_of("[scheduler]\nretries = -1\n"), "d.toml:2: retries of [scheduler] must be a whole number from 0 to 20");
  EXPECT_EQ(error_of("[scheduler\n").substr(0, 9), "d.toml:1:");
}

TEST(DeliveryFile, APasswordMustBeAReferenceAndIsNeverEchoed) {
  const std::string e = error_of("[smtp]\nurl = \"smtp://h:25\"\nusername = \"u\"\npassword = \"hunter2-secret\"\nfrom = \"a@b.example\"\n");
  EXPECT_EQ(e, "d.toml:4: password of [smtp] must be a reference, \"env:NAME\" or \"file:/path\", never the password itself");
  EXPECT_EQ(e.find("hunter2"), std::string::npos);
  EXPECT_EQ(error_of("[smtp]\nurl = \"smtp://u:pw@h:25\"\nfrom = \"a@b.example\"\n"),
            "d.toml:2: url of [smtp] must not hold credentials: use username and password");
  const DeliveryConfig c = parse_delivery_text("[smtp]\nurl = \"smtp://h:25\"\nusername = \"u\"\npassword = \"file:pw.txt\"\nfrom = \"a@b.example\"\n",
                                               "/srv/d.toml");
  EXPECT_EQ(c.smtp->password_ref, "file:/srv/pw.txt");
}

TEST(DeliveryFile, Addresses) {
  EXPECT_TRUE(valid_address("store.manager+nyc@luckin.example"));
  EXPECT_FALSE(valid_address("no-at.example"));
  EXPECT_FALSE(valid_address("a@b"));
  EXPECT_FALSE(valid_address("Name <a@b.example>"));
  EXPECT_FALSE(valid_address("a@b.example\nBcc: c@d.example"));
}

}  // namespace
}  // namespace luckyhub::delivery

namespace luckyhub::delivery {
namespace {

TEST(DeliveryFile, TheExampleFileIsValid) {
  const DeliveryConfig c = load_delivery_file(std::string(LUCKYHUB_SOURCE_DIR) + "/docs/delivery.example.toml");
  std::set<std::string> tools;
  for (const Schedule& s : c.schedules) tools.insert(s.tool);
  // The catalog's e-mails.
  EXPECT_EQ(tools, (std::set<std::string>{"tenant-audit", "payment-fees", "reconciliation", "campaigns", "channels",
                                          "stores", "staffing", "forecast-accuracy"}));
  EXPECT_EQ(c.schedules.size(), 9u);
  ASSERT_EQ(c.jobs.size(), 5u);
  EXPECT_EQ(c.jobs[0].fleet, std::string(LUCKYHUB_SOURCE_DIR) + "/docs/fleet.example.toml");
  // The grids the scheduler keeps warm: the stores', the inventory's, and the machines' status every minute.
  std::set<std::string> refreshed;
  for (const Job& j : c.jobs)
    if (j.kind == JobKind::kRefresh) refreshed.insert(j.tool);
  EXPECT_EQ(refreshed, (std::set<std::string>{"stores", "inventory", "machines"}));
  EXPECT_EQ(c.scheduler.backoff_s, 120);
}

}  // namespace
}  // namespace luckyhub::delivery

namespace luckyhub::delivery {
namespace {

TEST(DeliveryCheck, TheCommandValidatesWithOneLine) {
  const std::string dir = testing::temp_dir();
  const std::string bad = dir + "/bad.toml";
  std::ofstream(bad) << "[[job]]\nname = \"j\"\nkind = \"refresh\"\ntool = \"stores\"\ncron = \"0 9 * * *\"\ntimezone = \"Mars/Olympus\"\n";
  std::string out, err;
  EXPECT_NE(testing::run_luckyhub("delivery check " + bad, &out, &err), 0);
  EXPECT_NE(err.find(bad + ":6: unknown time zone"), std::string::npos) << err;
  EXPECT_EQ(testing::run_luckyhub("delivery check " + std::string(LUCKYHUB_SOURCE_DIR) + "/docs/delivery.example.toml", &out, &err), 0)
      << err;
  EXPECT_NE(out.find("ok: 9 schedules, 5 jobs, alert routing"), std::string::npos) << out;
}

}  // namespace
}  // namespace luckyhub::delivery
