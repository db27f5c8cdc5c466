#include "server/home.h"

#include <cctype>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "core/log.h"
#include "report/render.h"
#include "tools/registry.h"

namespace luckyhub::server {
namespace {

using nlohmann::json;

std::string query_escape(const std::string& text) {
  std::string out;
  for (const unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      char hex[4];
      std::snprintf(hex, sizeof hex, "%%%02X", c);
      out += hex;
    }
  }
  return out;
}

// The tool page that shows a figure's report.
std::string report_link(const std::string& tool_id,
                        const std::map<std::string, std::string>& params) {
  std::string link = "/tools/" + tool_id;
  char separator = '?';
  for (const auto& [name, value] : params) {
    link += separator + query_escape(name) + "=" + query_escape(value);
    separator = '&';
  }
  return link;
}

// The figures as the report JSON's kpis tiles, rendered by the report's own
// renderer so that the page draws them as it draws any report's tiles.
json figures_json(const std::string& tool_id, const Headline& headline) {
  Report holder;
  holder.panels.push_back({.id = "headline", .kind = PanelKind::kKpis});
  for (const HeadlineFigure& f : headline.figures) holder.panels[0].kpis.push_back(f.tile);
  json tiles = report_to_json(holder)["panels"][0]["tiles"];
  for (size_t i = 0; i < headline.figures.size(); ++i) {
    tiles[i]["link"] = report_link(tool_id, headline.figures[i].params);
  }
  return tiles;
}

}  // namespace

HomeDocument compute_home(Warehouse& warehouse) {
  HomeDocument doc;
  json tools = json::array();
  for (const Tool* tool : ToolRegistry::instance().list()) {
    json entry = {{"id", tool->id}, {"figures", json::array()}};
    try {
      const Headline headline = run_headline(*tool, warehouse);
      if (!headline.covers.empty()) entry["covers"] = headline.covers;
      entry["figures"] = figures_json(tool->id, headline);
      if (!headline.note.empty()) entry["note"] = headline.note;
    } catch (const std::exception& e) {
      log::error("serve: the headline of ", tool->id, " failed: ", e.what());
      entry["error"] = std::string("the headline failed: ") + e.what();
      doc.failed_headlines += 1;
    }
    tools.push_back(std::move(entry));
  }
  // How current the figures are: the data's as-of and when deletions at the
  // sources were last reconciled (null when not known), as every report says.
  const std::string reconciled = warehouse.meta("deletions_reconciled");
  doc.json = json{{"as_of", warehouse.meta("as_of")},
                  {"deletions_reconciled", reconciled.empty() ? json(nullptr) : json(reconciled)},
                  {"tools", std::move(tools)}}
                 .dump();
  return doc;
}

}  // namespace luckyhub::server
