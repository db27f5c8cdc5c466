// Channels' lifetime value from Tool 4's models: each new customer of the
// window is worth what they paid to as-of plus, for a buyer, the 12-month
// value that customer-360's BG/NBD (P(alive), expected purchase days) and
// Gamma-Gamma (expected spend per purchase day) give their history; a
// customer who never ordered adds nothing (the models describe repeat
// buying). The models are fitted on every customer at as-of, as customer-360
// fits them, and kept per warehouse version, so the two tools agree.
#include "tools/channels/channels.h"
#include "tools/customer_360/customer_360.h"

namespace luckyhub::channels {

void add_lifetime_value(Warehouse& wh, const ChannelData& data, const Scope& scope,
                        std::array<GroupMetrics, kGroups>& metrics) {
  customer_360::Scope model_scope;
  model_scope.as_of = scope.as_of;
  model_scope.cohort_by = "registration";
  const std::shared_ptr<const customer_360::Fitted> fitted = customer_360::fitted_models(wh, model_scope);
  std::array<double, kGroups> future{};  // dollars
  for (const Customer& c : data.customers) {
    if (c.registered < scope.from || c.registered >= scope.to || c.days.empty()) continue;
    customer_360::Customer history{.user_no = c.user_no};
    for (const Customer::Day& d : c.days) {
      if (d.day < scope.as_of) history.days.push_back({.day = d.day, .orders = d.orders, .cents = d.cents});
    }
    if (history.days.empty()) continue;
    future[static_cast<size_t>(c.group)] +=
        customer_360::score_customer(history, *fitted, model_scope).value_12m;
  }
  for (GroupMetrics& m : metrics) {
    if (m.customers == 0) continue;
    m.ltv_cents = (static_cast<double>(m.cents) + 100 * future[static_cast<size_t>(m.group)]) /
                  static_cast<double>(m.customers);
    if (m.cac_cents && *m.cac_cents > 0) m.ltv_per_cac = *m.ltv_cents / *m.cac_cents;
  }
}

}  // namespace luckyhub::channels
