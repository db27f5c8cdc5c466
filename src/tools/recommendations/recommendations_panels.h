// The recommendations report's panels on the trained models: a customer's
// taste profile and next products, what customers buy together, the season.
#pragma once

#include <string>
#include <vector>

#include "report/report.h"
#include "tools/recommendations/recommendations.h"

namespace luckyhub::recommendations {

// The profile of `user_no` (kpis, categories, recommendations with their
// reason). Throws Error when the warehouse has no purchases of that customer.
std::vector<Panel> profile_panels(Warehouse& wh, const Data& data, const Serving& serving, const Settings& settings,
                                  const std::string& user_no);
Panel also_bought_panel(const Data& data, const Models& models);
Panel season_panel(const Data& data);
// The customers nearest the buyers of `spu_id` in ALS's factor space (cosine
// to the mean of the buyers' normalised factors) who have not bought it.
Panel lookalikes_panel(const Data& data, const Models& models, int64_t spu_id, int count);
// A store's menu from the two stores most like it (recommendations_store_menu.cc):
// the products those stores sell most in the last 90 days, against the
// store's own shares. A store with purchases is compared by customer mix; a
// store of t_shop_info with none yet (a new store) by its type and place,
// and beside that by the demographics of its neighbourhood, the customers
// living in its postal code (recommendations_neighbourhood.h): more panels.
std::vector<Panel> store_menu_panels(Warehouse& wh, const Data& data, const Models& models, int64_t shop_id);
// The served lists of luckyus_isales_cdp.t_recommend_served_log against each
// customer's next purchase day within `horizon_days` (recommendations_served.cc):
// a summary, hit rate@k by week as a line and as a table. A warehouse without
// the table gets one text panel saying so.
std::vector<Panel> served_panels(Warehouse& wh, const Data& data, int k, int horizon_days);

// A store like another, and why (shown in the panel's description).
struct SimilarStore {
  int32_t store = 0;  // index into Data::stores
  std::string why;
};
// The `count` stores most like `store` in customer mix: cosine of the mean of
// their home customers' ALS factors (each scaled to length 1).
std::vector<SimilarStore> stores_like_by_customers(const Data& data, const Models& models, int32_t store, int count);

}  // namespace luckyhub::recommendations
