// staffing's no-show rates from the rota and attendance, the shrinkage they
// feed, and the panels that show both (staffing_no_show.h).
#include "tools/staffing/staffing_no_show.h"

#include <algorithm>
#include <cstdio>

namespace luckyhub::staffing {
namespace {

const char* const kWeekdays[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};

// Shifts scheduled before as-of (worked or missed) per store and weekday
// (1 Monday .. 7 Sunday) over [from, to).
Query shifts_query(Date from, Date to) {
  return {"SELECT shop_id, week_day, COUNT(*) AS scheduled, SUM(CASE WHEN status = 2 THEN 1 ELSE 0 END) AS worked"
          " FROM " + std::string(kShiftTable) + " WHERE tenant = 'LKUS' AND status IN (2, 3)"
          " AND biz_date >= ? AND biz_date < ?"
          " GROUP BY shop_id, week_day ORDER BY shop_id, week_day",
          {from.str(), to.str()}};
}

std::string rate_text(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f%%", 100 * v);
  return buf;
}

}  // namespace

const char* to_string(ShrinkageSource source) {
  switch (source) {
    case ShrinkageSource::kWeekday: return "weekday history";
    case ShrinkageSource::kStore: return "store history";
    case ShrinkageSource::kParameter: return "parameter";
  }
  return "";
}

NoShowRates read_no_show(Warehouse& wh, Date as_of, int days) {
  NoShowRates out;
  if (!wh.has_table(kShiftTable)) return out;
  const Query q = shifts_query(as_of - days, as_of);
  for (const Row row : wh.query(q.sql, q.params)) {
    const int64_t week_day = row.integer("week_day");
    if (week_day < 1 || week_day > 7) continue;  // not a weekday code: counted nowhere
    NoShowHistory& h = out[row.integer("shop_id")];
    ShiftCount& day = h.by_weekday[week_day - 1];
    day.scheduled += row.integer("scheduled");
    day.worked += row.integer("worked");
    h.all.scheduled += row.integer("scheduled");
    h.all.worked += row.integer("worked");
  }
  return out;
}

WeekShrinkage shrinkage_of(const NoShowHistory* history, double parameter, int64_t min_shifts, bool from_history) {
  WeekShrinkage week;
  for (int day = 0; day < 7; ++day) {
    DayShrinkage& d = week[day];
    d = {.value = parameter, .source = ShrinkageSource::kParameter};
    if (!from_history || !history) continue;
    if (history->by_weekday[day].scheduled >= min_shifts)
      d = {.value = std::min(history->by_weekday[day].rate(), kMaxShrinkage), .source = ShrinkageSource::kWeekday};
    else if (history->all.scheduled >= min_shifts)
      d = {.value = std::min(history->all.rate(), kMaxShrinkage), .source = ShrinkageSource::kStore};
  }
  return week;
}

Panel no_show_panel(const NoShowRates& rates, const std::map<int64_t, WeekShrinkage>& used,
                    const std::map<int64_t, std::string>& names, const Params& params) {
  Panel panel{.id = "no_show", .title = "No-shows and the shrinkage they feed", .kind = PanelKind::kTable};
  panel.description = "Shifts on the rota over the last " + std::to_string(params.integer("no_show_days")) +
                      " days before as-of: no-show rate = 1 - worked / scheduled. A weekday with at least " +
                      std::to_string(params.integer("no_show_min_shifts")) +
                      " scheduled shifts is planned with its own rate, else with the store's, else with the "
                      "shrinkage parameter (" + rate_text(params.number("shrinkage")) + ").";
  panel.table.columns = {{"shop_id", "Store", ValueType::kInt},
                         {"name", "Name", ValueType::kText},
                         {"weekday", "Weekday", ValueType::kText},
                         {"scheduled", "Shifts scheduled", ValueType::kInt},
                         {"worked", "Shifts worked", ValueType::kInt},
                         {"no_show_rate", "No-show rate", ValueType::kRate},
                         {"shrinkage", "Shrinkage planned with", ValueType::kRate},
                         {"source", "Shrinkage from", ValueType::kText}};
  for (const auto& [shop, week] : used) {
    const auto h = rates.find(shop);
    const auto name = names.find(shop);
    for (int day = 0; day < 7; ++day) {
      const ShiftCount c = h == rates.end() ? ShiftCount{} : h->second.by_weekday[day];
      panel.table.rows.push_back({shop, name == names.end() ? std::string() : name->second, std::string(kWeekdays[day]),
                                  c.scheduled, c.worked, c.scheduled > 0 ? Cell{c.rate()} : Cell{}, week[day].value,
                                  std::string(to_string(week[day].source))});
    }
  }
  return panel;
}

Panel no_show_heatmap(const NoShowRates& rates, const std::map<int64_t, std::string>& names, int64_t only) {
  Panel panel{.id = "no_show_map", .title = "No-show rate by store and weekday", .kind = PanelKind::kHeatmap};
  panel.description = "Share of scheduled shifts nobody worked; empty where the store had no shift that weekday.";
  panel.heatmap = {.x_label = "weekday", .y_label = "store", .value_label = "no-show rate"};
  for (const char* day : kWeekdays) panel.heatmap.x.push_back(day);
  for (const auto& [shop, h] : rates) {
    if (only != 0 && shop != only) continue;
    const auto name = names.find(shop);
    panel.heatmap.y.push_back(name == names.end() ? std::to_string(shop) : name->second);
    std::vector<Cell> row;
    for (const ShiftCount& c : h.by_weekday) row.push_back(c.scheduled > 0 ? Cell{c.rate()} : Cell{});
    panel.heatmap.values.push_back(std::move(row));
  }
  return panel;
}

}  // namespace luckyhub::staffing
