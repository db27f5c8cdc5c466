// The purchase tables of the suppliers tool, read whole by column name
// (tenant LKUS). Quantities are milli purchase units, money integer cents,
// dates New York dates.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/calendar.h"
#include "warehouse/warehouse.h"

namespace luckyhub::suppliers {

inline constexpr int64_t kPoCancelled = 60;
inline constexpr int64_t kShipCancelled = 50;

struct SupplierRow {
  int64_t id = 0;
  std::string no, name;
  int64_t type = 0;
};

struct PoRow {
  int64_t id = 0, supplier_id = 0, status = 0;
  std::string po_no;
  Date order_date, promised;
};

struct LineRow {
  int64_t po_id = 0, goods_id = 0;
  std::string goods_name;
  int64_t quantity = 0, received = 0;  // milli units
  int64_t unit_price = 0, amount = 0;  // cents
};

struct ShipRow {
  int64_t id = 0, po_id = 0, status = 0;
  std::string ship_no;
  Date expected;
  std::optional<Date> arrival;
};

struct SettlementRow {
  int64_t supplier_id = 0, po_id = 0;
  Date received, due;
  std::optional<Date> paid;
};

struct PurchaseData {
  std::map<int64_t, SupplierRow> suppliers;
  std::map<int64_t, std::string> goods_category;  // goods id -> goods_category
  std::vector<PoRow> orders;                      // by id
  std::vector<LineRow> lines;                     // by id
  std::vector<ShipRow> shipments;                 // by id
  std::vector<SettlementRow> settlements;         // by id
};

PurchaseData read_purchase_data(Warehouse& warehouse);

// The supplier type's name (t_supplier.supplier_type).
std::string supplier_type_name(int64_t type);

}  // namespace luckyhub::suppliers
