#include "tools/registry.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdlib>
#include <deque>

#include "core/error.h"

namespace luckyhub {
namespace {

void validate(const ParamSpec& spec, const std::string& value) {
  const std::string what = "parameter " + spec.name + "='" + value + "'";
  switch (spec.type) {
    case ParamType::kInt: {
      char* end = nullptr;
      const long long v = std::strtoll(value.c_str(), &end, 10);
      if (value.empty() || *end != '\0') throw Error(what + " is not an integer");
      if (v < spec.min || v > spec.max) throw Error(what + " is out of range");
      break;
    }
    case ParamType::kNumber: {
      char* end = nullptr;
      const double v = std::strtod(value.c_str(), &end);
      if (value.empty() || *end != '\0' || !std::isfinite(v)) throw Error(what + " is not a number");
      if (v < spec.min || v > spec.max) throw Error(what + " is out of range");
      break;
    }
    case ParamType::kDate:
      try {
        Date::parse(value);
      } catch (const Error&) {
        throw Error(what + " is not a date (YYYY-MM-DD)");
      }
      break;
    case ParamType::kChoice:
      if (std::find(spec.choices.begin(), spec.choices.end(), value) == spec.choices.end()) {
        std::string list;
        for (const auto& c : spec.choices) list += (list.empty() ? "" : ", ") + c;
        throw Error(what + " is not one of: " + list);
      }
      break;
    case ParamType::kText:
      if (value.size() > 200) throw Error("parameter " + spec.name + " is longer than 200 characters");
      if (!spec.allowed_chars.empty() && value.find_first_not_of(spec.allowed_chars) != std::string::npos) {
        throw Error("parameter " + spec.name + " '" + value + "' may hold only the characters " + spec.allowed_chars);
      }
      break;
  }
}

std::atomic<uint64_t> compute_calls{0};

}  // namespace

Params Params::parse(const std::vector<ParamSpec>& specs,
                     const std::map<std::string, std::string>& given) {
  for (const auto& entry : given) {
    const std::string& name = entry.first;  // not a structured binding: clang 14 (fuzz/) cannot capture one
    const bool known = std::any_of(specs.begin(), specs.end(),
                                   [&](const ParamSpec& s) { return s.name == name; });
    if (!known) {
      std::string list;
      for (const auto& s : specs) list += (list.empty() ? "" : ", ") + s.name;
      throw Error("unknown parameter '" + name + "' (this tool takes: " +
                  (list.empty() ? "none" : list) + ")");
    }
  }
  Params params;
  for (const ParamSpec& spec : specs) {
    const auto it = given.find(spec.name);
    const std::string value = it != given.end() ? it->second : spec.default_value;
    if (!value.empty()) validate(spec, value);
    params.values_.emplace_back(spec.name, value);
    params.types_[spec.name] = spec.type;
  }
  return params;
}

bool Params::has(const std::string& name) const { return !text(name).empty(); }

std::string Params::text(const std::string& name) const {
  for (const auto& [n, v] : values_) {
    if (n == name) return v;
  }
  throw Error("internal: parameter '" + name + "' is not declared");
}

int64_t Params::integer(const std::string& name) const { return std::strtoll(text(name).c_str(), nullptr, 10); }
double Params::number(const std::string& name) const { return std::strtod(text(name).c_str(), nullptr); }
Date Params::date(const std::string& name) const { return Date::parse(text(name)); }

std::vector<ReportParam> Params::as_report_params() const {
  std::vector<ReportParam> out;
  for (const auto& [n, v] : values_) out.push_back({n, v});
  return out;
}

const std::vector<Department>& departments() {
  static const std::vector<Department> kDepartments = {
      {"it", "IT / DevOps"},  {"marketing", "Marketing"},   {"finance", "Accounting & Finance"},
      {"product", "Product"}, {"operations", "Operations"}, {"supply-chain", "Supply Chain"},
  };
  return kDepartments;
}

ToolRegistry& ToolRegistry::instance() {
  static ToolRegistry registry;
  return registry;
}

void ToolRegistry::add(Tool tool) {
  if (find(tool.id) != nullptr) throw Error("tool '" + tool.id + "' registered twice");
  tool.compute = [compute = std::move(tool.compute)](Warehouse& warehouse, const Params& params) {
    compute_calls.fetch_add(1, std::memory_order_relaxed);
    return compute(warehouse, params);
  };
  tools_.push_back(std::move(tool));
}

uint64_t ToolRegistry::computations() const {
  return compute_calls.load(std::memory_order_relaxed);
}

void ToolRegistry::add_headline(const std::string& tool_id, HeadlineFunction headline) {
  if (!headlines_.emplace(tool_id, std::move(headline)).second) {
    throw Error("headline of tool '" + tool_id + "' registered twice");
  }
}

const HeadlineFunction* ToolRegistry::headline(const std::string& tool_id) const {
  const auto it = headlines_.find(tool_id);
  return it == headlines_.end() ? nullptr : &it->second;
}

std::vector<std::string> ToolRegistry::orphan_headlines() const {
  std::vector<std::string> out;
  for (const auto& [id, headline] : headlines_) {
    if (find(id) == nullptr) out.push_back(id);
  }
  return out;
}

const Tool* ToolRegistry::find(const std::string& id) const {
  for (const Tool& t : tools_) {
    if (t.id == id) return &t;
  }
  return nullptr;
}

const Tool& ToolRegistry::get(const std::string& id) const {
  const Tool* tool = find(id);
  if (tool == nullptr) {
    std::string list;
    for (const Tool* t : this->list()) list += (list.empty() ? "" : ", ") + t->id;
    throw Error("unknown tool '" + id + "' (known: " + list + ")");
  }
  return *tool;
}

std::vector<const Tool*> ToolRegistry::list() const {
  std::vector<const Tool*> out;
  for (const Tool& t : tools_) out.push_back(&t);
  std::sort(out.begin(), out.end(), [](const Tool* a, const Tool* b) { return a->number < b->number; });
  return out;
}

namespace {

std::string never_loaded(Warehouse& warehouse) {
  return "the warehouse " + warehouse.location() +
         " has no data: no sync or simulation finished loading it (a sync that failed records no as-of date)";
}

}  // namespace

Report run_tool(const Tool& tool, Warehouse& warehouse,
                const std::map<std::string, std::string>& given_params) {
  const Params params = Params::parse(tool.params, given_params);
  Report report;
  try {
    report = tool.compute(warehouse, params);
  } catch (const Error&) {
    // A warehouse that no sync or simulation finished loading has no as-of
    // (sync writes none when it failed): say that, not what broke first.
    if (warehouse.meta("as_of").empty()) throw Error(never_loaded(warehouse));
    throw;
  }
  report.tool = tool.id;
  report.title = tool.title;
  for (const Department& d : departments()) {
    if (d.id == tool.department) report.department = d.name;
  }
  // The warehouse's as-of date, unless the tool's data has its own (the
  // health tools on collected metrics: the latest scrape).
  // So is the time up to which rows deleted at the sources are gone.
  if (report.as_of.empty()) {
    report.as_of = warehouse.meta("as_of");
    report.deletions_reconciled = warehouse.meta("deletions_reconciled");
  }
  report.params = params.as_report_params();
  return report;
}

Headline run_headline(const Tool& tool, Warehouse& warehouse) {
  const HeadlineFunction* headline = ToolRegistry::instance().headline(tool.id);
  return headline ? (*headline)(warehouse) : Headline{};
}

std::map<std::string, std::string> HeadlinePeriod::params() const {
  return {{"from", from.str()}, {"to", to.str()}};
}

namespace {

Date as_of_date(Warehouse& warehouse) {
  const std::string as_of = warehouse.meta("as_of");
  if (as_of.empty()) throw Error(never_loaded(warehouse));
  return Date::parse(as_of);
}

}  // namespace

HeadlinePeriod last_full_month(Warehouse& warehouse) {
  static const char* kMonths[] = {"January",   "February", "March",    "April",
                                  "May",       "June",     "July",     "August",
                                  "September", "October",  "November", "December"};
  // The data ends the day before as-of: the month before as-of's month is complete.
  const Date as_of = as_of_date(warehouse);
  const Date to = Date::from_ymd(as_of.year(), as_of.month(), 1);
  const Date from = Date::from_ymd((to - 1).year(), (to - 1).month(), 1);
  return {from, to, std::string(kMonths[from.month() - 1]) + " " + std::to_string(from.year())};
}

HeadlinePeriod last_days(Warehouse& warehouse, int days) {
  const Date to = as_of_date(warehouse);
  return {to - days, to, "Last " + std::to_string(days) + " days, to " + (to - 1).str()};
}

}  // namespace luckyhub
