#include "tools/suppliers/suppliers_data.h"

namespace luckyhub::suppliers {
namespace {

std::optional<Date> maybe_date(const Row& row, std::string_view column) {
  if (row.is_null(column)) return std::nullopt;
  return Date::parse(row.text(column));
}

}  // namespace

std::string supplier_type_name(int64_t type) {
  static const char* const kNames[] = {"",          "coffee beans", "dairy",     "syrups and ingredients",
                                       "packaging", "bakery and food", "logistics", "equipment and parts"};
  return type >= 1 && type <= 7 ? kNames[type] : "type " + std::to_string(type);
}

PurchaseData read_purchase_data(Warehouse& wh) {
  const Dialect& d = wh.dialect();
  PurchaseData out;
  for (const Row row : wh.query("SELECT id, supplier_no, supplier_name, supplier_type FROM scm_purchase__t_supplier"
                                " WHERE tenant = 'LKUS' ORDER BY id")) {
    out.suppliers[row.integer("id")] = {row.integer("id"), row.text("supplier_no"), row.text("supplier_name"),
                                        row.integer("supplier_type")};
  }
  for (const Row row : wh.query("SELECT id, goods_category FROM scm_commodity__t_mdm_goods WHERE tenant = 'LKUS'")) {
    out.goods_category[row.integer("id")] = row.text("goods_category");
  }
  for (const Row row : wh.query("SELECT id, supplier_id, status, po_no, " + d.date_text("order_date") + " AS order_date, " +
                                d.date_text("expected_arrival_date") +
                                " AS promised FROM scm_purchase__t_purchase_order WHERE tenant = 'LKUS' ORDER BY id")) {
    out.orders.push_back({row.integer("id"), row.integer("supplier_id"), row.integer("status"), row.text("po_no"),
                          Date::parse(row.text("order_date")), Date::parse(row.text("promised"))});
  }
  for (const Row row : wh.query("SELECT po_id, goods_id, goods_name, quantity, received_qty, unit_price, amount"
                                " FROM scm_purchase__t_purchase_order_item WHERE tenant = 'LKUS' ORDER BY id")) {
    out.lines.push_back({row.integer("po_id"), row.integer("goods_id"), row.text("goods_name"), row.integer("quantity"),
                         row.integer("received_qty"), row.integer("unit_price"), row.integer("amount")});
  }
  for (const Row row : wh.query("SELECT id, po_id, status, ship_no, " + d.date_text("expected_arrival_date") +
                                " AS expected, " + d.date_text("arrival_date") +
                                " AS arrival FROM scm_purchase__t_ship_order WHERE tenant = 'LKUS' ORDER BY id")) {
    out.shipments.push_back({row.integer("id"), row.integer("po_id"), row.integer("status"), row.text("ship_no"),
                             Date::parse(row.text("expected")), maybe_date(row, "arrival")});
  }
  for (const Row row : wh.query("SELECT supplier_id, po_id, " + d.ny_date("create_time") + " AS received, " +
                                d.date_text("due_date") + " AS due, " + d.date_text("paid_date") +
                                " AS paid FROM scm_purchase__t_supplier_settlement WHERE tenant = 'LKUS' AND status <> 40"
                                " ORDER BY id")) {
    out.settlements.push_back({row.integer("supplier_id"), row.integer("po_id"), Date::parse(row.text("received")),
                               Date::parse(row.text("due")), maybe_date(row, "paid")});
  }
  return out;
}

}  // namespace luckyhub::suppliers
