#include "support/report_checks.h"

#include <set>

namespace luckyhub::testing {
namespace {

using nlohmann::json;

const std::set<std::string> kKinds = {"kpis", "table", "timeseries", "bar", "heatmap", "entry",
                                      "scatter", "distribution", "alerts", "text"};
const std::set<std::string> kTypes = {"int", "money", "rate", "number", "text", "date", "month"};
const std::set<std::string> kStatuses = {"green", "yellow", "red", "none"};

class Checker {
 public:
  std::vector<std::string> problems;

  void require(bool ok, const std::string& what) {
    if (!ok) problems.push_back(what);
  }

  // A value of a declared type.
  void value(const json& v, const json& typed, const std::string& where) {
    const std::string type = typed.value("type", "");
    require(kTypes.count(type) == 1, where + ": unknown type '" + type + "'");
    if (type == "money") require(typed.contains("currency"), where + ": money without currency");
    if (v.is_null()) return;
    if (type == "money" || type == "int") {
      require(v.is_number_integer(), where + ": " + type + " value is not an integer: " + v.dump());
    } else if (type == "rate" || type == "number") {
      require(v.is_number(), where + ": " + type + " value is not a number: " + v.dump());
    } else {
      require(v.is_string(), where + ": " + type + " value is not a string: " + v.dump());
    }
  }

  void panel(const json& p) {
    const std::string id = p.value("id", "");
    const std::string kind = p.value("kind", "");
    const std::string where = "panel '" + id + "'";
    require(!id.empty(), "a panel has no id");
    require(p.contains("title") && p["title"].is_string(), where + ": no title");
    require(kKinds.count(kind) == 1, where + ": unknown kind '" + kind + "'");
    if (kind == "kpis") {
      std::set<std::string> ids;
      for (const json& t : p.at("tiles")) {
        require(ids.insert(t.value("id", "")).second, where + ": duplicate tile id");
        require(kStatuses.count(t.value("status", "")) == 1, where + ": bad status");
        value(t.at("value"), t, where + " tile " + t.value("id", ""));
      }
    } else if (kind == "table") {
      const json& columns = p.at("columns");
      std::set<std::string> ids;
      for (const json& c : columns) {
        require(ids.insert(c.value("id", "")).second, where + ": duplicate column id");
        require(kTypes.count(c.value("type", "")) == 1, where + ": bad column type");
      }
      for (const json& row : p.at("rows")) {
        require(row.size() == columns.size(), where + ": row width differs from columns");
        for (size_t i = 0; i < row.size() && i < columns.size(); ++i) {
          value(row[i], columns[i], where + " column " + columns[i].value("id", ""));
        }
      }
    } else if (kind == "timeseries" || kind == "bar") {
      const size_t n = p.at("x").size();
      for (const json& s : p.at("series")) {
        require(s.at("values").size() == n, where + ": series length differs from x");
        for (const json& v : s.at("values")) value(v, s, where + " series " + s.value("id", ""));
      }
    } else if (kind == "heatmap" || kind == "entry") {
      require(p.at("values").size() == p.at("y").size(), where + ": heatmap rows differ from y");
      for (const json& row : p.at("values")) {
        require(row.size() == p.at("x").size(), where + ": heatmap row width differs from x");
      }
    } else if (kind == "scatter") {
      for (const json& pt : p.at("points")) require(pt.at("x").is_number() && pt.at("y").is_number(), where + ": bad point");
    } else if (kind == "distribution") {
      for (const json& g : p.at("groups")) require(g.at("median").is_number(), where + ": bad group");
    } else if (kind == "alerts") {
      for (const json& a : p.at("alerts")) require(kStatuses.count(a.value("severity", "")) == 1, where + ": bad severity");
    } else if (kind == "text") {
      require(p.at("text").is_string(), where + ": text is not a string");
    }
  }
};

}  // namespace

std::vector<std::string> report_contract_violations(const json& report) {
  Checker c;
  try {
    c.require(report.value("report_format", 0) == 1, "report_format is not 1");
    for (const char* key : {"tool", "title", "department", "as_of"}) {
      c.require(report.contains(key) && report[key].is_string(), std::string("missing ") + key);
    }
    c.require(report.contains("deletions_reconciled") &&
                  (report["deletions_reconciled"].is_null() || report["deletions_reconciled"].is_string()),
              "deletions_reconciled is neither a time nor null");
    c.require(report.at("params").is_object(), "params is not an object");
    std::set<std::string> ids;
    for (const json& p : report.at("panels")) {
      c.require(ids.insert(p.value("id", "")).second, "duplicate panel id " + p.value("id", ""));
      c.panel(p);
    }
  } catch (const json::exception& e) {
    c.problems.push_back(std::string("malformed: ") + e.what());
  }
  return c.problems;
}

}  // namespace luckyhub::testing
