#include "report/render.h"

namespace luckyhub {
namespace {

using nlohmann::json;

json cell_json(const Cell& cell) {
  if (const auto* i = std::get_if<int64_t>(&cell)) return *i;
  if (const auto* d = std::get_if<double>(&cell)) return *d;
  if (const auto* s = std::get_if<std::string>(&cell)) return *s;
  return nullptr;
}

void put_type(json& out, ValueType type, const std::string& currency, const std::string& unit) {
  out["type"] = to_string(type);
  if (!currency.empty()) out["currency"] = currency;
  if (!unit.empty()) out["unit"] = unit;
}

json cells_json(const std::vector<Cell>& cells) {
  json out = json::array();
  for (const Cell& c : cells) out.push_back(cell_json(c));
  return out;
}

json panel_json(const Panel& p) {
  json out = {{"id", p.id}, {"title", p.title}, {"kind", to_string(p.kind)}};
  if (!p.description.empty()) out["description"] = p.description;
  switch (p.kind) {
    case PanelKind::kKpis: {
      json tiles = json::array();
      for (const KpiTile& k : p.kpis) {
        json tile = {{"id", k.id}, {"label", k.label}, {"value", cell_json(k.value)},
                     {"status", to_string(k.status)}};
        put_type(tile, k.type, k.currency, k.unit);
        if (!k.note.empty()) tile["note"] = k.note;
        tiles.push_back(tile);
      }
      out["tiles"] = tiles;
      break;
    }
    case PanelKind::kTable: {
      json columns = json::array();
      for (const Column& c : p.table.columns) {
        json col = {{"id", c.id}, {"label", c.label}};
        put_type(col, c.type, c.currency, c.unit);
        if (!c.link.empty()) col["link"] = c.link;
        columns.push_back(col);
      }
      json rows = json::array();
      for (const auto& row : p.table.rows) rows.push_back(cells_json(row));
      out["columns"] = columns;
      out["rows"] = rows;
      break;
    }
    case PanelKind::kTimeseries:
    case PanelKind::kBar: {
      out["x_label"] = p.series.x_label;
      out["x_type"] = to_string(p.series.x_type);
      out["x"] = p.series.x;
      json series = json::array();
      for (const Series& s : p.series.series) {
        json one = {{"id", s.id}, {"label", s.label}, {"values", cells_json(s.values)}};
        put_type(one, s.type, s.currency, s.unit);
        if (!s.draw.empty()) one["draw"] = s.draw;
        series.push_back(one);
      }
      out["series"] = series;
      break;
    }
    case PanelKind::kHeatmap:
    case PanelKind::kEntry: {
      const HeatmapData& h = p.heatmap;
      json values = json::array();
      for (const auto& row : h.values) values.push_back(cells_json(row));
      out.update({{"x_label", h.x_label}, {"y_label", h.y_label}, {"value_label", h.value_label},
                  {"x", h.x}, {"y", h.y}, {"values", values}});
      if (!h.palette.empty()) out["palette"] = h.palette;
      // A heat map's sparklines: its panel's series, one per y row (a kHeatmap
      // panel has no other use for them).
      if (p.kind == PanelKind::kHeatmap && !p.series.series.empty()) {
        json lines = json::array();
        for (const Series& s : p.series.series) {
          lines.push_back({{"id", s.id}, {"label", s.label}, {"values", cells_json(s.values)}});
        }
        out["sparklines"] = {{"label", p.series.x_label}, {"x", p.series.x}, {"series", lines}};
      }
      if (p.kind == PanelKind::kEntry) {
        json fields = json::object();
        for (const auto& [name, value] : p.entry.fields) fields[name] = cells_json({value})[0];
        out.update({{"min", p.entry.min}, {"max", p.entry.max}, {"url", p.entry.url}, {"method", p.entry.method},
                    {"key", p.entry.key}, {"fields", fields}});
      }
      break;
    }
    case PanelKind::kScatter: {
      json points = json::array();
      for (const ScatterPoint& pt : p.scatter.points) {
        points.push_back({{"label", pt.label}, {"x", pt.x}, {"y", pt.y}, {"size", pt.size},
                          {"group", pt.group}});
      }
      out.update({{"x_label", p.scatter.x_label}, {"y_label", p.scatter.y_label},
                  {"x_split", p.scatter.x_split}, {"y_split", p.scatter.y_split},
                  {"points", points}});
      if (!p.scatter.quadrants.empty()) out["quadrants"] = p.scatter.quadrants;
      break;
    }
    case PanelKind::kDistribution: {
      json groups = json::array();
      for (const DistributionGroup& g : p.distribution.groups) {
        groups.push_back({{"label", g.label}, {"n", g.n}, {"min", g.min}, {"p25", g.p25},
                          {"median", g.median}, {"p75", g.p75}, {"p95", g.p95}, {"max", g.max},
                          {"mean", g.mean}});
      }
      out["unit"] = p.distribution.unit;
      out["groups"] = groups;
      break;
    }
    case PanelKind::kAlerts: {
      json alerts = json::array();
      for (const Alert& a : p.alerts) {
        json one = {{"severity", to_string(a.severity)}, {"title", a.title}, {"detail", a.detail}};
        if (!a.link.empty()) one["link"] = a.link;
        alerts.push_back(one);
      }
      out["alerts"] = alerts;
      break;
    }
    case PanelKind::kText:
      out["text"] = p.text;
      break;
  }
  return out;
}

}  // namespace

json report_to_json(const Report& report) {
  json params = json::object();
  for (const ReportParam& p : report.params) params[p.name] = p.value;
  json panels = json::array();
  for (const Panel& p : report.panels) panels.push_back(panel_json(p));
  return {{"report_format", 1},      {"tool", report.tool},   {"title", report.title},
          {"department", report.department}, {"as_of", report.as_of},
          // null when the warehouse does not say (report.h)
          {"deletions_reconciled", report.deletions_reconciled.empty() ? json(nullptr) : json(report.deletions_reconciled)},
          {"params", params}, {"panels", panels}};
}

std::string render_json(const Report& report) { return report_to_json(report).dump(2) + "\n"; }

}  // namespace luckyhub
