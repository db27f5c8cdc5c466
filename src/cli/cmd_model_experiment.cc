// `luckyhub model experiment`: the campaigns tool's experiment engine
// (domain/experiment_stats.h) on a plain file of per-arm sums, one row per
// arm, the first arm the control:
//   arm,users,sum,sum_squares
// (sum_squares may be left out with --metric proportion, where sum counts the
// converted users). Each variant is compared with the control; the sample
// ratio check uses --weights (equal when left out).
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>

#include "cli/commands.h"
#include "core/error.h"
#include "domain/experiment_stats.h"

namespace luckyhub::cli {
namespace {

struct ExperimentOptions {
  std::string arms_path, metric = "mean", scale = "relative", format = "text", weights;
  bool sequential = false;
  double tuning_n = 5000;
};

struct ArmRow {
  std::string arm;
  int64_t users = 0;
  double sum = 0, sum_squares = 0;
};

std::vector<std::string> split(const std::string& line, char sep) {
  std::vector<std::string> out;
  std::stringstream ss(line);
  std::string field;
  while (std::getline(ss, field, sep)) {
    while (!field.empty() && (field.back() == '\r' || field.back() == ' ')) field.pop_back();
    while (!field.empty() && field.front() == ' ') field.erase(field.begin());
    out.push_back(field);
  }
  if (!line.empty() && line.back() == sep) out.push_back("");
  return out;
}

double number(const std::string& text, const std::string& where) {
  size_t used = 0;
  double value = 0;
  try {
    value = std::stod(text, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used == 0 || used != text.size() || !std::isfinite(value))
    throw Error(where + ": '" + text + "' is not a number");
  return value;
}

std::vector<ArmRow> read_arms(const std::string& path, bool proportion) {
  std::ifstream in(path);
  if (!in) throw Error(path + ": cannot be read");
  std::string line;
  if (!std::getline(in, line)) throw Error(path + ": empty");
  const std::vector<std::string> header = split(line, ',');
  auto column = [&](const std::string& name) -> int {
    for (size_t i = 0; i < header.size(); ++i)
      if (header[i] == name) return int(i);
    return -1;
  };
  const int arm = column("arm"), users = column("users"), sum = column("sum"),
            squares = column("sum_squares");
  if (arm < 0 || users < 0 || sum < 0 || (!proportion && squares < 0))
    throw Error(path + ": the header must name arm, users, sum" +
                (proportion ? "" : " and sum_squares"));
  std::vector<ArmRow> rows;
  for (int number_of_line = 2; std::getline(in, line); ++number_of_line) {
    if (line.empty() || line == "\r") continue;
    const std::vector<std::string> f = split(line, ',');
    const std::string where = path + ":" + std::to_string(number_of_line);
    if (f.size() != header.size())
      throw Error(where + ": " + std::to_string(f.size()) + " fields where the header has " +
                  std::to_string(header.size()));
    ArmRow r{.arm = f[arm]};
    const double n = number(f[users], where);
    if (n < 0 || n != std::floor(n)) throw Error(where + ": users must be a whole number >= 0");
    r.users = int64_t(n);
    r.sum = number(f[sum], where);
    r.sum_squares = squares >= 0 ? number(f[squares], where) : r.sum;
    if (proportion && (r.sum < 0 || r.sum > n))
      throw Error(where + ": converted users must be in [0, users]");
    rows.push_back(r);
  }
  if (rows.size() < 2) throw Error(path + ": needs a control and at least one variant (2 rows)");
  return rows;
}

std::vector<double> parse_weights(const std::string& text, size_t arms) {
  if (text.empty()) return {};
  std::vector<double> out;
  for (const std::string& w : split(text, ',')) out.push_back(number(w, "--weights"));
  if (out.size() != arms)
    throw Error("--weights: " + std::to_string(out.size()) + " weights for " +
                std::to_string(arms) + " arms");
  return out;
}

struct ArmResult {
  ArmRow row;
  experiment::Moments moments;
  std::optional<experiment::Effect> effect;  // none for the control
};

void print_json(double srm_p, const std::vector<ArmResult>& arms, const std::string& metric,
                const experiment::Options& options) {
  nlohmann::json out = {{"srm_p", srm_p},
                        {"srm_flag", srm_p < experiment::kSrmThreshold},
                        {"arms", nlohmann::json::array()}};
  for (const ArmResult& a : arms) {
    nlohmann::json j = {{"arm", a.row.arm}, {"users", a.row.users}, {"mean", a.moments.mean}};
    if (a.effect) {
      j["lift"] = a.effect->estimate;
      j["ci_low"] = a.effect->ci_low;
      j["ci_high"] = a.effect->ci_high;
      j["p_value"] = a.effect->p_value;
      j["chance_to_win"] = experiment::chance_to_win(*a.effect);
      j["significant"] = a.effect->significant();
      j["readout"] = experiment::readout(a.row.arm, metric, *a.effect, options);
    } else {
      j["lift"] = j["ci_low"] = j["ci_high"] = j["p_value"] = j["chance_to_win"] = nullptr;
    }
    out["arms"].push_back(j);
  }
  std::cout << out.dump(2) << "\n";
}

void print_text(double srm_p, const std::vector<ArmResult>& arms, const std::string& metric,
                const experiment::Options& options) {
  std::printf("%-12s %10s %12s %10s %10s %10s %10s %10s\n", "arm", "users", "mean", "lift",
              "ci_low", "ci_high", "p_value", "win");
  for (const ArmResult& a : arms) {
    std::printf("%-12s %10lld %12.6g", a.row.arm.c_str(), static_cast<long long>(a.row.users),
                a.moments.mean);
    if (a.effect)
      std::printf(" %10.5f %10.5f %10.5f %10.5f %10.5f\n", a.effect->estimate, a.effect->ci_low,
                  a.effect->ci_high, a.effect->p_value, experiment::chance_to_win(*a.effect));
    else
      std::printf(" %10s\n", "(control)");
  }
  std::printf("sample ratio  p = %.9f%s\n", srm_p,
              srm_p < experiment::kSrmThreshold ? "  MISMATCH: do not trust the results" : "");
  for (const ArmResult& a : arms)
    if (a.effect)
      std::printf("%s\n", experiment::readout(a.row.arm, metric, *a.effect, options).c_str());
}

void run(const ExperimentOptions& o) {
  const bool proportion = o.metric == "proportion";
  const std::vector<ArmRow> rows = read_arms(o.arms_path, proportion);
  const std::vector<double> weights = parse_weights(o.weights, rows.size());
  if (!(o.tuning_n > 0)) throw Error("--tuning must be > 0");
  const experiment::Options options{
      .scale = o.scale == "absolute" ? experiment::Scale::kAbsolute : experiment::Scale::kRelative,
      .sequential = o.sequential,
      .tuning_n = o.tuning_n};
  std::vector<ArmResult> arms;
  std::vector<int64_t> users;
  for (const ArmRow& r : rows) {
    const double n = double(r.users);
    arms.push_back({r, proportion ? experiment::proportion(n, r.sum)
                                  : experiment::sample_mean(n, r.sum, r.sum_squares)});
    users.push_back(r.users);
  }
  for (size_t i = 1; i < arms.size(); ++i)
    arms[i].effect = experiment::compare(arms[0].moments, arms[i].moments, options);
  const double srm_p = experiment::srm_p_value(users, weights);
  const std::string metric = proportion ? "conversion" : "the mean";
  if (o.format == "json")
    print_json(srm_p, arms, metric, options);
  else
    print_text(srm_p, arms, metric, options);
}

}  // namespace

void add_model_experiment(CLI::App& model) {
  auto* cmd = model.add_subcommand(
      "experiment",
      "An A/B test from per-arm sums (arm,users,sum,sum_squares; the first arm the control)");
  auto o = std::make_shared<ExperimentOptions>();
  cmd->add_option("--arms", o->arms_path, "CSV, one row per arm: arm,users,sum,sum_squares")
      ->required();
  cmd->add_option("--metric", o->metric, "mean or proportion (sum = converted users)")
      ->check(CLI::IsMember({"mean", "proportion"}))
      ->capture_default_str();
  cmd->add_option("--scale", o->scale, "relative (lift) or absolute (difference)")
      ->check(CLI::IsMember({"relative", "absolute"}))
      ->capture_default_str();
  cmd->add_flag("--sequential", o->sequential,
                "confidence sequences: valid however often the test is read");
  cmd->add_option("--tuning", o->tuning_n,
                  "N*, the sequential test's tuning (expected total users)")
      ->capture_default_str();
  cmd->add_option("--weights", o->weights,
                  "planned traffic per arm for the sample ratio check, e.g. 0.75,0.25");
  cmd->add_option("--format", o->format, "text or json")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  cmd->callback([o] { run(*o); });
}

}  // namespace luckyhub::cli
