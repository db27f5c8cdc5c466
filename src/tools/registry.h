// The tool registry. A tool is one analysis of the warehouse that returns a
// Report; the CLI, the HTTP API and the scheduler list and run tools only
// through this registry. A tool registers itself from its own file:
//
//   static const ToolRegistration kRegistration({.id = "payment-fees", ...});
//
// so adding a tool is adding one file. A tool may also register a headline
// (below), from a file of its own folder: a few figures for its home tile.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "core/calendar.h"
#include "report/report.h"
#include "warehouse/warehouse.h"

namespace luckyhub {

enum class ParamType { kText, kInt, kNumber, kDate, kChoice };

// One value a parameter may take, as a page offers it in a select.
struct ParamOption {
  std::string value;  // what the parameter is given: "3", "mysql-app-07"
  std::string name;   // what a person reads: "Debit card (3)"
};

struct ParamSpec {
  std::string name;
  ParamType type = ParamType::kText;
  std::string default_value;  // "" means: no default (the tool decides, e.g. as-of)
  std::string description;
  std::vector<std::string> choices;  // for kChoice
  double min = -1e300, max = 1e300;  // for kInt and kNumber
  std::string allowed_chars;         // for kText: the characters a value may hold ("" any)
  // What a person reads beside the field: "USD per GiB-month", "Store", not
  // the id title-cased. Every registered parameter has one.
  std::string label;
  // For a parameter whose values come from the data (a payment channel, an
  // instance, a store): the values the warehouse holds, by name, in the order
  // a select lists them. Null: the page offers a plain field.
  std::function<std::vector<ParamOption>(Warehouse&)> options;
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
  // A per-store report: the parameter (an int, a t_shop_info id) that narrows
  // it to one store. A user restricted to stores (access/role.h) may open only
  // such tools, with this parameter pinned to one of their stores; "": the
  // tool is not per store.
  std::string store_param;
};

struct Department {
  std::string id;
  std::string name;
};

// The catalog's six departments, in its order.
const std::vector<Department>& departments();

// ---- Headlines: the home page's figures of a tool ----
//
// A headline is a cheap computation (one or two small aggregate queries) of a
// few figures that a department head reads at a glance. Each figure is a KPI
// tile of the tool's report: equal in value, type and status to the tile
// `tile.id` of panel `panel` in the report run with `params` (the tile's label
// and note may say more, e.g. the period). A headline computes its figures
// itself, without running the tool's compute: the home page must cost less
// than one report (tests/tools/headline_test.cc checks every figure against
// its report).
struct HeadlineFigure {
  KpiTile tile;
  std::string panel;                          // the report panel holding the same tile
  std::map<std::string, std::string> params;  // the report's parameters ({}: the defaults)
};

struct Headline {
  std::string covers;  // what the figures cover: "January 2026", "Now"
  std::vector<HeadlineFigure> figures;
  std::string note;  // when there are no figures: why (e.g. no health history)
};

using HeadlineFunction = std::function<Headline(Warehouse&)>;

// The period a headline covers: New York business days [from, to) counted
// back from the warehouse's as-of date (its data ends the day before), with
// the report parameters that select the same days.
struct HeadlinePeriod {
  Date from, to;
  std::string label;                                  // "January 2026", "Last 7 days, to 2026-02-12"
  std::map<std::string, std::string> params() const;  // {"from": ..., "to": ...}
};
// The last calendar month that ends before as-of. Throws Error when the
// warehouse records no as-of date.
HeadlinePeriod last_full_month(Warehouse& warehouse);
// The `days` days before as-of.
HeadlinePeriod last_days(Warehouse& warehouse, int days);

class ToolRegistry {
 public:
  static ToolRegistry& instance();
  // Throws Error on a duplicate id. The registry counts every call of the
  // tool's compute (computations()).
  void add(Tool tool);
  const Tool* find(const std::string& id) const;
  // Throws Error listing the known ids.
  const Tool& get(const std::string& id) const;
  // Sorted by catalog number.
  std::vector<const Tool*> list() const;

  // Throws Error on a second headline for the same id. The tool may register
  // after its headline (static initialisation has no order across files).
  void add_headline(const std::string& tool_id, HeadlineFunction headline);
  // nullptr when the tool has none.
  const HeadlineFunction* headline(const std::string& tool_id) const;
  // Ids of headlines whose tool is not registered (a misspelt id): for tests.
  std::vector<std::string> orphan_headlines() const;

  // How many times any registered tool's compute has run in this process
  // (thread-safe): tests check that a page computes no report.
  uint64_t computations() const;

 private:
  std::vector<Tool> tools_;
  std::map<std::string, HeadlineFunction> headlines_;
};

struct ToolRegistration {
  explicit ToolRegistration(Tool tool) { ToolRegistry::instance().add(std::move(tool)); }
};

// From a file in the tool's folder, e.g. payment_fees/payment_fees_headline.cc:
//   static const HeadlineRegistration kHeadline("payment-fees", &compute_headline);
struct HeadlineRegistration {
  HeadlineRegistration(const std::string& tool_id, HeadlineFunction headline) {
    ToolRegistry::instance().add_headline(tool_id, std::move(headline));
  }
};

// Runs a tool: validates the given parameters, computes, and fills in the
// report's identity (tool, title, department, as-of, parameters).
Report run_tool(const Tool& tool, Warehouse& warehouse,
                const std::map<std::string, std::string>& given_params);

// Runs a tool's headline; an empty headline for a tool without one.
Headline run_headline(const Tool& tool, Warehouse& warehouse);

}  // namespace luckyhub
