// The home tile of machines: machines online, degraded and offline now. Two
// queries (the devices' connectivity, the velocity check's brew times) and the
// report's own rules: the figures equal the summary tiles of the report run
// with its defaults.
#include "tools/machines/machines.h"
#include "tools/registry.h"

namespace luckyhub::machines {
namespace {

Headline compute_headline(Warehouse& wh) {
  if (!wh.has_table("iot_platform__t_device")) return {.covers = "Now", .note = "no machines in this warehouse"};
  const Scope scope = scope_of(wh, Params::parse(machine_params(), {}));
  const std::vector<ResultSet> r = wh.query_all(
      {{"SELECT device_no, online_status FROM iot_platform__t_device WHERE tenant = 'LKUS'", {}},
       brew_times_query(wh, scope)});
  std::map<std::string, Device> devices;
  for (const Row row : r[0]) devices[row.text("device_no")].online = row.integer("online_status") == 1;
  for (const Row row : r[1]) {
    const auto it = devices.find(row.text("device_no"));
    if (it != devices.end()) add_brew_times(row, it->second);
  }
  int64_t counts[3] = {0, 0, 0};
  for (const auto& [no, d] : devices) counts[state_level(state_of(d, velocity(d, scope)))] += 1;
  Headline h{.covers = "Now"};
  h.figures = {
      {{"online", "Online", counts[0], ValueType::kInt, "", "", Status::kGreen}, "summary", {}},
      {{"degraded", "Degraded", counts[1], ValueType::kInt, "", "", counts[1] ? Status::kYellow : Status::kGreen},
       "summary", {}},
      {{"offline", "Offline", counts[2], ValueType::kInt, "", "", counts[2] ? Status::kRed : Status::kGreen},
       "summary", {}},
  };
  return h;
}

const HeadlineRegistration kHeadline("machines", &compute_headline);

}  // namespace
}  // namespace luckyhub::machines
