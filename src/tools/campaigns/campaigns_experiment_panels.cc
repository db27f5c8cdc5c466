// The experiments panel (one row per experiment and group) and the alerts
// of experiments whose sample ratio is off.
#include <cstdio>

#include "tools/campaigns/campaigns_panels.h"

namespace luckyhub::campaigns {
namespace {

std::optional<double> effect_value(const experiment::Effect& e, double experiment::Effect::*field,
                                   bool control) {
  if (control || !e.computable) return std::nullopt;
  return e.*field;
}

std::string verdict(const ArmResult& a, bool srm) {
  if (a.control) return "control";
  if (srm) return "sample ratio mismatch";
  if (!a.conversion_effect.computable) return "not enough data";
  return a.conversion_effect.significant() ? "significant" : "not significant";
}

}  // namespace

Panel experiments_panel(const std::vector<ExperimentResult>& experiments,
                        const experiment::Options& options) {
  Panel p{.id = "experiments", .title = "A/B experiments", .kind = PanelKind::kTable};
  p.description =
      std::string(
          "Conversion: a paid order within 7 days after the first exposure. Each group against "
          "the control: Welch's t-test on the relative lift (delta method), ") +
      (options.sequential ? "sequential confidence sequences" : "fixed-horizon intervals") +
      "; sample ratio mismatch when the users per group depart from the planned traffic (p < "
      "0.001).";
  p.table.columns = {
      {"experiment_id", "Experiment", ValueType::kInt},
      {"experiment", "Name", ValueType::kText},
      {"group", "Group", ValueType::kText},
      {"traffic", "Planned traffic", ValueType::kRate},
      {"users", "Users", ValueType::kInt},
      {"converters", "Converted", ValueType::kInt},
      {"conversion", "Conversion", ValueType::kRate},
      {"revenue_per_user", "Revenue per user", ValueType::kNumber, "", "USD"},
      {"lift", "Conversion lift", ValueType::kRate},
      {"ci_low", "CI low", ValueType::kRate},
      {"ci_high", "CI high", ValueType::kRate},
      {"p_value", "p-value", ValueType::kNumber},
      {"chance_to_win", "Chance to win", ValueType::kRate},
      {"revenue_lift", "Revenue per user lift", ValueType::kRate},
      {"revenue_p_value", "Revenue p-value", ValueType::kNumber},
      {"srm_p", "Sample ratio p", ValueType::kNumber},
      {"verdict", "Verdict", ValueType::kText},
      {"readout", "Readout", ValueType::kText},
  };
  using E = experiment::Effect;
  for (const ExperimentResult& e : experiments) {
    for (const ArmResult& a : e.arms) {
      const std::string readout =
          a.control ? ""
                    : experiment::readout(a.group_name, "conversion", a.conversion_effect, options);
      p.table.rows.push_back(
          {e.experiment_id, e.name, a.group_name, rate_value(a.traffic), a.users, a.converters,
           rate_value(a.users ? std::optional(a.conversion.mean) : std::nullopt),
           ratio_value(a.users ? std::optional(a.revenue_per_user.mean) : std::nullopt),
           rate_value(effect_value(a.conversion_effect, &E::estimate, a.control)),
           rate_value(effect_value(a.conversion_effect, &E::ci_low, a.control)),
           rate_value(effect_value(a.conversion_effect, &E::ci_high, a.control)),
           p_value_cell(effect_value(a.conversion_effect, &E::p_value, a.control)),
           rate_value(a.control ? std::nullopt
                                : std::optional(experiment::chance_to_win(a.conversion_effect))),
           rate_value(effect_value(a.revenue_effect, &E::estimate, a.control)),
           p_value_cell(effect_value(a.revenue_effect, &E::p_value, a.control)),
           p_value_cell(e.srm_p), verdict(a, e.srm()), readout});
    }
  }
  return p;
}

Panel experiment_chart_panel(const std::vector<ExperimentResult>& experiments,
                             const experiment::Options& options) {
  Panel p{.id = "experiment_lifts", .title = "A/B experiments: conversion lift with its interval",
          .kind = PanelKind::kBar};
  char text[256];
  std::snprintf(text, sizeof text,
                "Each group's relative lift in conversion against its control, the whiskers its "
                "%.0f%% %s interval; a bar's series is its verdict. An experiment whose users per "
                "group depart from the planned traffic is not to be trusted, whatever its lift.",
                100 * (1 - options.alpha), options.sequential ? "sequential" : "confidence");
  p.description = text;
  p.series.x_label = "Experiment: group";
  Series significant{"significant", "Significant", ValueType::kRate};
  Series not_significant{"not_significant", "Not significant", ValueType::kRate};
  Series mismatch{"srm", "Sample ratio mismatch", ValueType::kRate};
  Series low{"ci_low", "CI low", ValueType::kRate}, high{"ci_high", "CI high", ValueType::kRate};
  low.draw = "whisker_low";
  high.draw = "whisker_high";
  for (const ExperimentResult& e : experiments) {
    for (const ArmResult& a : e.arms) {
      if (a.control) continue;
      const experiment::Effect& x = a.conversion_effect;
      p.series.x.push_back(e.name + ": " + a.group_name);
      const Cell lift = x.computable ? rate_value(x.estimate) : Cell();
      const int verdict = e.srm() ? 2 : x.significant() ? 0 : 1;
      significant.values.push_back(verdict == 0 ? lift : Cell());
      not_significant.values.push_back(verdict == 1 ? lift : Cell());
      mismatch.values.push_back(verdict == 2 ? lift : Cell());
      low.values.push_back(x.computable ? rate_value(x.ci_low) : Cell());
      high.values.push_back(x.computable ? rate_value(x.ci_high) : Cell());
    }
  }
  p.series.series = {significant, not_significant, mismatch, low, high};
  return p;
}

Panel experiment_alerts_panel(const std::vector<ExperimentResult>& experiments,
                              const experiment::Options&) {
  Panel p{.id = "alerts", .title = "Experiments to look at", .kind = PanelKind::kAlerts};
  for (const ExperimentResult& e : experiments) {
    if (!e.srm()) continue;
    std::string users;
    for (const ArmResult& a : e.arms) {
      char share[32];
      std::snprintf(share, sizeof share, "%.0f%%", 100 * a.traffic);
      users += (users.empty() ? "" : ", ") + a.group_name + " " + std::to_string(a.users) +
               " (planned " + share + ")";
    }
    char p_text[64];
    std::snprintf(p_text, sizeof p_text, "%.3g", e.srm_p);
    p.alerts.push_back(
        {.severity = Status::kRed,
         .title = e.name + ": sample ratio mismatch",
         .detail = "Users per group " + users + ": chi-square p = " + p_text +
                   ". The assignment or the logging is broken; do not trust its results."});
  }
  return p;
}

}  // namespace luckyhub::campaigns
