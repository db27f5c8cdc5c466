#include <cmath>
#include <cstdio>
#include <sstream>

#include "core/money.h"
#include "core/units.h"
#include "report/render.h"
#include "report/data_freshness.h"

namespace luckyhub {
namespace {

constexpr size_t kMaxTextRows = 40;
constexpr size_t kMaxHeatmapColumns = 24;  // wider does not fit a terminal

std::string with_thousands(int64_t v) {
  std::string digits = std::to_string(v < 0 ? -v : v);
  for (int pos = static_cast<int>(digits.size()) - 3; pos > 0; pos -= 3) digits.insert(pos, ",");
  return (v < 0 ? "-" : "") + digits;
}

// Prints rows of cells as aligned columns; numbers right-aligned.
void print_grid(std::ostringstream& out, const std::vector<std::string>& header,
                const std::vector<std::vector<std::string>>& rows, const std::vector<bool>& right) {
  std::vector<size_t> width(header.size());
  for (size_t c = 0; c < header.size(); ++c) width[c] = header[c].size();
  const size_t shown = std::min(rows.size(), kMaxTextRows);
  for (size_t r = 0; r < shown; ++r) {
    for (size_t c = 0; c < rows[r].size() && c < width.size(); ++c) {
      width[c] = std::max(width[c], rows[r][c].size());
    }
  }
  auto line = [&](const std::vector<std::string>& cells) {
    out << "  ";
    for (size_t c = 0; c < width.size(); ++c) {
      const std::string& text = c < cells.size() ? cells[c] : "";
      const std::string pad(width[c] - std::min(width[c], text.size()), ' ');
      out << (c ? "  " : "") << (right[c] ? pad + text : text + pad);
    }
    out << "\n";
  };
  line(header);
  std::vector<std::string> rule;
  for (size_t w : width) rule.push_back(std::string(w, '-'));
  line(rule);
  for (size_t r = 0; r < shown; ++r) line(rows[r]);
  if (rows.size() > shown) {
    out << "  ... " << rows.size() - shown << " more rows (--format csv or json has them all)\n";
  }
}

bool is_numeric(ValueType t) { return t != ValueType::kText && t != ValueType::kDate && t != ValueType::kMonth; }

// A heat map wider than a terminal (143 instances across): a traffic-light
// map as each row's count per state and the cells that are not green; any
// other map turned round, one line per column.
void print_wide_heatmap(std::ostringstream& out, const HeatmapData& h) {
  if (h.palette == "status") {
    static const char* const kState[] = {"green", "yellow", "red"};
    std::vector<std::vector<std::string>> rows;
    for (size_t y = 0; y < h.y.size(); ++y) {
      int count[3] = {0, 0, 0};
      std::string not_green;
      for (size_t x = 0; x < h.x.size() && x < h.values[y].size(); ++x) {
        const Cell& c = h.values[y][x];
        if (std::holds_alternative<std::monostate>(c) || std::holds_alternative<std::string>(c)) continue;
        const int64_t v = std::holds_alternative<int64_t>(c) ? std::get<int64_t>(c) : std::llround(std::get<double>(c));
        const int state = v <= 0 ? 0 : v == 1 ? 1 : 2;
        ++count[state];
        if (state > 0) not_green += (not_green.empty() ? "" : ", ") + h.x[x] + " (" + kState[state] + ")";
      }
      rows.push_back({h.y[y], with_thousands(count[0]), with_thousands(count[1]), with_thousands(count[2]),
                      not_green.empty() ? "-" : not_green});
    }
    out << "  " << h.x_label << ": " << h.x.size() << ", too many to print across; each row's count per state, and the cells not green\n";
    print_grid(out, {h.y_label, "green", "yellow", "red", "not green"}, rows, {false, true, true, true, false});
    return;
  }
  std::vector<std::string> header = {h.x_label + " \\ " + h.y_label};
  header.insert(header.end(), h.y.begin(), h.y.end());
  std::vector<bool> right(header.size(), true);
  right[0] = false;
  std::vector<std::vector<std::string>> rows;
  for (size_t x = 0; x < h.x.size(); ++x) {
    std::vector<std::string> cells = {h.x[x]};
    for (size_t y = 0; y < h.y.size(); ++y)
      cells.push_back(x < h.values[y].size() ? format_cell(h.values[y][x], ValueType::kNumber, "", "") : "");
    rows.push_back(cells);
  }
  print_grid(out, header, rows, right);
}

void print_panel(std::ostringstream& out, const Panel& p) {
  out << "\n## " << p.title << "  [" << p.id << "]\n";
  if (!p.description.empty()) out << p.description << "\n";
  switch (p.kind) {
    case PanelKind::kKpis:
      for (const KpiTile& k : p.kpis) {
        out << "  " << k.label << ": " << format_cell(k.value, k.type, k.currency, k.unit);
        if (k.status != Status::kNone) out << "  [" << to_string(k.status) << "]";
        if (!k.note.empty()) out << "  (" << k.note << ")";
        out << "\n";
      }
      break;
    case PanelKind::kTable: {
      std::vector<std::string> header;
      std::vector<bool> right;
      for (const Column& c : p.table.columns) {
        header.push_back(c.label);
        right.push_back(is_numeric(c.type));
      }
      std::vector<std::vector<std::string>> rows;
      for (const auto& row : p.table.rows) {
        std::vector<std::string> cells;
        for (size_t c = 0; c < row.size() && c < p.table.columns.size(); ++c) {
          const Column& col = p.table.columns[c];
          cells.push_back(format_column_cell(row[c], col));
        }
        rows.push_back(cells);
      }
      print_grid(out, header, rows, right);
      break;
    }
    case PanelKind::kTimeseries:
    case PanelKind::kBar: {
      std::vector<std::string> header = {p.series.x_label};
      std::vector<bool> right = {false};
      for (const Series& s : p.series.series) {
        header.push_back(s.label);
        right.push_back(true);
      }
      std::vector<std::vector<std::string>> rows;
      for (size_t i = 0; i < p.series.x.size(); ++i) {
        std::vector<std::string> cells = {p.series.x[i]};
        for (const Series& s : p.series.series) {
          cells.push_back(i < s.values.size() ? format_cell(s.values[i], s.type, s.currency, s.unit) : "");
        }
        rows.push_back(cells);
      }
      print_grid(out, header, rows, right);
      break;
    }
    case PanelKind::kHeatmap:
    case PanelKind::kEntry: {
      if (p.heatmap.x.size() > kMaxHeatmapColumns) {
        print_wide_heatmap(out, p.heatmap);
        break;
      }
      std::vector<std::string> header = {p.heatmap.y_label + " \\ " + p.heatmap.x_label};
      header.insert(header.end(), p.heatmap.x.begin(), p.heatmap.x.end());
      std::vector<bool> right(header.size(), true);
      right[0] = false;
      std::vector<std::vector<std::string>> rows;
      for (size_t y = 0; y < p.heatmap.y.size(); ++y) {
        std::vector<std::string> cells = {p.heatmap.y[y]};
        for (const Cell& c : p.heatmap.values[y]) cells.push_back(format_cell(c, ValueType::kNumber, "", ""));
        rows.push_back(cells);
      }
      print_grid(out, header, rows, right);
      break;
    }
    case PanelKind::kScatter: {
      std::vector<std::vector<std::string>> rows;
      for (const ScatterPoint& pt : p.scatter.points) {
        rows.push_back({pt.label, pt.group, format_cell(pt.x, ValueType::kNumber, "", ""),
                        format_cell(pt.y, ValueType::kNumber, "", "")});
      }
      print_grid(out, {"point", "group", p.scatter.x_label, p.scatter.y_label}, rows,
                 {false, false, true, true});
      break;
    }
    case PanelKind::kDistribution: {
      std::vector<std::vector<std::string>> rows;
      for (const DistributionGroup& g : p.distribution.groups) {
        auto f = [&](double v) { return format_cell(v, ValueType::kNumber, "", ""); };
        rows.push_back({g.label, with_thousands(g.n), f(g.min), f(g.p25), f(g.median), f(g.p75),
                        f(g.p95), f(g.max), f(g.mean)});
      }
      print_grid(out, {"group", "n", "min", "p25", "median", "p75", "p95", "max", "mean"}, rows,
                 {false, true, true, true, true, true, true, true, true});
      break;
    }
    case PanelKind::kAlerts:
      if (p.alerts.empty()) out << "  (none)\n";
      for (const Alert& a : p.alerts) {
        out << "  [" << to_string(a.severity) << "] " << a.title;
        if (!a.detail.empty()) out << " - " << a.detail;
        out << "\n";
      }
      break;
    case PanelKind::kText:
      out << p.text << "\n";
      break;
  }
}

}  // namespace

std::string format_cell(const Cell& cell, ValueType type, const std::string& currency,
                        const std::string& unit) {
  if (std::holds_alternative<std::monostate>(cell)) return "";
  if (const auto* s = std::get_if<std::string>(&cell)) return *s;
  const bool is_int = std::holds_alternative<int64_t>(cell);
  const int64_t i = is_int ? std::get<int64_t>(cell) : 0;
  const double d = is_int ? static_cast<double>(i) : std::get<double>(cell);
  char buf[64];
  switch (type) {
    case ValueType::kMoney:
      return format_money(Cents(is_int ? i : std::llround(d)), currency.empty() ? "USD" : currency);
    case ValueType::kRate:
      std::snprintf(buf, sizeof buf, "%.3f%%", d * 100.0);
      return buf;
    case ValueType::kInt:
      return with_thousands(is_int ? i : std::llround(d));
    default:
      if (unit == "bytes") return format_bytes(d);
      if (unit == "s") return format_duration(d);
      if (is_int) return with_thousands(i) + (unit.empty() ? "" : " " + unit);
      std::snprintf(buf, sizeof buf, "%.2f", d);
      return std::string(buf) + (unit.empty() ? "" : " " + unit);
  }
}

bool is_identifier_column(const Column& column) {
  const std::string& id = column.id;
  return id == "id" || (id.size() > 3 && id.compare(id.size() - 3, 3, "_id") == 0);
}

std::string format_column_cell(const Cell& cell, const Column& column) {
  if (is_identifier_column(column) && std::holds_alternative<int64_t>(cell)) return std::to_string(std::get<int64_t>(cell));
  return format_cell(cell, column.type, column.currency, column.unit);
}

std::string render_text(const Report& report) {
  std::ostringstream out;
  out << "# " << report.title << "  (" << report.tool << ", " << report.department << ")\n";
  out << "as of " << report.as_of;
  if (!report.deletions_reconciled.empty()) out << "; deletions reconciled " << deletions_reconciled_label(report);
  for (const ReportParam& p : report.params) out << "  " << p.name << "=" << p.value;
  out << "\n";
  if (const std::string warning = deletions_reconciliation_warning(report); !warning.empty()) {
    out << "WARNING: " << warning << "\n";
  }
  for (const Panel& p : report.panels) print_panel(out, p);
  return out.str();
}

}  // namespace luckyhub
