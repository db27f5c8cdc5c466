// The Schaerer coffee machines: 14 machine types, exactly 216 devices over the
// 10 production stores, 217 machine formulas (t_coffee_formula), and each
// device's event history (t_device_event: maintenance, cleaning, errors,
// connectivity). Planted here: devices offline at as-of (device_offline) and
// devices whose brewing slows down from a date (device_degraded; the
// slowdown itself shows in t_cup_order_info, see production.cc), and past
// outages (device_outage: offline for hours to days, no brews meanwhile),
// and the faults behind the production incidents (incident_fault).
#include <algorithm>
#include <cstdio>

#include "simulate/ops/ops_internal.h"

namespace luckyhub::sim::ops {
namespace {

constexpr int kDeviceCount = 216;
constexpr int kFormulaCount = 217;

const MachineType kTypes[] = {
    {"SCH_COFFEE_SOUL_10", true, 1.00},    {"SCH_COFFEE_SOUL_12", true, 0.95},
    {"SCH_COFFEE_SOUL_12_2G", true, 0.86}, {"SCH_COFFEE_PRIME", true, 1.06},
    {"SCH_COFFEE_PRIME_HOTCOLD", true, 1.0}, {"SCH_COFFEE_ART_C", true, 1.14},
    {"SCH_COFFEE_ART_PLUS", true, 1.08},   {"SCH_COFFEE_CLUB", true, 1.2},
    {"SCH_COFFEE_SKYE", true, 1.1},        {"SCH_COFFEE_FACTORY", true, 0.9},
    {"SCH_BARISTA", true, 1.32},           {"SCH_MILK_FRIDGE", false, 1.0},
    {"SCH_FLAVOR_STATION", false, 1.0},    {"SCH_ICE_DISPENSER", false, 1.0}};
constexpr int kBrewerTypes = 11;
// How common each brewer type is in a store.
const double kBrewerWeights[kBrewerTypes] = {8, 16, 12, 6, 6, 3, 3, 2, 3, 4, 2};

const char* kErrors[][2] = {{"E101", "grinder blocked"},
                            {"E205", "milk system fault"},
                            {"E310", "water pressure low"},
                            {"E402", "brewing unit fault"},
                            {"E501", "temperature sensor fault"}};

constexpr int kOutageBrewers = 3, kOutageOthers = 1;

// Planted: past outages of a few devices that are neither offline at as-of
// nor degraded, each in its own store: 12 h to 3 days offline, 35 to 150
// days before as-of (before the last four weeks, which a velocity check
// compares with the weeks before). A stream of its own, so that the rest of
// the data draws the same numbers.
void plant_outages(SimContext& ctx) {
  OpsWorld& ops = ctx.world.ops;
  const World& world = ctx.world;
  Rng rng = ctx.rng("ops/machine-outages");
  const Timestamp end = new_york_to_utc(world.end, 0, 0, 0);
  std::vector<int> order(ops.devices.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = static_cast<int>(i);
  for (size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[rng.range(0, static_cast<int64_t>(i) - 1)]);
  int brewers = 0, others = 0;
  std::vector<int> stores_used;
  for (int i : order) {
    Device& d = ops.devices[i];
    const bool brewer = ops.machine_types[d.machine_type].brewer;
    if (brewer ? brewers >= kOutageBrewers : others >= kOutageOthers) continue;
    if (d.offline_since < end || d.degrade_factor > 1.0) continue;
    if (std::find(stores_used.begin(), stores_used.end(), d.store) != stores_used.end()) continue;
    const Timestamp from = end + -static_cast<int64_t>(rng.uniform(35, 150) * 86400);
    if (from - d.install_time < 30 * 86400) continue;
    d.outage_from = from;
    d.outage_to = from + static_cast<int64_t>(rng.uniform(0.5, 3.0) * 86400);
    stores_used.push_back(d.store);
    (brewer ? brewers : others)++;
  }
}

}  // namespace

void build_machines(SimContext& ctx) {
  OpsWorld& ops = ctx.world.ops;
  const World& world = ctx.world;
  // The stream keeps the name it had when this file was fleet.cc: renaming it
  // would draw other random numbers, and other data.
  Rng rng = ctx.rng("ops/fleet");
  ops.machine_types.assign(std::begin(kTypes), std::end(kTypes));
  const std::vector<int> stores = production_stores(world);
  ops.brewers_of_store.assign(world.sales.stores.size(), {});
  if (stores.empty()) return;

  const std::vector<int64_t> per_store =
      apportion(kDeviceCount, std::vector<double>(stores.size(), 1.0));
  const std::vector<double> brewer_weights(std::begin(kBrewerWeights), std::end(kBrewerWeights));
  for (size_t si = 0; si < stores.size(); ++si) {
    const Store& store = world.sales.stores[stores[si]];
    const int n = static_cast<int>(per_store[si]);
    const int brewers = std::max(1, n * 9 / 22);
    for (int k = 0; k < n; ++k) {
      Device d;
      d.store = stores[si];
      if (k < brewers) d.machine_type = static_cast<int>(rng.weighted(brewer_weights));
      else if (k < brewers + (n - brewers) / 2) d.machine_type = 11;  // milk fridge
      else if (k < n - 3) d.machine_type = 12;                       // flavor station
      else d.machine_type = 13;                                      // ice dispenser
      d.install_time = at_local(store.opened - static_cast<int>(rng.range(3, 12)), rng.uniform(9, 17));
      if (rng.chance(0.08) && world.end - store.opened > 60) {  // replaced or added later
        d.install_time = at_local(store.opened + static_cast<int>(rng.range(20, world.end - store.opened - 20)),
                                  rng.uniform(9, 17));
      }
      ops.devices.push_back(d);
    }
  }
  // Every brewer type appears in some store.
  for (int t = 0; t < kBrewerTypes; ++t) {
    bool seen = false;
    for (const Device& d : ops.devices) seen = seen || d.machine_type == t;
    if (seen) continue;
    for (size_t i = t; i < ops.devices.size(); i += 7) {
      if (ops.machine_types[ops.devices[i].machine_type].brewer) {
        ops.devices[i].machine_type = t;
        break;
      }
    }
  }
  for (size_t i = 0; i < ops.devices.size(); ++i) {
    Device& d = ops.devices[i];
    d.device_id = static_cast<int64_t>(i) + 1;
    char no[48];
    std::snprintf(no, sizeof no, "DV%04lld%04zu",
                  static_cast<long long>(world.sales.stores[d.store].shop_id), i + 1);
    d.device_no = no;
    if (ops.machine_types[d.machine_type].brewer) ops.brewers_of_store[d.store].push_back(static_cast<int>(i));
  }

  // Planted: devices offline at as-of (brewers and accessories, different
  // stores), and brewers that slow down from a date at least 30 days back.
  const Timestamp end = new_york_to_utc(world.end, 0, 0, 0);
  std::vector<int> order(ops.devices.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = static_cast<int>(i);
  for (size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[rng.range(0, static_cast<int64_t>(i) - 1)]);
  int offline_brewers = 0, offline_other = 0, degraded = 0;
  std::vector<int> stores_used;
  for (int i : order) {
    Device& d = ops.devices[i];
    const bool brewer = ops.machine_types[d.machine_type].brewer;
    const Store& store = world.sales.stores[d.store];
    if (brewer && degraded < 3 && world.end - store.opened > 100 &&
        ops.brewers_of_store[d.store].size() >= 3 &&
        std::find(stores_used.begin(), stores_used.end(), d.store) == stores_used.end()) {
      d.degraded_from = at_local(world.end - static_cast<int>(rng.range(30, 60)), 5.0);
      d.degrade_factor = rng.uniform(1.45, 1.7);
      stores_used.push_back(d.store);
      ++degraded;
    } else if (brewer ? offline_brewers < 4 : offline_other < 3) {
      if (d.install_time + 86400 * 20 > end || d.degrade_factor > 1.0) continue;
      d.offline_since = end + -static_cast<int64_t>(rng.uniform(0.3, 9.0) * 86400);
      (brewer ? offline_brewers : offline_other)++;
    }
  }
  plant_outages(ctx);

  // Machine formulas: the default temperature of each drink in sizes 2, 3,
  // 1 on rotating brewer types, then the other temperature, then older
  // versions, until exactly 217.
  const auto& products = world.sales.products;
  std::vector<int> drinks;
  for (size_t p = 0; p < products.size(); ++p)
    if (products[p].drink) drinks.push_back(static_cast<int>(p));
  std::stable_sort(drinks.begin(), drinks.end(),
                   [&](int a, int b) { return products[a].popularity > products[b].popularity; });
  ops.formulas_of_product.assign(products.size(), {});
  for (int version = 1; !drinks.empty() && ops.formulas.size() < kFormulaCount; ++version) {
    for (int alt_temp = 0; alt_temp < 2; ++alt_temp) {
      for (int size : {2, 3, 1}) {
        for (size_t rank = 0; rank < drinks.size() && ops.formulas.size() < kFormulaCount; ++rank) {
          const Product& p = products[drinks[rank]];
          MachineFormula f;
          f.product = drinks[rank];
          f.machine_type = static_cast<int>((rank + size) % kBrewerTypes);
          f.cup_size = size;
          f.temperature = (p.iced != (alt_temp == 1)) ? 2 : 1;
          f.version = version;
          f.status = version == 1 ? 1 : 0;
          f.step_count = static_cast<int>(3 + hash64(p.name) % 5 + (size == 3));
          f.formula_id = static_cast<int64_t>(ops.formulas.size()) + 1;
          char no[32];
          std::snprintf(no, sizeof no, "MF%05lld", static_cast<long long>(f.formula_id));
          f.formula_no = no;
          if (f.status == 1) ops.formulas_of_product[f.product].push_back(static_cast<int>(ops.formulas.size()));
          ops.formulas.push_back(f);
        }
      }
    }
  }
}

int find_formula(const OpsWorld& ops, int product, int machine_type, int cup_size, int temperature) {
  if (product < 0 || product >= static_cast<int>(ops.formulas_of_product.size())) return -1;
  int best = -1, best_score = -1;
  for (int f : ops.formulas_of_product[product]) {
    const MachineFormula& x = ops.formulas[f];
    const int score = (x.temperature == temperature) * 4 + (x.cup_size == cup_size) * 2 +
                      (x.machine_type == machine_type);
    if (score > best_score) best = f, best_score = score;
  }
  return best;
}

namespace {

// A planted production incident's machine fault: the store's tickets from
// `first` to `last` (accept times) took over 30 minutes.
struct IncidentFault {
  int store = -1;
  Timestamp first, last;
  int device = -1;  // the store's first brewer in service, online and not out over it
};

// The faults of the incidents the production recorder planted (its manifest
// items, written as the orders ran: machines are written after).
std::vector<IncidentFault> incident_faults(const SimContext& ctx) {
  std::vector<IncidentFault> out;
  const OpsWorld& ops = ctx.world.ops;
  const auto& anomalies = ctx.truth.json()["anomalies"];
  if (!anomalies.contains("production_incident")) return out;
  for (const auto& item : anomalies["production_incident"]["items"]) {
    if (!item.contains("first_ticket")) continue;
    IncidentFault f{.first = Timestamp::parse(item["first_ticket"].get<std::string>()),
                    .last = Timestamp::parse(item["last_ticket"].get<std::string>())};
    for (size_t s = 0; s < ctx.world.sales.stores.size(); ++s)
      if (ctx.world.sales.stores[s].shop_id == item["shop_id"].get<int64_t>() && !ctx.world.sales.stores[s].test_store)
        f.store = static_cast<int>(s);
    if (f.store < 0 || f.store >= static_cast<int>(ops.brewers_of_store.size())) continue;
    for (int i : ops.brewers_of_store[f.store]) {
      const Device& d = ops.devices[i];
      if (d.install_time < f.first + -60 && f.last + 60 < d.offline_since && !d.out_at(f.first) && !d.out_at(f.last)) {
        f.device = i;
        break;
      }
    }
    if (f.device >= 0) out.push_back(f);
  }
  return out;
}

}  // namespace

void write_machine_tables(SimContext& ctx) {
  const OpsWorld& ops = ctx.world.ops;
  const World& world = ctx.world;
  const Timestamp end = new_york_to_utc(world.end, 0, 0, 0);
  Rng rng = ctx.rng("ops/device-events");
  ctx.truth.describe("device_offline", "luckyus_iot_platform.t_device",
                     "machines offline at as-of (online_status 0, no brews since last_online_time)");
  ctx.truth.describe("device_degraded", "luckyus_iot_platform.t_device",
                     "brewers whose production velocity drops over 20% from start_date "
                     "(brew time x factor, fewer cups per hour)");
  ctx.truth.describe("incident_fault", "luckyus_iot_platform.t_device_event",
                     "the machine fault behind each production_incident: an error event (type 3, E402) a minute "
                     "before the incident's first slow ticket and its clearance a minute after the last; items "
                     "{device_no, shop_id, from, to}");
  ctx.truth.describe("device_outage", "luckyus_iot_platform.t_device",
                     "past outages: offline from `from` to `to` (an offline and an online event), no "
                     "brews and no other events in between; online at as-of");

  RowSink& e = ctx.out.sink("luckyus_iot_platform", "t_device_event");
  const CommonColumns ec(e);
  const int e_dev = e.col("device_no"), e_shop = e.col("shop_id"), e_type = e.col("event_type"),
            e_level = e.col("event_level"), e_code = e.col("error_code"), e_desc = e.col("event_desc"),
            e_time = e.col("event_time");
  int64_t event_id = 0;
  std::vector<Timestamp> last_maintenance(ops.devices.size(), Timestamp{0});
  const std::vector<IncidentFault> faults = incident_faults(ctx);
  for (size_t i = 0; i < ops.devices.size(); ++i) {
    const Device& d = ops.devices[i];
    const int64_t shop_id = world.sales.stores[d.store].shop_id;
    const bool brewer = ops.machine_types[d.machine_type].brewer;
    const Timestamp stop = std::min(end, d.offline_since);
    auto event = [&](Timestamp t, int type, int level, const char* code, const std::string& desc) {
      if (t >= stop && !(t == d.offline_since)) return;
      if (d.out_at(t) && t != d.outage_from) return;  // silent while out
      ec.set(e, ++event_id, "LKUS", t, t);
      e.set_text(e_dev, d.device_no);
      e.set_int(e_shop, shop_id);
      e.set_int(e_type, type);
      e.set_int(e_level, level);
      if (code) e.set_text(e_code, code);
      e.set_text(e_desc, desc);
      e.set_text(e_time, t.str());
      e.end_row();
      if (type == 6) last_maintenance[i] = t;
    };
    const Date first = new_york_date(d.install_time) + 1;
    const Date last = new_york_date(stop);
    Date next_maintenance = first + static_cast<int>(rng.range(20, 45));
    for (Date day = first; day < last || (day == last && stop < end); ++day) {
      const Timestamp day_start = at_local(day, 0);
      if (day_start >= stop) break;
      if (day == next_maintenance) {
        const Timestamp t = at_local(day, rng.uniform(5.0, 6.5));
        event(t, 5, 1, nullptr, "scheduled preventive maintenance");
        event(t + rng.range(1800, 10800), 6, 1, nullptr, "maintenance completed");
        next_maintenance = day + static_cast<int>(rng.range(30, 60));
      }
      if (brewer && (day.weekday() == 1 || day.weekday() == 4))
        event(at_local(day, rng.uniform(21.5, 22.5)), 7, 1, nullptr, "automatic cleaning cycle");
      const bool slow = at_local(day, 12) >= d.degraded_from;
      const double error_rate = (brewer ? 1.0 / 25 : 1.0 / 50) * (slow ? 4 : 1);
      if (rng.chance(error_rate)) {
        const int k = slow ? 3 : static_cast<int>(rng.range(0, 4));
        const Timestamp t = at_local(day, rng.uniform(6.5, 20.5));
        const int level = rng.chance(0.25) ? 3 : 2;
        event(t, 3, level, kErrors[k][0], kErrors[k][1]);
        event(t + rng.range(300, 10800), 4, 1, kErrors[k][0], std::string(kErrors[k][1]) + " cleared");
      }
      if (rng.chance(1.0 / 40)) {
        const Timestamp t = at_local(day, rng.uniform(0, 23.5));
        event(t, 2, 2, nullptr, "heartbeat lost");
        event(t + rng.range(120, 3600), 1, 1, nullptr, "heartbeat restored");
      }
    }
    for (const IncidentFault& f : faults) {
      // No random draws: the brewing-unit fault behind a planted incident, on
      // the store's first brewer in service then, from a minute before its
      // first slow ticket to a minute after its last.
      if (static_cast<int>(i) != f.device) continue;
      event(f.first + -60, 3, 3, "E402", "brewing unit fault");
      event(f.last + 60, 4, 1, "E402", "brewing unit fault cleared");
      ctx.truth.add_item("incident_fault", {{"device_no", d.device_no}, {"shop_id", shop_id},
                                            {"from", (f.first + -60).str()}, {"to", (f.last + 60).str()}});
    }
    if (d.outage_from < end) {
      // No random draws here: the other devices' events stay as they were.
      event(d.outage_from, 2, 3, nullptr, "device offline, heartbeat lost");
      event(d.outage_to, 1, 1, nullptr, "device back online after outage");
    }
    if (d.offline_since < end) {
      event(d.offline_since + -rng.range(60, 600), 3, 3, kErrors[i % 5][0], kErrors[i % 5][1]);
      event(d.offline_since, 2, 3, nullptr, "device offline, heartbeat lost");
    }
  }

  RowSink& s = ctx.out.sink("luckyus_iot_platform", "t_device");
  const CommonColumns cc(s);
  const int c_no = s.col("device_no"), c_name = s.col("device_name"), c_shop = s.col("shop_id"),
            c_brand = s.col("brand"), c_type = s.col("machine_type"), c_serial = s.col("serial_no"),
            c_fw = s.col("firmware_version"), c_status = s.col("status"),
            c_online = s.col("online_status"), c_install = s.col("install_time"),
            c_last_online = s.col("last_online_time"), c_maint = s.col("last_maintenance_time");
  std::vector<int> position(world.sales.stores.size(), 0);
  for (size_t i = 0; i < ops.devices.size(); ++i) {
    const Device& d = ops.devices[i];
    const Store& store = world.sales.stores[d.store];
    const MachineType& type = ops.machine_types[d.machine_type];
    const bool offline = d.offline_since < end;
    const Timestamp last_online = offline ? d.offline_since : end + -rng.range(5, 90);
    cc.set(s, d.device_id, "LKUS", d.install_time, last_online);
    s.set_text(c_no, d.device_no);
    s.set_text(c_name, store.shop_no + " " + type.code.substr(4) + " #" + std::to_string(++position[d.store]));
    s.set_int(c_shop, store.shop_id);
    s.set_text(c_brand, "Schaerer");
    s.set_text(c_type, type.code);
    char serial[32];
    std::snprintf(serial, sizeof serial, "SCH%02d%07llu", d.machine_type + 10,
                  static_cast<unsigned long long>(hash64(d.device_no) % 10000000));
    s.set_text(c_serial, serial);
    s.set_text(c_fw, d.install_time.seconds < end.seconds - 86400 * 120 ? "4.1.8" : "4.2.3");
    s.set_int(c_status, offline ? (i % 2 ? 3 : 2) : 1);
    s.set_int(c_online, offline ? 0 : 1);
    s.set_text(c_install, d.install_time.str());
    s.set_text(c_last_online, last_online.str());
    if (last_maintenance[i].seconds > 0) s.set_text(c_maint, last_maintenance[i].str());
    s.end_row();
    if (offline) {
      ctx.truth.add_id("device_offline", d.device_id);
      ctx.truth.add_item("device_offline", {{"device_id", d.device_id}, {"device_no", d.device_no},
                                            {"shop_id", store.shop_id},
                                            {"offline_since", d.offline_since.str()}});
    }
    if (d.outage_from < end) {
      ctx.truth.add_id("device_outage", d.device_id);
      ctx.truth.add_item("device_outage", {{"device_id", d.device_id}, {"device_no", d.device_no},
                                           {"shop_id", store.shop_id}, {"from", d.outage_from.str()},
                                           {"to", d.outage_to.str()},
                                           {"hours", std::round((d.outage_to - d.outage_from) / 36.0) / 100}});
    }
    if (d.degrade_factor > 1.0) {
      ctx.truth.add_id("device_degraded", d.device_id);
      ctx.truth.add_item("device_degraded",
                         {{"device_id", d.device_id}, {"device_no", d.device_no},
                          {"shop_id", store.shop_id},
                          {"start_date", new_york_date(d.degraded_from).str()},
                          {"brew_time_factor", std::round(d.degrade_factor * 100) / 100},
                          {"velocity_drop_pct", std::round((1 - 1 / d.degrade_factor) * 100)}});
    }
  }

  RowSink& f = ctx.out.sink("luckyus_iot_platform", "t_coffee_formula");
  const CommonColumns fc(f);
  const int f_no = f.col("formula_no"), f_name = f.col("formula_name"), f_com = f.col("commodity_id"),
            f_type = f.col("machine_type"), f_size = f.col("cup_size"), f_temp = f.col("temperature"),
            f_steps = f.col("step_count"), f_params = f.col("params"), f_version = f.col("version"),
            f_status = f.col("status");
  const Timestamp created = at_local(world.start - 20, 10);
  for (const MachineFormula& x : ops.formulas) {
    const Product& p = world.sales.products[x.product];
    const Timestamp t = created + x.formula_id * 600 + (x.version - 1) * 86400 * 90;
    fc.set(f, x.formula_id, "LKUS", t, t);
    f.set_text(f_no, x.formula_no);
    static const char* kSizes[] = {"", "small", "medium", "large"};
    f.set_text(f_name, p.name + (x.temperature == 2 ? " iced " : " hot ") + kSizes[x.cup_size]);
    f.set_int(f_com, p.commodity_id);
    f.set_text(f_type, ops.machine_types[x.machine_type].code);
    f.set_int(f_size, x.cup_size);
    f.set_int(f_temp, x.temperature);
    f.set_int(f_steps, x.step_count);
    const double k = x.cup_size == 1 ? 0.8 : x.cup_size == 3 ? 1.25 : 1.0;
    const uint64_t h = hash64(p.name);
    nlohmann::json params = {{"shots", x.cup_size == 3 ? 3 : 2},
                             {"coffee_g", std::round(18 * k)},
                             {"water_ml", std::round((x.temperature == 2 ? 60 : 90) * k)},
                             {"milk_ml", std::round((h % 3 ? 190 : 0) * k)},
                             {"foam_level", x.temperature == 2 ? 0 : static_cast<int>(h % 4)}};
    f.set_text(f_params, params.dump());
    f.set_int(f_version, x.version);
    f.set_int(f_status, x.status);
    f.end_row();
  }
}

}  // namespace luckyhub::sim::ops
