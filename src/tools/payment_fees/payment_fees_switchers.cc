// Who can switch (payment_fees.h): the users paying with a channel while a
// cheaper one is already bound to them. Two queries, the payments per user and
// channel and the bound methods per user, joined here with the fee models.
#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "domain/order_rules.h"
#include "domain/tenants.h"
#include "domain/trade_fees.h"
#include "tools/payment_fees/payment_fees.h"
#include "warehouse/derived_table.h"

namespace luckyhub::payment_fees {

Switchers switchers(Warehouse& wh, const Window& w, const std::string& currency,
                    const std::vector<fees::ChannelCost>& channels, size_t top) {
  const Dialect& d = wh.dialect();
  const std::string tenant = tenant_for_currency(currency);
  Query paid = derived_from(wh, kTradeFees);
  paid.sql = "SELECT t.user_no AS user_no, t.channel_id AS channel_id, COUNT(*) AS transactions,"
             " SUM(t.amount) AS amount_cents, COALESCE(SUM(t.fee), 0) AS fee_cents FROM " + paid.sql +
             " t WHERE t.tenant = ? AND t.currency_code = ? AND " + rules::successful_payment("t") + " AND " +
             w.range(d, "t.pay_time") + " GROUP BY " + d.unindexed("t.user_no") + ", t.channel_id";
  // (unindexed: SQLite would otherwise walk the user_no index to group, a random read per payment)
  for (SqlValue v : {SqlValue{tenant}, SqlValue{currency}, SqlValue{w.utc_from()}, SqlValue{w.utc_to()}}) {
    paid.params.push_back(std::move(v));
  }
  const Query bound{"SELECT DISTINCT user_no, channel_id FROM sales_payment__t_user_channel"
                    " WHERE tenant = ? AND status = 1",
                    {SqlValue{tenant}}};
  std::map<std::string, std::set<int64_t>> bound_by_user;
  for (const Row row : wh.query(bound.sql, bound.params)) {
    bound_by_user[row.text("user_no")].insert(row.integer("channel_id"));
  }
  std::map<int64_t, const fees::ChannelCost*> model;
  std::map<int64_t, std::string> names;
  for (const fees::ChannelCost& c : channels) {
    model[c.channel_id] = &c;
    names[c.channel_id] = c.name;
  }
  struct Sum {
    Switcher s;
    double saving = 0;
    std::set<std::string> could_use;
  };
  std::map<std::string, Sum> users;
  for (const Row row : wh.query(paid.sql, paid.params)) {
    const std::string user = row.text("user_no");
    const auto methods = bound_by_user.find(user);
    const auto from = model.find(row.integer("channel_id"));
    if (methods == bound_by_user.end() || from == model.end()) continue;
    const double n = static_cast<double>(row.integer("transactions"));
    const double amount = static_cast<double>(row.cents("amount_cents").value);
    double best = 0;
    int64_t best_to = 0;
    for (const int64_t b : methods->second) {
      const auto to = model.find(b);
      if (b == from->first || to == model.end()) continue;
      const double saving = n * (from->second->model.fixed_cents - to->second->model.fixed_cents) +
                            amount * (from->second->model.percent - to->second->model.percent);
      if (saving > best) best = saving, best_to = b;
    }
    if (best_to == 0) continue;
    Sum& u = users[user];
    u.s.user_no = user;
    u.s.channels += 1;
    u.could_use.insert(names[best_to]);
    u.s.transactions += row.integer("transactions");
    u.s.fee_cents += row.cents("fee_cents").value;
    u.saving += best;
  }
  Switchers out;
  std::vector<Switcher> all;
  for (auto& [user, u] : users) {
    u.s.saving_cents = std::llround(u.saving);
    for (const std::string& name : u.could_use) u.s.could_use += (u.s.could_use.empty() ? "" : ", ") + name;
    ++out.users;
    out.transactions += u.s.transactions;
    out.fee_cents += u.s.fee_cents;
    out.saving_cents += u.s.saving_cents;
    all.push_back(std::move(u.s));
  }
  std::sort(all.begin(), all.end(), [](const Switcher& a, const Switcher& b) {
    return a.saving_cents != b.saving_cents ? a.saving_cents > b.saving_cents : a.user_no < b.user_no;
  });
  if (all.size() > top) all.resize(top);
  out.top = std::move(all);
  return out;
}

}  // namespace luckyhub::payment_fees
