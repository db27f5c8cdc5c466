// The suppliers report's chart and detail panels: lead times, prices, spend
// (the ranking, alerts and overdue list are in suppliers_report.cc).
#pragma once

#include "report/report.h"
#include "tools/suppliers/suppliers.h"

namespace luckyhub::suppliers {

Panel lead_histogram(const Analysis& a);     // deliveries per lead time in days (bar)
Panel lead_distribution(const Analysis& a);  // lead time spread per supplier (distribution)
Panel price_index_chart(const Analysis& a);  // price index per supplier and month (line)
Panel price_table(const Analysis& a);        // each SKU x supplier: first, last, change, flag
Panel shared_sku_table(const Analysis& a);   // SKUs bought from two or more suppliers
Panel spend_by_category(const Analysis& a);  // goods category x month (bar, one series a category)
Panel spend_category_pie(const Analysis& a);  // the window's spend per goods category (bar drawn as a pie)
Panel spend_by_supplier(const Analysis& a);  // supplier x month (table)

// A supplier's page (suppliers_supplier.cc): tiles, delivery history chart,
// unit price per goods item, open orders, deliveries. Throws ParamValueError
// when `supplier_id` is no LKUS supplier or has no order in the window.
std::vector<Panel> supplier_page(const Analysis& a, int64_t supplier_id);

}  // namespace luckyhub::suppliers
