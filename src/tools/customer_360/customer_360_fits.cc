// One customer scored without refitting: their purchase days read alone (the
// derived table's key starts with user_no), and the models fitted on every
// customer kept in memory per warehouse version, as-of and RFM bins. A fit at
// scale 1 takes about a second; a lookup by the kept fit is one indexed read
// and closed-form formulas.
#include <map>
#include <mutex>

#include "core/error.h"
#include "tools/customer_360/customer_360.h"
#include "warehouse/derived_table.h"

namespace luckyhub::customer_360 {
namespace {

constexpr size_t kKeptFits = 8;  // warehouses × as-ofs × bins a server answers for at once

std::mutex kept_mutex;
std::map<std::string, std::shared_ptr<const Fitted>>& kept() {
  static std::map<std::string, std::shared_ptr<const Fitted>> fits;
  return fits;
}

std::shared_ptr<const Fitted> fitted_of(const Analysis& a) {
  auto fitted = std::make_shared<Fitted>();
  fitted->models = a.models;
  fitted->rfm = a.rfm;
  fitted->rfm.scores.clear();
  return fitted;
}

void keep(const std::string& key, std::shared_ptr<const Fitted> fitted) {
  const std::lock_guard<std::mutex> lock(kept_mutex);
  if (kept().size() >= kKeptFits && !kept().count(key)) kept().clear();
  kept()[key] = std::move(fitted);
}

}  // namespace

Customer read_customer(Warehouse& wh, const Scope& scope, const std::string& user_no) {
  Query days = derived_from(wh, kCustomerDay);
  days.sql = "SELECT " + wh.dialect().date_text("d.day") + " AS purchase_day, SUM(d.orders) AS orders, "
             "SUM(d.cents) AS cents FROM " + days.sql +
             " d WHERE d.user_no = ? AND d.day < ? GROUP BY d.day ORDER BY purchase_day";  // the channels summed
  days.params.push_back(user_no);
  days.params.push_back(scope.as_of.str());
  Customer c{.user_no = user_no};
  for (const Row row : wh.query(days.sql, days.params))
    c.days.push_back({Date::parse(row.text("purchase_day")), row.integer("orders"), row.integer("cents")});
  return c;
}

std::optional<std::string> fit_key(Warehouse& wh, const Scope& scope) {
  try {
    return wh.engine() + "|" + wh.location() + "|" + warehouse_version(wh.location()) + "|" + scope.as_of.str() +
           "|" + std::to_string(scope.quantiles);
  } catch (const Error&) {
    return std::nullopt;  // no version to keep it by
  }
}

void keep_fit(const std::string& key, const Analysis& a) { keep(key, fitted_of(a)); }

std::shared_ptr<const Fitted> fitted_models(Warehouse& wh, const Scope& scope) {
  const std::optional<std::string> key = fit_key(wh, scope);  // before the data it is fitted on
  if (key) {
    const std::lock_guard<std::mutex> lock(kept_mutex);
    const auto it = kept().find(*key);
    if (it != kept().end()) return it->second;
  }
  const Population population = read_customers(wh, scope);
  const Analysis a = analyse(population.customers, scope);
  std::shared_ptr<const Fitted> fitted = fitted_of(a);
  if (key) keep(*key, fitted);
  return fitted;
}

}  // namespace luckyhub::customer_360
