// In-store production of paid orders, written as orders arrive:
// t_production (one ticket per paid order, plus remake tickets),
// t_commodity (one row per order line: cups or food items of one kind; a
// remake's cup only while items per paid order are under 567K / 487.5K) and
// t_cup_order_info (one row per machine brew, including failed and
// cancelled attempts).
//
// Production time (accept_time -> done_time) = queue wait + making time.
// The making time follows the product's prep time, its recipe's steps, the
// cup size, the number of cups and the machine type's speed; the wait grows with the store's
// queue in the last ten minutes (peak hours). A running factor keeps the
// mean over all tickets at 217.9 s whatever the order mix. A few tickets are
// left open for 35 min to 2.7 h (planted: production_outlier), two
// store-hours are slower (planted: production_slow_spot), and two stores
// break down for 90 minutes: tickets whose items all take 35-70 min
// (planted: production_incident; its tickets are outliers too). One brewer
// makes its cups slowly (planted: slow_cup_device): each of its cups starts
// earlier, as early as the ticket's acceptance, for a making time
// kSlowCupFactor x the usual, while every ticket's times stay as they were —
// seen per cup (t_commodity start -> done by device_no), not per ticket.
#pragma once

#include <deque>

#include "simulate/ops/ops_internal.h"
#include "simulate/order_event.h"

namespace luckyhub::sim::ops {

class ProductionRecorder {
 public:
  explicit ProductionRecorder(SimContext& ctx);
  void on_order(const OrderEvent& order);
  void finish();

 private:
  // One order line: a t_commodity row, `quantity` cups to make.
  struct Cup {
    int product, cup_size, temperature, quantity;
  };
  // books_items: false for a remake that re-queues an item of the order's
  // first ticket (no t_commodity row, cup_count 0; the brews are written).
  int64_t write_ticket(const OrderEvent& order, const std::vector<Cup>& cups, Timestamp accept,
                       bool books_items);
  int pick_brewer(int store, Timestamp t);
  void plant_slow_spots(SimContext& ctx);
  void plant_incidents(SimContext& ctx);
  void plant_slow_cup_device(SimContext& ctx);
  // Seconds of the ticket when it falls in a planted incident (and books it
  // there), 0 when not.
  int64_t incident_seconds(int store, Timestamp accept);
  int recipe_steps(const Cup& cup) const;

  SimContext& ctx_;
  const World& world_;
  const OpsWorld& ops_;
  Rng rng_;
  RowSink &production_, &commodity_, &cups_;
  CommonColumns pc_, cc_, uc_;
  int p_no_, p_order_, p_shop_, p_cups_, p_status_, p_accept_, p_start_, p_done_, p_pickup_;
  int c_prod_, c_order_, c_shop_, c_com_, c_name_, c_size_, c_temp_, c_dev_, c_status_, c_start_,
      c_done_;
  int u_dev_, u_shop_, u_order_, u_com_, u_formula_, u_status_, u_error_, u_start_, u_end_;
  int64_t production_id_ = 0, commodity_id_ = 0, cup_id_ = 0;
  // Running sums that steer the mean production time to its target.
  double raw_sum_ = 0, written_sum_ = 0;
  int64_t tickets_ = 0;
  int64_t drink_rows_ = 0, commodity_rows_ = 0, cup_rows_ = 0, success_brews_ = 0, paid_orders_ = 0;
  std::vector<std::deque<Timestamp>> recent_;  // per store: accept times, last 10 min
  std::vector<int64_t> outliers_;
  int64_t max_seconds_ = 0;
  std::vector<int> slow_hour_;  // per store: its planted slow New York hour, -1 none
  int slow_cup_device_ = -1;    // index into OpsWorld::devices, -1 none
  // A breakdown: the store's tickets with items accepted in the 90 minutes
  // from `from` (and on until there are 3 of them, at small scales) take
  // 35-70 min; the times drawn from a stream of their own.
  struct Incident {
    int store = 0;
    Timestamp from;
    std::vector<int64_t> ids;
    Timestamp first, last;  // the accept times of its first and last ticket
  };
  std::vector<Incident> incidents_;
  Rng incident_rng_;
};

}  // namespace luckyhub::sim::ops
