// The experiments: per experiment and group, the users exposed, and those who
// converted — a paid order in the 7 days after their first exposure — with
// their revenue over those days (campaigns__experiment_user keeps both);
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

// Per group, the converters (users with a paid order within the window after
// their first exposure) and the sums of their revenue over it and of its
// square: from the window sums campaigns__experiment_user keeps per user.
Query converters_query(Warehouse& wh) {
  Query q = derived_from(wh, "campaigns__experiment_user");
  q.sql =
      "SELECT experiment_id, group_id, COUNT(*) AS converters, SUM(revenue) AS cents, SUM(revenue "
      "* revenue) AS "
      "cents_squared FROM " +
      q.sql + " u WHERE orders > 0 GROUP BY experiment_id, group_id";
  return q;
}

// Per group, Σ X, Σ X², Σ X·Y over the users, X the spend in the `days`
// before the first exposure (orders created then) and Y the revenue of the 7
// days after (campaigns__experiment_user's), in cents. Users without orders
// add 0 to every sum.
Query pre_period_query(Warehouse& wh, int days) {
  const Dialect& d = wh.dialect();
  Query q = derived_from(wh, "campaigns__experiment_user");
  const std::string before = d.seconds_between("o.create_time", "u.first_hit");
  q.sql =
      "SELECT experiment_id, group_id, SUM(pre) AS pre_sum, SUM(pre * pre) AS pre_squares, SUM(pre "
      "* post) AS "
      "pre_products FROM (SELECT u.experiment_id AS experiment_id, u.group_id AS group_id, "
      "u.user_no AS user_no, "
      "MAX(u.revenue) AS post, SUM(CASE WHEN o.create_time IS NOT NULL AND " +
      before + " > 0 AND " + before + " <= " + std::to_string(int64_t{days} * 86400) +
      " THEN o.pay_money ELSE 0 END) AS pre FROM " + d.join_left(q.sql) +
      " u LEFT JOIN (SELECT user_no AS o_user, create_time, pay_money FROM " + kOrders +
      " WHERE tenant = 'LKUS' AND " + rules::paid_order() +
      ") o ON o.o_user = u.user_no GROUP BY u.experiment_id, u.group_id, u.user_no) y GROUP BY "
      "experiment_id, "
      "group_id";
  return q;
}

void compare_arms(ExperimentResult& e, const experiment::Options& options, bool with_cuped) {
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
  auto sums = [](const ArmResult& a) {
    return experiment::CupedSums{.n = static_cast<double>(a.users),
                                 .post_sum = static_cast<double>(a.revenue.value) / 100,
                                 .post_sum_squares = a.revenue_squares,
                                 .pre_sum = a.pre_sum,
                                 .pre_sum_squares = a.pre_squares,
                                 .post_pre_sum_products = a.pre_products};
  };
  for (size_t i = 1; i < e.arms.size(); ++i) {
    e.arms[i].conversion_effect =
        experiment::compare(e.arms[0].conversion, e.arms[i].conversion, options);
    if (with_cuped) {
      const experiment::CupedSums a = sums(e.arms[0]), b = sums(e.arms[i]);
      const double theta = experiment::cuped_theta(a, b);
      e.arms[i].revenue_effect =
          experiment::compare(experiment::cuped(a, theta), experiment::cuped(b, theta), options);
    } else {
      e.arms[i].revenue_effect =
          experiment::compare(e.arms[0].revenue_per_user, e.arms[i].revenue_per_user, options);
    }
  }
  e.srm_p = experiment::srm_p_value(users, weights);
}

}  // namespace

std::vector<ExperimentResult> experiments(Warehouse& wh, const experiment::Options& options,
                                          int cuped_days) {
  if (!wh.has_table(kExperiments) || !wh.has_table(kHits) || !wh.has_table(kOrders)) return {};
  std::vector<Query> queries = {groups_query(), users_query(wh), converters_query(wh)};
  if (cuped_days > 0) queries.push_back(pre_period_query(wh, cuped_days));
  const std::vector<ResultSet> r = wh.query_all(queries);
  struct Pre {
    int64_t sum = 0, products = 0;
    double squares = 0;
  };
  std::map<GroupKey, Pre> pre;
  if (cuped_days > 0) {
    for (const Row row : r[3]) {
      pre[{row.integer("experiment_id"), row.integer("group_id")}] = {
          row.integer("pre_sum"), row.integer("pre_products"),
          static_cast<double>(row.integer("pre_squares"))};
    }
  }
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
    if (const auto it = pre.find(key); it != pre.end()) {
      ArmResult& a = out.back().arms.back();
      a.pre_sum = static_cast<double>(it->second.sum) / 100;
      a.pre_squares = it->second.squares / 10000;
      a.pre_products = static_cast<double>(it->second.products) / 10000;
    }
  }
  for (ExperimentResult& e : out) compare_arms(e, options, cuped_days > 0);
  return out;
}

}  // namespace luckyhub::campaigns
