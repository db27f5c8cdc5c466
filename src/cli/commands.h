// The subcommands of the luckyhub binary. Each add_* registers one
// subcommand on the CLI11 app with its flags and its action; an action throws
// luckyhub::Error for main() to print as one line.
#pragma once

#include <string>

#include <CLI/CLI.hpp>

namespace luckyhub::cli {

void add_simulate(CLI::App& app);
void add_tools(CLI::App& app);
void add_report(CLI::App& app);
void add_calibration(CLI::App& app);
void add_serve(CLI::App& app);
void add_sync(CLI::App& app);
void add_collect(CLI::App& app);
void add_alerts(CLI::App& app);  // tool alerts, once
void add_replica_views(CLI::App& app);
void add_redis(CLI::App& app);  // redis-scan and redis-fill
void add_model(CLI::App& app);  // model <name>: the models on plain files
void add_channels_spend(CLI::App& app);  // marketing spend for the channels tool
void add_inventory_thresholds(CLI::App& app);  // days-of-supply thresholds per goods for inventory
void add_delivery(CLI::App& app);  // delivery check: the scheduler's file
void add_access(CLI::App& app);  // users, tokens, audit: the access file (cmd_users.cc)

// The subcommands of `model` (cmd_model.cc), one file each.
void add_model_forecast_accuracy(CLI::App& model);
void add_model_erlang(CLI::App& model);
void add_model_bgnbd(CLI::App& model);
void add_model_experiment(CLI::App& model);
void add_model_recommend(CLI::App& model);

// "90s", "5m", "1h", "2d" or a plain number of seconds; throws Error naming the flag.
int parse_duration_s(const std::string& text, const std::string& flag);

}  // namespace luckyhub::cli
