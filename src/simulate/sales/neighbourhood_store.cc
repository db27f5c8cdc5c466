#include "simulate/sales/neighbourhood_store.h"

#include <cstdio>

#include "simulate/random.h"

namespace luckyhub::sim {

void describe_neighbourhood(Truth& truth) {
  truth.describe(
      "store_neighbourhood", "luckyus_opshop.t_shop_info, luckyus_sales_crm.t_user_profile",
      "a kiosk signed but not yet open in a postal code of its own, and its neighbourhood: a share "
      "of "
      "the US customers aged 18-24 (age_range 2) give that postal code in their profile. items "
      "{shop_id, shop_no, opens, shop_type, zip_code, age_range}; ids: the residents' user_nos");
}

void plan_neighbourhood_store(SimContext& ctx) {
  SalesWorld& sales = ctx.world.sales;
  describe_neighbourhood(ctx.truth);
  Store s;
  const size_t before = sales.stores.size() + sales.preparing.size();
  s.shop_id = static_cast<int64_t>(before) + 1;
  char no[16];
  std::snprintf(no, sizeof no, "US%04d", static_cast<int>(before));  // after US0011, Astor Place
  s.shop_no = no;
  s.name = "Luckin Coffee Battery Park";
  s.address = "17 State St";
  s.zip_code = kNeighbourhoodZip;
  s.latitude = 40.7027;
  s.longitude = -74.0141;
  s.shop_type = 3;
  s.opened = ctx.world.end + kNeighbourhoodOpensInDays;
  s.demand_weight = 0;
  sales.preparing.push_back(s);
  ctx.truth.add_item("store_neighbourhood", {{"shop_id", s.shop_id},
                                             {"shop_no", s.shop_no},
                                             {"opens", s.opened.str()},
                                             {"shop_type", s.shop_type},
                                             {"zip_code", s.zip_code},
                                             {"age_range", kNeighbourhoodAgeRange}});
}

bool neighbourhood_resident(uint64_t seed, const std::string& user_no, int age_range) {
  if (age_range != kNeighbourhoodAgeRange) return false;
  Rng rng(seed, "marketing/neighbourhood/" + user_no);
  return rng.chance(kNeighbourhoodResidentShare);
}

}  // namespace luckyhub::sim
