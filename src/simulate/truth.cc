#include "simulate/truth.h"

#include "core/error.h"

namespace luckyhub::sim {

nlohmann::json& Truth::anomaly(const std::string& kind) {
  auto& anomalies = root_["anomalies"];
  if (!anomalies.contains(kind)) throw Error("internal: anomaly kind '" + kind + "' not described");
  return anomalies[kind];
}

void Truth::describe(const std::string& kind, const std::string& table,
                     const std::string& description) {
  auto& anomalies = root_["anomalies"];
  if (anomalies.contains(kind)) return;
  anomalies[kind] = {{"table", table},
                     {"description", description},
                     {"ids", nlohmann::json::array()},
                     {"items", nlohmann::json::array()}};
}

void Truth::add_id(const std::string& kind, int64_t id) { anomaly(kind)["ids"].push_back(id); }

void Truth::add_item(const std::string& kind, nlohmann::json item) {
  anomaly(kind)["items"].push_back(std::move(item));
}

void Truth::set_figure(const std::string& name, nlohmann::json value) {
  root_["figures"][name] = std::move(value);
}

void Truth::set(const std::string& key, nlohmann::json value) { root_[key] = std::move(value); }

}  // namespace luckyhub::sim
