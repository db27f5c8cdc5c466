// The suppliers analysis (Tool 17, Supply Chain): purchase orders, their
// lines, shipments and settlements of a window, turned into a scorecard per
// supplier, price trends per SKU, spend by category and month, SKUs bought
// from several suppliers and overdue deliveries. The warehouse in, plain
// structs out; the report is suppliers_report.cc.
//
// Orders are those of tenant LKUS placed in the window [from, to); they are
// judged as of `to` (supply::judge). The purchase tables are small (hundreds
// to thousands of rows at full scale): each is read whole, by name, and
// joined here, the same way on every engine.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/supplier_performance.h"
#include "tools/suppliers/suppliers_data.h"
#include "tools/window.h"
#include "warehouse/warehouse.h"

namespace luckyhub::suppliers {

// Thresholds of the flags (report parameters).
struct Thresholds {
  double late_on_time = 0.7;   // on-time rate below which a supplier is late
  double short_in_full = 0.9;  // in-full rate below which a supplier ships short
  double price_rise = 0.05;    // first-to-last unit price change from which an increase is flagged
  int64_t min_orders = 3;      // due orders a supplier needs before it is flagged late
};

// Composite score weights (sum 1): see docs/tools/suppliers.md.
constexpr double kWeightOtif = 0.4, kWeightFill = 0.2, kWeightLead = 0.2, kWeightPrice = 0.2;
// The price change at which price stability scores 0.
constexpr double kPriceStabilityScale = 0.10;

struct Scorecard {
  int64_t supplier_id = 0;
  std::string supplier_no, name, type;
  int64_t orders = 0;  // not cancelled, placed in the window
  supply::OtifCounts otif;
  std::optional<supply::LeadTimeStats> lead;
  std::optional<double> price_change;  // median over its SKUs of last / first unit price − 1
  int64_t settlements_paid = 0;
  std::optional<double> days_to_pay;   // mean days from invoice received to paid
  std::optional<double> paid_by_due;   // share of paid settlements paid by their due date
  std::optional<double> score;         // 0..100; null without a due order
  int rank = 0;                        // 1 = best; 0 when unranked
  bool late = false, short_shipper = false, price_riser = false;
  std::optional<double> lead_reliability() const;  // mean / p90 of the lead times
  std::optional<double> price_stability() const;   // 1 − |price_change| / 10%, floored at 0
};

// One SKU bought from one supplier: its unit prices over the window.
struct PriceTrend {
  int64_t supplier_id = 0, goods_id = 0;
  std::string goods_name, category;
  int64_t lines = 0;
  std::string first_date, last_date;
  int64_t first_cents = 0, last_cents = 0, min_cents = 0, max_cents = 0;
  int64_t quantity_milli = 0, amount_cents = 0;  // for the average price
  double change() const { return static_cast<double>(last_cents) / static_cast<double>(first_cents) - 1; }
  bool flagged = false;  // two or more lines and change ≥ the threshold
};

struct Overdue {
  int64_t ship_id = 0;
  std::string ship_no, po_no;
  int64_t supplier_id = 0;
  std::string expected_arrival;
  int days_overdue = 0;  // on the last day of data: (to − 1) − expected arrival
};

struct Spend {
  std::vector<std::string> months;                            // 'YYYY-MM', ascending
  std::map<std::string, std::map<std::string, int64_t>> by_category;  // category -> month -> cents
  std::map<int64_t, std::map<std::string, int64_t>> by_supplier;      // supplier -> month -> cents
};

struct Analysis {
  Window window;
  std::vector<Scorecard> suppliers;   // ranked first (by rank), then unranked by id
  std::vector<PriceTrend> prices;     // by supplier, goods
  // Price index per supplier and month: the mean over its lines of unit
  // price / the SKU's first price in the window.
  std::map<int64_t, std::map<std::string, double>> price_index;
  Spend spend;
  std::vector<Overdue> overdue;       // most overdue first
  std::map<int64_t, std::vector<int>> lead_days;  // supplier -> its deliveries' lead times, ascending
  PurchaseData data;  // the tables read (every order, not only the window's), for a supplier's page
  const Scorecard* find(int64_t supplier_id) const;
};

Analysis analyse(Warehouse& warehouse, const Window& window, const Thresholds& thresholds);

// The SKUs bought from two or more suppliers: goods id -> its trends.
std::map<int64_t, std::vector<const PriceTrend*>> shared_skus(const Analysis& analysis);

}  // namespace luckyhub::suppliers
