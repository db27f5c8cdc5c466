// A report as an XLSX workbook. libxlsxwriter writes files only (1.1.4 has no
// in-memory output), so the workbook goes to a private temporary file
// (mkstemp) that is read back and removed. Rows are streamed to the file as
// they are written (constant_memory), so a large table costs no more memory
// than the report already holds.
#include "report/render_xlsx.h"

#include <unistd.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "core/error.h"
#include "report/data_freshness.h"
#include "report/render.h"

namespace luckyhub {
namespace {

constexpr lxw_row_t kMaxRows = 1048576;

// A temporary file removed when this goes out of scope.
struct TempFile {
  std::string path;
  TempFile() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "luckyhub-xlsx-XXXXXX").string();
    const int fd = mkstemp(tmpl.data());
    if (fd < 0) throw Error("xlsx: cannot create a temporary file in " + std::filesystem::temp_directory_path().string());
    close(fd);
    path = tmpl;
  }
  ~TempFile() { ::unlink(path.c_str()); }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
};

// Counts code points; sheet names are limited to 31 characters.
std::string utf8_prefix(const std::string& s, size_t max_chars) {
  size_t chars = 0, i = 0;
  for (; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) {
      if (chars == max_chars) break;
      ++chars;
    }
  }
  return s.substr(0, i);
}

std::string lower(std::string s) {
  for (char& c : s) c = char(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

bool parse_date(const std::string& s, lxw_datetime& out, bool month) {
  int y = 0, m = 0, d = 1;
  if (month ? std::sscanf(s.c_str(), "%4d-%2d", &y, &m) != 2 : std::sscanf(s.c_str(), "%4d-%2d-%2d", &y, &m, &d) != 3) return false;
  if (y < 1900 || m < 1 || m > 12 || d < 1 || d > 31) return false;
  out = {y, m, d, 0, 0, 0};
  return true;
}

class XlsxWriter {
 public:
  explicit XlsxWriter(const std::string& path) {
    lxw_workbook_options options = {.constant_memory = LXW_TRUE, .tmpdir = nullptr};
    wb_ = workbook_new_opt(path.c_str(), &options);
    if (!wb_) throw Error("xlsx: cannot open the workbook for writing");
    bold_ = workbook_add_format(wb_);
    format_set_bold(bold_);
    title_ = workbook_add_format(wb_);
    format_set_bold(title_);
    format_set_font_size(title_, 14);
    header_ = workbook_add_format(wb_);
    format_set_bold(header_);
    format_set_bottom(header_, LXW_BORDER_THIN);
    format_set_bg_color(header_, 0xE6E8EC);
    int_ = number_format("#,##0");
    id_ = number_format("0");
    real_ = number_format("#,##0.00");
    rate_ = number_format("0.00%");
    date_ = number_format("yyyy-mm-dd");
    month_ = number_format("yyyy-mm");
  }
  ~XlsxWriter() {
    if (wb_) workbook_close(wb_);  // only on an error path: close() cleared it
  }
  XlsxWriter(const XlsxWriter&) = delete;
  XlsxWriter& operator=(const XlsxWriter&) = delete;

  void close() {
    lxw_workbook* wb = wb_;
    wb_ = nullptr;
    const lxw_error e = workbook_close(wb);
    if (e != LXW_NO_ERROR) throw Error(std::string("xlsx: the workbook could not be written: ") + lxw_strerror(e));
  }

  void report(const Report& r) {
    summary(r);
    for (const Panel& p : r.panels) {
      switch (p.kind) {
        case PanelKind::kTable: table_sheet(p); break;
        case PanelKind::kTimeseries:
        case PanelKind::kBar: series_sheet(p); break;
        case PanelKind::kHeatmap:
        case PanelKind::kEntry: heatmap_sheet(p); break;
        case PanelKind::kScatter: scatter_sheet(p); break;
        case PanelKind::kDistribution: distribution_sheet(p); break;
        default: break;  // KPIs and alerts are on the summary; text is not data
      }
    }
  }

 private:
  lxw_format* number_format(const std::string& f) {
    lxw_format* fmt = workbook_add_format(wb_);
    format_set_num_format(fmt, f.c_str());
    return fmt;
  }
  lxw_format* money(const std::string& currency) {
    const std::string c = currency.empty() ? "USD" : currency;
    auto it = money_.find(c);
    if (it != money_.end()) return it->second;
    // A currency code is letters; anything else would break the format string.
    std::string code;
    for (char ch : c)
      if (std::isalpha(static_cast<unsigned char>(ch))) code.push_back(ch);
    return money_[c] = number_format(c == "USD" ? "$#,##0.00" : "#,##0.00 \"" + code + "\"");
  }

  // A sheet name Excel accepts: at most 31 characters, none of []:*?/\, not
  // starting or ending with an apostrophe, unique ignoring case.
  lxw_worksheet* sheet(const std::string& wanted) {
    std::string base;
    for (char c : wanted) base.push_back(std::string_view("[]:*?/\\").find(c) == std::string_view::npos ? c : ' ');
    while (!base.empty() && (base.front() == '\'' || base.front() == ' ')) base.erase(base.begin());
    while (!base.empty() && (base.back() == '\'' || base.back() == ' ')) base.pop_back();
    if (base.empty()) base = "Sheet";
    std::string name = utf8_prefix(base, 31);
    for (int n = 2; used_.count(lower(name)); ++n) {
      const std::string suffix = " (" + std::to_string(n) + ")";
      std::string stem = utf8_prefix(base, 31 - suffix.size());
      while (!stem.empty() && (stem.back() == ' ' || stem.back() == '\'')) stem.pop_back();
      name = stem + suffix;
    }
    used_.insert(lower(name));
    lxw_worksheet* ws = workbook_add_worksheet(wb_, name.c_str());
    if (!ws) throw Error("xlsx: cannot add the sheet '" + name + "'");
    return ws;
  }

  // A typed cell: numbers as numbers with the column's format, dates as dates.
  void cell(lxw_worksheet* ws, lxw_row_t r, lxw_col_t c, const Cell& v, ValueType type, const std::string& currency) {
    if (std::holds_alternative<std::monostate>(v)) return;
    if (const auto* s = std::get_if<std::string>(&v)) {
      lxw_datetime dt;
      if ((type == ValueType::kDate || type == ValueType::kMonth) && parse_date(*s, dt, type == ValueType::kMonth)) {
        worksheet_write_datetime(ws, r, c, &dt, type == ValueType::kMonth ? month_ : date_);
      } else {
        worksheet_write_string(ws, r, c, s->c_str(), nullptr);
      }
      return;
    }
    const bool is_int = std::holds_alternative<int64_t>(v);
    const double d = is_int ? double(std::get<int64_t>(v)) : std::get<double>(v);
    if (!std::isfinite(d)) return;
    switch (type) {
      case ValueType::kMoney:
        worksheet_write_number(ws, r, c, (is_int ? d : std::round(d)) / 100.0, money(currency));
        break;
      case ValueType::kRate:
        worksheet_write_number(ws, r, c, d, rate_);
        break;
      case ValueType::kInt:
        worksheet_write_number(ws, r, c, std::round(d), int_);
        break;
      default:
        worksheet_write_number(ws, r, c, d, is_int ? int_ : real_);
        break;
    }
  }

  static std::string header_label(const std::string& label, ValueType type, const std::string& unit) {
    if ((type == ValueType::kNumber || type == ValueType::kInt) && !unit.empty() && label.find("(" + unit + ")") == std::string::npos)
      return label + " (" + unit + ")";
    return label;
  }

  // Header row (bold, frozen) and column widths; `widths` in characters.
  void header(lxw_worksheet* ws, const std::vector<std::string>& labels, std::vector<size_t> widths, lxw_row_t rows) {
    for (size_t c = 0; c < labels.size(); ++c) {
      const double w = double(std::clamp<size_t>(std::max(widths[c], labels[c].size()) + 2, 8, 60));
      worksheet_set_column(ws, lxw_col_t(c), lxw_col_t(c), w, nullptr);
    }
    worksheet_freeze_panes(ws, 1, 0);
    if (!labels.empty()) worksheet_autofilter(ws, 0, 0, std::max<lxw_row_t>(rows, 1), lxw_col_t(labels.size() - 1));
    for (size_t c = 0; c < labels.size(); ++c) worksheet_write_string(ws, 0, lxw_col_t(c), labels[c].c_str(), header_);
  }

  void summary(const Report& r) {
    lxw_worksheet* ws = sheet("Summary");
    worksheet_set_column(ws, 0, 0, 28, nullptr);
    worksheet_set_column(ws, 1, 1, 22, nullptr);
    worksheet_set_column(ws, 2, 2, 18, nullptr);
    worksheet_set_column(ws, 3, 3, 10, nullptr);
    worksheet_set_column(ws, 4, 4, 60, nullptr);
    lxw_row_t row = 0;
    worksheet_write_string(ws, row++, 0, r.title.c_str(), title_);
    auto pair = [&](const std::string& k, const std::string& v) {
      worksheet_write_string(ws, row, 0, k.c_str(), bold_);
      worksheet_write_string(ws, row++, 1, v.c_str(), nullptr);
    };
    pair("Tool", r.tool);
    pair("Department", r.department);
    lxw_datetime as_of;
    worksheet_write_string(ws, row, 0, "Data as of", bold_);
    if (parse_date(r.as_of, as_of, false)) worksheet_write_datetime(ws, row++, 1, &as_of, date_);
    else worksheet_write_string(ws, row++, 1, r.as_of.c_str(), nullptr);
    if (!r.deletions_reconciled.empty()) pair("Deletions reconciled", deletions_reconciled_label(r));
    if (const std::string warning = deletions_reconciliation_warning(r); !warning.empty()) {
      worksheet_write_string(ws, row, 0, "Warning", bold_);
      worksheet_write_string(ws, row++, 1, warning.c_str(), nullptr);
    }
    const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm tm{};
    gmtime_r(&now, &tm);
    char gen[32];
    std::strftime(gen, sizeof gen, "%Y-%m-%d %H:%M UTC", &tm);
    pair("Generated", gen);
    ++row;
    worksheet_write_string(ws, row++, 0, "Parameters", header_);
    if (r.params.empty()) worksheet_write_string(ws, row++, 0, "(defaults)", nullptr);
    for (const ReportParam& p : r.params) {
      worksheet_write_string(ws, row, 0, p.name.c_str(), nullptr);
      worksheet_write_string(ws, row++, 1, p.value.empty() ? "(default)" : p.value.c_str(), nullptr);
    }
    for (const Panel& p : r.panels) {
      if (p.kind == PanelKind::kKpis) {
        ++row;
        worksheet_write_string(ws, row++, 0, p.title.c_str(), bold_);
        const char* const cols[] = {"Figure", "Value", "As shown", "Status", "Note"};
        for (int c = 0; c < 5; ++c) worksheet_write_string(ws, row, lxw_col_t(c), cols[c], header_);
        ++row;
        for (const KpiTile& k : p.kpis) {
          worksheet_write_string(ws, row, 0, k.label.c_str(), nullptr);
          cell(ws, row, 1, k.value, k.type, k.currency);
          worksheet_write_string(ws, row, 2, format_cell(k.value, k.type, k.currency, k.unit).c_str(), nullptr);
          if (k.status != Status::kNone) worksheet_write_string(ws, row, 3, to_string(k.status), nullptr);
          if (!k.note.empty()) worksheet_write_string(ws, row, 4, k.note.c_str(), nullptr);
          ++row;
        }
      } else if (p.kind == PanelKind::kAlerts) {
        ++row;
        worksheet_write_string(ws, row++, 0, p.title.c_str(), bold_);
        const char* const cols[] = {"Alert", "Detail", "", "Severity"};
        for (int c = 0; c < 4; ++c)
          if (*cols[c]) worksheet_write_string(ws, row, lxw_col_t(c), cols[c], header_);
        ++row;
        if (p.alerts.empty()) worksheet_write_string(ws, row++, 0, "(none)", nullptr);
        for (const Alert& a : p.alerts) {
          worksheet_write_string(ws, row, 0, a.title.c_str(), nullptr);
          if (!a.detail.empty()) worksheet_write_string(ws, row, 1, a.detail.c_str(), nullptr);
          worksheet_write_string(ws, row, 3, to_string(a.severity), nullptr);
          ++row;
        }
      }
    }
  }

  void table_sheet(const Panel& p) {
    const TableData& t = p.table;
    lxw_worksheet* ws = sheet(p.title.empty() ? p.id : p.title);
    const lxw_row_t n = lxw_row_t(std::min<size_t>(t.rows.size(), kMaxRows - 1));
    std::vector<std::string> labels;
    std::vector<size_t> widths;
    for (const Column& c : t.columns) {
      labels.push_back(header_label(c.label, c.type, c.unit));
      widths.push_back(0);
    }
    for (size_t r = 0; r < std::min<size_t>(n, 200); ++r)
      for (size_t c = 0; c < t.columns.size() && c < t.rows[r].size(); ++c)
        widths[c] = std::max(widths[c], format_cell(t.rows[r][c], t.columns[c].type, t.columns[c].currency, t.columns[c].unit).size());
    header(ws, labels, widths, n);
    for (lxw_row_t r = 0; r < n; ++r) {
      for (size_t c = 0; c < t.columns.size() && c < t.rows[r].size(); ++c) {
        const Cell& v = t.rows[r][c];
        if (std::holds_alternative<int64_t>(v) && is_identifier_column(t.columns[c])) {
          worksheet_write_number(ws, r + 1, lxw_col_t(c), double(std::get<int64_t>(v)), id_);  // an id: never grouped
        } else {
          cell(ws, r + 1, lxw_col_t(c), v, t.columns[c].type, t.columns[c].currency);
        }
      }
    }
  }

  void series_sheet(const Panel& p) {
    const SeriesData& s = p.series;
    lxw_worksheet* ws = sheet(p.title.empty() ? p.id : p.title);
    std::vector<std::string> labels = {s.x_label.empty() ? "x" : s.x_label};
    std::vector<size_t> widths = {12};
    for (const Series& se : s.series) {
      labels.push_back(header_label(se.label, se.type, se.unit));
      widths.push_back(12);
    }
    header(ws, labels, widths, lxw_row_t(s.x.size()));
    for (size_t i = 0; i < s.x.size(); ++i) {
      cell(ws, lxw_row_t(i + 1), 0, s.x[i], s.x_type, "");
      for (size_t k = 0; k < s.series.size(); ++k)
        if (i < s.series[k].values.size())
          cell(ws, lxw_row_t(i + 1), lxw_col_t(k + 1), s.series[k].values[i], s.series[k].type, s.series[k].currency);
    }
  }

  void heatmap_sheet(const Panel& p) {
    const HeatmapData& h = p.heatmap;
    lxw_worksheet* ws = sheet(p.title.empty() ? p.id : p.title);
    std::vector<std::string> labels = {h.y_label + " \\ " + h.x_label};
    std::vector<size_t> widths = {16};
    for (const std::string& x : h.x) {
      labels.push_back(x);
      widths.push_back(6);
    }
    header(ws, labels, widths, lxw_row_t(h.y.size()));
    for (size_t y = 0; y < h.y.size(); ++y) {
      worksheet_write_string(ws, lxw_row_t(y + 1), 0, h.y[y].c_str(), nullptr);
      for (size_t x = 0; y < h.values.size() && x < h.values[y].size(); ++x)
        cell(ws, lxw_row_t(y + 1), lxw_col_t(x + 1), h.values[y][x], ValueType::kNumber, "");
    }
  }

  void scatter_sheet(const Panel& p) {
    const ScatterData& s = p.scatter;
    lxw_worksheet* ws = sheet(p.title.empty() ? p.id : p.title);
    header(ws, {"point", "group", s.x_label, s.y_label, "size"}, {16, 10, 12, 12, 8}, lxw_row_t(s.points.size()));
    for (size_t i = 0; i < s.points.size(); ++i) {
      const ScatterPoint& pt = s.points[i];
      const lxw_row_t r = lxw_row_t(i + 1);
      worksheet_write_string(ws, r, 0, pt.label.c_str(), nullptr);
      if (!pt.group.empty()) worksheet_write_string(ws, r, 1, pt.group.c_str(), nullptr);
      worksheet_write_number(ws, r, 2, pt.x, nullptr);
      worksheet_write_number(ws, r, 3, pt.y, nullptr);
      worksheet_write_number(ws, r, 4, pt.size, nullptr);
    }
  }

  void distribution_sheet(const Panel& p) {
    const DistributionData& d = p.distribution;
    lxw_worksheet* ws = sheet(p.title.empty() ? p.id : p.title);
    const std::string u = d.unit.empty() ? "" : " (" + d.unit + ")";
    header(ws, {"group", "n", "min" + u, "p25" + u, "median" + u, "p75" + u, "p95" + u, "max" + u, "mean" + u},
           {16, 8, 10, 10, 10, 10, 10, 10, 10}, lxw_row_t(d.groups.size()));
    for (size_t i = 0; i < d.groups.size(); ++i) {
      const DistributionGroup& g = d.groups[i];
      const lxw_row_t r = lxw_row_t(i + 1);
      worksheet_write_string(ws, r, 0, g.label.c_str(), nullptr);
      worksheet_write_number(ws, r, 1, double(g.n), int_);
      const double v[] = {g.min, g.p25, g.median, g.p75, g.p95, g.max, g.mean};
      for (int c = 0; c < 7; ++c) worksheet_write_number(ws, r, lxw_col_t(c + 2), v[c], real_);
    }
  }

  lxw_workbook* wb_ = nullptr;
  lxw_format *bold_, *title_, *header_, *int_, *id_, *real_, *rate_, *date_, *month_;
  std::map<std::string, lxw_format*> money_;
  std::set<std::string> used_;
};

}  // namespace

std::string render_xlsx(const Report& report) {
  TempFile file;
  {
    XlsxWriter w(file.path);
    w.report(report);
    w.close();
  }
  std::ifstream in(file.path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (!in) throw Error("xlsx: cannot read the workbook back from " + file.path);
  return bytes.str();
}

}  // namespace luckyhub
