// The home tile of suppliers: the purchase orders placed (not cancelled) and
// the deliveries overdue as of as-of. Two counts; the overdue by the report's
// rule (suppliers.cc, overdue()):
// shipments of the production tenant's orders placed in the data's span and
// not cancelled, themselves not cancelled, promised before as-of and not
// arrived before it. They equal the summary tiles of the report run with
// its defaults.
#include "core/error.h"
#include "tools/registry.h"
#include "tools/suppliers/suppliers_data.h"

namespace luckyhub::suppliers {
namespace {

Headline compute_headline(Warehouse& wh) {
  const std::string as_of = wh.meta("as_of"), start = wh.meta("start");
  if (as_of.empty()) throw Error("warehouse " + wh.location() + " records no as-of date");
  const Headline none{.covers = "As of " + as_of, .note = "no purchasing in this warehouse"};
  for (const char* table : {"scm_purchase__t_purchase_order", "scm_purchase__t_ship_order"})
    if (!wh.has_table(table)) return none;
  const ResultSet r = wh.query(
      "SELECT COUNT(*) AS overdue FROM " + wh.dialect().join_left("scm_purchase__t_ship_order") +
          " s JOIN (SELECT id FROM scm_purchase__t_purchase_order WHERE tenant = 'LKUS' AND status <> ?"
          " AND order_date >= ? AND order_date < ?) o ON o.id = s.po_id"
          " WHERE s.tenant = 'LKUS' AND s.status <> ? AND s.expected_arrival_date < ?"
          " AND (s.arrival_date IS NULL OR s.arrival_date >= ?)",
      {kPoCancelled, start.empty() ? as_of : start, as_of, kShipCancelled, as_of, as_of});
  const int64_t overdue = r.row(0).integer("overdue");
  const ResultSet o = wh.query(
      "SELECT COUNT(*) AS orders FROM scm_purchase__t_purchase_order WHERE tenant = 'LKUS' AND status <> ?"
      " AND order_date >= ? AND order_date < ?",
      {kPoCancelled, start.empty() ? as_of : start, as_of});
  Headline h{.covers = "As of " + as_of};
  h.figures = {{{"orders", "Purchase orders", o.row(0).integer("orders"), ValueType::kInt}, "summary", {}},
               {{"overdue", "Overdue deliveries", overdue, ValueType::kInt, "", "",
                 overdue == 0 ? Status::kGreen : Status::kRed, "promised before as-of, not arrived"},
                "summary",
                {}}};
  return h;
}

const HeadlineRegistration kHeadline("suppliers", &compute_headline);

}  // namespace
}  // namespace luckyhub::suppliers
