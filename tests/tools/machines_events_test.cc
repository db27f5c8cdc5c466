// Machine events against production on the shared simulation: the events
// that hit production are exactly the faults planted behind the production
// incidents, the events counted are the log's, and the event hour's ticket
// ratio for errors is what the raw tickets give, computed here.
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <tuple>

#include "core/calendar.h"
#include "support/panel_columns.h"
#include "support/shared_sim.h"
#include "tools/registry.h"

namespace luckyhub {
namespace {

using testing::column;

const Report& machines_report() {
  static const Report report = [] {
    auto wh = testing::open_shared_warehouse();
    return run_tool(ToolRegistry::instance().get("machines"), *wh, {});
  }();
  return report;
}

TEST(MachinesEventsGroundTruth, HitsAreExactlyThePlantedFaults) {
  std::set<std::pair<std::string, std::string>> planted, found;
  for (const auto& item : testing::shared_sim().truth["anomalies"]["incident_fault"]["items"])
    planted.insert({item["device_no"].get<std::string>(), item["from"].get<std::string>()});
  ASSERT_EQ(planted.size(), 2u);  // one per planted incident
  const Panel& p = *machines_report().panel("event_hits");
  for (const auto& row : p.table.rows) {
    found.insert({std::get<std::string>(row[column(p, "device_no")]), std::get<std::string>(row[column(p, "from")])});
    EXPECT_GE(std::get<int64_t>(row[column(p, "long_tickets")]), 2);
    EXPECT_GT(std::get<double>(row[column(p, "longest_min")]), 30.0);
  }
  EXPECT_EQ(found, planted);  // precision and recall 1.0
}

TEST(MachinesEventsGroundTruth, EventsAndTheEventHourRatioEqualTheRawRows) {
  auto wh = testing::open_shared_warehouse();
  // Tickets (not over 30 minutes) per store and New York day and hour.
  std::map<std::tuple<int64_t, int32_t, int>, int64_t> tickets;  // (shop, day, hour)
  std::map<std::pair<int64_t, int>, std::set<int32_t>> traded;   // (shop, weekday) -> days
  for (const Row row : wh->query("SELECT shop_id, accept_time, done_time FROM opproduction__t_production"
                                 " WHERE tenant = 'LKUS' AND status IN (30, 40) AND done_time IS NOT NULL")) {
    const Timestamp a = Timestamp::parse(row.text("accept_time"));
    if (Timestamp::parse(row.text("done_time")) - a > 30 * 60) continue;
    const Date day = new_york_date(a);
    ++tickets[{row.integer("shop_id"), day.days, new_york_hour(a)}];
    traded[{row.integer("shop_id"), day.weekday()}].insert(day.days);
  }
  int64_t errors = 0, maintenance = 0, n = 0;
  double sum = 0;
  // The window: the warehouse's whole history.
  const std::string from = new_york_to_utc(Date::parse(wh->meta("start")), 0, 0, 0).str();
  const std::string to = new_york_to_utc(Date::parse(wh->meta("as_of")), 0, 0, 0).str();
  for (const Row row : wh->query("SELECT shop_id, event_type, event_time FROM iot_platform__t_device_event"
                                 " WHERE tenant = 'LKUS' AND event_type IN (3, 5) AND event_time >= ? AND event_time < ?",
                                 {from, to})) {
    if (row.integer("event_type") == 5) {
      ++maintenance;
      continue;
    }
    ++errors;
    const int64_t shop = row.integer("shop_id");
    const Timestamp t = Timestamp::parse(row.text("event_time"));
    const Date day = new_york_date(t);
    const int hour = new_york_hour(t);
    const auto days = traded.find({shop, day.weekday()});
    if (days == traded.end()) continue;
    int64_t here = 0, others = 0;
    for (const int32_t d : days->second) {
      const auto it = tickets.find({shop, d, hour});
      const int64_t c = it == tickets.end() ? 0 : it->second;
      (d == day.days ? here : others) += c;
    }
    const int64_t other_days = static_cast<int64_t>(days->second.size()) - (here > 0 ? 1 : 0);
    if (other_days <= 0 || others <= 0) continue;
    sum += static_cast<double>(here) / (static_cast<double>(others) / static_cast<double>(other_days));
    ++n;
  }
  const Panel& p = *machines_report().panel("event_impact");
  ASSERT_EQ(p.table.rows.size(), 2u);
  EXPECT_EQ(std::get<std::string>(p.table.rows[0][column(p, "type")]), "error");
  EXPECT_EQ(std::get<int64_t>(p.table.rows[0][column(p, "events")]), errors);
  EXPECT_EQ(std::get<int64_t>(p.table.rows[1][column(p, "events")]), maintenance);
  ASSERT_GT(n, 0);
  EXPECT_NEAR(std::get<double>(p.table.rows[0][column(p, "tickets_ratio")]), sum / static_cast<double>(n), 0.0005);
  EXPECT_EQ(std::get<int64_t>(p.table.rows[0][column(p, "hits")]), 2);
}

}  // namespace
}  // namespace luckyhub
