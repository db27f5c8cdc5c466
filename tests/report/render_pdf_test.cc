// The vector PDF export, read back with poppler's pdftotext and pdfinfo.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <map>
#include <regex>

#include "report/export_files.h"
#include "report/export_reports.h"
#include "report/render_pdf.h"

namespace luckyhub::testing {
namespace {

int pdf_pages(const std::string& path) {
  const std::string info = command_output("pdfinfo '" + path + "'");
  std::smatch m;
  if (!std::regex_search(info, m, std::regex(R"(Pages:\s+(\d+))"))) throw std::runtime_error("no page count: " + info);
  return std::stoi(m[1]);
}

size_t occurrences(const std::string& text, const std::string& needle) {
  size_t n = 0;
  for (size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + needle.size())) ++n;
  return n;
}

TEST(RenderPdf, ThousandRowLedgerHasEveryRowOnceAndTheHeaderOnEveryPage) {
  const std::string pdf = render_pdf(ledger_report(1000));
  if (const char* keep = std::getenv("LUCKYHUB_KEEP_PDF")) std::ofstream(keep, std::ios::binary) << pdf;
  ASSERT_EQ(pdf.substr(0, 5), "%PDF-");
  const ScratchFile file(pdf, ".pdf");
  const int pages = pdf_pages(file.path());
  // Letter landscape holds at most ~40 rows of 13 points: 1,000 rows need 25 pages or more.
  EXPECT_GE(pages, 25);
  const std::string text = command_output("pdftotext -layout '" + file.path() + "' -");

  std::map<std::string, int> seen;
  const std::regex id(R"(LG-\d{5})");
  for (auto it = std::sregex_iterator(text.begin(), text.end(), id); it != std::sregex_iterator(); ++it) ++seen[it->str()];
  EXPECT_EQ(seen.size(), 1000u);
  for (int i = 1; i <= 1000; ++i) {
    char want[16];
    std::snprintf(want, sizeof want, "LG-%05d", i);
    EXPECT_EQ(seen[want], 1) << want;
  }

  // pdftotext separates pages with form feeds: every page with ledger rows
  // has the header row once, and every page its footer.
  std::vector<std::string> page_texts;
  for (size_t start = 0;;) {
    const size_t ff = text.find('\f', start);
    page_texts.push_back(text.substr(start, ff == std::string::npos ? std::string::npos : ff - start));
    if (ff == std::string::npos) break;
    start = ff + 1;
  }
  while (!page_texts.empty() && page_texts.back().find_first_not_of(" \n") == std::string::npos) page_texts.pop_back();
  ASSERT_EQ(int(page_texts.size()), pages);
  int table_pages = 0;
  for (int p = 0; p < pages; ++p) {
    const std::string& t = page_texts[p];
    EXPECT_NE(t.find("page " + std::to_string(p + 1) + " of " + std::to_string(pages)), std::string::npos) << "page " << p + 1;
    if (!std::regex_search(t, id)) continue;
    ++table_pages;
    EXPECT_EQ(occurrences(t, "Ledger id"), 1u) << "page " << p + 1;
    EXPECT_EQ(occurrences(t, "Store name"), 1u) << "page " << p + 1;
  }
  EXPECT_GE(table_pages, 25);

  // The title block and the KPI tiles, formatted as the page formats them.
  EXPECT_NE(page_texts[0].find("Ledger test"), std::string::npos);
  EXPECT_NE(page_texts[0].find("Data as of: 2026-02-13"), std::string::npos);
  EXPECT_NE(page_texts[0].find("min_gap = 0.05"), std::string::npos);
  for (const char* v : {"$1,234.56", "2.350%", "1,204", "Total gap", "red: over the limit"})
    EXPECT_NE(page_texts[0].find(v), std::string::npos) << v;
  // Row 1000's cells: money, rate, count, date. The long memo is drawn cut
  // with an ellipsis, but pango hands cairo the cut text as the ellipsis
  // glyph's text, so copying (and pdftotext) still gives all of it, once a row.
  EXPECT_NE(text.find("$1,010.00"), std::string::npos);
  EXPECT_NE(text.find("10.000%"), std::string::npos);
  EXPECT_NE(text.find("2026-01-21"), std::string::npos);
  EXPECT_EQ(occurrences(text, "repeated: a memo long enough"), 1000u);
}

TEST(RenderPdf, FewColumnsArePortraitManyAreLandscape) {
  Report narrow = ledger_report(3);
  narrow.panels[1].table.columns.resize(3);
  for (auto& row : narrow.panels[1].table.rows) row.resize(3);
  const ScratchFile a(render_pdf(narrow), ".pdf"), b(render_pdf(ledger_report(3)), ".pdf");
  EXPECT_NE(command_output("pdfinfo '" + a.path() + "'").find("612 x 792 pts (letter)"), std::string::npos);
  EXPECT_NE(command_output("pdfinfo '" + b.path() + "'").find("792 x 612 pts (letter)"), std::string::npos);
}

TEST(RenderPdf, EveryPanelKindRenders) {
  const std::string pdf = render_pdf(every_panel_report());
  const ScratchFile file(pdf, ".pdf");
  EXPECT_GE(pdf_pages(file.path()), 2);
  const std::string text = command_output("pdftotext -layout '" + file.path() + "' -");
  for (const char* s : {"KPI panel", "Table panel", "Timeseries panel", "Bar panel", "Heatmap panel", "Status grid panel",
                        "Entry panel", "Scatter panel", "Distribution panel", "Alerts panel", "Quiet alerts panel",
                        "Text panel", "Plain words about the method.", "Machine 12 offline", "no heartbeat for 40 minutes",
                        "RED", "YELLOW", "(none)", "Revenue", "Target", "stars", "sleepers", "group 2", "2026-01", "NZD"})
    EXPECT_NE(text.find(s), std::string::npos) << s;
}

TEST(RenderPdf, AnEmptyReportIsOnePage) {
  const Report r{.tool = "x", .title = "Nothing", .department = "finance", .as_of = "2026-02-13"};
  const ScratchFile file(render_pdf(r), ".pdf");
  EXPECT_EQ(pdf_pages(file.path()), 1);
  EXPECT_NE(command_output("pdftotext '" + file.path() + "' -").find("page 1 of 1"), std::string::npos);
}

TEST(RenderPdf, TheHeaderSaysWhenDeletionsWereReconciledAndWarnsWhenStale) {
  Report r{.tool = "x", .title = "Dated", .department = "finance", .as_of = "2026-02-13",
           .deletions_reconciled = "2026-02-13 02:30:09"};
  std::string text = command_output("pdftotext '" + ScratchFile(render_pdf(r), ".pdf").path() + "' -");
  EXPECT_NE(text.find("Deletions reconciled: 2026-02-13 02:30 UTC"), std::string::npos) << text;
  EXPECT_EQ(text.find("Deletions were last reconciled"), std::string::npos) << text;
  r.deletions_reconciled = "2026-02-10 02:30:09";
  text = command_output("pdftotext '" + ScratchFile(render_pdf(r), ".pdf").path() + "' -");
  EXPECT_NE(text.find("Deletions were last reconciled 2 days before the data"), std::string::npos) << text;
}

}  // namespace
}  // namespace luckyhub::testing
