// A report is data, not markup: what a tool computed, as typed panels that the
// CLI renders as a table, CSV or JSON and the web front end draws with one set
// of panel renderers. docs/reports.md documents the JSON; keep them in step.
//
// Money is integer cents with its currency, on the column or tile that holds it.
#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace luckyhub {

// One cell or value: null, an integer (counts, cents), a real (rates), text.
using Cell = std::variant<std::monostate, int64_t, double, std::string>;

enum class Status { kNone, kGreen, kYellow, kRed };

// What a value means, for formatting and sorting.
enum class ValueType {
  kInt,     // a count
  kMoney,   // integer cents of `currency`
  kRate,    // a fraction: 0.0235 is 2.35%
  kNumber,  // a real with a unit
  kText,
  kDate,    // 'YYYY-MM-DD'
  kMonth,   // 'YYYY-MM'
};

struct Column {
  std::string id;
  std::string label;
  ValueType type = ValueType::kText;
  std::string currency;  // for kMoney
  std::string unit;      // for kNumber ("s", "cups/h")
  // A drill-down link: a report path whose {column_id} placeholders are filled
  // from the row, e.g. "/reports/tenant-audit?table={table}".
  std::string link;
};

struct KpiTile {
  std::string id;
  std::string label;
  Cell value;
  ValueType type = ValueType::kInt;
  std::string currency;
  std::string unit;
  Status status = Status::kNone;
  std::string note;  // why the status, or what the figure covers
};

struct TableData {
  std::vector<Column> columns;
  std::vector<std::vector<Cell>> rows;
};

// A time series or a bar chart: shared x labels, one or more series.
struct Series {
  std::string id;
  std::string label;
  ValueType type = ValueType::kNumber;
  std::string currency;
  std::string unit;
  std::vector<Cell> values;  // one per x label
  std::string draw;          // in a bar chart, "line": this series as a line over the bars
};

struct SeriesData {
  std::string x_label;
  ValueType x_type = ValueType::kText;
  std::vector<std::string> x;
  std::vector<Series> series;
};

struct HeatmapData {
  std::string x_label, y_label, value_label;
  // "" a continuous scale from calm to hot; "status" traffic lights
  // (0 green, 1 yellow, 2 red), for health overviews; "scarcity" the
  // continuous scale turned round, low values hot (days of supply).
  std::string palette;
  std::vector<std::string> x, y;
  std::vector<std::vector<Cell>> values;  // values[y][x]
};

struct ScatterPoint {
  std::string label;
  double x = 0, y = 0, size = 0;
  std::string group;
};

struct ScatterData {
  std::string x_label, y_label;
  double x_split = 0, y_split = 0;  // quadrant lines
  // Names of the quadrants the lines make, drawn in their corners: top right,
  // top left, bottom left, bottom right (empty: none).
  std::vector<std::string> quadrants;
  std::vector<ScatterPoint> points;
};

struct DistributionGroup {
  std::string label;
  int64_t n = 0;
  double min = 0, p25 = 0, median = 0, p75 = 0, p95 = 0, max = 0, mean = 0;
};

struct DistributionData {
  std::string unit;
  std::vector<DistributionGroup> groups;
};

struct Alert {
  Status severity = Status::kYellow;
  std::string title;
  std::string detail;
  std::string link;
};

// An entry panel: a grid the page lets the reader edit (heatmap's x, y and
// values: whole numbers or null) and sends back with Save: `method` to `url`,
// the JSON body being `fields` plus {key: values[y][x]}. The server that
// receives it validates again.
struct EntryData {
  int64_t min = 0, max = 0;
  std::string url, method = "PUT", key;
  std::vector<std::pair<std::string, Cell>> fields;
};
enum class PanelKind { kKpis, kTable, kTimeseries, kBar, kHeatmap, kScatter, kDistribution, kAlerts, kText, kEntry };

struct Panel {
  std::string id;
  std::string title;
  PanelKind kind = PanelKind::kText;
  std::string description;
  std::vector<KpiTile> kpis;       // kKpis
  TableData table;                 // kTable
  SeriesData series;               // kTimeseries, kBar
  HeatmapData heatmap;             // kHeatmap, and kEntry's grid
  EntryData entry;                 // kEntry
  ScatterData scatter;             // kScatter
  DistributionData distribution;   // kDistribution
  std::vector<Alert> alerts;       // kAlerts
  std::string text;                // kText
};

struct ReportParam {
  std::string name;
  std::string value;
};

struct Report {
  std::string tool;
  std::string title;
  std::string department;
  std::string as_of;  // the data's as-of date, from the warehouse
  // Rows deleted at a source keep counting until a sync reconciles the
  // table's keys: the UTC time ("YYYY-MM-DD HH:MM:SS") up to which the
  // warehouse has removed every deleted row (the oldest reconciliation of its
  // tables; a full copy or a simulation counts as one), from the warehouse's
  // meta "deletions_reconciled". '' when that is not known.
  std::string deletions_reconciled;
  std::vector<ReportParam> params;
  std::vector<Panel> panels;

  const Panel* panel(const std::string& id) const;
};

const char* to_string(Status status);
const char* to_string(ValueType type);
const char* to_string(PanelKind kind);

}  // namespace luckyhub
