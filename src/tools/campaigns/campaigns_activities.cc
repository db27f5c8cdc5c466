// The campaigns (t_market_activity) with their participation, read from
// campaigns__activity_user, and the paid redemptions of their templates from
// the leaderboard: what each campaign gave, to how many customers, and what
// its coupons brought back against its budget.
#include <algorithm>
#include <map>

#include "tools/campaigns/campaigns_panels.h"
#include "warehouse/derived_table.h"

namespace luckyhub::campaigns {
namespace {

const char* activity_type_name(int type) {
  switch (type) {
    case 1:
      return "new user gift";
    case 2:
      return "referral invite";
    case 3:
      return "coupon drop";
    case 4:
      return "limited-time discount";
    case 5:
      return "stamp card";
    case 6:
      return "store opening";
    case 7:
      return "holiday promotion";
  }
  return "other";
}

const char* activity_status_name(int status) {
  switch (status) {
    case 1:
      return "draft";
    case 2:
      return "running";
    case 3:
      return "ended";
    case 4:
      return "cancelled";
  }
  return "other";
}

}  // namespace

std::optional<double> ActivityResult::roi() const {
  if (budget.value == 0) return std::nullopt;
  return static_cast<double>(revenue.value) / static_cast<double>(budget.value);
}

std::vector<ActivityResult> activities(Warehouse& wh, const std::vector<TemplateResult>& templates) {
  if (!wh.has_table(kActivities)) return {};
  Query campaigns{"SELECT activity_id, activity_name, activity_type, shop_id, budget, start_time, "
                  "end_time, status FROM " + std::string(kActivities) +
                      " WHERE tenant = 'LKUS' ORDER BY activity_id",
                  {}};
  std::vector<Query> queries = {campaigns};
  const bool partake = wh.has_table(kPartake);
  if (partake) {
    Query users = derived_from(wh, "campaigns__activity_user");
    users.sql = "SELECT u.activity_id AS activity_id, COUNT(*) AS participants, SUM(u.partakes) AS "
                "partakes, SUM(u.coupon_rewards) AS coupon_rewards, SUM(u.point_rewards) AS "
                "point_rewards, SUM(u.reward_value) AS reward_value FROM " +
                users.sql + " u GROUP BY u.activity_id";
    queries.push_back(users);
  }
  const std::vector<ResultSet> r = wh.query_all(queries);
  std::map<int64_t, ActivityResult> by_id;
  for (const Row row : r[0]) {
    ActivityResult& a = by_id[row.integer("activity_id")];
    a.activity_id = row.integer("activity_id");
    a.name = row.text("activity_name");
    a.type = static_cast<int>(row.integer("activity_type"));
    a.status = static_cast<int>(row.integer("status"));
    a.shop_id = row.is_null("shop_id") ? 0 : row.integer("shop_id");
    a.budget = row.cents("budget");
    a.start = row.text("start_time");
    a.end = row.text("end_time");
  }
  if (partake) {
    for (const Row row : r[1]) {
      const auto it = by_id.find(row.integer("activity_id"));
      if (it == by_id.end()) continue;  // participation in a campaign not in t_market_activity
      ActivityResult& a = it->second;
      a.participants = row.integer("participants");
      a.partakes = row.integer("partakes");
      a.coupon_rewards = row.integer("coupon_rewards");
      a.point_rewards = row.integer("point_rewards");
      a.reward_value = row.cents("reward_value");
    }
  }
  for (const TemplateResult& t : templates) {
    const auto it = by_id.find(t.activity_id);
    if (t.activity_id == 0 || it == by_id.end()) continue;
    ++it->second.templates;
    it->second.redeemed += t.redeemed;
    it->second.revenue = it->second.revenue + t.revenue;
  }
  std::vector<ActivityResult> out;
  for (auto& [id, a] : by_id) out.push_back(std::move(a));
  std::stable_sort(out.begin(), out.end(), [](const ActivityResult& a, const ActivityResult& b) {
    return a.partakes > b.partakes;
  });
  return out;
}

Panel activities_panel(const std::vector<ActivityResult>& rows) {
  Panel p{.id = "activities", .title = "Campaigns and their participation", .kind = PanelKind::kTable};
  p.description =
      "Each campaign (t_market_activity) with its participation (t_market_activity_partake: one "
      "row per customer taking part, with the reward given) and the paid redemptions of its coupon "
      "templates. ROI = revenue of those redeeming orders / the campaign's budget. Most "
      "participations first.";
  p.table.columns = {
      {"activity_id", "Campaign", ValueType::kInt},
      {"name", "Name", ValueType::kText},
      {"type", "Type", ValueType::kText},
      {"status", "Status", ValueType::kText},
      {"shop_id", "Store", ValueType::kInt},
      {"start", "Start (UTC)", ValueType::kText},
      {"end", "End (UTC)", ValueType::kText},
      {"budget", "Budget", ValueType::kMoney, "USD"},
      {"partakes", "Participations", ValueType::kInt},
      {"participants", "Participants", ValueType::kInt},
      {"coupon_rewards", "Coupons given", ValueType::kInt},
      {"point_rewards", "Loyalty points given", ValueType::kInt},
      {"reward_value", "Rewards' face value", ValueType::kMoney, "USD"},
      {"templates", "Coupon templates", ValueType::kInt},
      {"redeemed", "Redeemed on paid orders", ValueType::kInt},
      {"revenue", "Revenue of redeeming orders", ValueType::kMoney, "USD"},
      {"roi", "ROI on budget", ValueType::kNumber, "", "x"},
  };
  for (const ActivityResult& a : rows) {
    p.table.rows.push_back({a.activity_id, a.name, std::string(activity_type_name(a.type)),
                            std::string(activity_status_name(a.status)),
                            a.shop_id ? Cell(a.shop_id) : Cell(), a.start, a.end, a.budget.value,
                            a.partakes, a.participants, a.coupon_rewards, a.point_rewards,
                            a.reward_value.value, a.templates, a.redeemed, a.revenue.value,
                            ratio_value(a.roi())});
  }
  return p;
}

}  // namespace luckyhub::campaigns
