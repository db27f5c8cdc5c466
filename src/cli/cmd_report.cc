#include <unistd.h>

#include <charconv>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <map>
#include <memory>
#include <thread>

#include "cli/commands.h"
#include "core/atomic_file.h"
#include "core/error.h"
#include "core/paths.h"
#include "report/render.h"
#include "report/render_pdf.h"
#include "report/render_xlsx.h"
#include "tools/registry.h"

#include <toml++/toml.h>

namespace luckyhub::cli {
namespace {

std::map<std::string, std::string> parse_params(const std::vector<std::string>& items) {
  std::map<std::string, std::string> params;
  for (const std::string& item : items) {
    const size_t eq = item.find('=');
    if (eq == std::string::npos || eq == 0) {
      throw Error("--param wants name=value, got '" + item + "'");
    }
    params[item.substr(0, eq)] = item.substr(eq + 1);
  }
  return params;
}

// A parameters file (--params): TOML of `name = value` at the top level
// (strings, integers, numbers, booleans), e.g. a tool's thresholds
// (docs/stores-thresholds.example.toml). Its values are checked as the
// tool's parameters, like --param's.
std::map<std::string, std::string> read_param_file(const std::string& path) {
  toml::table root;
  try {
    root = toml::parse_file(path);
  } catch (const toml::parse_error& e) {
    throw Error(path + ":" + std::to_string(e.source().begin.line) + ": " + std::string(e.description()));
  }
  std::map<std::string, std::string> params;
  for (const auto& [key, node] : root) {
    std::ostringstream value;
    if (const auto* text = node.as_string()) {
      value << text->get();
    } else if (const auto* integer = node.as_integer()) {
      value << integer->get();
    } else if (const auto* number = node.as_floating_point()) {
      char buf[32];  // the shortest text that reads back as the same double: 0.9, not 0.90000000000000002
      value << std::string_view(buf, std::to_chars(buf, buf + sizeof buf, number->get()).ptr - buf);
    } else if (const auto* flag = node.as_boolean()) {
      value << (flag->get() ? "true" : "false");
    } else {
      throw Error(path + ":" + std::to_string(node.source().begin.line) + ": parameter '" + std::string(key.str()) +
                  "' must be a string, a number or a boolean");
    }
    params[std::string(key.str())] = value.str();
  }
  return params;
}

// --output: the report whole or not at all (core/atomic_file.h), so a
// process killed while writing leaves the previous file, or none, never a
// short one. LUCKYHUB_TEST_REPORT_STALL_MID_OUTPUT (the fault tests) stops
// half-way through the bytes, says so on stderr and waits to be killed.
void write_output(const std::string& path, const std::string& body) {
  try {
    AtomicFile out(path);
    if (std::getenv("LUCKYHUB_TEST_REPORT_STALL_MID_OUTPUT") != nullptr) {
      out.write(std::string_view(body).substr(0, body.size() / 2));
      std::fflush(nullptr);
      std::fprintf(stderr, "luckyhub: test hook: stalled mid-output in %s\n", out.temp_path().c_str());
      std::this_thread::sleep_for(std::chrono::minutes(10));
      std::_Exit(3);
    }
    out.write(body);
    out.commit();
  } catch (const Error& e) {
    throw Error(std::string("--output: ") + e.what());
  }
}

}  // namespace

void add_tools(CLI::App& app) {
  auto* cmd = app.add_subcommand("tools", "List the registered tools with their parameters");
  struct Options {
    std::string tool, warehouse;
  };
  auto o = std::make_shared<Options>();
  cmd->add_option("tool", o->tool, "Only this tool (see the list without it)");
  cmd->add_option(
      "--warehouse", o->warehouse,
      "With a tool: also list the values its data-valued parameters take in this warehouse "
      "(stores, payment channels, instances...) by name");
  cmd->callback([o] {
    std::vector<const Tool*> tools = ToolRegistry::instance().list();
    if (!o->tool.empty()) tools = {&ToolRegistry::instance().get(o->tool)};
    if (!o->warehouse.empty() && o->tool.empty())
      throw Error("--warehouse lists the values of one tool's parameters: name the tool");
    std::unique_ptr<Warehouse> warehouse =
        o->warehouse.empty() ? nullptr : open_warehouse(o->warehouse);
    for (const Tool* tool : tools) {
      std::cout << tool->number << ". " << tool->id << "  [" << tool->department << "]  "
                << tool->title << "\n   " << tool->summary << "\n";
      for (const ParamSpec& p : tool->params) {
        // The label is what a person reads; the description says more.
        std::cout << "   --param " << p.name << "="
                  << (p.default_value.empty() ? "…" : p.default_value) << "  " << p.label
                  << "\n        " << p.description << "\n";
        if (!p.choices.empty()) {
          std::string list;
          for (const std::string& c : p.choices) list += (list.empty() ? "" : ", ") + (c.empty() ? "\"\"" : c);
          std::cout << "        one of: " << list << "\n";
        }
        if (!p.options) continue;
        if (!warehouse) {
          std::cout << "        values: from the data (luckyhub tools " << tool->id
                    << " --warehouse W lists them)\n";
          continue;
        }
        const std::vector<ParamOption> values = p.options(*warehouse);
        if (values.empty()) std::cout << "        values: none in this warehouse\n";
        for (const ParamOption& v : values)
          std::cout << "        " << v.value << "  " << v.name << "\n";
      }
    }
  });
}

void add_report(CLI::App& app) {
  auto* cmd = app.add_subcommand("report", "Run one tool on a warehouse and print its report");
  struct Options {
    std::string tool, warehouse, format = "table", panel, param_file, output;
    std::vector<std::string> params;
  };
  auto o = std::make_shared<Options>();
  cmd->add_option("tool", o->tool, "Tool id ('luckyhub tools TOOL' lists its parameters)")->required();
  cmd->add_option("--warehouse", o->warehouse, "Warehouse: a SQLite file or a clickhouse:// location")->required();
  cmd->add_option("--param", o->params, "A tool parameter, name=value (repeatable)");
  cmd->add_option("--params", o->param_file,
                  "A TOML file of tool parameters, name = value (e.g. thresholds); --param overrides it");
  cmd->add_option("--format", o->format, "table, csv, json, pdf or xlsx")
      ->check(CLI::IsMember({"table", "csv", "json", "pdf", "xlsx"}))
      ->capture_default_str();
  cmd->add_option("--panel", o->panel, "With --format csv: the table panel to export");
  cmd->add_option("--output", o->output, "Write the report to this file instead of standard output");
  cmd->callback([o] {
    const bool binary = o->format == "pdf" || o->format == "xlsx";
    if (binary && o->output.empty() && isatty(STDOUT_FILENO)) {
      throw Error("--format " + o->format + " writes a binary file: give --output FILE (or redirect standard output)");
    }
    const Tool& tool = ToolRegistry::instance().get(o->tool);
    auto params = parse_params(o->params);
    if (!o->param_file.empty()) params.merge(read_param_file(o->param_file));  // --param wins
    Params::parse(tool.params, params);  // reject bad parameters before opening anything
    if (!o->output.empty()) {  // and a file that cannot be written, before computing
      try {
        require_writable(o->output);
      } catch (const Error& e) {
        throw Error(std::string("--output: ") + e.what());
      }
    }
    auto warehouse = open_warehouse(o->warehouse);
    const Report report = run_tool(tool, *warehouse, params);
    const std::string body = o->format == "json"   ? render_json(report)
                             : o->format == "csv"  ? render_csv(report, o->panel)
                             : o->format == "pdf"  ? render_pdf(report)
                             : o->format == "xlsx" ? render_xlsx(report)
                                                   : render_text(report);
    if (o->output.empty()) {
      std::cout << body;
      return;
    }
    write_output(o->output, body);
  });
}

}  // namespace luckyhub::cli
