// The values of parameters whose values come from the data, for
// ParamSpec::options: a page offers them as a select listing names, not ids.
// One function per kind of value, shared by every tool whose parameter takes
// it. Each is one small query on the warehouse (a dimension table or the
// health history), production tenant only, and lists nothing when the
// warehouse has no such table (a warehouse without health history, a test
// warehouse of a few tables).
#pragma once

#include <vector>

#include "tools/registry.h"
#include "warehouse/warehouse.h"

namespace luckyhub::param_options {

// LKUS stores of t_shop_info, by id: value the id, name its shop_name.
std::vector<ParamOption> stores(Warehouse& warehouse);
// The payment channels t_trade holds, by id: value the channel id, name its
// meaning in the schema ("Debit card (3)").
std::vector<ParamOption> payment_channels(Warehouse& warehouse);
// Every instance of the health history, by name: "mysql-app-07 (mysql)".
std::vector<ParamOption> instances(Warehouse& warehouse);
// The Redis instances of the health history, by name.
std::vector<ParamOption> redis_instances(Warehouse& warehouse);
// LKUS products of t_commodity_base_info (the spu_id of order items), by name.
std::vector<ParamOption> products(Warehouse& warehouse);
// LKUS machines of t_device, by id: "US0001 COFFEE_CLUB #3".
std::vector<ParamOption> devices(Warehouse& warehouse);
// LKUS coupon templates of t_coupon_template, by template id.
std::vector<ParamOption> coupon_templates(Warehouse& warehouse);

}  // namespace luckyhub::param_options
