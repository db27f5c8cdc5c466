// The home tile of customer-360: customers with paid orders, the share who
// bought on two or more days and their lifetime revenue, from the derived
// table alone (no model fit): the figures equal the report's summary tiles.
#include "report/cells.h"
#include "tools/customer_360/customer_360.h"
#include "warehouse/derived_table.h"

namespace luckyhub::customer_360 {
namespace {

Headline compute_headline(Warehouse& wh) {
  if (!wh.has_table("sales_order__t_order")) return {.covers = "To date", .note = "no orders in this warehouse"};
  const Date as_of = Date::parse(wh.meta("as_of"));
  Query q = derived_from(wh, kCustomerDay);
  q.sql = "SELECT COUNT(*) AS customers, SUM(CASE WHEN c.days >= 2 THEN 1 ELSE 0 END) AS repeaters, "
          "SUM(c.spent) AS cents FROM (SELECT d.user_no AS user_no, COUNT(DISTINCT d.day) AS days, SUM(d.cents) AS spent FROM " +
          q.sql + " d WHERE d.day < ? GROUP BY d.user_no) c";
  q.params.push_back(as_of.str());
  const ResultSet r = wh.query(q.sql, q.params);
  const Row row = r.row(0);
  const int64_t customers = row.integer("customers");
  const int64_t repeaters = row.is_null("repeaters") ? 0 : row.integer("repeaters");
  const int64_t cents = row.is_null("cents") ? 0 : row.integer("cents");
  Headline h{.covers = "To " + (as_of - 1).str()};
  h.figures = {
      {{"customers", "Customers with paid orders", customers, ValueType::kInt}, "summary", {}},
      {{"repeat_share", "Bought on 2+ days",
        rate_cell(customers ? std::optional(double(repeaters) / double(customers)) : std::nullopt), ValueType::kRate},
       "summary", {}},
      {{"revenue", "Lifetime revenue", cents, ValueType::kMoney, "USD"}, "summary", {}},
  };
  return h;
}

const HeadlineRegistration kHeadline("customer-360", &compute_headline);

}  // namespace
}  // namespace luckyhub::customer_360
