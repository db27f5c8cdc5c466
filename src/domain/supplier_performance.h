// Supplier performance: how a purchase order's deliveries are judged (on
// time, in full, OTIF), and the lead-time statistics of a set of deliveries.
// Pure functions: the suppliers tool fills the inputs from the warehouse, the
// inventory tool reads lead times through supplier_lead_times.h.
//
// An order is judged once it is due: not cancelled and promised (its
// expected_arrival_date) before as-of. A due order is
//   delivered  every one of its shipments has arrived (it has at least one)
//   on time    delivered, and its last shipment arrived on or before the promise
//   in full    delivered, and every line received at least the quantity ordered
//   OTIF       on time and in full
// so a due order still waiting for a shipment counts as neither on time nor
// in full. The rates divide by the due orders (OTIF, on time) or by the
// delivered orders (in full, fill rate).
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "core/calendar.h"

namespace luckyhub::supply {

// One order line: quantities in purchase units (any unit, the same for both).
struct OrderLine {
  double ordered = 0;
  double received = 0;
};

struct OrderDelivery {
  Date promised;                    // the PO's expected_arrival_date
  int shipments = 0;                // shipments created for it
  int arrived = 0;                  // of which arrived
  std::optional<Date> last_arrival; // the latest arrival among the arrived
  std::vector<OrderLine> lines;
};

struct OrderVerdict {
  bool due = false, delivered = false, on_time = false, in_full = false;
  bool otif() const { return on_time && in_full; }
};

// REQUIRES: cancelled orders are left out by the caller.
OrderVerdict judge(const OrderDelivery& order, Date as_of);

struct OtifCounts {
  int64_t due = 0, delivered = 0, on_time = 0, in_full = 0, otif = 0;
  double ordered = 0;        // Σ ordered over the delivered orders' lines
  double filled = 0;         // Σ min(received, ordered) over the same lines

  void add(const OrderVerdict& verdict, const OrderDelivery& order);
  // nullopt when the denominator is 0.
  std::optional<double> otif_rate() const;     // otif / due
  std::optional<double> on_time_rate() const;  // on_time / due
  std::optional<double> in_full_rate() const;  // in_full / delivered
  std::optional<double> fill_rate() const;     // filled / ordered: the order accuracy
};

// The counts over `orders` judged at `as_of`.
OtifCounts otif(const std::vector<OrderDelivery>& orders, Date as_of);

// Lead times in whole days (order date -> arrival date of each delivery).
struct LeadTimeStats {
  int64_t n = 0;
  double mean = 0;
  double stdev = 0;  // sample standard deviation (n − 1); 0 when n < 2
  int p90 = 0;       // nearest rank: the smallest value with ≥ 90% of values at or below it
  int min = 0, max = 0;
};

// nullopt for an empty set.
std::optional<LeadTimeStats> lead_time_stats(std::vector<int> days);

// The nearest-rank percentile q (0 < q ≤ 1) of `sorted` (ascending, non-empty):
// sorted[ceil(q n) − 1].
int nearest_rank(const std::vector<int>& sorted, double q);

}  // namespace luckyhub::supply
