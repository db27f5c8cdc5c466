// Every report says when rows deleted at the sources were last removed from
// the warehouse (Report::deletions_reconciled), beside its as-of, and warns
// when that was more than a day before the as-of: the JSON field, the text
// header, and the rule for "stale" at its boundary.
#include <gtest/gtest.h>

#include "report/data_freshness.h"
#include "report/render.h"

namespace luckyhub {
namespace {

Report dated(const std::string& as_of, const std::string& reconciled) {
  return Report{.tool = "x", .title = "Dated", .department = "Finance", .as_of = as_of,
                .deletions_reconciled = reconciled};
}

std::string first_lines(const std::string& text, int n) {
  size_t at = 0;
  for (int i = 0; i < n && at != std::string::npos; ++i) at = text.find('\n', at + (i ? 1 : 0));
  return text.substr(0, at);
}

TEST(DataFreshness, JsonCarriesTheTimeBesideTheAsOfAndNullWhenUnknown) {
  const auto known = nlohmann::json::parse(render_json(dated("2026-02-12", "2026-02-12 03:00:00")));
  EXPECT_EQ(known["as_of"], "2026-02-12");
  EXPECT_EQ(known["deletions_reconciled"], "2026-02-12 03:00:00");
  const auto unknown = nlohmann::json::parse(render_json(dated("2026-02-12", "")));
  ASSERT_TRUE(unknown.contains("deletions_reconciled"));
  EXPECT_TRUE(unknown["deletions_reconciled"].is_null());
}

TEST(DataFreshness, TextHeaderNamesItToTheMinute) {
  Report r = dated("2026-02-12", "2026-02-12 03:00:41");
  r.params = {{"from", "2026-01-01"}};
  EXPECT_EQ(first_lines(render_text(r), 2),
            "# Dated  (x, Finance)\nas of 2026-02-12; deletions reconciled 2026-02-12 03:00 UTC  from=2026-01-01");
  // Unknown (a warehouse older than the field): the header is as before.
  EXPECT_EQ(first_lines(render_text(dated("2026-02-12", "")), 2), "# Dated  (x, Finance)\nas of 2026-02-12");
}

TEST(DataFreshness, StaleWhenMoreThanADayBeforeTheAsOfsMidnight) {
  // As-of 2026-02-12 means up to 2026-02-12 00:00 UTC; a day before is 2026-02-11 00:00.
  EXPECT_FALSE(deletions_reconciliation_stale(dated("2026-02-12", "2026-02-11 00:00:00")));
  EXPECT_TRUE(deletions_reconciliation_stale(dated("2026-02-12", "2026-02-10 23:59:59")));
  EXPECT_FALSE(deletions_reconciliation_stale(dated("2026-02-12", "2026-02-12 03:00:00")));  // after it
  EXPECT_FALSE(deletions_reconciliation_stale(dated("2026-02-12", "")));
  EXPECT_FALSE(deletions_reconciliation_stale(dated("", "2026-02-10 00:00:00")));
  EXPECT_FALSE(deletions_reconciliation_stale(dated("2026-02-12", "not a time at all")));

  EXPECT_EQ(deletions_reconciliation_warning(dated("2026-02-12", "2026-02-11 00:00:00")), "");
  EXPECT_EQ(deletions_reconciliation_warning(dated("2026-02-12", "2026-02-10 23:59:59")),
            "Deletions were last reconciled 1 day before the data's as-of: rows deleted at the sources since "
            "2026-02-10 23:59 UTC still count in these figures until a sync reconciles them (luckyhub sync "
            "--reconcile).");
  // 2026-02-12 00:00 - 2026-02-09 03:00 = 2 days 21 hours: "2 days".
  const std::string text = render_text(dated("2026-02-12", "2026-02-09 03:00:00"));
  EXPECT_NE(text.find("\nWARNING: Deletions were last reconciled 2 days before the data's as-of: rows deleted at "
                      "the sources since 2026-02-09 03:00 UTC still count"),
            std::string::npos)
      << text;
  EXPECT_EQ(render_text(dated("2026-02-12", "2026-02-12 03:00:00")).find("WARNING"), std::string::npos);
}

}  // namespace
}  // namespace luckyhub
