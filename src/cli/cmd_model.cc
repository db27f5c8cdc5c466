// `luckyhub model <name>`: a tool's model run on plain files instead of the
// warehouse. Each model is a subcommand of `model` added from its own file
// (cmd_model_<name>.cc) by one line here.
#include "cli/commands.h"

namespace luckyhub::cli {

void add_model(CLI::App& app) {
  auto* model = app.add_subcommand("model", "Run a tool's model on plain files (CSV in, text or JSON out)");
  model->require_subcommand(1);
  add_model_forecast_accuracy(*model);
  add_model_erlang(*model);
  add_model_bgnbd(*model);
  add_model_experiment(*model);
  add_model_recommend(*model);
}

}  // namespace luckyhub::cli
