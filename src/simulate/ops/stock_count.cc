// StockLedger's weekly count. Stores count their stock over the weekend,
// when orders are under half a weekday's: on Saturday night the back room
// (ambient goods, packaging, cleaning supplies), on Sunday night the
// fridges, freezers and the bar (chilled and frozen goods, food). Every
// labelled unit on hand is scanned and its count booked as an adjust row
// (change_type 4) against the unit: sealed units count exactly (change_qty
// 0); the opened unit of a goods is weighed or counted by hand and is off by
// a few percent now and then. The rows keep the before/after chain: each
// starts from the book quantity the previous movement left.
#include "simulate/ops/stock_ledger.h"

namespace luckyhub::sim::ops {

bool StockLedger::counted_on(int g, Date day) const {
  const int weekday = day.weekday();
  if (weekday < 5) return false;
  const bool back_room = ops_.goods[ops_.stocked_goods[g]].storage_type == 1;
  return back_room == (weekday == 5);
}

void StockLedger::count_units(int store, int g, Timestamp t, Date day) {
  Position& p = pos(store, g);
  if (p.batches.empty()) return;
  const std::string ref = stock_ticket("STK", day, world_.sales.stores[store].shop_id);
  for (size_t i = 0; i < p.batches.size(); ++i) {
    Batch& b = p.batches[i];
    // The oldest unit is the one in use; |diff| < its quantity.
    const int64_t diff = i == 0 && rng_.chance(0.3) ? std::llround(b.qty * rng_.uniform(-0.04, 0.025)) : 0;
    change(store, g, 4, diff, t, ref);
    if (diff != 0) b.qty += diff, b.last_change = t;
  }
}

}  // namespace luckyhub::sim::ops
