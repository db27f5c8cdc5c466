#include <nlohmann/json.hpp>

#include "server/router.h"
#include "tools/registry.h"

namespace luckyhub::server {
namespace {

const char* param_type_name(ParamType type) {
  switch (type) {
    case ParamType::kText: return "text";
    case ParamType::kInt: return "int";
    case ParamType::kNumber: return "number";
    case ParamType::kDate: return "date";
    case ParamType::kChoice: return "choice";
  }
  return "text";
}

nlohmann::json param_json(const ParamSpec& p) {
  nlohmann::json out = {{"name", p.name},
                        {"type", param_type_name(p.type)},
                        {"default", p.default_value},
                        {"description", p.description},
                        {"label", p.label}};
  if (!p.choices.empty()) out["choices"] = p.choices;
  // Its values come from the data: GET /api/tools/{id}/options lists them.
  if (p.options) out["options"] = true;
  // The "unbounded" sentinels of ParamSpec are left out.
  if (p.min > -1e299) out["min"] = p.min;
  if (p.max < 1e299) out["max"] = p.max;
  return out;
}

}  // namespace

std::string tools_json(const std::function<bool(const Tool&)>& keep) {
  nlohmann::json departments = nlohmann::json::array();
  for (const Department& d : luckyhub::departments()) {
    departments.push_back({{"id", d.id}, {"name", d.name}});
  }
  nlohmann::json tools = nlohmann::json::array();
  for (const Tool* t : ToolRegistry::instance().list()) {
    if (keep && !keep(*t)) continue;
    nlohmann::json params = nlohmann::json::array();
    for (const ParamSpec& p : t->params) params.push_back(param_json(p));
    tools.push_back({{"id", t->id},
                     {"number", t->number},
                     {"department", t->department},
                     {"title", t->title},
                     {"summary", t->summary},
                     {"params", params}});
    if (!t->store_param.empty()) tools.back()["store_param"] = t->store_param;
  }
  return nlohmann::json{{"departments", departments}, {"tools", tools}}.dump();
}

}  // namespace luckyhub::server
