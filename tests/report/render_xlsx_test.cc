// The XLSX export, read back with openpyxl (python3-openpyxl): typed cells,
// number formats, sheet names, the frozen header and the autofilter.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "report/export_files.h"
#include "report/export_reports.h"
#include "report/render_xlsx.h"

namespace luckyhub::testing {
namespace {

using nlohmann::json;

// Every sheet: its name, frozen pane, autofilter and cells as
// [row, column, python type, value as text, number format].
json read_back(const std::string& xlsx) {
  const ScratchFile file(xlsx, ".xlsx");
  const std::string script = R"PY(
import json, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
out = []
for ws in wb.worksheets:
    cells = []
    for row in ws.iter_rows():
        for c in row:
            if c.value is None and c.row > 1:
                continue
            cells.append([c.row, c.column, type(c.value).__name__, str(c.value), c.number_format])
    out.append({"name": ws.title, "freeze": ws.freeze_panes, "filter": ws.auto_filter.ref, "cells": cells,
                "widths": {k: v.width for k, v in ws.column_dimensions.items()}})
print(json.dumps(out))
)PY";
  const ScratchFile py(script, ".py");
  return json::parse(command_output("/usr/bin/python3 '" + py.path() + "' '" + file.path() + "'"));
}

// The cell at row, column (1-based) of a read-back sheet, or null.
json cell(const json& sheet, int row, int col) {
  for (const json& c : sheet["cells"])
    if (c[0] == row && c[1] == col) return c;
  return nullptr;
}

TEST(RenderXlsx, LedgerCellsAreTyped) {
  const std::string bytes = render_xlsx(ledger_report(1000));
  ASSERT_EQ(bytes.substr(0, 2), "PK");
  const json book = read_back(bytes);
  ASSERT_EQ(book.size(), 2u);
  EXPECT_EQ(book[0]["name"], "Summary");
  EXPECT_EQ(book[1]["name"], "Ledger entries");
  const json& ledger = book[1];
  EXPECT_EQ(ledger["freeze"], "A2");
  EXPECT_EQ(ledger["filter"], "A1:G1001");
  // Header row, then row 1 (spreadsheet row 2) and row 1000 (row 1001).
  EXPECT_EQ(cell(ledger, 1, 1)[3], "Ledger id");
  EXPECT_EQ(cell(ledger, 2, 1), json({2, 1, "str", "LG-00001", "General"}));
  EXPECT_EQ(cell(ledger, 1001, 1)[3], "LG-01000");
  // Amount: 1000 * 101 cents is $1,010.00, a number in dollars with a "$" format.
  EXPECT_EQ(cell(ledger, 1001, 3), json({1001, 3, "int", "1010", "$#,##0.00"}));  // a whole amount is stored whole
  EXPECT_EQ(cell(ledger, 2, 3), json({2, 3, "float", "1.01", "$#,##0.00"}));
  // Rate 0.1 shown as 10.00%; count an integer; the day a date.
  EXPECT_EQ(cell(ledger, 1001, 4), json({1001, 4, "float", "0.1", "0.00%"}));
  EXPECT_EQ(cell(ledger, 1001, 5), json({1001, 5, "int", "1000", "#,##0"}));
  EXPECT_EQ(cell(ledger, 1001, 6), json({1001, 6, "datetime", "2026-01-21 00:00:00", "yyyy-mm-dd"}));
  EXPECT_EQ(cell(ledger, 2, 7)[2], "str");
  EXPECT_GE(ledger["widths"]["A"].get<double>(), 9.0);
  EXPECT_LE(ledger["widths"]["G"].get<double>(), 62.0);

  // Summary: the title block and the KPI tiles with typed values.
  const json& summary = book[0];
  EXPECT_EQ(cell(summary, 1, 1)[3], "Ledger test");
  bool total = false, rate = false, count = false, unknown = false, as_of = false, param = false;
  for (const json& c : summary["cells"]) {
    const int row = c[0];
    const json label = cell(summary, row, 1);
    if (c[1] != 2 || label.is_null()) continue;
    if (label[3] == "Total gap") total = c == json({row, 2, "float", "1234.56", "$#,##0.00"});
    if (label[3] == "Gap rate") rate = c == json({row, 2, "float", "0.0235", "0.00%"});
    if (label[3] == "Entries") count = c == json({row, 2, "int", "1204", "#,##0"});
    if (label[3] == "Data as of") as_of = c == json({row, 2, "datetime", "2026-02-13 00:00:00", "yyyy-mm-dd"});
    if (label[3] == "min_gap") param = c[3] == "0.05";
    if (label[3] == "Unknown") unknown = true;  // a null value is no cell at all
  }
  EXPECT_TRUE(total && rate && count && as_of && param);
  EXPECT_FALSE(unknown);
  bool unknown_row = false;
  for (const json& c : summary["cells"]) unknown_row = unknown_row || (c[3] == "Unknown" && c[1] == 1);
  EXPECT_TRUE(unknown_row);
}

TEST(RenderXlsx, NullIsAnEmptyCellAndOtherCurrenciesKeepTheirCode) {
  const json book = read_back(render_xlsx(every_panel_report()));
  std::vector<std::string> names;
  for (const json& s : book) names.push_back(s["name"]);
  EXPECT_EQ(names, (std::vector<std::string>{"Summary", "Table panel", "Timeseries panel", "Bar panel", "Heatmap panel",
                                             "Status grid panel", "Entry panel", "Scatter panel", "Distribution panel"}));
  const json& t = book[1];
  EXPECT_EQ(cell(t, 1, 2)[3], "Wait (s)");
  EXPECT_EQ(cell(t, 2, 1), json({2, 1, "datetime", "2026-01-01 00:00:00", "yyyy-mm"}));
  EXPECT_EQ(cell(t, 2, 2), json({2, 2, "float", "12.5", "#,##0.00"}));
  EXPECT_TRUE(cell(t, 3, 2).is_null());  // null: an empty cell
  EXPECT_EQ(cell(t, 2, 3), json({2, 3, "float", "19.99", "#,##0.00 \"NZD\""}));
  // A chart's data: x as dates, each series a column; a missing value empty.
  const json& ts = book[2];
  EXPECT_EQ(cell(ts, 1, 3)[3], "Target");
  EXPECT_EQ(cell(ts, 31, 1), json({31, 1, "datetime", "2026-01-30 00:00:00", "yyyy-mm-dd"}));
  EXPECT_EQ(cell(ts, 31, 2), json({31, 2, "int", "1300", "$#,##0.00"}));
  EXPECT_TRUE(cell(ts, 8, 3).is_null());
}

TEST(RenderXlsx, SheetNamesAreMadeValidAndUnique) {
  Report r{.tool = "x", .title = "Names", .department = "finance", .as_of = "2026-02-13"};
  for (const std::string& title : {std::string("Breaks [by store]: a/b?"), std::string("A very long panel title that goes on and on"),
                                   std::string("A very long panel title that goes on and on"), std::string("summary")}) {
    Panel p{.id = "p", .title = title, .kind = PanelKind::kTable};
    p.table.columns = {{.id = "a", .label = "A"}};
    r.panels.push_back(p);
  }
  const json book = read_back(render_xlsx(r));
  std::vector<std::string> names;
  for (const json& s : book) names.push_back(s["name"]);
  EXPECT_EQ(names, (std::vector<std::string>{"Summary", "Breaks  by store   a b", "A very long panel title that go",
                                             "A very long panel title tha (2)", "summary (2)"}));
}

TEST(RenderXlsx, TheSummarySaysWhenDeletionsWereReconciledAndWarnsWhenStale) {
  Report r{.tool = "x", .title = "Dated", .department = "finance", .as_of = "2026-02-13",
           .deletions_reconciled = "2026-02-13 02:30:09"};
  auto value_of = [](const json& summary, const std::string& label) -> json {
    for (const json& c : summary["cells"])
      if (c[1] == 1 && c[3] == label) return cell(summary, c[0], 2);
    return nullptr;
  };
  json summary = read_back(render_xlsx(r))[0];
  EXPECT_EQ(value_of(summary, "Deletions reconciled")[3], "2026-02-13 02:30 UTC");
  EXPECT_TRUE(value_of(summary, "Warning").is_null());
  r.deletions_reconciled = "2026-02-10 02:30:09";
  summary = read_back(render_xlsx(r))[0];
  const json warning = value_of(summary, "Warning");
  ASSERT_FALSE(warning.is_null());
  EXPECT_EQ(warning[3].get<std::string>().rfind("Deletions were last reconciled 2 days before", 0), 0u) << warning;
}

}  // namespace
}  // namespace luckyhub::testing
