// The report downloads GET /api/reports/{tool}.pdf and .xlsx on the shared
// small simulation: attachments with the right type and name, the same
// parameter validation as the JSON.
#include <gtest/gtest.h>

#include <memory>
#include <nlohmann/json.hpp>

#include "report/export_files.h"
#include "server/http_client.h"
#include "server/http_server.h"
#include "support/shared_sim.h"

namespace luckyhub::testing {
namespace {

using nlohmann::json;

class ExportTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server::ServerOptions options;
    options.port = 0;
    options.read_timeout = std::chrono::milliseconds(2000);
    options.report_wait = std::chrono::milliseconds(50);  // downloads wait for the job whatever this is
    server_ = std::make_unique<server::HttpServer>(options, shared_sim().warehouse_path);
    server_->start();
  }
  static void TearDownTestSuite() { server_.reset(); }
  static HttpReply get(const std::string& target) { return http_get(server_->port(), target); }
  static std::string as_of() { return shared_sim().truth["as_of"].get<std::string>(); }

  static inline std::unique_ptr<server::HttpServer> server_;
};

TEST_F(ExportTest, PdfOfAReportIsAnAttachmentWithItsText) {
  const HttpReply r = get("/api/reports/payment-fees.pdf?shift_share=0.2&currency=USD");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.headers.at("content-type"), "application/pdf");
  EXPECT_EQ(r.headers.at("content-disposition"), "attachment; filename=\"payment-fees-" + as_of() + ".pdf\"");
  ASSERT_EQ(r.body.substr(0, 5), "%PDF-");
  const ScratchFile file(r.body, ".pdf");
  const std::string text = command_output("pdftotext -layout '" + file.path() + "' -");
  EXPECT_NE(text.find("Data as of: " + as_of()), std::string::npos) << text.substr(0, 500);
  EXPECT_NE(text.find("shift_share = 0.2"), std::string::npos) << text.substr(0, 500);
}

TEST_F(ExportTest, XlsxOfAReportIsAnAttachmentThatOpens) {
  const HttpReply r = get("/api/reports/payment-fees.xlsx?currency=USD");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.headers.at("content-type"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  EXPECT_EQ(r.headers.at("content-disposition"), "attachment; filename=\"payment-fees-" + as_of() + ".xlsx\"");
  ASSERT_EQ(r.body.substr(0, 2), "PK");
  const ScratchFile file(r.body, ".xlsx");
  const std::string sheets = command_output(
      "/usr/bin/python3 -c 'import sys, openpyxl; wb = openpyxl.load_workbook(sys.argv[1]); print(wb.sheetnames[0], len(wb.sheetnames))' '" +
      file.path() + "'");
  EXPECT_EQ(sheets.rfind("Summary ", 0), 0u) << sheets;
  EXPECT_GE(std::stoi(sheets.substr(8)), 2) << sheets;
}

TEST_F(ExportTest, ABadParameterIsA400JsonErrorForEveryFormat) {
  for (const char* ext : {".pdf", ".xlsx"}) {
    for (const std::string query : {"?shift_share=lots", "?no_such_param=1", "?panel=channels"}) {
      const HttpReply r = get(std::string("/api/reports/payment-fees") + ext + query);
      EXPECT_EQ(r.status, 400) << ext << query << " " << r.body;
      EXPECT_EQ(r.headers.at("content-type"), "application/json");
      EXPECT_TRUE(json::parse(r.body).contains("error")) << r.body;
    }
    EXPECT_EQ(get(std::string("/api/reports/no-such-tool") + ext).status, 404);
  }
  EXPECT_EQ(get("/api/health").status, 200);
}

}  // namespace
}  // namespace luckyhub::testing
