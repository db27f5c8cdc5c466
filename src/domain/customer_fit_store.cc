#include "domain/customer_fit_store.h"

#include <cmath>
#include <limits>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>

#include "core/error.h"
#include "core/log.h"
#include "warehouse/derived_table.h"

namespace luckyhub::customers {
namespace {

using nlohmann::json;

constexpr size_t kKeptFits = 8;  // warehouses × as-ofs × bins a server answers for at once

// ---- The fit as JSON: numbers that read back to the same doubles ----
// (nlohmann writes the shortest text that parses to the same double; JSON
// has no NaN, so a standard error that is not finite is null.)

json number(double v) { return std::isfinite(v) ? json(v) : json(nullptr); }
double number_of(const json& j) {
  return j.is_null() ? std::numeric_limits<double>::quiet_NaN() : j.get<double>();
}

json numbers(const std::vector<double>& values) {
  json out = json::array();
  for (const double v : values) out.push_back(number(v));
  return out;
}
std::vector<double> numbers_of(const json& j) {
  std::vector<double> out;
  for (const json& v : j) out.push_back(number_of(v));
  return out;
}

template <typename Params>
json fit_json(const clv::ModelFit<Params>& f, const std::vector<double>& params,
              const std::vector<double>& errors) {
  return {{"params", numbers(params)},
          {"standard_errors", numbers(errors)},
          {"log_likelihood", number(f.log_likelihood)},
          {"iterations", f.iterations},
          {"converged", f.converged},
          {"starts", f.starts},
          {"customers", number(f.customers)}};
}
template <typename Params>
clv::ModelFit<Params> fit_of(const json& j, Params (*to_params)(const std::vector<double>&)) {
  return {.params = to_params(numbers_of(j.at("params"))),
          .standard_errors = to_params(numbers_of(j.at("standard_errors"))),
          .log_likelihood = number_of(j.at("log_likelihood")),
          .iterations = j.at("iterations").get<int>(),
          .converged = j.at("converged").get<bool>(),
          .starts = j.at("starts").get<int>(),
          .customers = number_of(j.at("customers"))};
}

bgnbd::Params bgnbd_params(const std::vector<double>& v) {
  return {v.at(0), v.at(1), v.at(2), v.at(3)};
}
std::vector<double> bgnbd_values(const bgnbd::Params& p) { return {p.r, p.alpha, p.a, p.b}; }
gamma_gamma::Params gamma_gamma_params(const std::vector<double>& v) {
  return {v.at(0), v.at(1), v.at(2)};
}
std::vector<double> gamma_gamma_values(const gamma_gamma::Params& p) { return {p.p, p.q, p.v}; }

std::string fitted_json(const Models& models, const rfm::Scoring& rfm) {
  json j = {{"bgnbd", fit_json(models.bgnbd, bgnbd_values(models.bgnbd.params),
                               bgnbd_values(models.bgnbd.standard_errors))},
            {"rfm",
             {{"quantiles", rfm.quantiles},
              {"bins", {rfm.bins_r, rfm.bins_f, rfm.bins_m}},
              {"edges_r", numbers(rfm.edges_r)},
              {"edges_f", numbers(rfm.edges_f)},
              {"edges_m", numbers(rfm.edges_m)},
              {"warnings", rfm.warnings}}}};
  if (const auto& gg = models.gamma_gamma) {
    j["gamma_gamma"] =
        fit_json(*gg, gamma_gamma_values(gg->params), gamma_gamma_values(gg->standard_errors));
  }
  return j.dump();
}

Fitted fitted_of_json(const std::string& text) {
  const json j = json::parse(text);
  Fitted f;
  f.models.bgnbd = fit_of<bgnbd::Params>(j.at("bgnbd"), bgnbd_params);
  if (j.contains("gamma_gamma"))
    f.models.gamma_gamma = fit_of<gamma_gamma::Params>(j.at("gamma_gamma"), gamma_gamma_params);
  const json& r = j.at("rfm");
  f.rfm.quantiles = r.at("quantiles").get<int>();
  f.rfm.bins_r = r.at("bins").at(0).get<int>();
  f.rfm.bins_f = r.at("bins").at(1).get<int>();
  f.rfm.bins_m = r.at("bins").at(2).get<int>();
  f.rfm.edges_r = numbers_of(r.at("edges_r"));
  f.rfm.edges_f = numbers_of(r.at("edges_f"));
  f.rfm.edges_m = numbers_of(r.at("edges_m"));
  f.rfm.warnings = r.at("warnings").get<std::vector<std::string>>();
  return f;
}

// ---- The stored table ----

// Every customer's purchase days before as_of, in user_no order.
std::vector<PurchaseDays> read_every_customer(Warehouse& wh, Date as_of) {
  const Query q = purchase_days_query(wh, as_of);
  std::vector<PurchaseDays> out;
  std::string user;
  for (const Row row : wh.query(q.sql, q.params)) {
    if (out.empty() || row.text("user_no") != user) {
      user = row.text("user_no");
      out.emplace_back();
    }
    out.back().push_back(purchase_day_of(row));
  }
  return out;
}

Fitted fit_every_customer(Warehouse& wh, Date as_of, int quantiles) {
  const std::vector<PurchaseDays> customers = read_every_customer(wh, as_of);
  if (customers.empty()) return Fitted{.rfm = {.quantiles = quantiles}};  // nothing to score either
  std::vector<const PurchaseDays*> all;
  for (const PurchaseDays& c : customers) all.push_back(&c);
  Fitted f = fit_customers(all, as_of, quantiles);
  f.rfm.scores.clear();
  return f;
}

// The fit at the warehouse's as-of: one row per RFM quantiles (4, 5), the
// models fitted once; none when there is nothing to fit.
std::vector<std::vector<SqlValue>> compute_stored_fit(Warehouse& wh) {
  const std::string as_of_text = wh.meta("as_of");
  if (as_of_text.empty()) return {};
  Fitted quartiles;
  rfm::Scoring quintiles;
  try {
    const Date as_of = Date::parse(as_of_text);
    const std::vector<PurchaseDays> customers = read_every_customer(wh, as_of);
    if (customers.empty()) return {};
    std::vector<const PurchaseDays*> all;
    std::vector<rfm::Customer> rfm_values;
    for (const PurchaseDays& c : customers) {
      all.push_back(&c);
      rfm_values.push_back(rfm_at(c, as_of));
    }
    quartiles = fit_customers(all, as_of, 4);
    quintiles = rfm::score(rfm_values, 5);
  } catch (const Error& e) {
    // Nothing to fit (every customer first bought on the last day, say), or
    // purchases it cannot read (a hand-made warehouse's order without a date,
    // which ClickHouse stores as 0000-00-00): no stored fit, and a profile
    // meets the same error when it fits now. A load or sync does not fail for it.
    log::warn("customers__fit: not stored: ", e.what());
    return {};
  }
  quartiles.rfm.scores.clear();
  quintiles.scores.clear();
  return {{int64_t{4}, as_of_text, fitted_json(quartiles.models, quartiles.rfm)},
          {int64_t{5}, as_of_text, fitted_json(quartiles.models, quintiles)}};
}

DerivedTable stored_fit_table() {
  DerivedTable d{.owner = "domain", .refresh = DerivedRefresh::kComputed};
  d.def.database = "customers";
  d.def.name = "fit";
  d.def.comment =
      "BG/NBD and Gamma-Gamma fitted on every customer at as-of, and the RFM bins, per RFM "
      "quantiles";
  d.def.columns = {not_null_column("quantiles", ColumnType::kInt),
                   not_null_column("as_of", ColumnType::kText),
                   not_null_column("fit", ColumnType::kText)};
  d.def.primary_key = d.key = {"quantiles"};
  d.sources = {{.table = "sales_order__t_order"}};  // what sales__customer_day is made of
  d.compute = compute_stored_fit;
  d.revision = "1: bgnbd, gamma_gamma, rfm as JSON";
  return d;
}

const DerivedTableRegistration kStoredFitTable(stored_fit_table());

// ---- In memory ----

std::mutex kept_mutex;
std::map<std::string, std::shared_ptr<const Fitted>>& kept() {
  static std::map<std::string, std::shared_ptr<const Fitted>> fits;
  return fits;
}

void keep(const std::string& key, std::shared_ptr<const Fitted> fitted) {
  const std::lock_guard<std::mutex> lock(kept_mutex);
  if (kept().size() >= kKeptFits && !kept().count(key)) kept().clear();
  kept()[key] = std::move(fitted);
}

}  // namespace

std::optional<std::string> fit_key(Warehouse& wh, Date as_of, int quantiles) {
  try {
    return wh.engine() + "|" + wh.location() + "|" + warehouse_version(wh.location()) + "|" +
           as_of.str() + "|" + std::to_string(quantiles);
  } catch (const Error&) {
    return std::nullopt;  // no version to keep it by
  }
}

void keep_fit(const std::string& key, const Fitted& fitted) {
  auto copy = std::make_shared<Fitted>(fitted);
  copy->rfm.scores.clear();
  keep(key, std::move(copy));
}

std::optional<Fitted> stored_fit(Warehouse& wh, Date as_of, int quantiles) {
  if (!derived_current(wh, kStoredFit)) return std::nullopt;
  const ResultSet r =
      wh.query("SELECT as_of, fit FROM " + std::string(kStoredFit) + " WHERE quantiles = ?",
               {int64_t{quantiles}});
  if (r.empty() || r.row(0).text("as_of") != as_of.str()) return std::nullopt;
  return fitted_of_json(r.row(0).text("fit"));
}

std::shared_ptr<const Fitted> kept_or_stored_fit(Warehouse& wh, Date as_of, int quantiles) {
  const std::optional<std::string> key =
      fit_key(wh, as_of, quantiles);  // before the data it is fitted on
  if (key) {
    const std::lock_guard<std::mutex> lock(kept_mutex);
    const auto it = kept().find(*key);
    if (it != kept().end()) return it->second;
  }
  std::optional<Fitted> stored = stored_fit(wh, as_of, quantiles);
  if (!stored) return nullptr;
  auto fitted = std::make_shared<const Fitted>(std::move(*stored));
  if (key) keep(*key, fitted);
  return fitted;
}

std::shared_ptr<const Fitted> fitted_models(Warehouse& wh, Date as_of, int quantiles) {
  const std::optional<std::string> key =
      fit_key(wh, as_of, quantiles);  // before the data it is fitted on
  if (std::shared_ptr<const Fitted> found = kept_or_stored_fit(wh, as_of, quantiles)) return found;
  log::debug("customers: no stored fit of ", as_of.str(), " in ", wh.location(),
             ": fitting every customer");
  auto fitted = std::make_shared<const Fitted>(fit_every_customer(wh, as_of, quantiles));
  if (key) keep(*key, fitted);
  return fitted;
}

void forget_kept_fits() {
  const std::lock_guard<std::mutex> lock(kept_mutex);
  kept().clear();
}

}  // namespace luckyhub::customers
