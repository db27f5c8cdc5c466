// Customer 360's masked phone through every door out of the server, on the
// shared small simulation: the CSV, PDF and XLSX downloads of a phone search
// and of a profile show a phone only as ***-***-NNNN (the four digits asked
// for appear otherwise only where the request's own parameters are echoed)
// and never a phone hash; the serve log at debug level (--verbose) of those
// requests names the path (and the SQL with "?" for values), never the
// digits or the hash.
#include <gtest/gtest.h>

#include <memory>

#include "core/calendar.h"
#include "core/log.h"
#include "report/export_files.h"
#include "server/http_client.h"
#include "server/http_server.h"
#include "support/shared_sim.h"
#include "warehouse/warehouse.h"

namespace luckyhub::testing {
namespace {

struct Phone {
  std::string user_no, tail, hash;
};

// The most shared phone tail among LKUS customers registered before as-of,
// and its customers' hashes (t_user read directly).
std::vector<Phone> busiest_tail() {
  auto wh = open_warehouse(shared_sim().warehouse_path);
  const std::string as_of = new_york_to_utc(Date::parse(wh->meta("as_of")), 0, 0, 0).str();
  const std::string tail =
      wh->query("SELECT phone_tail, COUNT(*) AS n FROM sales_crm__t_user WHERE tenant = 'LKUS' AND register_time < ? "
                "GROUP BY phone_tail ORDER BY n DESC, phone_tail LIMIT 1",
                {as_of})
          .row(0)
          .text("phone_tail");
  std::vector<Phone> out;
  for (const Row row : wh->query("SELECT user_no, phone_hash FROM sales_crm__t_user WHERE tenant = 'LKUS' AND "
                                 "phone_tail = ? AND register_time < ? ORDER BY user_no",
                                 {tail, as_of}))
    out.push_back({row.text("user_no"), tail, row.text("phone_hash")});
  return out;
}

// Every occurrence of `tail` in `text` is masked ("***-***-" before it) or
// in a line echoing the parameter ("phone_tail").
void expect_only_masked(const std::string& text, const std::string& tail, const std::string& what) {
  for (size_t at = text.find(tail); at != std::string::npos; at = text.find(tail, at + 1)) {
    const size_t line_start = text.rfind('\n', at) == std::string::npos ? 0 : text.rfind('\n', at) + 1;
    const std::string line = text.substr(line_start, text.find('\n', at) - line_start);
    const bool masked = at >= 8 && text.compare(at - 8, 8, "***-***-") == 0;
    EXPECT_TRUE(masked || line.find("phone_tail") != std::string::npos) << what << ": " << line;
  }
}

TEST(Customer360PhonePrivacy, DownloadsAndTheDebugLogNeverShowThePhone) {
  const std::vector<Phone> phones = busiest_tail();
  ASSERT_GE(phones.size(), 2u);
  const std::string tail = phones[0].tail;
  server::ServerOptions options;
  options.port = 0;
  options.read_timeout = std::chrono::milliseconds(2000);
  auto server = std::make_unique<server::HttpServer>(options, shared_sim().warehouse_path);
  server->start();
  const log::Level level = log::level();
  log::set_level(log::Level::kDebug);  // --verbose
  ::testing::internal::CaptureStderr();
  std::vector<std::pair<std::string, std::string>> bodies;  // what, text
  const auto get = [&](const std::string& target) {
    const HttpReply r = http_get(server->port(), target);
    EXPECT_EQ(r.status, 200) << target << ": " << r.body;
    return r.body;
  };
  const std::string search = "/api/reports/customer-360";
  const std::string csv = get(search + ".csv?panel=matches&phone_tail=" + tail);
  bodies.push_back({"matches CSV", csv});
  for (const Phone& p : phones)  // the list names every customer, each phone masked
    EXPECT_NE(csv.find(p.user_no + ",***-***-" + tail), std::string::npos) << csv;
  bodies.push_back({"profile CSV", get(search + ".csv?user=" + phones[0].user_no)});  // its tables
  {
    const ScratchFile pdf(get(search + ".pdf?phone_tail=" + tail), ".pdf");
    bodies.push_back({"matches PDF", command_output("pdftotext -layout '" + pdf.path() + "' -")});
    const ScratchFile profile(get(search + ".pdf?user=" + phones[0].user_no), ".pdf");
    bodies.push_back({"profile PDF", command_output("pdftotext -layout '" + profile.path() + "' -")});
  }
  {
    const ScratchFile xlsx(get(search + ".xlsx?phone_tail=" + tail), ".xlsx");
    bodies.push_back(
        {"matches XLSX",
         command_output("/usr/bin/python3 -c 'import sys, openpyxl\n"
                        "for ws in openpyxl.load_workbook(sys.argv[1]).worksheets:\n"
                        "  for row in ws.iter_rows(values_only=True): print(*[c for c in row if c is not None])' '" +
                        xlsx.path() + "'")});
  }
  const std::string log_text = ::testing::internal::GetCapturedStderr();
  log::set_level(level);
  server.reset();
  EXPECT_NE(bodies[2].second.find("***-***-" + tail), std::string::npos) << bodies[2].second.substr(0, 2000);
  EXPECT_NE(bodies[3].second.find("***-***-" + tail), std::string::npos) << bodies[3].second.substr(0, 2000);
  EXPECT_NE(bodies[4].second.find("***-***-" + tail), std::string::npos) << bodies[4].second.substr(0, 2000);
  for (const auto& [what, text] : bodies) {
    ASSERT_FALSE(text.empty()) << what;
    expect_only_masked(text, tail, what);
    for (const Phone& p : phones) EXPECT_EQ(text.find(p.hash), std::string::npos) << what;
  }
  // The log at debug level: each request's method, path and status, never its query.
  EXPECT_NE(log_text.find("serve: GET /api/reports/customer-360.csv 200"), std::string::npos) << log_text;
  EXPECT_EQ(log_text.find("phone_tail="), std::string::npos) << log_text;  // SQL logs its text, "?" for values
  EXPECT_EQ(log_text.find("'" + tail + "'"), std::string::npos) << log_text;
  EXPECT_EQ(log_text.find("=" + tail), std::string::npos) << log_text;
  EXPECT_EQ(log_text.find("***-***-"), std::string::npos) << log_text;
  for (const Phone& p : phones) EXPECT_EQ(log_text.find(p.hash), std::string::npos);
}

}  // namespace
}  // namespace luckyhub::testing
