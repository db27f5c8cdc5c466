// Reads the machine fleet: t_device, the connectivity and maintenance events
// of t_device_event (a few per device and month, read whole), and
// t_cup_order_info aggregated per device (cups, formulas, brew times as a
// histogram, cups since maintenance). Successful brews (status 1) are cups.
#include <algorithm>

#include "domain/order_rules.h"
#include "tools/machines/machines.h"

namespace luckyhub::machines {
namespace {

constexpr const char* kDevices = "iot_platform__t_device";
constexpr const char* kEvents = "iot_platform__t_device_event";
constexpr const char* kCups = "iot_platform__t_cup_order_info";
constexpr const char* kFormulas = "iot_platform__t_coffee_formula";

Timestamp time_of(const Row& row, std::string_view column) { return Timestamp::parse(row.text(column)); }

}  // namespace

Query brew_times_query(Warehouse& wh, const Scope& s) {
  return {"SELECT device_no, CASE WHEN start_time >= ? THEN 1 ELSE 0 END AS recent, " +
              wh.dialect().seconds_between("start_time", "end_time") + " AS seconds, COUNT(*) AS brews FROM " + kCups +
              " WHERE tenant = 'LKUS' AND status = 1 AND start_time >= ? AND start_time < ?"
              " GROUP BY device_no, recent, seconds",
          {s.recent_from().str(), s.baseline_from().str(), s.window_to().str()}};
}

int64_t add_brew_times(const Row& row, Device& d) {
  if (row.is_null("seconds")) return 0;
  const int64_t n = row.integer("brews");
  (row.integer("recent") ? d.recent : d.baseline)[row.integer("seconds")] += n;
  return row.integer("recent") ? n : 0;
}

namespace {

std::vector<Query> queries(Warehouse& wh, const Scope& s) {
  const Dialect& d = wh.dialect();
  const std::string from = s.window_from().str(), to = s.window_to().str(), as_of = s.as_of.str();
  const std::string cups = std::string(" FROM ") + kCups + " WHERE tenant = 'LKUS' AND status = 1 AND ";
  return {
      {std::string("SELECT id, device_no, device_name, shop_id, machine_type, status, online_status, install_time,"
                   " last_online_time FROM ") + kDevices + " WHERE tenant = 'LKUS' ORDER BY shop_id, id", {}},
      {"SELECT id, shop_no FROM opshop__t_shop_info WHERE tenant = 'LKUS'", {}},
      {std::string("SELECT device_no, event_type, event_time FROM ") + kEvents +
           " WHERE tenant = 'LKUS' AND event_type IN (1, 2, 6) AND event_time < ? ORDER BY device_no, event_time, id",
       {as_of}},
      {std::string("SELECT device_no, COUNT(*) AS errors FROM ") + kEvents +
           " WHERE tenant = 'LKUS' AND event_type = 3 AND event_time >= ? AND event_time < ? GROUP BY device_no",
       {from, to}},
      {"SELECT device_no, formula_id, COUNT(*) AS cups" + cups + s.window.range(d, "start_time") +
           " GROUP BY device_no, formula_id",
       {from, to}},
      brew_times_query(wh, s),
      {"SELECT c.device_no AS device_no, COUNT(*) AS cups FROM " + d.join_left(kCups) +
           " c JOIN (SELECT device_no, MAX(event_time) AS last_time FROM " + kEvents +
           " WHERE tenant = 'LKUS' AND event_type = 6 AND event_time < ? GROUP BY device_no) m"
           " ON m.device_no = c.device_no WHERE c.tenant = 'LKUS' AND c.status = 1 AND c.start_time > m.last_time"
           " AND c.start_time < ? GROUP BY c.device_no",
       {as_of, as_of}},
      {std::string("SELECT id, formula_name, machine_type, status FROM ") + kFormulas + " WHERE tenant = 'LKUS'", {}},
      {"SELECT COALESCE(SUM(pay_money), 0) AS cents FROM sales_order__t_order WHERE tenant = 'LKUS' AND " +
           rules::paid_order() + " AND create_time >= ? AND create_time < ?",
       {s.recent_from().str(), to}},
  };
}

void read_devices(const ResultSet& r, const std::map<int64_t, Formula>& formulas, FleetData& out) {
  std::vector<std::string> brewer_types;
  for (const auto& [id, f] : formulas) brewer_types.push_back(f.machine_type);
  for (const Row row : r) {
    Device d;
    d.id = row.integer("id");
    d.shop_id = row.integer("shop_id");
    d.device_no = row.text("device_no");
    d.name = row.text("device_name");
    d.machine_type = row.text("machine_type");
    d.brewer = std::find(brewer_types.begin(), brewer_types.end(), d.machine_type) != brewer_types.end();
    d.status = static_cast<int>(row.integer("status"));
    d.online = row.integer("online_status") == 1;
    d.install_time = time_of(row, "install_time");
    if (!row.is_null("last_online_time")) d.last_online = time_of(row, "last_online_time");
    out.devices.push_back(std::move(d));
  }
}

}  // namespace

FleetData read_fleet(Warehouse& wh, const Scope& scope) {
  const std::vector<ResultSet> r = wh.query_all(queries(wh, scope));
  FleetData out;
  for (const Row row : r[7]) {
    out.formulas[row.integer("id")] = {row.text("formula_name"), row.text("machine_type"), row.integer("status") == 1};
  }
  read_devices(r[0], out.formulas, out);
  for (const Row row : r[1]) out.store_names[row.integer("id")] = row.text("shop_no");
  std::map<std::string, Device*> by_no;
  for (Device& d : out.devices) by_no[d.device_no] = &d;
  auto device = [&](const Row& row) -> Device* {
    const auto it = by_no.find(row.text("device_no"));
    return it == by_no.end() ? nullptr : it->second;
  };
  for (const Row row : r[2]) {
    if (Device* d = device(row)) d->events.push_back({static_cast<int>(row.integer("event_type")), time_of(row, "event_time")});
  }
  for (const Row row : r[3]) {
    if (Device* d = device(row)) d->errors = row.integer("errors");
  }
  for (const Row row : r[4]) {
    out.formula_use[row.text("device_no")].push_back({row.integer("formula_id"), row.integer("cups")});
    if (Device* d = device(row)) d->cups += row.integer("cups");
  }
  for (auto& [no, uses] : out.formula_use) {
    std::sort(uses.begin(), uses.end(), [](const FormulaUse& a, const FormulaUse& b) {
      return a.cups != b.cups ? a.cups > b.cups : a.formula_id < b.formula_id;
    });
  }
  for (const Row row : r[5]) {
    if (Device* d = device(row)) out.recent_cups += add_brew_times(row, *d);
  }
  for (const Row row : r[6]) {
    if (Device* d = device(row)) d->cups_since_maintenance = row.integer("cups");
  }
  out.revenue = r[8].row(0).cents("cents");
  return out;
}

}  // namespace luckyhub::machines
