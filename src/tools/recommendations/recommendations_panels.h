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

}  // namespace luckyhub::recommendations
