// `luckyhub model erlang`: the staffing tool's queueing model
// (domain/erlang.h) for one arrival rate: the fewest agents meeting a service
// level, and the positions to schedule after shrinkage. Erlang C, or Erlang A
// with --patience.
#include <cstdio>
#include <iostream>
#include <memory>

#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "domain/erlang.h"

namespace luckyhub::cli {
namespace {

struct ErlangOptions {
  erlang::Demand demand;
  erlang::Target target;
  double patience_s = 0;
  std::string format = "text";
};

void print_json(const erlang::Requirement& r) {
  const erlang::Performance& p = r.at;
  nlohmann::json out = {{"agents", p.agents},           {"service_level", p.service_level},
                        {"p_wait", p.p_wait},           {"asa_seconds", p.asa_s},
                        {"occupancy", p.occupancy},     {"positions", r.positions},
                        {"fractional_agents", r.fractional_agents},
                        {"fractional_positions", r.fractional_positions}};
  if (p.p_abandon) out["p_abandon"] = *p.p_abandon;
  std::cout << out.dump(2) << "\n";
}

void print_text(const ErlangOptions& o, const erlang::Requirement& r) {
  const erlang::Performance& p = r.at;
  std::printf("model          %s\n", o.demand.patience_s ? "Erlang A (customers walk away)" : "Erlang C");
  std::printf("load           %.6f Erlangs\n", o.demand.load_erlangs());
  std::printf("agents         %d (fractional %.4f)\n", p.agents, r.fractional_agents);
  std::printf("positions      %d (fractional %.4f, shrinkage %.2f)\n", r.positions, r.fractional_positions,
              o.target.shrinkage);
  std::printf("service level  %.6f within %.0f s\n", p.service_level, o.target.answer_s);
  std::printf("P(wait)        %.6f\n", p.p_wait);
  std::printf("ASA            %.4f s\n", p.asa_s);
  std::printf("occupancy      %.6f\n", p.occupancy);
  if (p.p_abandon) std::printf("P(abandon)     %.6f\n", *p.p_abandon);
}

}  // namespace

void add_model_erlang(CLI::App& model) {
  auto* cmd = model.add_subcommand(
      "erlang", "Agents needed for an arrival rate: Erlang C, or Erlang A with --patience (customers walk away)");
  auto o = std::make_shared<ErlangOptions>();
  cmd->add_option("--rate", o->demand.rate_per_hour, "arrivals per hour")->required();
  cmd->add_option("--aht", o->demand.aht_s, "average handling time, seconds")->required();
  cmd->add_option("--target", o->target.answer_s, "target answer time, seconds")->required();
  cmd->add_option("--sl", o->target.service_level, "service level: share answered within --target, in (0, 1)")
      ->required();
  cmd->add_option("--shrinkage", o->target.shrinkage, "share of paid time not on the floor, [0, 1)")
      ->capture_default_str();
  cmd->add_option("--max-occupancy", o->target.max_occupancy, "occupancy cap, (0, 1]")->capture_default_str();
  cmd->add_option("--patience", o->patience_s, "mean patience, seconds: Erlang A");
  cmd->add_option("--format", o->format, "text or json")->check(CLI::IsMember({"text", "json"}))->capture_default_str();
  cmd->callback([o, cmd] {
    if (cmd->count("--patience") > 0) o->demand.patience_s = o->patience_s;
    const erlang::Requirement r = erlang::required(o->demand, o->target);
    if (o->format == "json") print_json(r);
    else print_text(*o, r);
  });
}

}  // namespace luckyhub::cli
