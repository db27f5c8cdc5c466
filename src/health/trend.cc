#include "health/trend.h"

#include <map>

#include "core/calendar.h"
#include "health/schema.h"

namespace luckyhub::health {

std::string utc_text(int64_t unix_s) { return Timestamp{unix_s}.str().substr(0, 16); }

Panel trend_panel(Warehouse& wh, int64_t now, const std::string& instance, int days,
                  const std::string& id, const std::string& title,
                  const std::vector<std::pair<std::string, std::string>>& metrics,
                  const std::string& unit, ValueType type) {
  Panel p{.id = id, .title = title, .kind = PanelKind::kTimeseries};
  const int64_t since = now - int64_t{days} * kDayStep;
  std::vector<int64_t> steps = days <= 7 ? std::vector<int64_t>{kHourStep, kRawStep}
                                         : std::vector<int64_t>{kDayStep, kHourStep, kRawStep};
  ResultSet r;
  for (const int64_t step : steps) {
    std::string in;
    std::vector<SqlValue> params = {instance, step, since};
    for (const auto& [metric, label] : metrics) {
      in += in.empty() ? "?" : ", ?";
      params.push_back(metric);
    }
    r = wh.query("SELECT ts, metric, value FROM health__samples WHERE instance = ? AND object = '' "
                 "AND step = ? AND ts >= ? AND metric IN (" + in + ") ORDER BY ts",
                 params);
    if (r.size() >= 2 * metrics.size()) break;
  }
  std::map<int64_t, std::map<std::string, double>> by_ts;
  for (const Row row : r) by_ts[row.integer("ts")][row.text("metric")] = row.number("value");
  p.series.x_label = "time (UTC)";
  p.series.x_type = ValueType::kText;
  for (const auto& [ts, values] : by_ts) p.series.x.push_back(utc_text(ts));
  for (const auto& [metric, label] : metrics) {
    Series s{metric, label, type, "", unit};
    for (const auto& [ts, values] : by_ts) {
      const auto it = values.find(metric);
      s.values.push_back(it == values.end() ? Cell{} : Cell{it->second});
    }
    p.series.series.push_back(std::move(s));
  }
  return p;
}

}  // namespace luckyhub::health
