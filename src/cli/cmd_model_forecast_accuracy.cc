// `luckyhub model forecast-accuracy`: the forecast-accuracy tool's metrics
// (domain/forecast_metrics.h) on plain files. Predictions are paired with
// actuals by series and date (or t); MASE needs --training, whose series
// give each series' naive-forecast scale. Over several series MASE is the
// mean of the series' own MASEs.
#include <cstdio>
#include <iostream>
#include <memory>

#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/series_file.h"
#include "core/error.h"
#include "domain/forecast_metrics.h"

namespace luckyhub::cli {
namespace {

struct ForecastAccuracyOptions {
  std::string actuals, predictions, training, format = "text";
  int season = 1;
};

struct Evaluation {
  forecast::Accuracy accuracy;
  int64_t series = 0, unmatched = 0;
};

// Each series' MASE, averaged; nullopt (with a note) when a series has no scale.
std::optional<double> mean_mase(const std::map<std::string, forecast::ErrorSums>& by_series,
                                const SeriesFile& training, int season, std::vector<std::string>& notes) {
  double sum = 0;
  for (const auto& [name, sums] : by_series) {
    const auto it = training.series.find(name);
    std::vector<double> values;
    if (it != training.series.end())
      for (const SeriesPoint& p : it->second) values.push_back(p.value);
    const std::optional<double> scale = forecast::naive_scale(values, season);
    const std::string which = name.empty() ? "the training series" : "training series '" + name + "'";
    if (!scale) {
      notes.push_back("MASE undefined: " + which + " has " + std::to_string(values.size()) +
                      " values, not more than the season " + std::to_string(season));
      return std::nullopt;
    }
    if (*scale <= 0) {
      notes.push_back("MASE undefined: " + which + " is constant at the season's lag (naive error 0)");
      return std::nullopt;
    }
    sum += sums.mae() / *scale;
  }
  return by_series.empty() ? std::nullopt : std::optional(sum / static_cast<double>(by_series.size()));
}

Evaluation evaluate(const ForecastAccuracyOptions& o) {
  const SeriesFile actuals = read_series_file(o.actuals);
  const SeriesFile predictions = read_series_file(o.predictions);
  if (actuals.dated != predictions.dated)
    throw Error(o.predictions + ": keyed by " + (predictions.dated ? "date" : "t") + " where " + o.actuals +
                " is keyed by " + (actuals.dated ? "date" : "t"));
  Evaluation e;
  forecast::ErrorSums all;
  std::map<std::string, forecast::ErrorSums> by_series;
  for (const auto& [name, points] : predictions.series) {
    const auto it = actuals.series.find(name);
    std::map<int64_t, double> actual_at;
    if (it != actuals.series.end())
      for (const SeriesPoint& p : it->second) actual_at[p.t] = p.value;
    for (const SeriesPoint& p : points) {
      const auto a = actual_at.find(p.t);
      if (a == actual_at.end()) {
        ++e.unmatched;
        continue;
      }
      all.add(a->second, p.value);
      by_series[name].add(a->second, p.value);
    }
  }
  e.series = static_cast<int64_t>(by_series.size());
  e.accuracy = forecast::accuracy(all);
  if (!o.training.empty()) {
    const SeriesFile training = read_series_file(o.training);
    e.accuracy.mase = mean_mase(by_series, training, o.season, e.accuracy.notes);
  } else {
    e.accuracy.notes.push_back("MASE needs --training");
  }
  if (e.unmatched > 0)
    e.accuracy.notes.push_back(std::to_string(e.unmatched) + " predictions without an actual were left out");
  return e;
}

nlohmann::json metric(const std::optional<double>& v) { return v ? nlohmann::json(*v) : nlohmann::json(nullptr); }

void print_json(const Evaluation& e) {
  const forecast::Accuracy& a = e.accuracy;
  nlohmann::json out = {{"n", a.n},
                        {"mape", metric(a.mape)},
                        {"smape", metric(a.smape)},
                        {"wape", metric(a.wape)},
                        {"bias", metric(a.bias)},
                        {"mase", metric(a.mase)},
                        {"hit_rate_20", metric(a.hit_rate_20)},
                        {"mae", metric(a.mae)},
                        {"series", e.series},
                        {"formulas",
                         {{"mape", forecast::kMapeFormula},
                          {"smape", forecast::kSmapeFormula},
                          {"wape", forecast::kWapeFormula},
                          {"bias", forecast::kBiasFormula},
                          {"mase", forecast::kMaseFormula},
                          {"hit_rate_20", forecast::kHitRateFormula}}}};
  if (!a.notes.empty()) out["notes"] = a.notes;
  std::cout << out.dump(2) << "\n";
}

void print_text(const Evaluation& e) {
  const forecast::Accuracy& a = e.accuracy;
  std::printf("%-12s %lld (%lld series)\n", "pairs", static_cast<long long>(a.n), static_cast<long long>(e.series));
  auto line = [](const char* name, const std::optional<double>& v, const char* formula) {
    if (v) std::printf("%-12s %12.6f   %s\n", name, *v, formula);
    else std::printf("%-12s %12s   %s\n", name, "undefined", formula);
  };
  line("MAPE", a.mape, forecast::kMapeFormula);
  line("sMAPE", a.smape, forecast::kSmapeFormula);
  line("WAPE", a.wape, forecast::kWapeFormula);
  line("bias", a.bias, forecast::kBiasFormula);
  line("MASE", a.mase, forecast::kMaseFormula);
  line("hit rate 20%", a.hit_rate_20, forecast::kHitRateFormula);
  line("MAE", a.mae, "MAE = mean(|ŷ − y|)");
  for (const std::string& note : a.notes) std::printf("note: %s\n", note.c_str());
}

}  // namespace

void add_model_forecast_accuracy(CLI::App& model) {
  auto* cmd = model.add_subcommand(
      "forecast-accuracy",
      "Forecast accuracy of predictions against actuals: MAPE, sMAPE, WAPE, bias, MASE, hit rate within 20%. "
      "Files are CSV with a header: value, date or t, and optionally series");
  auto o = std::make_shared<ForecastAccuracyOptions>();
  cmd->add_option("--actuals", o->actuals, "CSV of actual values")->required();
  cmd->add_option("--predictions", o->predictions, "CSV of predicted values, paired with the actuals by series and date/t")
      ->required();
  cmd->add_option("--training", o->training, "CSV of the in-sample history each series' MASE is scaled by");
  cmd->add_option("--season", o->season, "MASE's naive-forecast lag m (1: the previous value, 7: last week's day)")
      ->check(CLI::Range(1, 100000))
      ->capture_default_str();
  cmd->add_option("--format", o->format, "text or json")->check(CLI::IsMember({"text", "json"}))->capture_default_str();
  cmd->callback([o] {
    const Evaluation e = evaluate(*o);
    if (o->format == "json") print_json(e);
    else print_text(e);
  });
}

}  // namespace luckyhub::cli
