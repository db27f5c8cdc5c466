// The recommendations report's tracking panels: the lists the app served
// (luckyus_isales_cdp.t_recommend_served_log) against what each customer
// bought next. A list served on New York day d is followed by the customer's
// first purchase day after d, if it comes within `served_horizon_days`; it is
// a hit at k when a product at position k or better was bought that day.
// Hit rate@k = hits / followed lists, per week (Monday of the serve day) and
// over every week.
#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include "report/cells.h"
#include "tools/recommendations/recommendations_panels.h"

namespace luckyhub::recommendations {
namespace {

constexpr std::string_view kServedLog = "isales_cdp__t_recommend_served_log";

struct ServedList {
  std::string user_no;
  int32_t day = 0;                             // New York serve day
  std::vector<std::pair<int, int64_t>> shown;  // position, spu_id
};

std::map<std::string, ServedList> read_served(Warehouse& wh) {
  std::map<std::string, ServedList> lists;
  const std::string sql = "SELECT serve_no, user_no, position, spu_id, " +
                          wh.dialect().ny_date("serve_time") + " AS day FROM " +
                          std::string(kServedLog) + " WHERE tenant = 'LKUS'";
  for (const Row row : wh.query(sql)) {
    ServedList& l = lists[row.text("serve_no")];
    l.user_no = row.text("user_no");
    l.day = Date::parse(row.text("day")).days;
    l.shown.emplace_back(static_cast<int>(row.integer("position")), row.integer("spu_id"));
  }
  return lists;
}

struct WeekCounts {
  int64_t lists = 0, followed = 0, hits = 0;
};

// The products `user` bought on its first purchase day in (day, day + horizon].
std::optional<std::set<int64_t>> next_purchase(const Data& data,
                                               const std::vector<size_t>& first_purchase,
                                               int32_t user, int32_t day, int horizon_days) {
  size_t i = first_purchase[static_cast<size_t>(user)];
  const size_t end = first_purchase[static_cast<size_t>(user) + 1];
  while (i < end && data.purchases[i].day <= day) ++i;
  if (i == end || data.purchases[i].day > day + horizon_days) return std::nullopt;
  std::set<int64_t> bought;
  for (const int32_t next_day = data.purchases[i].day; i < end && data.purchases[i].day == next_day;
       ++i) {
    bought.insert(data.products[static_cast<size_t>(data.purchases[i].item)].spu_id);
  }
  return bought;
}

std::map<int32_t, WeekCounts> count_weeks(const Data& data,
                                          const std::map<std::string, ServedList>& lists, int k,
                                          int horizon_days) {
  std::vector<size_t> first_purchase(data.users.size() + 1, data.purchases.size());
  for (size_t i = data.purchases.size(); i-- > 0;)
    first_purchase[static_cast<size_t>(data.purchases[i].user)] = i;
  for (size_t u = data.users.size(); u-- > 0;)
    first_purchase[u] = std::min(first_purchase[u], first_purchase[u + 1]);
  std::map<int32_t, WeekCounts> weeks;
  for (const auto& [serve_no, l] : lists) {
    WeekCounts& w = weeks[l.day - Date{l.day}.weekday()];
    ++w.lists;
    const auto at = std::lower_bound(data.users.begin(), data.users.end(), l.user_no);
    if (at == data.users.end() || *at != l.user_no) continue;
    const auto bought = next_purchase(
        data, first_purchase, static_cast<int32_t>(at - data.users.begin()), l.day, horizon_days);
    if (!bought) continue;
    ++w.followed;
    w.hits += std::any_of(l.shown.begin(), l.shown.end(), [&](const auto& s) {
      return s.first <= k && bought->contains(s.second);
    });
  }
  return weeks;
}

Cell hit_rate(const WeekCounts& w) {
  return w.followed > 0 ? rate_cell(static_cast<double>(w.hits) / static_cast<double>(w.followed))
                        : Cell{};
}

}  // namespace

std::vector<Panel> served_panels(Warehouse& wh, const Data& data, int k, int horizon_days) {
  const std::string at = "@" + std::to_string(k);
  Panel summary{.id = "served",
                .title = "Served recommendations against the next purchase",
                .kind = PanelKind::kKpis};
  summary.description =
      "A list served on a day is followed by the customer's first purchase day after it within " +
      std::to_string(horizon_days) + " days; it is a hit" + at +
      " when that day brought a product the list showed at position " + std::to_string(k) +
      " or better. Hit rate" + at + " = hits / followed lists.";
  if (!wh.has_table(kServedLog)) {
    summary.kind = PanelKind::kText;
    summary.text =
        "This warehouse has no luckyus_isales_cdp.t_recommend_served_log: no served lists to "
        "track.";
    return {summary};
  }
  const std::map<int32_t, WeekCounts> weeks = count_weeks(data, read_served(wh), k, horizon_days);
  WeekCounts all;
  for (const auto& [monday, w] : weeks) {
    all.lists += w.lists;
    all.followed += w.followed;
    all.hits += w.hits;
  }
  summary.kpis = {
      {"served_lists", "Lists served", all.lists, ValueType::kInt},
      {"followed_lists", "Followed by a purchase", all.followed, ValueType::kInt, "", "",
       Status::kNone, "within " + std::to_string(horizon_days) + " days"},
      {"hits", "Hits" + at, all.hits, ValueType::kInt},
      {"hit_rate", "Hit rate" + at, hit_rate(all), ValueType::kRate, "", "", Status::kNone,
       "hits / followed lists"},
  };
  Panel chart{.id = "served_weekly",
              .title = "Hit rate" + at + " by week served",
              .kind = PanelKind::kTimeseries};
  chart.series.x_label = "Week (Monday)";
  chart.series.x_type = ValueType::kDate;
  Series rate{.id = "hit_rate", .label = "Hit rate" + at, .type = ValueType::kRate};
  Panel table{.id = "served_weeks", .title = "Served lists by week", .kind = PanelKind::kTable};
  table.table.columns = {{"week", "Week (Monday)", ValueType::kDate},
                         {"lists", "Lists served", ValueType::kInt},
                         {"followed", "Followed by a purchase", ValueType::kInt},
                         {"hits", "Hits" + at, ValueType::kInt},
                         {"hit_rate", "Hit rate" + at, ValueType::kRate}};
  for (const auto& [monday, w] : weeks) {
    chart.series.x.push_back(Date{monday}.str());
    rate.values.push_back(hit_rate(w));
    table.table.rows.push_back({Date{monday}.str(), w.lists, w.followed, w.hits, hit_rate(w)});
  }
  chart.series.series.push_back(std::move(rate));
  return {summary, chart, table};
}

}  // namespace luckyhub::recommendations
