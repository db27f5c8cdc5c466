// Store inventory as orders stream past: every movement of a goods at a shop
// goes to t_shop_goods_stock_change_<weekday of biz_date> with the shop's
// on-hand before and after (exact, in milli-units), and batches (one per
// labelled unit received) become t_shop_goods_stock rows at the end.
//
// Movements: consumption of each paid order's recipe lines and packaging
// (ref_no = order_no) and of daily consumables; receipts on each goods'
// delivery cycle up to (cycle + safety days) x the shop's smoothed demand
// (ref_no = a supplier shipment); write-off of expired perishable batches;
// the weekend's count of every unit (one adjust row per unit, stock_count.cc);
// occasional transfers between shops and returns to suppliers. Row ids are one sequence across the seven tables,
// so an id names one row of the family.
//
// Planted: stock-outs building at as-of (stockout_risk: deliveries stop for
// a few shop x goods in the last week) and consumption anomalies
// (consumption_anomaly: data-entry spikes, theft, waste spikes).
#pragma once

#include <array>
#include <deque>

#include "simulate/ops/ops_internal.h"
#include "simulate/order_event.h"

namespace luckyhub::sim::ops {

// A movement's ref_no made up of a prefix, its day and a number ("STK20260207" + 5 digits).
std::string stock_ticket(const char* prefix, Date day, int64_t n);

class StockLedger {
 public:
  explicit StockLedger(SimContext& ctx);
  void on_order(const OrderEvent& order);
  void on_day_end(Date day);
  void finish();

 private:
  struct Batch {
    int64_t qty = 0, received_qty = 0;
    int32_t received_day = 0, production_day = 0, expire_day = INT32_MAX;
    int32_t seq = 0;
    Timestamp received_at, last_change;
  };
  struct ClosedBatch {
    int16_t store;
    int16_t goods;  // stocked index
    int8_t status;  // 2 used up, 3 expired
    Batch batch;
  };
  struct Position {
    int64_t on_hand = 0;
    std::deque<Batch> batches;  // oldest first
    double demand = 0;  // smoothed daily consumption, milli-units
    int32_t next_delivery = 0;
    int64_t today = 0;  // consumption today, excluding anomalies
    bool started = false;
    int32_t suppress_from = INT32_MAX;  // planted stock-out: no deliveries from
  };
  struct Anomaly {
    int store, goods;  // goods: stocked index
    Date day;
    int kind;  // 0 data entry, 1 theft, 2 waste spike
  };

  Position& pos(int store, int g) { return positions_[store * stocked_ + g]; }
  void ensure_day(Date day);
  void start_of_day(Date day);
  void end_of_day(Date day);
  bool is_open(int store, Date day) const;
  // Writes one movement; returns its row id.
  int64_t change(int store, int g, int type, int64_t qty, Timestamp t, const std::string& ref);
  void transfer(int from, int to, int g, int64_t qty, Timestamp t);
  void receive(int store, int g, int64_t qty, Timestamp t, Date day);
  void take_from_batches(Position& p, int64_t qty, Timestamp t, int store, int g, int status);
  void consume(int store, int g, int64_t qty, Timestamp t, const std::string& ref);
  // stock_count.cc: the weekend's count of every labelled unit.
  bool counted_on(int g, Date day) const;
  void count_units(int store, int g, Timestamp t, Date day);
  int64_t pack(int g) const;
  int64_t unit_size(int g) const;
  int cycle_days(int g) const;
  double safety_days(int g) const;
  void plant(SimContext& ctx);

  SimContext& ctx_;
  const World& world_;
  OpsWorld& ops_;
  Rng rng_;
  int stocked_;
  std::vector<Position> positions_;
  std::vector<int> ledger_store_;  // store -> store whose shop holds its stock
  std::vector<double> initial_demand_;  // per store x stocked goods
  std::array<RowSink*, 7> sinks_{};
  int c_shop_, c_goods_, c_type_, c_qty_, c_before_, c_after_, c_date_, c_ref_;
  int c_id_, c_tenant_, c_create_, c_update_;
  int64_t change_id_ = 0;
  int32_t batch_seq_ = 0;
  Date day_;
  bool day_closed_ = true;
  std::vector<int> orders_today_;
  std::vector<std::string> last_order_;
  std::vector<Anomaly> anomalies_;
  std::vector<ClosedBatch> closed_;
};

}  // namespace luckyhub::sim::ops
