// Channels' lifetime value from the customer-value models: each new customer
// of the window is worth what they paid to as-of plus, for a buyer, the
// 12-month value that BG/NBD (P(alive), expected purchase days) and
// Gamma-Gamma (expected spend per purchase day) give their history; a
// customer who never ordered adds nothing (the models describe repeat
// buying). The models are fitted on every customer at as-of, as customer-360
// fits them (domain/customer_value.h), and kept with the data or in memory
// (domain/customer_fit_store.h), so the two tools agree.
#include "domain/customer_fit_store.h"
#include "tools/channels/channels.h"

namespace luckyhub::channels {

void add_lifetime_value(Warehouse& wh, const ChannelData& data, const Scope& scope,
                        std::array<GroupMetrics, kGroups>& metrics) {
  const std::shared_ptr<const customers::Fitted> fitted = customers::fitted_models(
      wh, scope.as_of, /*quantiles=*/4);  // customer-360's default: the same fit kept
  std::array<double, kGroups> future{};  // dollars
  for (const Customer& c : data.customers) {
    if (c.registered < scope.from || c.registered >= scope.to || c.days.empty()) continue;
    customers::PurchaseDays history;
    for (const Customer::Day& d : c.days) {
      if (d.day < scope.as_of)
        history.push_back({.day = d.day, .orders = d.orders, .cents = d.cents});
    }
    if (history.empty()) continue;
    future[static_cast<size_t>(c.group)] +=
        customers::value_of(fitted->models, history, scope.as_of).value_12m;
  }
  for (GroupMetrics& m : metrics) {
    if (m.customers == 0) continue;
    m.ltv_cents = (static_cast<double>(m.cents) + 100 * future[static_cast<size_t>(m.group)]) /
                  static_cast<double>(m.customers);
    if (m.cac_cents && *m.cac_cents > 0) m.ltv_per_cac = *m.ltv_cents / *m.cac_cents;
  }
}

}  // namespace luckyhub::channels
