#include <sstream>

#include "core/error.h"
#include "report/render.h"

namespace luckyhub {
namespace {

// RFC 4180 quoting; a leading = + - @ is prefixed with ' so that a
// spreadsheet never evaluates a cell as a formula.
std::string csv_field(const Cell& cell) {
  if (const auto* i = std::get_if<int64_t>(&cell)) return std::to_string(*i);
  if (const auto* d = std::get_if<double>(&cell)) {
    std::ostringstream out;
    out.precision(12);
    out << *d;
    return out.str();
  }
  const auto* s = std::get_if<std::string>(&cell);
  if (s == nullptr) return "";
  std::string text = *s;
  if (!text.empty() && (text[0] == '=' || text[0] == '+' || text[0] == '-' || text[0] == '@')) {
    text.insert(0, "'");
  }
  if (text.find_first_of(",\"\n\r") == std::string::npos) return text;
  std::string quoted = "\"";
  for (char c : text) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + "\"";
}

void write_table(std::ostringstream& out, const TableData& table) {
  for (size_t c = 0; c < table.columns.size(); ++c) out << (c ? "," : "") << table.columns[c].id;
  out << "\n";
  for (const auto& row : table.rows) {
    for (size_t c = 0; c < row.size(); ++c) out << (c ? "," : "") << csv_field(row[c]);
    out << "\n";
  }
}

}  // namespace

std::string render_csv(const Report& report, const std::string& panel_id) {
  std::ostringstream out;
  if (!panel_id.empty()) {
    const Panel* p = report.panel(panel_id);
    if (p == nullptr || p->kind != PanelKind::kTable) {
      std::string tables;
      for (const Panel& q : report.panels) {
        if (q.kind == PanelKind::kTable) tables += (tables.empty() ? "" : ", ") + q.id;
      }
      throw Error("report " + report.tool + " has no table panel '" + panel_id + "' (tables: " +
                  tables + ")");
    }
    write_table(out, p->table);
    return out.str();
  }
  std::vector<const Panel*> tables;
  for (const Panel& p : report.panels) {
    if (p.kind == PanelKind::kTable) tables.push_back(&p);
  }
  if (tables.size() == 1) {
    write_table(out, tables[0]->table);
    return out.str();
  }
  for (size_t i = 0; i < tables.size(); ++i) {
    out << (i ? "\n" : "") << "# " << tables[i]->id << "\n";
    write_table(out, tables[i]->table);
  }
  return out.str();
}

}  // namespace luckyhub
