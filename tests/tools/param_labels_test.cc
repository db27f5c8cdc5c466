// Every registered parameter reads as a person would say it: a label written
// for it (not its id with the underscores turned into spaces), and, where its
// values come from the data, the values by name (ParamSpec::options). A new
// parameter without a label fails here.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "tools/registry.h"

namespace luckyhub {
namespace {

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// The id as a label would be if no one wrote one: "usd_per_gib_month" ->
// "usd per gib month" (compared case-blind, so "Usd per gib month" too).
std::string id_as_words(std::string id) {
  std::replace(id.begin(), id.end(), '_', ' ');
  return lower(id);
}

TEST(ParamLabels, EveryParameterOfEveryToolHasALabelOfItsOwn) {
  const auto tools = ToolRegistry::instance().list();
  ASSERT_GE(tools.size(), 18u);
  int checked = 0;
  for (const Tool* tool : tools) {
    std::set<std::string> seen;
    for (const ParamSpec& p : tool->params) {
      ++checked;
      EXPECT_FALSE(p.label.empty()) << tool->id << " " << p.name << " has no label";
      EXPECT_NE(lower(p.label), id_as_words(p.name)) << tool->id << " " << p.name << ": the label is the id";
      EXPECT_NE(p.label, p.name) << tool->id << " " << p.name;
      EXPECT_EQ(p.label.find('_'), std::string::npos)
          << tool->id << " " << p.name << ": label '" << p.label << "' spells an identifier";
      EXPECT_TRUE(seen.insert(lower(p.label)).second)
          << tool->id << ": two parameters labelled '" << p.label << "'";
    }
  }
  EXPECT_GE(checked, 96);  // the catalog's tools declare about a hundred
}

// The parameters whose values are rows of the warehouse (a store, a payment
// channel, an instance, a machine, a product, a coupon template), written out
// from the catalog: each offers its values by name, and no other parameter does.
TEST(ParamLabels, ExactlyTheDataValuedParametersOfferTheData) {
  const std::map<std::string, std::set<std::string>> expected = {
      {"payment-fees", {"shift_from", "shift_to", "incentive_to"}},
      {"fleet-health", {"instance"}},
      {"redis-console", {"instance"}},
      {"staffing", {"store"}},
      {"stores", {"store"}},
      {"menu", {"store", "product"}},
      {"production-time", {"store"}},
      {"machines", {"device"}},
      {"recommendations", {"seed_product", "store"}},
      {"campaigns", {"template"}},
      {"suppliers", {"supplier"}},
      {"test-flight-options", {"choice"}},  // a test tool of tests/server/report_flights_test.cc
  };
  std::map<std::string, std::set<std::string>> found;
  for (const Tool* tool : ToolRegistry::instance().list()) {
    for (const ParamSpec& p : tool->params) {
      if (p.options) found[tool->id].insert(p.name);
    }
  }
  EXPECT_EQ(found, expected);
  // A per-store tool's store parameter is one of them: a store manager picks
  // from their stores by name.
  for (const Tool* tool : ToolRegistry::instance().list()) {
    if (tool->store_param.empty()) continue;
    const auto p = std::find_if(tool->params.begin(), tool->params.end(),
                                [&](const ParamSpec& s) { return s.name == tool->store_param; });
    ASSERT_NE(p, tool->params.end()) << tool->id;
    EXPECT_TRUE(static_cast<bool>(p->options)) << tool->id;
  }
}

}  // namespace
}  // namespace luckyhub
