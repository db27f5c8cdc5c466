// `luckyhub model bgnbd`: customer-360's churn and lifetime-value models
// (domain/bgnbd.h, domain/gamma_gamma.h) on a plain transactions file. The
// BG/NBD fit on every customer's (frequency, recency, T); with --amount-col,
// Gamma-Gamma on the customers with repeat purchases. --out writes each
// customer's scores. A fit that cannot be made (no repeat purchase, no
// finite maximum) is one error line; a score a degenerate fit leaves
// undefined is "NA" in --out (null in --format json), never "-nan".
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/transactions_file.h"
#include "core/error.h"
#include "core/log.h"
#include "domain/gamma_gamma.h"

namespace luckyhub::cli {
namespace {

constexpr int kLifetimeMonths = 12;  // the expected value's horizon, as pymc-marketing's default

struct BgnbdOptions {
  std::string transactions, customer_col, date_col, amount_col, end, freq = "D", out, format = "text";
};

struct Models {
  std::vector<CustomerSummary> customers;
  bgnbd::Fit bgnbd;
  std::optional<gamma_gamma::Fit> gamma_gamma;
  double days_per_unit = 1;
  // A maximum at a point mass (a and b in the trillions): some scores 0/0,
  // NA; and when its log-likelihood comes out positive, that is rounding
  // (8196 for six customers), printed as NA, not as a fit's.
  bool degenerate = false, likelihood_lost = false;
};

bgnbd::History history(const CustomerSummary& c) { return {c.frequency, c.recency, c.T}; }

// A score or standard error with `digits` decimals, or "NA" where the
// degenerate fit of a tiny input leaves none (never "-nan").
std::string fixed_or_na(double v, int digits) {
  if (!std::isfinite(v)) return "NA";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", digits, v);
  return buf;
}
std::string general_or_na(double v) {
  if (!std::isfinite(v)) return "NA";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.3g", v);
  return buf;
}

Models fit(const BgnbdOptions& o) {
  Models m{.days_per_unit = o.freq == "W" ? 7.0 : 1.0};
  const std::optional<Date> end = o.end.empty() ? std::nullopt : std::optional(Date::parse(o.end));
  m.customers = summarise(read_transactions(o.transactions, {o.customer_col, o.date_col, o.amount_col}), end,
                          m.days_per_unit);
  if (m.customers.empty()) throw Error(o.transactions + ": no transactions on or before the end date");
  std::vector<bgnbd::History> histories;
  std::vector<gamma_gamma::Spend> spends;
  for (const CustomerSummary& c : m.customers) {
    histories.push_back(history(c));
    if (c.frequency > 0 && c.monetary > 0) spends.push_back({c.frequency, c.monetary});
  }
  // Without a repeat purchase the likelihood is largest at the boundary (no
  // one ever buys again): no maximum to report, and scores of nothing.
  if (std::none_of(m.customers.begin(), m.customers.end(),
                   [](const CustomerSummary& c) { return c.frequency > 0; }))
    throw Error(o.transactions + ": BG/NBD fit not possible: no customer has a repeat purchase (" +
                std::to_string(m.customers.size()) + " customers, each with one purchase day)");
  m.bgnbd = bgnbd::fit(histories);
  const bgnbd::Params& p = m.bgnbd.params;
  if (!std::isfinite(m.bgnbd.log_likelihood) || !std::isfinite(p.r) || !std::isfinite(p.alpha) ||
      !std::isfinite(p.a) || !std::isfinite(p.b))
    throw Error(o.transactions +
                ": BG/NBD fit not possible: no finite maximum of the likelihood on " +
                std::to_string(m.customers.size()) + " customers");
  // Too few customers can leave the maximum at a point mass (a and b, or r
  // and α, in the millions) where some scores are 0/0: NA, said once.
  int undefined = 0;
  for (const bgnbd::History& h : histories)
    undefined += !std::isfinite(bgnbd::p_alive(p, h)) ||
                 !std::isfinite(bgnbd::expected_purchases(p, h, 90 / m.days_per_unit));
  m.likelihood_lost = undefined > 0 && m.bgnbd.log_likelihood > 0;
  m.degenerate = undefined > 0;
  if (m.degenerate)
    log::warn("model bgnbd: the fit on ", m.customers.size(), " customers is degenerate (r ", p.r,
              ", alpha ", p.alpha, ", a ", p.a, ", b ", p.b, "): ", undefined,
              " customers' scores are undefined, NA in --out",
              m.likelihood_lost ? "; its log-likelihood is lost to rounding, NA" : "");
  if (!o.amount_col.empty()) {
    if (spends.empty()) throw Error(o.transactions + ": no customer with repeat purchases of positive amount");
    m.gamma_gamma = gamma_gamma::fit(spends);
  }
  return m;
}

void write_customers(const std::string& path, const Models& m) {
  std::ofstream out(path);
  if (!out) throw Error(path + ": cannot write");
  out << "customer,frequency,recency,T,p_alive,expected_purchases_30d,expected_purchases_90d"
      << (m.gamma_gamma ? ",expected_spend,expected_value" : "") << "\n";
  char buf[256];
  for (const CustomerSummary& c : m.customers) {
    const bgnbd::History h = history(c);
    std::snprintf(buf, sizeof buf, "%.6g,%.6g,%.6g", c.frequency, c.recency, c.T);
    out << c.customer << "," << buf << "," << fixed_or_na(bgnbd::p_alive(m.bgnbd.params, h), 6)
        << "," << fixed_or_na(bgnbd::expected_purchases(m.bgnbd.params, h, 30 / m.days_per_unit), 6)
        << ","
        << fixed_or_na(bgnbd::expected_purchases(m.bgnbd.params, h, 90 / m.days_per_unit), 6);
    if (m.gamma_gamma) {
      const double spend = gamma_gamma::expected_spend(m.gamma_gamma->params, c.frequency, c.monetary);
      const double value =
          gamma_gamma::lifetime_value(m.bgnbd.params, h, spend, kLifetimeMonths, 0, m.days_per_unit);
      // A value below 0 is the arithmetic of a degenerate fit, not a value.
      out << "," << fixed_or_na(spend, 4) << "," << fixed_or_na(value < 0 ? NAN : value, 4);
    }
    out << "\n";
  }
  if (!out) throw Error(path + ": write failed");
}

void print_json(const Models& m) {
  const bgnbd::Fit& b = m.bgnbd;
  nlohmann::json out = {{"customers", m.customers.size()},
                        {"bgnbd",
                         {{"r", b.params.r},
                          {"alpha", b.params.alpha},
                          {"a", b.params.a},
                          {"b", b.params.b},
                          {"log_likelihood", m.likelihood_lost ? nlohmann::json(nullptr)
                                                               : nlohmann::json(b.log_likelihood)},
                          {"degenerate", m.degenerate},
                          {"iterations", b.iterations},
                          {"converged", b.converged}}}};
  if (m.gamma_gamma) {
    const gamma_gamma::Fit& g = *m.gamma_gamma;
    out["gamma_gamma"] = {{"p", g.params.p}, {"q", g.params.q}, {"v", g.params.v}, {"customers", std::llround(g.customers)}};
  }
  std::cout << out.dump(2) << "\n";
}

void print_text(const BgnbdOptions& o, const Models& m) {
  const bgnbd::Fit& b = m.bgnbd;
  const char* unit = o.freq == "W" ? "weeks" : "days";
  std::printf("customers      %zu (time in %s)\n", m.customers.size(), unit);
  std::printf("BG/NBD         r %.6g (SE %s)  alpha %.6g (SE %s)  a %.6g (SE %s)  b %.6g (SE %s)\n",
              b.params.r, general_or_na(b.standard_errors.r).c_str(), b.params.alpha,
              general_or_na(b.standard_errors.alpha).c_str(), b.params.a,
              general_or_na(b.standard_errors.a).c_str(), b.params.b,
              general_or_na(b.standard_errors.b).c_str());
  if (m.likelihood_lost) {
    std::printf(
        "  fit          log-likelihood NA: degenerate (too few customers), %d iterations, %s (best "
        "of %d starts)\n",
        b.iterations, b.converged ? "converged" : "NOT converged", b.starts);
  } else {
    std::printf("  fit          log-likelihood %.6f, %d iterations, %s (best of %d starts)\n",
                b.log_likelihood, b.iterations, b.converged ? "converged" : "NOT converged",
                b.starts);
  }
  if (m.gamma_gamma) {
    const gamma_gamma::Fit& g = *m.gamma_gamma;
    std::printf("Gamma-Gamma    p %.6g  q %.6g  v %.6g on %.0f customers with repeat purchases\n", g.params.p,
                g.params.q, g.params.v, g.customers);
    std::printf("  fit          log-likelihood %.6f, %d iterations, %s\n", g.log_likelihood, g.iterations,
                g.converged ? "converged" : "NOT converged");
  }
  if (!o.out.empty()) std::printf("customers' scores written to %s\n", o.out.c_str());
}

}  // namespace

void add_model_bgnbd(CLI::App& model) {
  auto* cmd = model.add_subcommand(
      "bgnbd", "Churn and lifetime value from a transactions file: BG/NBD, and Gamma-Gamma with --amount-col");
  auto o = std::make_shared<BgnbdOptions>();
  cmd->add_option("--transactions", o->transactions, "CSV of transactions with a header")->required();
  cmd->add_option("--customer-col", o->customer_col, "column of the customer id")->required();
  cmd->add_option("--date-col", o->date_col, "column of the date, YYYY-MM-DD (a time after it is ignored)")
      ->required();
  cmd->add_option("--amount-col", o->amount_col, "column of the amount: fits Gamma-Gamma too");
  cmd->add_option("--end", o->end, "end of the observation, YYYY-MM-DD (default: the last transaction's date)");
  cmd->add_option("--freq", o->freq, "time unit: D (days) or W (weeks, days / 7)")
      ->check(CLI::IsMember({"D", "W"}))
      ->capture_default_str();
  cmd->add_option("--out", o->out, "write each customer's frequency, recency, T and scores to this CSV");
  cmd->add_option("--format", o->format, "text or json")->check(CLI::IsMember({"text", "json"}))->capture_default_str();
  cmd->callback([o] {
    if (!o->end.empty()) {
      try {
        Date::parse(o->end);
      } catch (const Error& e) {
        throw Error(std::string("--end: ") + e.what());
      }
    }
    const Models m = fit(*o);
    if (!o->out.empty()) write_customers(o->out, m);
    if (o->format == "json") print_json(m);
    else print_text(*o, m);
  });
}

}  // namespace luckyhub::cli
