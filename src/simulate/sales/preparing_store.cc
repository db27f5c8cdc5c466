#include "simulate/sales/preparing_store.h"

namespace luckyhub::sim {

void plan_preparing_store(SimContext& ctx) {
  SalesWorld& sales = ctx.world.sales;
  ctx.truth.describe("store_preparing", "luckyus_opshop.t_shop_info",
                     "a store signed but not yet open (status 1, open_date after as-of; no order, "
                     "customer or schedule): items {shop_id, shop_no, opens, shop_type, zip_code, "
                     "beside_shop_id}, the open store of its type nearest it");
  const size_t beside = 0;  // US0001 Broadway & 8th St, 0.1 km away
  if (sales.stores.size() <= beside + 1) return;
  Store s;
  s.shop_id = static_cast<int64_t>(sales.stores.size()) + 1;
  s.shop_no = "US0011";
  s.name = "Luckin Coffee Astor Place";
  s.address = "4 Astor Pl";
  s.zip_code = "10003";
  s.latitude = 40.7296;
  s.longitude = -73.9911;
  s.shop_type = 2;
  s.opened = ctx.world.end + kPreparingDays;
  s.demand_weight = 0;
  sales.preparing.push_back(s);
  ctx.truth.add_item("store_preparing", {{"shop_id", s.shop_id},
                                         {"shop_no", s.shop_no},
                                         {"opens", s.opened.str()},
                                         {"shop_type", s.shop_type},
                                         {"zip_code", s.zip_code},
                                         {"beside_shop_id", sales.stores[beside].shop_id}});
}

}  // namespace luckyhub::sim
