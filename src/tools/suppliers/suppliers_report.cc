// The suppliers report: panels and registration of Tool 17, one function per
// panel. The analysis is suppliers.cc; the spend and price panels are in
// suppliers_panels.cc.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include "tools/registry.h"
#include "tools/suppliers/suppliers.h"
#include "tools/suppliers/suppliers_panels.h"

namespace luckyhub::suppliers {
namespace {

Cell cell(const std::optional<double>& v) { return v ? Cell{*v} : Cell{}; }

std::string percent(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f%%", 100 * v);
  return buf;
}

Status otif_status(const std::optional<double>& otif) {
  if (!otif) return Status::kNone;
  return *otif >= 0.9 ? Status::kGreen : *otif >= 0.75 ? Status::kYellow : Status::kRed;
}

Panel summary_panel(const Analysis& a) {
  supply::OtifCounts all;
  int64_t orders = 0;
  std::vector<int> days;
  for (const Scorecard& c : a.suppliers) {
    all.due += c.otif.due, all.delivered += c.otif.delivered, all.on_time += c.otif.on_time;
    all.in_full += c.otif.in_full, all.otif += c.otif.otif, all.ordered += c.otif.ordered, all.filled += c.otif.filled;
    orders += c.orders;
  }
  for (const auto& [id, d] : a.lead_days) days.insert(days.end(), d.begin(), d.end());
  const auto lead = supply::lead_time_stats(days);
  int64_t flagged = 0;
  for (const PriceTrend& t : a.prices) flagged += t.flagged ? 1 : 0;
  Panel p{.id = "summary", .title = "Suppliers at a glance", .kind = PanelKind::kKpis};
  p.kpis = {
      {"orders", "Purchase orders", orders, ValueType::kInt, "", "", Status::kNone,
       std::to_string(all.due) + " due by as-of; cancelled left out"},
      {"otif", "OTIF", cell(all.otif_rate()), ValueType::kRate, "", "", otif_status(all.otif_rate()),
       "due orders delivered by the promise and in full; green from 90%, red under 75%"},
      {"on_time", "On time", cell(all.on_time_rate()), ValueType::kRate, "", "", Status::kNone, "of due orders"},
      {"in_full", "In full", cell(all.in_full_rate()), ValueType::kRate, "", "", Status::kNone, "of delivered orders"},
      {"fill_rate", "Order accuracy (fill rate)", cell(all.fill_rate()), ValueType::kRate, "", "", Status::kNone,
       "Σ min(received, ordered) / Σ ordered over delivered orders' lines"},
      {"lead_mean", "Lead time, mean", lead ? Cell{lead->mean} : Cell{}, ValueType::kNumber, "", "days", Status::kNone,
       "order date to arrival, " + std::to_string(lead ? lead->n : 0) + " deliveries"},
      {"lead_p90", "Lead time, p90", lead ? Cell{int64_t{lead->p90}} : Cell{}, ValueType::kNumber, "", "days",
       Status::kNone, "nearest rank"},
      {"overdue", "Overdue deliveries", static_cast<int64_t>(a.overdue.size()), ValueType::kInt, "", "",
       a.overdue.empty() ? Status::kGreen : Status::kRed, "promised before as-of, not arrived"},
      {"price_increases", "SKU price increases", flagged, ValueType::kInt, "", "",
       flagged ? Status::kYellow : Status::kGreen, "first to last unit price in the window"},
  };
  return p;
}

Panel alerts_panel(const Analysis& a, const Thresholds& th) {
  Panel p{.id = "alerts", .title = "Alerts", .kind = PanelKind::kAlerts};
  p.description = "Overdue deliveries; suppliers on time under " + percent(th.late_on_time) + " (of " +
                  std::to_string(th.min_orders) + " or more due orders), in full under " + percent(th.short_in_full) + ", or with a median SKU price change of " + percent(th.price_rise) +
                  " or more.";
  for (const Overdue& o : a.overdue) {
    const Scorecard* c = a.find(o.supplier_id);
    p.alerts.push_back({o.days_overdue >= 3 ? Status::kRed : Status::kYellow,
                        "Shipment " + o.ship_no + " overdue by " + std::to_string(o.days_overdue) + " days",
                        "PO " + o.po_no + ", supplier " + (c ? c->name : std::to_string(o.supplier_id)) +
                            ", promised " + o.expected_arrival,
                        ""});
  }
  for (const Scorecard& c : a.suppliers) {
    if (c.late)
      p.alerts.push_back({Status::kRed, "Late supplier: " + c.name,
                          "on time " + percent(*c.otif.on_time_rate()) + " of " + std::to_string(c.otif.due) + " due orders", ""});
    if (c.short_shipper)
      p.alerts.push_back({Status::kRed, "Short shipments: " + c.name,
                          "in full " + percent(*c.otif.in_full_rate()) + " of " + std::to_string(c.otif.delivered) +
                              " delivered orders; fill rate " + percent(c.otif.fill_rate().value_or(0)),
                          ""});
    if (c.price_riser)
      p.alerts.push_back({Status::kYellow, "Price increase: " + c.name,
                          "median SKU unit price up " + percent(*c.price_change) + " over the window", ""});
  }
  return p;
}

Panel scorecard_panel(const Analysis& a) {
  Panel p{.id = "scorecard", .title = "Supplier ranking", .kind = PanelKind::kTable};
  p.description = "Score = 100 × (0.4 OTIF + 0.2 fill rate + 0.2 lead-time reliability (mean / p90) + 0.2 price "
                  "stability (1 − |median price change| / 10%)); suppliers without a due order are not ranked. "
                  "Settlement speed is Luckin's own payment and is shown, not scored.";
  p.table.columns = {{"rank", "Rank", ValueType::kInt},
                     {"supplier_id", "Supplier", ValueType::kInt, "", "", "/tools/suppliers?supplier={supplier_id}"},
                     {"name", "Name", ValueType::kText},
                     {"type", "Type", ValueType::kText},
                     {"score", "Score", ValueType::kNumber},
                     {"orders", "Orders", ValueType::kInt},
                     {"due", "Due", ValueType::kInt},
                     {"otif", "OTIF", ValueType::kRate},
                     {"on_time", "On time", ValueType::kRate},
                     {"in_full", "In full", ValueType::kRate},
                     {"fill_rate", "Fill rate", ValueType::kRate},
                     {"lead_mean", "Lead mean", ValueType::kNumber, "", "days"},
                     {"lead_stdev", "Lead stdev", ValueType::kNumber, "", "days"},
                     {"lead_p90", "Lead p90", ValueType::kNumber, "", "days"},
                     {"price_change", "Median price change", ValueType::kRate},
                     {"days_to_pay", "Days to pay", ValueType::kNumber, "", "days"},
                     {"paid_by_due", "Paid by due date", ValueType::kRate},
                     {"flags", "Flags", ValueType::kText}};
  for (const Scorecard& c : a.suppliers) {
    std::string flags;
    for (const auto& [on, name] : {std::pair{c.late, "late"}, {c.short_shipper, "short"}, {c.price_riser, "price rise"}})
      if (on) flags += (flags.empty() ? "" : ", ") + std::string(name);
    p.table.rows.push_back({c.rank ? Cell{int64_t{c.rank}} : Cell{}, c.supplier_id, c.name, c.type,
                            c.score ? Cell{std::round(*c.score * 10) / 10} : Cell{}, c.orders, c.otif.due,
                            cell(c.otif.otif_rate()), cell(c.otif.on_time_rate()), cell(c.otif.in_full_rate()),
                            cell(c.otif.fill_rate()), c.lead ? Cell{c.lead->mean} : Cell{},
                            c.lead ? Cell{c.lead->stdev} : Cell{}, c.lead ? Cell{int64_t{c.lead->p90}} : Cell{},
                            cell(c.price_change), cell(c.days_to_pay), cell(c.paid_by_due), flags});
  }
  return p;
}

Panel overdue_panel(const Analysis& a) {
  Panel p{.id = "overdue", .title = "Overdue deliveries", .kind = PanelKind::kTable};
  p.description = "Shipments promised before as-of that have not arrived; days overdue on the last day of data.";
  p.table.columns = {{"ship_id", "Shipment id", ValueType::kInt},     {"ship_no", "Shipment", ValueType::kText},
                     {"po_no", "PO", ValueType::kText},               {"supplier_id", "Supplier", ValueType::kInt},
                     {"name", "Name", ValueType::kText},              {"expected_arrival", "Promised", ValueType::kDate},
                     {"days_overdue", "Days overdue", ValueType::kInt}};
  for (const Overdue& o : a.overdue) {
    const Scorecard* c = a.find(o.supplier_id);
    p.table.rows.push_back({o.ship_id, o.ship_no, o.po_no, o.supplier_id, c ? c->name : "", o.expected_arrival,
                            int64_t{o.days_overdue}});
  }
  return p;
}

Report compute(Warehouse& wh, const Params& params) {
  const Window w = report_window(wh, params);
  const Thresholds th{.late_on_time = params.number("late_on_time"),
                      .short_in_full = params.number("short_in_full"),
                      .price_rise = params.number("price_rise"),
                      .min_orders = params.integer("min_orders")};
  const Analysis a = analyse(wh, w, th);
  Report report;
  if (const int64_t supplier = params.integer("supplier")) {
    report.panels = supplier_page(a, supplier);
    return report;
  }
  report.panels = {summary_panel(a),        alerts_panel(a, th),     scorecard_panel(a),
                   lead_histogram(a),       lead_distribution(a),    price_index_chart(a),
                   price_table(a),          shared_sku_table(a),     spend_category_pie(a),   spend_by_category(a),
                   spend_by_supplier(a),    overdue_panel(a)};
  return report;
}

// The supplier page's choices: LKUS suppliers of t_supplier by id, by name.
std::vector<ParamOption> supplier_options(Warehouse& wh) {
  std::vector<ParamOption> out;
  if (!wh.has_table("scm_purchase__t_supplier")) return out;
  for (const Row row : wh.query("SELECT id, supplier_name FROM scm_purchase__t_supplier WHERE tenant = 'LKUS' ORDER BY id"))
    out.push_back({std::to_string(row.integer("id")), row.text("supplier_name")});
  return out;
}

std::vector<ParamSpec> params() {
  std::vector<ParamSpec> p = window_params();
  p.push_back({.name = "supplier",
               .type = ParamType::kInt,
               .default_value = "0",
               .description = "A supplier's page (t_supplier id); 0 for the ranking",
               .min = 0,
               .max = 1e12,
               .label = "Supplier's page",
               .options = supplier_options});
  p.push_back({.name = "late_on_time",
               .type = ParamType::kNumber,
               .default_value = "0.7",
               .description = "On-time rate under which a supplier is flagged late",
               .min = 0,
               .max = 1,
               .label = "Late under on-time rate"});
  p.push_back({.name = "short_in_full",
               .type = ParamType::kNumber,
               .default_value = "0.9",
               .description = "In-full rate (delivered orders) under which a supplier is flagged for short shipments",
               .min = 0,
               .max = 1,
               .label = "Short shipments under in-full rate"});
  p.push_back({.name = "price_rise",
               .type = ParamType::kNumber,
               .default_value = "0.05",
               .description = "First-to-last unit price change from which a SKU (and, as its SKUs' median, a supplier) is flagged",
               .min = 0.001,
               .max = 10,
               .label = "Price rise flagged from (share)"});
  p.push_back({.name = "min_orders",
               .type = ParamType::kInt,
               .default_value = "3",
               .description = "Due orders a supplier needs before it is flagged late",
               .min = 1,
               .max = 1000,
               .label = "Due orders needed to flag late"});
  return p;
}

const ToolRegistration kRegistration(Tool{
    .id = "suppliers",
    .number = 17,
    .department = "supply-chain",
    .title = "Supplier Performance Tracker",
    .summary = "A scorecard and ranking of suppliers (OTIF, order accuracy, lead time, price consistency, settlement "
               "speed), price trends per SKU, spend by category and month, and overdue deliveries.",
    .params = params(),
    .compute = compute,
});

}  // namespace
}  // namespace luckyhub::suppliers
