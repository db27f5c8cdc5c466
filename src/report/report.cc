#include "report/report.h"

namespace luckyhub {

const Panel* Report::panel(const std::string& id) const {
  for (const Panel& p : panels) {
    if (p.id == id) return &p;
  }
  return nullptr;
}

const char* to_string(Status status) {
  switch (status) {
    case Status::kGreen: return "green";
    case Status::kYellow: return "yellow";
    case Status::kRed: return "red";
    default: return "none";
  }
}

const char* to_string(ValueType type) {
  switch (type) {
    case ValueType::kInt: return "int";
    case ValueType::kMoney: return "money";
    case ValueType::kRate: return "rate";
    case ValueType::kNumber: return "number";
    case ValueType::kDate: return "date";
    case ValueType::kMonth: return "month";
    default: return "text";
  }
}

const char* to_string(PanelKind kind) {
  switch (kind) {
    case PanelKind::kKpis: return "kpis";
    case PanelKind::kTable: return "table";
    case PanelKind::kTimeseries: return "timeseries";
    case PanelKind::kBar: return "bar";
    case PanelKind::kHeatmap: return "heatmap";
    case PanelKind::kScatter: return "scatter";
    case PanelKind::kDistribution: return "distribution";
    case PanelKind::kAlerts: return "alerts";
    case PanelKind::kEntry: return "entry";
    default: return "text";
  }
}

}  // namespace luckyhub
