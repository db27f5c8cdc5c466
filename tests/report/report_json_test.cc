#include <gtest/gtest.h>

#include <algorithm>

#include "report/render.h"
#include "support/report_checks.h"
#include "support/shared_sim.h"
#include "tools/registry.h"

namespace luckyhub {
namespace {

using nlohmann::json;

TEST(ReportJson, EveryToolFollowsTheContractOnTheSharedSimulation) {
  auto warehouse = testing::open_shared_warehouse();
  ASSERT_FALSE(ToolRegistry::instance().list().empty());
  for (const Tool* tool : ToolRegistry::instance().list()) {
    const Report report = run_tool(*tool, *warehouse, {});
    const json parsed = json::parse(render_json(report));
    EXPECT_EQ(parsed["tool"], tool->id);
    EXPECT_EQ(parsed["as_of"], testing::shared_sim().truth["as_of"]);
    // A simulated warehouse is complete at its as-of (simulate.cc): every
    // report says so, from the warehouse's meta.
    EXPECT_EQ(parsed["deletions_reconciled"], warehouse->meta("deletions_reconciled")) << tool->id;
    EXPECT_EQ(parsed["deletions_reconciled"], testing::shared_sim().truth["as_of"].get<std::string>() + " 00:00:00")
        << tool->id;
    EXPECT_FALSE(parsed["panels"].empty()) << tool->id;
    for (const std::string& problem : testing::report_contract_violations(parsed)) {
      ADD_FAILURE() << tool->id << ": " << problem;
    }
  }
}

TEST(ReportJson, ContractCheckCatchesViolations) {
  json bad = {{"report_format", 1}, {"tool", "x"}, {"title", "X"}, {"department", "D"},
              {"as_of", "2026-02-13"}, {"deletions_reconciled", 20260213}, {"params", json::object()},
              {"panels", {{{"id", "t"}, {"title", "T"}, {"kind", "table"},
                           {"columns", {{{"id", "amount"}, {"label", "A"}, {"type", "money"}}}},
                           {"rows", {{1.5}, {1, 2}}}}}}};
  auto problems = testing::report_contract_violations(bad);
  std::sort(problems.begin(), problems.end());
  // Money without currency (once per value checked), a float in a money column, a row too wide.
  const std::vector<std::string> expected = {
      "deletions_reconciled is neither a time nor null",
      "panel 't' column amount: money value is not an integer: 1.5",
      "panel 't' column amount: money without currency",
      "panel 't' column amount: money without currency",
      "panel 't': row width differs from columns",
  };
  EXPECT_EQ(problems, expected);
}

TEST(ReportRenderers, IdsAreNeverGroupedCountsAre) {
  const Column order{"order_id", "Order id", ValueType::kInt}, count{"orders", "Orders", ValueType::kInt};
  EXPECT_EQ(format_column_cell(int64_t{1295}, order), "1295");
  EXPECT_EQ(format_column_cell(int64_t{1295}, count), "1,295");
  EXPECT_EQ(format_column_cell(int64_t{1295}, Column{"id", "Id", ValueType::kInt}), "1295");
  EXPECT_EQ(format_column_cell(int64_t{1295}, Column{"paid", "Paid", ValueType::kInt}), "1,295") << "not an _id suffix";
  Report r;
  r.tool = "t";
  Panel p{.id = "rows", .title = "Rows", .kind = PanelKind::kTable};
  p.table.columns = {order, count};
  p.table.rows = {{int64_t{1199}, int64_t{1199}}};
  r.panels.push_back(p);
  const std::string text = render_text(r);
  EXPECT_NE(text.find("1199"), std::string::npos) << text;
  EXPECT_NE(text.find("1,199"), std::string::npos) << text;
  EXPECT_EQ(text.find("1,199", text.find("1,199") + 1), std::string::npos) << "only the count is grouped: " << text;
}

TEST(ReportRenderers, AWideTrafficLightMapPrintsCountsAndTheCellsNotGreen) {
  Report r;
  r.tool = "t";
  Panel p{.id = "grid", .title = "Grid", .kind = PanelKind::kHeatmap};
  p.heatmap.x_label = "instances";
  p.heatmap.y_label = "check";
  p.heatmap.palette = "status";
  p.heatmap.y = {"cpu", "disk"};
  p.heatmap.values.assign(2, {});
  for (int i = 0; i < 143; ++i) {
    p.heatmap.x.push_back("db-" + std::to_string(i));
    p.heatmap.values[0].push_back(int64_t{i == 17 ? 2 : 0});
    p.heatmap.values[1].push_back(int64_t{i == 5 || i == 99 ? 1 : 0});
  }
  r.panels.push_back(p);
  const std::string text = render_text(r);
  EXPECT_EQ(text.find("db-0 "), std::string::npos) << "no 143-column table: " << text;
  EXPECT_NE(text.find("instances: 143, too many to print across"), std::string::npos) << text;
  EXPECT_NE(text.find("db-17 (red)"), std::string::npos) << text;
  EXPECT_NE(text.find("db-5 (yellow), db-99 (yellow)"), std::string::npos) << text;
  EXPECT_NE(text.find("142"), std::string::npos) << "cpu: 142 green: " << text;
  EXPECT_NE(text.find("141"), std::string::npos) << "disk: 141 green: " << text;
  for (const std::string& line : {std::string("cpu"), std::string("disk")}) {
    const size_t at = text.find("\n  " + line);
    ASSERT_NE(at, std::string::npos) << text;
    EXPECT_LT(text.find('\n', at + 1) - at, 120u) << "a terminal's width";
  }
}

TEST(ReportRenderers, MoneyRatesAndCsvQuoting) {
  EXPECT_EQ(format_cell(int64_t{123456}, ValueType::kMoney, "USD", ""), "$1,234.56");
  EXPECT_EQ(format_cell(0.02345, ValueType::kRate, "", ""), "2.345%");
  EXPECT_EQ(format_cell(int64_t{1234567}, ValueType::kInt, "", ""), "1,234,567");
  EXPECT_EQ(format_cell(81920000.0, ValueType::kNumber, "", "bytes"), "78.1 MiB");
  EXPECT_EQ(format_cell(369.0, ValueType::kNumber, "", "s"), "6m 9s");
  EXPECT_EQ(format_cell(0.25, ValueType::kNumber, "", "s"), "0.25 s");
  Report r;
  r.tool = "t";
  Panel p{.id = "rows", .title = "Rows", .kind = PanelKind::kTable};
  p.table.columns = {{"name", "Name", ValueType::kText}, {"cents", "Cents", ValueType::kMoney, "USD"}};
  p.table.rows = {{std::string("a, \"quoted\" name"), int64_t{5}}, {std::string("=cmd()"), int64_t{-7}}};
  r.panels.push_back(p);
  EXPECT_EQ(render_csv(r, "rows"), "name,cents\n\"a, \"\"quoted\"\" name\",5\n'=cmd(),-7\n");
  EXPECT_EQ(render_csv(r, ""), render_csv(r, "rows"));
}

}  // namespace
}  // namespace luckyhub
