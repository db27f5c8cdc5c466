#include "simulate/ops/production.h"

#include <algorithm>
#include <cstdio>

namespace luckyhub::sim::ops {
namespace {

constexpr double kMeanProductionSeconds = 217.9;
// Tickets per paid order (502K / 487.5K paid orders): the rest are remakes.
constexpr double kRemakeRate = 502.0 / 487.497 - 1.0;
// Item rows per paid order (567K / 487.5K): a remake's cup is an item of its
// own only while the items stay under this.
constexpr double kItemsPerPaidOrder = 567.0 / 487.497;
// Brew rows per item row (587K / 567K).
constexpr double kBrewsPerItem = 587.0 / 567.0;
constexpr double kOutlierRate = 0.0007;
constexpr int64_t kNormalCapSeconds = 25 * 60;
// Recipe complexity: a cup's making time scales with its recipe's steps
// (t_formula_spu lines), 1.0 at four steps.
constexpr double kStepBase = 0.7, kSecondsPerStep = 0.075;
// Planted slow spots: store-hours (New York) where every ticket takes this
// much longer (a short-staffed shift), found by the production-time tool.
constexpr int kSlowSpots = 2;
constexpr double kSlowSpotFactor = 1.8;
const int kSlowSpotHours[] = {10, 11, 15, 16};
constexpr int kSlowSpotMinDays = 180;
// Planted incidents (machine breakdowns): stores whose tickets with items take
// 35 to 70 minutes, items too, for kIncidentSeconds from a day and hour of
// their own (and on until kIncidentMinTickets, at small scales).
constexpr int kIncidents = 2;
constexpr int64_t kIncidentSeconds = 90 * 60;
constexpr size_t kIncidentMinTickets = 3;
constexpr int kIncidentHours[] = {9, 14};
// Planted slow-cup device: its cups' making time (item start -> done) this
// many times the usual; a brewer of a store with others, installed at least
// kSlowCupMinDays before as-of and planted with nothing else.
constexpr double kSlowCupFactor = 2.5;
constexpr int kSlowCupMinDays = 150;

std::string numbered(const char* prefix, int64_t n) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%s%012lld", prefix, static_cast<long long>(n));
  return buf;
}

}  // namespace

ProductionRecorder::ProductionRecorder(SimContext& ctx)
    : ctx_(ctx),
      world_(ctx.world),
      ops_(ctx.world.ops),
      rng_(ctx.rng("ops/production")),
      production_(ctx.out.sink("luckyus_opproduction", "t_production")),
      commodity_(ctx.out.sink("luckyus_opproduction", "t_commodity")),
      cups_(ctx.out.sink("luckyus_iot_platform", "t_cup_order_info")),
      pc_(production_),
      cc_(commodity_),
      uc_(cups_),
      recent_(ctx.world.sales.stores.size()),
      incident_rng_(ctx.rng("ops/production-incident-times")) {
  RowSink& p = production_;
  p_no_ = p.col("production_no"), p_order_ = p.col("order_no"), p_shop_ = p.col("shop_id");
  p_cups_ = p.col("cup_count"), p_status_ = p.col("status"), p_accept_ = p.col("accept_time");
  p_start_ = p.col("start_time"), p_done_ = p.col("done_time"), p_pickup_ = p.col("pickup_time");
  RowSink& c = commodity_;
  c_prod_ = c.col("production_id"), c_order_ = c.col("order_no"), c_shop_ = c.col("shop_id");
  c_com_ = c.col("commodity_id"), c_name_ = c.col("commodity_name"), c_size_ = c.col("cup_size");
  c_temp_ = c.col("temperature"), c_dev_ = c.col("device_no"), c_status_ = c.col("status");
  c_start_ = c.col("start_time"), c_done_ = c.col("done_time");
  RowSink& u = cups_;
  u_dev_ = u.col("device_no"), u_shop_ = u.col("shop_id"), u_order_ = u.col("order_no");
  u_com_ = u.col("commodity_id"), u_formula_ = u.col("formula_id"), u_status_ = u.col("status");
  u_error_ = u.col("error_code"), u_start_ = u.col("start_time"), u_end_ = u.col("end_time");
  plant_slow_spots(ctx);
  plant_incidents(ctx);
  plant_slow_cup_device(ctx);
  ctx.truth.describe("production_outlier", "luckyus_opproduction.t_production",
                     "production tickets over 30 minutes, every one: left open (up to ~2.7 h, the items "
                     "done in time: a data error) or a production_incident's (items over 30 min too)");
}

// Two production stores open half a year or more, each with an hour of its own of day outside the rushes where
// its tickets are kSlowSpotFactor slower; a stream of their own, so that the
// rest of the data draws the same numbers.
void ProductionRecorder::plant_slow_spots(SimContext& ctx) {
  ctx.truth.describe("production_slow_spot", "luckyus_opproduction.t_production",
                     "store-hours (New York hour of accept_time) where every ticket is slower by "
                     "`factor`: a short-staffed shift");
  slow_hour_.assign(world_.sales.stores.size(), -1);
  // Stores open half a year or more: enough tickets at any scale to tell.
  std::vector<int> stores = production_stores(world_);
  std::erase_if(stores, [&](int s) { return world_.end - world_.sales.stores[s].opened < kSlowSpotMinDays; });
  std::vector<int> hours(std::begin(kSlowSpotHours), std::end(kSlowSpotHours));
  Rng rng = ctx.rng("ops/production-slow-spots");
  for (int k = 0; k < kSlowSpots && !stores.empty() && !hours.empty(); ++k) {
    const size_t pick = static_cast<size_t>(rng.range(0, static_cast<int64_t>(stores.size()) - 1));
    const int store = stores[pick];
    stores.erase(stores.begin() + static_cast<std::ptrdiff_t>(pick));
    const size_t at = static_cast<size_t>(rng.range(0, static_cast<int64_t>(hours.size()) - 1));
    slow_hour_[store] = hours[at];
    hours.erase(hours.begin() + static_cast<std::ptrdiff_t>(at));  // each spot its own hour
    ctx.truth.add_item("production_slow_spot", {{"shop_id", world_.sales.stores[store].shop_id},
                                                {"hour", slow_hour_[store]},
                                                {"factor", kSlowSpotFactor}});
  }
}

// kIncidents production stores other than the slow spots', each from a day in
// the middle of the data at an hour of kIncidentHours; a stream of its own.
void ProductionRecorder::plant_incidents(SimContext& ctx) {
  ctx.truth.describe("production_incident", "luckyus_opproduction.t_production",
                     "machine breakdowns: a store's tickets with items accepted in the 90 minutes from `from` "
                     "(UTC; on until 3 of them) took 35 to 70 minutes, their items too (`ids`): operational "
                     "incidents, every ticket an outlier over 30 min");
  std::vector<int> stores = production_stores(world_);
  std::erase_if(stores, [&](int s) { return slow_hour_[s] >= 0 || world_.sales.stores[s].test_store; });
  Rng rng = ctx.rng("ops/production-incidents");
  const int64_t days = world_.end - world_.start;
  for (int k = 0; k < kIncidents && !stores.empty() && days > 60; ++k) {
    const size_t pick = static_cast<size_t>(rng.range(0, static_cast<int64_t>(stores.size()) - 1));
    const int store = stores[pick];
    stores.erase(stores.begin() + static_cast<std::ptrdiff_t>(pick));
    const Date opened = std::max(world_.start, world_.sales.stores[store].opened);
    const int64_t span = world_.end - opened;
    if (span < 60) continue;
    const Date day = opened + static_cast<int>(rng.range(span / 3, 2 * span / 3));
    incidents_.push_back({store, new_york_to_utc(day, kIncidentHours[k % 2], 0, 0), {}});
  }
}

// A brewer of the production store with the most demand among those with
// three brewers or more, not degraded, offline or out, installed long
// enough; a stream of its own.
void ProductionRecorder::plant_slow_cup_device(SimContext& ctx) {
  ctx.truth.describe("slow_cup_device", "luckyus_opproduction.t_commodity",
                     "a brewer whose cups (t_commodity start_time -> done_time, by device_no) take `factor` times "
                     "the usual making time while its tickets' times stay as they were");
  const Timestamp end = new_york_to_utc(world_.end, 0, 0, 0);
  int best_store = -1;
  for (int s : production_stores(world_)) {
    if (ops_.brewers_of_store[s].size() < 3) continue;
    if (best_store < 0 || world_.sales.stores[s].demand_weight > world_.sales.stores[best_store].demand_weight) best_store = s;
  }
  if (best_store < 0) return;
  std::vector<int> candidates;
  for (int i : ops_.brewers_of_store[best_store]) {
    const Device& d = ops_.devices[i];
    if (d.degrade_factor > 1.0 || d.offline_since < end || d.outage_from < end) continue;
    if (end - d.install_time < static_cast<int64_t>(kSlowCupMinDays) * 86400) continue;
    candidates.push_back(i);
  }
  if (candidates.empty()) return;
  Rng rng = ctx.rng("ops/production-slow-cups");
  slow_cup_device_ = candidates[rng.range(0, static_cast<int64_t>(candidates.size()) - 1)];
  const Device& d = ops_.devices[slow_cup_device_];
  ctx.truth.add_item("slow_cup_device", {{"device_no", d.device_no}, {"shop_id", world_.sales.stores[d.store].shop_id},
                                         {"factor", kSlowCupFactor}});
}

int64_t ProductionRecorder::incident_seconds(int store, Timestamp accept) {
  for (Incident& i : incidents_) {
    if (i.store != store || accept < i.from) continue;
    if (accept - i.from >= kIncidentSeconds && i.ids.size() >= kIncidentMinTickets) continue;
    if (i.ids.empty()) i.first = accept;
    i.last = accept;
    i.ids.push_back(production_id_ + 1);  // the ticket about to be written
    return incident_rng_.range(35 * 60, 70 * 60);
  }
  return 0;
}

// The steps of the active recipe of a cup (its product, size, temperature;
// the closest variant when that one has none), 4 when the product has none.
int ProductionRecorder::recipe_steps(const Cup& cup) const {
  if (cup.product >= static_cast<int>(ops_.recipes_of_product.size())) return 4;
  int best = -1, best_score = -1;
  for (int r : ops_.recipes_of_product[cup.product]) {
    const Recipe& x = ops_.recipes[r];
    const int score = (x.temperature == cup.temperature) * 2 + (x.cup_size == cup.cup_size);
    if (score > best_score) best = r, best_score = score;
  }
  return best < 0 ? 4 : static_cast<int>(ops_.recipes[best].lines.size());
}

int ProductionRecorder::pick_brewer(int store, Timestamp t) {
  const auto& brewers = ops_.brewers_of_store[store];
  double total = 0;
  double weights[64];
  const size_t n = std::min<size_t>(brewers.size(), 64);
  for (size_t i = 0; i < n; ++i) {
    const Device& d = ops_.devices[brewers[i]];
    double w = (d.install_time <= t && t < d.offline_since && !d.out_at(t)) ? 1.0 : 0.0;
    if (t >= d.degraded_from) w *= 0.5;  // staff avoid the slow machine
    weights[i] = w;
    total += w;
  }
  if (total <= 0) return n ? brewers[0] : -1;
  double x = rng_.uniform() * total;
  for (size_t i = 0; i < n; ++i) {
    if (x < weights[i]) return brewers[i];
    x -= weights[i];
  }
  return brewers[n - 1];
}

void ProductionRecorder::on_order(const OrderEvent& order) {
  if (!order.paid || order.lines.empty()) return;
  std::vector<Cup> cups;
  for (const OrderLine& line : order.lines) {
    const Product& p = world_.sales.products[line.product];
    int size = line.cup_size, temp = line.temperature;
    if (p.drink && size == 0) size = 2;
    if (p.drink && temp == 0) temp = p.iced ? 2 : 1;
    cups.push_back({line.product, size, temp, std::max(1, line.quantity)});
  }
  ++paid_orders_;
  const Timestamp paid = order.pay_time.seconds ? order.pay_time : order.create_time;
  const Timestamp accept = paid + rng_.range(2, 40);
  const Timestamp done = accept + write_ticket(order, cups, accept, true);
  if (rng_.chance(kRemakeRate)) {
    // A remake: one cup made again after a complaint or a mistake. Its cup
    // is a new item only while items per paid order are under the
    // calibrated ratio; otherwise (the sales family's 1.18 lines per paid
    // order at scale 1) the store re-queues the order's own item, and the
    // remake ticket books no item (cup_count 0) but its brews.
    Cup again = cups[rng_.range(0, static_cast<int64_t>(cups.size()) - 1)];
    again.quantity = 1;
    const bool new_item = static_cast<double>(commodity_rows_ + 1) <= kItemsPerPaidOrder * static_cast<double>(paid_orders_);
    write_ticket(order, {again}, done + rng_.range(120, 600), new_item);
  }
}

// Writes one ticket with its items and brews; returns its production time.
int64_t ProductionRecorder::write_ticket(const OrderEvent& order, const std::vector<Cup>& cups,
                                         Timestamp accept, bool books_items) {
  const int store = order.store;
  const int device_store = host_store(world_, store);
  const Store& shop = world_.sales.stores[store];
  auto& recent = recent_[store];
  while (!recent.empty() && accept - recent.front() > 600) recent.pop_front();
  const int queue = static_cast<int>(recent.size());
  recent.push_back(accept);

  // Raw (unsteered) times: wait in queue, then cups in two lanes.
  struct Made {
    int device;
    double seconds;
    double brew;
  };
  std::vector<Made> made;
  double longest = 0, total = 0;
  for (const Cup& cup : cups) {
    const Product& p = world_.sales.products[cup.product];
    double seconds = (p.prep_seconds > 0 ? p.prep_seconds : 200.0) *
                     (cup.cup_size == 1 ? 0.92 : cup.cup_size == 3 ? 1.1 : 1.0) *
                     (kStepBase + kSecondsPerStep * recipe_steps(cup));
    int device = -1;
    double brew = 0;
    if (p.drink) {
      device = pick_brewer(device_store, accept);
      if (device >= 0) {
        const Device& d = ops_.devices[device];
        double speed = ops_.machine_types[d.machine_type].speed;
        if (accept >= d.degraded_from) speed *= d.degrade_factor;
        seconds *= 0.55 + 0.45 * speed;
        brew = rng_.uniform(32, 52) * speed * (cup.cup_size == 3 ? 1.25 : 1.0);
      }
    } else {
      seconds *= 0.4;
    }
    made.push_back({device, seconds, brew});
    longest = std::max(longest, seconds);
    total += seconds * cup.quantity;
  }
  // Queue wait: the store's last ten minutes of tickets, and the strain of
  // the morning rush and the lunch bump (staff stretched, more drinks in
  // the making than the queue of this run's scale shows).
  const int hour = new_york_hour(accept);
  const double rush = ((hour >= 7 && hour < 10) ? 1.3 : (hour >= 12 && hour < 14) ? 1.12 : 1.0) *
                      (hour == slow_hour_[store] ? kSlowSpotFactor : 1.0);
  const double wait = (15 + 11.0 * queue + rng_.exponential(10)) * rush;
  const double raw =
      (wait + (longest + 0.45 * (total - longest)) * rush) * rng_.lognormal(-0.045, 0.3);
  ++tickets_;
  raw_sum_ += raw;

  int64_t seconds;
  const bool outlier = rng_.chance(kOutlierRate) && !shop.test_store;  // the drawn chance keeps the stream
  const int64_t incident = books_items && !outlier && !cups.empty() ? incident_seconds(store, accept) : 0;
  if (incident) {
    seconds = incident;
  } else if (outlier) {
    seconds = std::llround(std::exp(rng_.uniform(std::log(1900.0), std::log(9700.0))));
  } else {
    // Steer: the factor that brings the running mean to the target, given
    // the outliers written so far.
    const double target_total = kMeanProductionSeconds * static_cast<double>(tickets_);
    const double expected_raw = raw_sum_ / static_cast<double>(tickets_);
    // The deficit so far is made up over the next ~200 tickets.
    const double steer = std::clamp(
        kMeanProductionSeconds / expected_raw +
            (target_total - written_sum_ - kMeanProductionSeconds) / (expected_raw * 200.0),
        0.3, 3.0);
    seconds = std::clamp<int64_t>(std::llround(raw * steer), 45, kNormalCapSeconds);
  }
  written_sum_ += static_cast<double>(seconds);
  max_seconds_ = std::max(max_seconds_, seconds);

  const int64_t id = ++production_id_;
  const Timestamp done = accept + seconds;
  const int64_t wait_s = std::min<int64_t>(std::llround(wait * 0.6), seconds / 2);
  const Timestamp start = accept + wait_s;
  const Timestamp pickup = done + (order.channel == 3 ? rng_.range(120, 900)
                                                       : std::llround(rng_.exponential(240)) + 20);
  pc_.set(production_, id, order.tenant, accept, pickup);
  production_.set_text(p_no_, numbered("PR", id));
  production_.set_text(p_order_, order.order_no);
  production_.set_int(p_shop_, shop.shop_id);
  production_.set_int(p_cups_, books_items ? static_cast<int64_t>(cups.size()) : 0);
  production_.set_int(p_status_, 40);
  production_.set_text(p_accept_, accept.str());
  production_.set_text(p_start_, start.str());
  production_.set_text(p_done_, done.str());
  production_.set_text(p_pickup_, pickup.str());
  production_.end_row();
  if (outlier || incident) {
    outliers_.push_back(id);
    ctx_.truth.add_id("production_outlier", id);
  }

  // Items: spread over the making window; the last finishes at done (or,
  // for an outlier, long before the ticket was closed).
  const Timestamp work_end = outlier ? start + std::llround(total * 0.8) + 30 : done;
  const int64_t window = std::max<int64_t>(work_end - start, static_cast<int64_t>(cups.size()));
  for (size_t i = 0; i < cups.size(); ++i) {
    const Cup& cup = cups[i];
    const Product& p = world_.sales.products[cup.product];
    const Timestamp item_done =
        i + 1 == cups.size() ? work_end : start + window * static_cast<int64_t>(i + 1) / static_cast<int64_t>(cups.size() + 1);
    const bool slow_cup = made[i].device >= 0 && made[i].device == slow_cup_device_;
    const Timestamp item_start = slow_cup ? std::max(accept, item_done + -std::llround(made[i].seconds * 0.6 * kSlowCupFactor))
                                          : std::max(start, item_done + -std::llround(made[i].seconds * 0.6));
    if (books_items) {
      cc_.set(commodity_, ++commodity_id_, order.tenant, item_start, item_done);
      commodity_.set_int(c_prod_, id);
      commodity_.set_text(c_order_, order.order_no);
      commodity_.set_int(c_shop_, shop.shop_id);
      commodity_.set_int(c_com_, p.commodity_id);
      commodity_.set_text(c_name_, p.name);
      commodity_.set_int(c_size_, p.drink ? cup.cup_size : 0);
      commodity_.set_int(c_temp_, p.drink ? cup.temperature : 0);
      if (made[i].device >= 0) commodity_.set_text(c_dev_, ops_.devices[made[i].device].device_no);
      commodity_.set_int(c_status_, 30);
      commodity_.set_text(c_start_, item_start.str());
      commodity_.set_text(c_done_, item_done.str());
      commodity_.end_row();
      ++commodity_rows_;
    }
    if (made[i].device < 0) continue;
    ++drink_rows_;

    // Brews: the successful one last, failed / cancelled attempts and
    // second brew cycles before it, at the rate that keeps brews per item
    // at its calibrated ratio.
    const Device& d = ops_.devices[made[i].device];
    const int formula = find_formula(ops_, cup.product, d.machine_type, cup.cup_size, cup.temperature);
    // Extra attempts per drink line at the rate that brings brews per item
    // row to its calibrated ratio.
    const double extra_rate = std::clamp(
        (kBrewsPerItem * (commodity_rows_ + 10.0) - (success_brews_ + 9.0)) / (drink_rows_ + 9.0), 0.0, 3.0);
    int extras = static_cast<int>(extra_rate);
    if (rng_.chance(extra_rate - extras)) ++extras;
    success_brews_ += cup.quantity;
    const int64_t brew = std::max<int64_t>(10, std::llround(made[i].brew));
    Timestamp t = item_start;
    for (int k = 0; k < extras + cup.quantity; ++k) {
      const bool last = k >= extras;
      const double roll = rng_.uniform();
      const int status = last ? 1 : roll < 0.35 ? 2 : roll < 0.5 ? 3 : 1;
      const int64_t length = status == 2 ? rng_.range(3, 20) : status == 3 ? rng_.range(1, 8) : brew;
      uc_.set(cups_, ++cup_id_, order.tenant, t, t + length);
      cups_.set_text(u_dev_, d.device_no);
      cups_.set_int(u_shop_, world_.sales.stores[d.store].shop_id);
      cups_.set_text(u_order_, order.order_no);
      cups_.set_int(u_com_, p.commodity_id);
      if (formula >= 0) cups_.set_int(u_formula_, ops_.formulas[formula].formula_id);
      else cups_.set_int(u_formula_, 0);
      cups_.set_int(u_status_, status);
      if (status == 2) {
        static const char* kCodes[] = {"E101", "E205", "E310", "E402", "E501"};
        cups_.set_text(u_error_, kCodes[rng_.range(0, 4)]);
      }
      cups_.set_text(u_start_, t.str());
      if (status != 3) cups_.set_text(u_end_, (t + length).str());
      cups_.end_row();
      ++cup_rows_;
      t = t + length + rng_.range(2, 8);
    }
  }
  return seconds;
}

void ProductionRecorder::finish() {
  for (const Incident& i : incidents_) {
    nlohmann::json item = {{"shop_id", world_.sales.stores[i.store].shop_id}, {"from", i.from.str()}, {"ids", i.ids}};
    // The accept times of its first and last ticket: machines.cc logs the
    // machine fault behind it over them (incident_fault).
    if (!i.ids.empty()) item["first_ticket"] = i.first.str(), item["last_ticket"] = i.last.str();
    ctx_.truth.add_item("production_incident", std::move(item));
  }
  ctx_.truth.set_figure("production_tickets", production_id_);
  ctx_.truth.set_figure("production_mean_seconds",
                        tickets_ ? std::round(written_sum_ / static_cast<double>(tickets_) * 10) / 10 : 0);
  ctx_.truth.set_figure("production_max_seconds", max_seconds_);
  // Each brewer type's brew-time factor (lower is faster): what a machine
  // comparison should rank.
  nlohmann::json speeds = nlohmann::json::object();
  for (const MachineType& t : ops_.machine_types) {
    if (t.brewer) speeds[t.code] = t.speed;
  }
  ctx_.truth.set_figure("production_machine_speed", speeds);
}

}  // namespace luckyhub::sim::ops
