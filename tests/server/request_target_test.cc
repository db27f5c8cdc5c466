// Request targets that are not UTF-8 once percent-decoded are refused at the
// edge (server/request_target.h): every answer is JSON, which must be UTF-8,
// and one that quoted such bytes once ended the server (nlohmann's dump threw
// type_error 316 out of an I/O thread: tests/server/hostile/400-utf8-*).
#include "server/request_target.h"

#include <gtest/gtest.h>

#include "server/http_error.h"

namespace luckyhub::server {
namespace {

TEST(RequestTarget, Utf8IsWellFormedUtf8Only) {
  for (const std::string ok : {"", "plain", "caf\xc3\xa9", "\xe2\x82\xac", "\xf0\x9f\x98\x80", "\xf4\x8f\xbf\xbf",
                               "\xed\x9f\xbf"}) {
    EXPECT_TRUE(is_utf8(ok)) << ok;
  }
  for (const std::string bad : {"\xff", "\xc0\xaf", "\xc1\xbf", "\xe0\x80\xaf", "\xed\xa0\x80", "\xf4\x90\x80\x80",
                                "\xf5\x80\x80\x80", "\xe2\x82", "\xc3", "\x80", "a\xc3(b"}) {
    EXPECT_FALSE(is_utf8(bad)) << ::testing::PrintToString(bad);
  }
}

TEST(RequestTarget, APathOrParameterNotUtf8OnceDecodedIs400) {
  for (const std::string target : {"/api/reports/%ff%fe", "/tools/\xff", "/assets/%c0%af..%c0%afetc",
                                   "/api/reports/payment-fees?currency=%C0%AF", "/api/reports/x?%ed%a0%80=1",
                                   "/api/reports/x?currency=\xc0\xaf", "/api/reports/x?c=%e2%82"}) {
    SCOPED_TRACE(target);
    try {
      parse_request_target(target);
      ADD_FAILURE() << "accepted";
    } catch (const HttpError& e) {
      EXPECT_EQ(e.status(), 400);
      EXPECT_NE(std::string(e.what()).find("not UTF-8"), std::string::npos) << e.what();
    }
  }
  const RequestTarget t = parse_request_target("/api/reports/x?store=caf%C3%A9+latte");
  EXPECT_EQ(t.query.at("store"), "caf\xc3\xa9 latte");
}

}  // namespace
}  // namespace luckyhub::server
