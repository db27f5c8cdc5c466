#include "tools/param_options.h"

#include <cctype>
#include <string>

#include "domain/tenants.h"
#include "warehouse/schema.h"

namespace luckyhub::param_options {
namespace {

const std::string& production_tenant() {
  static const std::string code = tenant_for_currency("USD");
  return code;
}

// The rows of `sql` (an integer column id, a text column name) as options;
// none when `table` is absent.
std::vector<ParamOption> by_id(Warehouse& warehouse, std::string_view table, const std::string& sql,
                               const std::vector<SqlValue>& params) {
  std::vector<ParamOption> out;
  if (!warehouse.has_table(table)) return out;
  for (const Row row : warehouse.query(sql, params))
    out.push_back({std::to_string(row.integer("id")), row.text("name")});
  return out;
}

}  // namespace

std::vector<ParamOption> stores(Warehouse& warehouse) {
  return by_id(warehouse, "opshop__t_shop_info",
               "SELECT id, shop_name AS name FROM opshop__t_shop_info WHERE tenant = ? "
               "ORDER BY id",
               {production_tenant()});
}

std::vector<ParamOption> payment_channels(Warehouse& warehouse) {
  std::vector<ParamOption> out;
  if (!warehouse.has_table("sales_payment__t_trade")) return out;
  const auto meanings = code_meanings(
      SchemaCatalog::builtin().table("luckyus_sales_payment", "t_trade").column("channel_id"));
  // DISTINCT on the leading column of idx_channel_pay_time: a walk of the index.
  const ResultSet r = warehouse.query(
      "SELECT DISTINCT channel_id FROM sales_payment__t_trade WHERE tenant = ? ORDER BY channel_id",
      {production_tenant()});
  for (const Row row : r) {
    const int64_t id = row.integer("channel_id");
    const auto m = meanings.find(id);
    std::string name = m != meanings.end() ? m->second : "channel";
    if (!name.empty())
      name[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(name[0])));
    out.push_back({std::to_string(id), name + " (" + std::to_string(id) + ")"});
  }
  return out;
}

std::vector<ParamOption> instances(Warehouse& warehouse) {
  std::vector<ParamOption> out;
  if (!warehouse.has_table("health__targets")) return out;
  for (const Row row :
       warehouse.query("SELECT instance, kind FROM health__targets ORDER BY instance", {}))
    out.push_back({row.text("instance"), row.text("instance") + " (" + row.text("kind") + ")"});
  return out;
}

std::vector<ParamOption> redis_instances(Warehouse& warehouse) {
  std::vector<ParamOption> out;
  if (!warehouse.has_table("health__targets")) return out;
  for (const Row row :
       warehouse.query("SELECT instance FROM health__targets WHERE kind = ? ORDER BY instance",
                       {std::string("redis")}))
    out.push_back({row.text("instance"), row.text("instance")});
  return out;
}

std::vector<ParamOption> products(Warehouse& warehouse) {
  return by_id(warehouse, "scm_commodity__t_commodity_base_info",
               "SELECT id, commodity_name AS name FROM scm_commodity__t_commodity_base_info "
               "WHERE tenant = ? ORDER BY commodity_name, id",
               {production_tenant()});
}

std::vector<ParamOption> devices(Warehouse& warehouse) {
  return by_id(warehouse, "iot_platform__t_device",
               "SELECT id, device_name AS name FROM iot_platform__t_device WHERE tenant = ? "
               "ORDER BY id",
               {production_tenant()});
}

std::vector<ParamOption> coupon_templates(Warehouse& warehouse) {
  // Campaigns run again under the same name: the id tells them apart.
  std::vector<ParamOption> out =
      by_id(warehouse, "sales_marketing__t_coupon_template",
            "SELECT template_id AS id, template_name AS name "
            "FROM sales_marketing__t_coupon_template WHERE tenant = ? ORDER BY template_id",
            {production_tenant()});
  for (ParamOption& o : out) o.name += " (" + o.value + ")";
  return out;
}

}  // namespace luckyhub::param_options
