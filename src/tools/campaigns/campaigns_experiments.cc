// The experiments: per experiment and group, the users exposed
// (campaigns__experiment_user), and those who converted — a paid order in
// the 7 days after their first exposure — with their revenue over those days;
// then each group against the control, and the sample ratio check.
#include <map>

#include "domain/order_rules.h"
#include "tools/campaigns/campaigns.h"
#include "warehouse/derived_table.h"

namespace luckyhub::campaigns {
namespace {

using GroupKey = std::pair<int64_t, int64_t>;  // experiment_id, group_id

Query groups_query() {
  return {
      "SELECT experiment_id, experiment_name, scene, group_id, group_name, is_control, "
      "traffic_ratio, status FROM " +
          std::string(kExperiments) +
          " WHERE tenant = 'LKUS' ORDER BY experiment_id, is_control DESC, group_id",
      {}};
}

Query users_query(Warehouse& wh) {
  Query q = derived_from(wh, "campaigns__experiment_user");
  q.sql = "SELECT experiment_id, group_id, COUNT(*) AS users FROM " + q.sql +
          " u GROUP BY experiment_id, group_id";
  return q;
}

// Per user, the revenue of the paid orders within the window; per group,
// the converters and the sums of that revenue and of its square.
Query converters_query(Warehouse& wh) {
  const Dialect& d = wh.dialect();
  Query q = derived_from(wh, "campaigns__experiment_user");
  const std::string after = d.seconds_between("u.first_hit", "o.pay_time");
  q.sql =
      "SELECT experiment_id, group_id, COUNT(*) AS converters, SUM(revenue) AS cents, "
      "SUM(revenue * revenue) AS cents_squared FROM (SELECT u.experiment_id AS experiment_id, "
      "u.group_id AS "
      "group_id, u.user_no AS user_no, SUM(o.pay_money) AS revenue FROM " +
      d.join_left(q.sql) + " u JOIN (SELECT user_no, pay_time, pay_money FROM " + kOrders +
      " WHERE tenant = 'LKUS' AND " + rules::paid_order() +
      " AND pay_time IS NOT NULL) o ON o.user_no = u.user_no WHERE " + after + " > 0 AND " + after +
      " <= " + std::to_string(kConversionWindowSeconds) +
      " GROUP BY u.experiment_id, u.group_id, u.user_no) c GROUP BY experiment_id, group_id";
  return q;
}

void compare_arms(ExperimentResult& e, const experiment::Options& options) {
  std::vector<int64_t> users;
  std::vector<double> weights;
  for (ArmResult& a : e.arms) {
    const double n = static_cast<double>(a.users);
    a.conversion = experiment::proportion(n, static_cast<double>(a.converters));
    a.revenue_per_user =
        experiment::sample_mean(n, static_cast<double>(a.revenue.value) / 100, a.revenue_squares);
    users.push_back(a.users);
    weights.push_back(a.traffic);
  }
  for (size_t i = 1; i < e.arms.size(); ++i) {
    e.arms[i].conversion_effect =
        experiment::compare(e.arms[0].conversion, e.arms[i].conversion, options);
    e.arms[i].revenue_effect =
        experiment::compare(e.arms[0].revenue_per_user, e.arms[i].revenue_per_user, options);
  }
  e.srm_p = experiment::srm_p_value(users, weights);
}

}  // namespace

std::vector<ExperimentResult> experiments(Warehouse& wh, const experiment::Options& options) {
  if (!wh.has_table(kExperiments) || !wh.has_table(kHits) || !wh.has_table(kOrders)) return {};
  const std::vector<ResultSet> r =
      wh.query_all({groups_query(), users_query(wh), converters_query(wh)});
  std::map<GroupKey, int64_t> users;
  for (const Row row : r[1])
    users[{row.integer("experiment_id"), row.integer("group_id")}] = row.integer("users");
  struct Converted {
    int64_t converters = 0, cents = 0, cents_squared = 0;
  };
  std::map<GroupKey, Converted> converted;
  for (const Row row : r[2]) {
    converted[{row.integer("experiment_id"), row.integer("group_id")}] = {
        row.integer("converters"), row.integer("cents"), row.integer("cents_squared")};
  }
  std::vector<ExperimentResult> out;
  for (const Row row : r[0]) {
    const int64_t id = row.integer("experiment_id");
    if (out.empty() || out.back().experiment_id != id) {
      out.push_back({.experiment_id = id,
                     .name = row.text("experiment_name"),
                     .scene = row.text("scene"),
                     .status = static_cast<int>(row.integer("status"))});
    }
    const GroupKey key{id, row.integer("group_id")};
    const Converted c = converted.count(key) ? converted.at(key) : Converted{};
    out.back().arms.push_back({.group_id = static_cast<int>(key.second),
                               .group_name = row.text("group_name"),
                               .control = row.integer("is_control") == 1,
                               .traffic = static_cast<double>(row.integer("traffic_ratio")) / 10000,
                               .users = users.count(key) ? users.at(key) : 0,
                               .converters = c.converters,
                               .revenue = Cents(c.cents),
                               .revenue_squares = static_cast<double>(c.cents_squared) / 10000});
  }
  for (ExperimentResult& e : out) compare_arms(e, options);
  return out;
}

}  // namespace luckyhub::campaigns
