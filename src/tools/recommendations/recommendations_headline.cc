// The home tile of recommendations: the customers with purchases and the
// products bought, as the report's summary counts them (one count over the derived table; no model
// is trained for the home page).
#include "tools/recommendations/recommendations_tables.h"
#include "tools/registry.h"
#include "warehouse/derived_table.h"

namespace luckyhub::recommendations {
namespace {

Headline compute_headline(Warehouse& wh) {
  for (const char* source : {"sales_order__t_order", "sales_order__t_order_item", "scm_commodity__t_commodity_base_info"}) {
    if (!wh.has_table(source)) return {.covers = "All purchases", .note = "no orders in this warehouse"};
  }
  const Query from = derived_from(wh, kUserItemDays);
  int64_t customers = 0, products = 0, catalogue = 0;
  for (const Row row : wh.query("SELECT COUNT(*) AS n FROM scm_commodity__t_commodity_base_info WHERE tenant = 'LKUS'")) {
    catalogue = row.integer("n");
  }
  for (const Row row : wh.query("SELECT COUNT(DISTINCT d.user_no) AS customers, COUNT(DISTINCT d.spu_id) AS products FROM " + from.sql +
                                    " d JOIN (SELECT id FROM scm_commodity__t_commodity_base_info WHERE tenant = 'LKUS')"
                                    " c ON c.id = d.spu_id",
                                from.params)) {
    customers = row.integer("customers");
    products = row.integer("products");
  }
  Headline h{.covers = "All purchases"};
  h.figures.push_back({KpiTile{"customers", "Customers with purchases", customers, ValueType::kInt}, "summary", {}});
  h.figures.push_back({KpiTile{"products", "Products bought", products, ValueType::kInt, "", "", Status::kNone,
                               "of " + std::to_string(catalogue) + " in the catalogue"},
                       "summary", {}});
  return h;
}

const HeadlineRegistration kHeadline("recommendations", &compute_headline);

}  // namespace
}  // namespace luckyhub::recommendations
