// The home tile of the menu tool: the last full month's units sold and the
// products that sold. One aggregate over that month's rows of the derived
// table the report reads (menu_tables.h): the figures equal the summary
// tiles of the report run on that month (menu_panels.cc).
#include "tools/menu/menu_tables.h"
#include "tools/registry.h"
#include "warehouse/derived_table.h"

namespace luckyhub::menu {
namespace {

Headline compute_headline(Warehouse& wh) {
  const HeadlinePeriod period = last_full_month(wh);
  for (const char* source : {"sales_order__t_order", "sales_order__t_order_item", "scm_commodity__t_commodity_base_info"}) {
    if (!wh.has_table(source)) return {.covers = period.label, .note = "no sales or catalog in this warehouse"};
  }
  Query q = derived_from(wh, kProductDays);
  q.sql = "SELECT COALESCE(SUM(d.units), 0) AS sold, COUNT(DISTINCT d.spu_id) AS products FROM " +
          wh.dialect().join_left(q.sql) +
          " d JOIN (SELECT id FROM scm_commodity__t_commodity_base_info WHERE tenant = 'LKUS') c ON c.id = d.spu_id"
          " WHERE d.units > 0 AND d.day >= ? AND d.day < ?";
  q.params.push_back(period.from.str());
  q.params.push_back(period.to.str());
  const ResultSet r = wh.query(q.sql, q.params);
  Headline h{.covers = period.label};
  h.figures = {
      {{"units", "Units sold", r.row(0).integer("sold")}, "summary", period.params()},
      {{"products_sold", "Products sold", r.row(0).integer("products")}, "summary", period.params()},
  };
  return h;
}

const HeadlineRegistration kHeadline("menu", &compute_headline);

}  // namespace
}  // namespace luckyhub::menu
