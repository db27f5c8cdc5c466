// The ground-truth manifest: every anomaly the simulator planted, with the
// ids of the rows it touched, plus figures the simulator knows exactly. Tests
// and tools' ground-truth checks compare findings with it. JSON, with keys in
// sorted order so that the same seed and scale give the same bytes.
//
//   {"format": "luckyhub-truth-1", "seed": 42, "scale": 0.1, "as_of": "...",
//    "figures": {"paid_orders_usd": 46625, ...},
//    "anomalies": {"nzd_test_order": {"table": "luckyus_sales_order.t_order",
//                                     "description": "...", "ids": [..],
//                                     "items": [{...}, ...]}, ...}}
#pragma once

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

namespace luckyhub::sim {

class Truth {
 public:
  // Declares an anomaly kind: the table whose ids it lists and what it means.
  void describe(const std::string& kind, const std::string& table, const std::string& description);
  // Records one affected row id of a declared kind.
  void add_id(const std::string& kind, int64_t id);
  // Records a structured finding (e.g. a reconciliation break with its day,
  // amounts and the ids on each side).
  void add_item(const std::string& kind, nlohmann::json item);
  void set_figure(const std::string& name, nlohmann::json value);
  void set(const std::string& key, nlohmann::json value);  // top-level: seed, scale, as_of

  const nlohmann::json& json() const { return root_; }
  std::string dump() const { return root_.dump(1) + "\n"; }

 private:
  nlohmann::json& anomaly(const std::string& kind);
  nlohmann::json root_ = {{"format", "luckyhub-truth-1"},
                          {"figures", nlohmann::json::object()},
                          {"anomalies", nlohmann::json::object()}};
};

}  // namespace luckyhub::sim
