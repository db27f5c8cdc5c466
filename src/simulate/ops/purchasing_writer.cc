// Writes the planned procurement (purchasing.cc) once the stores' receipts
// are known: t_purchase_order, t_purchase_order_item, t_ship_order,
// t_supplier_settlement, and the supplier anomalies in the manifest.
//
// A PO line orders what the stores received of that goods until the
// supplier's next PO (x 1.05, whole purchase units). Prices follow the
// goods' base price and the supplier's price index (flat within ±1% except
// for the planted rising supplier). Every line of a fully received PO is
// received in full, except at the planted short-shipping supplier
// (supplier_short_shipment), whose received POs each have lines short.
#include <algorithm>
#include <cmath>
#include <map>

#include "simulate/ops/ops_internal.h"

namespace luckyhub::sim::ops {
namespace {

constexpr double kSettlementsPerOrder = 1363.0 / 694;  // calibration.md: 1,363 settlements

// An invoice received from a supplier: for one shipment (ship_no) or, for
// suppliers that invoice per order, for a fully received PO.
struct Invoice {
  size_t po;                    // index into OpsWorld::purchase_orders
  const std::string* ship_no;   // null: the whole PO
  int64_t amount_cents;
  Date arrival;
  Timestamp received;
};

// t_supplier_settlement: 1,363 x scale of the invoices received by as-of
// (x POs / 694 where a small run has more POs); the latest others are still
// being matched against their receipts and have no settlement yet. Paid
// around the due date.
void write_settlements(SimContext& ctx, const std::vector<Invoice>& invoices, Rng& rng) {
  const OpsWorld& ops = ctx.world.ops;
  const Date end = ctx.world.end;
  const auto target = static_cast<size_t>(
      std::llround(static_cast<double>(ops.purchase_orders.size()) * kSettlementsPerOrder));
  std::vector<size_t> latest(invoices.size());
  for (size_t i = 0; i < latest.size(); ++i) latest[i] = i;
  std::stable_sort(latest.begin(), latest.end(),
                   [&](size_t a, size_t b) { return invoices[a].received > invoices[b].received; });
  std::vector<char> settled(invoices.size(), 1);
  for (size_t k = 0; k + target < invoices.size(); ++k) settled[latest[k]] = 0;
  // Fewer invoices than settlements (the split of POs into shipments is
  // random): the largest invoices are paid in two installments, two weeks apart.
  std::vector<int> installments(invoices.size(), 1);
  if (target > invoices.size()) {
    std::vector<size_t> largest(invoices.size());
    for (size_t i = 0; i < largest.size(); ++i) largest[i] = i;
    std::stable_sort(largest.begin(), largest.end(),
                     [&](size_t a, size_t b) { return invoices[a].amount_cents > invoices[b].amount_cents; });
    for (size_t k = 0; k < largest.size() && k < target - invoices.size(); ++k) installments[largest[k]] = 2;
  }
  RowSink& out = ctx.out.sink("luckyus_scm_purchase", "t_supplier_settlement");
  const CommonColumns tc(out);
  int64_t id = 0;
  for (size_t i = 0; i < invoices.size(); ++i) {
    if (!settled[i]) continue;
    const Invoice& inv = invoices[i];
    const PlannedPurchaseOrder& po = ops.purchase_orders[inv.po];
    const Supplier& sup = ops.suppliers[po.supplier];
    char invoice_no[32];
    std::snprintf(invoice_no, sizeof invoice_no, "INV-%s-%05lld", sup.supplier_no.c_str(), static_cast<long long>(id + 1));
    for (int part = 0; part < installments[i]; ++part) {
      const int64_t amount = installments[i] == 1 ? inv.amount_cents
                             : part == 0          ? inv.amount_cents / 2
                                                  : inv.amount_cents - inv.amount_cents / 2;
      const Date due = inv.arrival + sup.payment_term_days + 14 * part;
      const Date paid = due - static_cast<int>(rng.range(0, 4)) + (rng.chance(0.1) ? static_cast<int>(rng.range(3, 12)) : 0);
      const bool is_paid = paid < end;
      tc.set(out, ++id, "LKUS", inv.received, is_paid ? at_local(paid, 14) : inv.received);
      char no[32];
      std::snprintf(no, sizeof no, "ST%08lld", static_cast<long long>(id));
      out.set_text(out.col("settlement_no"), no);
      out.set_int(out.col("supplier_id"), sup.supplier_id);
      out.set_int(out.col("po_id"), static_cast<int64_t>(inv.po) + 1);
      out.set_text(out.col("po_no"), po.po_no);
      if (inv.ship_no) out.set_text(out.col("ship_no"), *inv.ship_no);
      out.set_text(out.col("invoice_no"), invoice_no);
      out.set_int(out.col("amount"), amount);
      out.set_text(out.col("currency_code"), "USD");
      out.set_text(out.col("due_date"), due.str());
      if (is_paid) out.set_text(out.col("paid_date"), paid.str());
      out.set_int(out.col("status"), is_paid ? 30 : (end - inv.arrival > 5 ? 20 : 10));
      out.end_row();
    }
  }
}

// The planted short shipper: of the suppliers neither late nor rising, the
// one with the most fully received POs (the lowest index on a tie); -1 when
// none has one.
int short_supplier(const OpsWorld& ops) {
  std::vector<int> received(ops.suppliers.size(), 0);
  for (const PlannedPurchaseOrder& po : ops.purchase_orders) {
    if (po.cancelled || po.shipments.empty() || po.supplier == ops.late_supplier ||
        po.supplier == ops.price_rising_supplier)
      continue;
    bool all = true;
    for (const PlannedShipment& sh : po.shipments) all = all && sh.arrival.days != INT32_MAX;
    received[po.supplier] += all ? 1 : 0;
  }
  const auto best = std::max_element(received.begin(), received.end());
  return best == received.end() || *best == 0 ? -1 : static_cast<int>(best - received.begin());
}

// The share of each line the short shipper delivers on a received PO: its
// first line and about a third of the others 80-95%, the rest in full.
std::vector<double> short_fills(size_t lines, Rng& rng) {
  std::vector<double> fill(lines, 1.0);
  for (size_t i = 0; i < lines; ++i)
    if (i == 0 || rng.chance(0.35)) fill[i] = rng.uniform(0.80, 0.95);
  return fill;
}

}  // namespace

void write_purchasing(SimContext& ctx) {
  const OpsWorld& ops = ctx.world.ops;
  const World& world = ctx.world;
  const OpsHistory& h = ops.history;
  Rng rng = ctx.rng("ops/purchasing-amounts");
  ctx.truth.describe("supplier_late", "luckyus_scm_purchase.t_supplier",
                     "unreliable supplier: most shipments arrive after the PO's expected_arrival_date");
  ctx.truth.describe("supplier_price_increase", "luckyus_scm_purchase.t_supplier",
                     "supplier whose unit prices rise month on month");
  ctx.truth.describe("delivery_overdue", "luckyus_scm_purchase.t_ship_order",
                     "shipments promised before as-of that have not arrived");
  ctx.truth.describe("supplier_short_shipment", "luckyus_scm_purchase.t_supplier",
                     "supplier whose fully received purchase orders each have lines received short of the quantity ordered");
  if (ops.purchase_orders.empty()) return;
  const int shorting = short_supplier(ops);
  Rng short_rng = ctx.rng("ops/purchasing-short");
  int64_t short_orders = 0, short_lines = 0, short_ordered = 0, short_received = 0;

  RowSink& po_sink = ctx.out.sink("luckyus_scm_purchase", "t_purchase_order");
  RowSink& item_sink = ctx.out.sink("luckyus_scm_purchase", "t_purchase_order_item");
  RowSink& ship_sink = ctx.out.sink("luckyus_scm_purchase", "t_ship_order");
  const CommonColumns pc(po_sink), ic(item_sink), sc(ship_sink);

  // Each supplier's next order date, for the period a PO covers.
  std::map<int, std::vector<Date>> dates;
  for (const auto& po : ops.purchase_orders) dates[po.supplier].push_back(po.order_date);
  const Date first_po = ops.purchase_orders.front().order_date;

  int64_t item_id = 0, ship_id = 0;
  std::vector<Invoice> invoices;
  int late_total = 0, late_count = 0;
  double late_days = 0;
  double first_price_index = 0, last_price_index = 0;
  for (size_t pi = 0; pi < ops.purchase_orders.size(); ++pi) {
    const PlannedPurchaseOrder& po = ops.purchase_orders[pi];
    const Supplier& sup = ops.suppliers[po.supplier];
    const int64_t po_id = static_cast<int64_t>(pi) + 1;
    const auto& own = dates[po.supplier];
    const auto next_it = std::upper_bound(own.begin(), own.end(), po.order_date);
    const Date next = next_it == own.end() ? po.order_date + 30 : *next_it;
    const double months = (po.order_date - first_po) / 30.4;
    const double index = sup.price_growth_per_month > 0 ? std::pow(1 + sup.price_growth_per_month, months)
                                                        : 1.0 + rng.uniform(-0.01, 0.01);
    if (static_cast<int>(po.supplier) == ops.price_rising_supplier) {
      if (first_price_index == 0) first_price_index = index;
      last_price_index = index;
    }
    // Shipments: each carries a share of every line.
    std::vector<double> shares(po.shipments.size(), 0.0);
    double arrived_share = 0;
    for (size_t k = 0; k < shares.size(); ++k) {
      shares[k] = 1.0 / static_cast<double>(shares.size());
      if (po.shipments[k].arrival.days != INT32_MAX) arrived_share += shares[k];
    }
    const Timestamp created = at_local(po.order_date, rng.uniform(9, 17));
    const bool short_po = static_cast<int>(po.supplier) == shorting && !po.shipments.empty() && arrived_share > 0.999;
    const std::vector<double> fill = short_po ? short_fills(po.goods.size(), short_rng) : std::vector<double>(po.goods.size(), 1.0);
    int64_t total_cents = 0, total_milli = 0, shipped_milli = 0;
    for (size_t gi = 0; gi < po.goods.size(); ++gi) {
      const int g = po.goods[gi];
      const Goods& x = ops.goods[g];
      int64_t units = 0;
      if (x.stocked && h.days > 0) {
        int from = std::clamp(po.order_date - world.start, 0, h.days - 1);
        int to = std::clamp(next - world.start, from + 1, h.days);
        if (to - from < 7) to = std::min(h.days, from + 7);
        int64_t milli = 0;
        for (int d = from; d < to; ++d) milli += h.received_by_goods_day[static_cast<size_t>(x.stocked_index) * h.days + d];
        units = static_cast<int64_t>(std::ceil(milli * 1.05 / static_cast<double>(x.unit_ratio_milli)));
      }
      if (units <= 0) units = rng.range(1, 8);
      const int64_t price = std::max<int64_t>(1, std::llround(x.price_cents * index * (1 + rng.normal(0, 0.004))));
      const int64_t amount = units * price;
      total_cents += amount;
      total_milli += units * kMilli;
      ic.set(item_sink, ++item_id, "LKUS", created, created);
      item_sink.set_int(item_sink.col("po_id"), po_id);
      item_sink.set_text(item_sink.col("po_no"), po.po_no);
      item_sink.set_int(item_sink.col("goods_id"), x.goods_id);
      item_sink.set_text(item_sink.col("goods_name"), x.name);
      item_sink.set_text(item_sink.col("purchase_unit"), x.purchase_unit);
      item_sink.set_int(item_sink.col("quantity"), units * kMilli);
      item_sink.set_int(item_sink.col("unit_price"), price);
      item_sink.set_int(item_sink.col("amount"), amount);
      const int64_t received = std::llround(units * kMilli * arrived_share * fill[gi]);
      item_sink.set_int(item_sink.col("received_qty"), received);
      item_sink.end_row();
      shipped_milli += std::llround(units * kMilli * fill[gi]);
      if (short_po) short_ordered += units * kMilli, short_received += received, short_lines += fill[gi] < 1 ? 1 : 0;
    }
    short_orders += short_po ? 1 : 0;
    int status = 30;
    if (po.cancelled) status = 60;
    else if (po.shipments.empty()) status = 20;
    else if (arrived_share > 0.999) status = 50;
    else if (arrived_share > 0) status = 40;
    Date last_arrival = po.order_date;
    for (const auto& sh : po.shipments)
      if (sh.arrival.days != INT32_MAX) last_arrival = std::max(last_arrival, sh.arrival);
    pc.set(po_sink, po_id, "LKUS", created, status >= 40 ? at_local(last_arrival, 11) : created);
    po_sink.set_text(po_sink.col("po_no"), po.po_no);
    po_sink.set_int(po_sink.col("supplier_id"), sup.supplier_id);
    po_sink.set_int(po_sink.col("warehouse_id"), po.warehouse_id);
    po_sink.set_text(po_sink.col("order_date"), po.order_date.str());
    po_sink.set_text(po_sink.col("expected_arrival_date"), po.expected_arrival.str());
    po_sink.set_int(po_sink.col("total_amount"), total_cents);
    po_sink.set_text(po_sink.col("currency_code"), "USD");
    po_sink.set_int(po_sink.col("status"), status);
    po_sink.end_row();

    // The supplier invoices a day or three after the goods arrived.
    auto invoice = [&](const std::string* ship_no, int64_t amount, Date arrival) {
      const Timestamp t = at_local(arrival + static_cast<int>(rng.range(1, 3)), 10);
      if (new_york_date(t) < world.end) invoices.push_back({pi, ship_no, amount, arrival, t});
    };
    for (size_t k = 0; k < po.shipments.size(); ++k) {
      const PlannedShipment& sh = po.shipments[k];
      const bool arrived = sh.arrival.days != INT32_MAX;
      const int64_t id = ++ship_id;
      const Timestamp t = at_local(sh.ship_date, rng.uniform(8, 16));
      sc.set(ship_sink, id, "LKUS", t, arrived ? at_local(sh.arrival, 10) : t);
      ship_sink.set_text(ship_sink.col("ship_no"), sh.ship_no);
      ship_sink.set_int(ship_sink.col("po_id"), po_id);
      ship_sink.set_text(ship_sink.col("po_no"), po.po_no);
      ship_sink.set_int(ship_sink.col("supplier_id"), sup.supplier_id);
      ship_sink.set_int(ship_sink.col("quantity"), std::llround((short_po ? shipped_milli : total_milli) * shares[k]));
      static const char* kCarriers[] = {"Tri-State Cold Chain", "UPS Freight", "FedEx Freight", "Own fleet"};
      ship_sink.set_text(ship_sink.col("carrier"), kCarriers[(po.supplier + k) % 4]);
      ship_sink.set_text(ship_sink.col("tracking_no"), "TRK" + std::to_string(hash64(sh.ship_no) % 1000000000000ULL));
      ship_sink.set_text(ship_sink.col("ship_date"), sh.ship_date.str());
      ship_sink.set_text(ship_sink.col("expected_arrival_date"), sh.expected_arrival.str());
      if (arrived) ship_sink.set_text(ship_sink.col("arrival_date"), sh.arrival.str());
      ship_sink.set_int(ship_sink.col("status"), arrived ? (world.end - sh.arrival > 1 ? 40 : 30)
                                                         : (sh.ship_date < world.end ? 20 : 10));
      ship_sink.end_row();
      if (po.supplier == ops.late_supplier && arrived) {
        ++late_total;
        if (sh.arrival > po.expected_arrival) ++late_count, late_days += sh.arrival - po.expected_arrival;
      }
      if (sh.overdue) {
        ctx.truth.add_id("delivery_overdue", id);
        ctx.truth.add_item("delivery_overdue", {{"ship_id", id}, {"ship_no", sh.ship_no}, {"po_no", po.po_no},
                                                {"supplier_id", sup.supplier_id},
                                                {"expected_arrival_date", sh.expected_arrival.str()},
                                                {"days_overdue", world.end - 1 - sh.expected_arrival}});
      }
      if (arrived && sup.per_shipment_settlement) invoice(&sh.ship_no, std::llround(total_cents * shares[k]), sh.arrival);
    }
    if (!sup.per_shipment_settlement && status == 50) invoice(nullptr, total_cents, last_arrival);
  }
  write_settlements(ctx, invoices, rng);

  const Supplier& late = ops.suppliers[ops.late_supplier];
  ctx.truth.add_id("supplier_late", late.supplier_id);
  ctx.truth.add_item("supplier_late", {{"supplier_id", late.supplier_id}, {"supplier_no", late.supplier_no},
                                       {"arrived_shipments", late_total},
                                       {"on_time_rate", late_total ? std::round(100.0 * (late_total - late_count) / late_total) / 100 : 0.0},
                                       {"avg_delay_days_when_late", late_count ? std::round(10 * late_days / late_count) / 10 : 0.0}});
  if (shorting >= 0) {
    const Supplier& sup = ops.suppliers[shorting];
    ctx.truth.add_id("supplier_short_shipment", sup.supplier_id);
    ctx.truth.add_item("supplier_short_shipment",
                       {{"supplier_id", sup.supplier_id}, {"supplier_no", sup.supplier_no},
                        {"received_orders", short_orders}, {"short_lines", short_lines},
                        {"fill_rate", short_ordered ? std::round(1000.0 * short_received / short_ordered) / 1000 : 0.0}});
  }
  const Supplier& rising = ops.suppliers[ops.price_rising_supplier];
  ctx.truth.add_id("supplier_price_increase", rising.supplier_id);
  ctx.truth.add_item("supplier_price_increase",
                     {{"supplier_id", rising.supplier_id}, {"supplier_no", rising.supplier_no},
                      {"monthly_increase_pct", rising.price_growth_per_month * 100},
                      {"increase_pct_first_to_last_po",
                       first_price_index > 0 ? std::round((last_price_index / first_price_index - 1) * 1000) / 10 : 0.0}});
}

}  // namespace luckyhub::sim::ops
