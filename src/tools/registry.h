// The tool registry. A tool is one analysis of the warehouse that returns a
// Report; the CLI, the HTTP API and the scheduler list and run tools only
// through this registry. A tool registers itself from its own file:
//
//   static const ToolRegistration kRegistration({.id = "payment-fees", ...});
//
// so adding a tool is adding one file.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "core/calendar.h"
#include "report/report.h"
#include "warehouse/warehouse.h"

namespace luckyhub {

enum class ParamType { kText, kInt, kNumber, kDate, kChoice };

struct ParamSpec {
  std::string name;
  ParamType type = ParamType::kText;
  std::string default_value;  // "" means: no default (the tool decides, e.g. as-of)
  std::string description;
  std::vector<std::string> choices;  // for kChoice
  double min = -1e300, max = 1e300;  // for kInt and kNumber
};

// Validated parameter values of one run: every name is a declared parameter
// and every value parses as its type.
class Params {
 public:
  // Throws Error naming the parameter on an unknown name or a bad value.
  static Params parse(const std::vector<ParamSpec>& specs,
                      const std::map<std::string, std::string>& given);

  bool has(const std::string& name) const;  // given or defaulted to non-empty
  std::string text(const std::string& name) const;
  int64_t integer(const std::string& name) const;
  double number(const std::string& name) const;
  Date date(const std::string& name) const;
  // The values in declaration order, for Report::params.
  std::vector<ReportParam> as_report_params() const;

 private:
  std::vector<std::pair<std::string, std::string>> values_;
  std::map<std::string, ParamType> types_;
};

struct Tool {
  std::string id;          // "payment-fees"
  int number = 0;          // its number in the tool catalog (1..18)
  std::string department;  // one of kDepartments' ids
  std::string title;
  std::string summary;  // one line: what it answers
  std::vector<ParamSpec> params;
  std::function<Report(Warehouse&, const Params&)> compute;
};

struct Department {
  std::string id;
  std::string name;
};

// The catalog's six departments, in its order.
const std::vector<Department>& departments();

class ToolRegistry {
 public:
  static ToolRegistry& instance();
  void add(Tool tool);  // throws Error on a duplicate id
  const Tool* find(const std::string& id) const;
  // Throws Error listing the known ids.
  const Tool& get(const std::string& id) const;
  // Sorted by catalog number.
  std::vector<const Tool*> list() const;

 private:
  std::vector<Tool> tools_;
};

struct ToolRegistration {
  explicit ToolRegistration(Tool tool) { ToolRegistry::instance().add(std::move(tool)); }
};

// Runs a tool: validates the given parameters, computes, and fills in the
// report's identity (tool, title, department, as-of, parameters).
Report run_tool(const Tool& tool, Warehouse& warehouse,
                const std::map<std::string, std::string>& given_params);

}  // namespace luckyhub
