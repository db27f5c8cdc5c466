// `luckyhub model experiment`: GrowthBook's published vectors through a plain
// file, the sample ratio check with weights, and bad files refused in one line.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>

#include "support/shared_sim.h"

namespace luckyhub {
namespace {

using testing::run_luckyhub;

std::string write_arms_file(const std::string& name, const std::string& text) {
  return testing::write_file(testing::temp_dir(), name, text);
}

nlohmann::json run_experiment_json(const std::string& args) {
  std::string out, err;
  const int rc = run_luckyhub("model experiment " + args + " --format json", &out, &err);
  EXPECT_EQ(rc, 0) << err;
  return nlohmann::json::parse(out);
}

TEST(ModelExperiment, RelativeLiftOfMeans) {
  const std::string arms = write_arms_file("means.csv",
                                      "arm,users,sum,sum_squares\n"
                                      "control,3407,1396.87,52377.9767\n"
                                      "B,3461,2422.7,134698.29\n");
  const nlohmann::json j = run_experiment_json("--arms " + arms);
  ASSERT_EQ(j["arms"].size(), 2u);
  EXPECT_EQ(j["arms"][0]["arm"], "control");
  EXPECT_TRUE(j["arms"][0]["lift"].is_null());
  const nlohmann::json& b = j["arms"][1];
  EXPECT_EQ(b["users"], 3461);
  EXPECT_NEAR(b["mean"].get<double>(), 0.7, 1e-12);
  EXPECT_NEAR(b["lift"].get<double>(), 0.70732, 5e-6);
  EXPECT_NEAR(b["ci_low"].get<double>(), -0.03526, 5e-6);
  EXPECT_NEAR(b["ci_high"].get<double>(), 1.44989, 5e-6);
  EXPECT_NEAR(b["p_value"].get<double>(), 0.06191, 5e-6);
  EXPECT_NEAR(b["chance_to_win"].get<double>(), 0.96907, 5e-6);  // Φ(lift / sd)
  EXPECT_TRUE(j["arms"][0]["chance_to_win"].is_null());
  EXPECT_NEAR(j["srm_p"].get<double>(), 0.5149,
              5e-4);  // 3407 vs 3461 at 50/50: χ² 0.4246, no mismatch
  EXPECT_EQ(j["srm_flag"], false);

  const nlohmann::json abs = run_experiment_json("--arms " + arms + " --scale absolute");
  EXPECT_NEAR(abs["arms"][1]["lift"].get<double>(), 0.29, 5e-6);
  EXPECT_NEAR(abs["arms"][1]["p_value"].get<double>(), 0.02016, 5e-6);
}

TEST(ModelExperiment, ProportionsAndSequential) {
  const std::string small = write_arms_file("prop.csv", "arm,users,sum\nA,28,14\nB,30,16\n");
  const nlohmann::json j = run_experiment_json("--arms " + small + " --metric proportion");
  EXPECT_NEAR(j["arms"][1]["lift"].get<double>(), 0.06667, 5e-6);
  EXPECT_NEAR(j["arms"][1]["p_value"].get<double>(), 0.80707, 5e-6);
  EXPECT_NEAR(j["arms"][1]["chance_to_win"].get<double>(), 0.59692, 5e-6);

  const std::string big = write_arms_file("prop_big.csv", "arm,users,sum\nA,3000,1396\nB,3461,2422\n");
  const nlohmann::json s = run_experiment_json("--arms " + big + " --metric proportion --sequential");
  EXPECT_NEAR(s["arms"][1]["ci_low"].get<double>(), 0.40098, 5e-6);
  EXPECT_NEAR(s["arms"][1]["ci_high"].get<double>(), 0.60675, 5e-6);
}

TEST(ModelExperiment, SampleRatioMismatchWithWeights) {
  const std::string arms = write_arms_file("srm.csv", "arm,users,sum\nA,310,31\nB,98,12\n");
  const nlohmann::json j = run_experiment_json("--arms " + arms + " --metric proportion --weights 0.75,0.25");
  EXPECT_NEAR(j["srm_p"].get<double>(), 0.647434186, 5e-10);
  const std::string skewed = write_arms_file("skew.csv", "arm,users,sum\nA,1000,100\nB,1200,130\n");
  const nlohmann::json k = run_experiment_json("--arms " + skewed + " --metric proportion");
  EXPECT_NEAR(k["srm_p"].get<double>(), 0.000020079, 5e-10);
  EXPECT_EQ(k["srm_flag"], true);
}

TEST(ModelExperiment, TextReadout) {
  const std::string arms = write_arms_file("text.csv", "arm,users,sum\nA,3000,1396\nB,3461,2422\n");
  std::string out, err;
  ASSERT_EQ(run_luckyhub("model experiment --arms " + arms + " --metric proportion", &out, &err), 0)
      << err;
  EXPECT_NE(out.find("B lifts conversion 50.4% (95% CI"), std::string::npos) << out;
  EXPECT_NE(out.find("significant"), std::string::npos) << out;
}

TEST(ModelExperiment, BadFileIsOneLine) {
  const std::string bad = write_arms_file("bad.csv", "arm,users,sum,sum_squares\nA,10,x,3\nB,10,1,1\n");
  std::string out, err;
  EXPECT_NE(run_luckyhub("model experiment --arms " + bad, &out, &err), 0);
  EXPECT_NE(err.find("bad.csv:2: 'x' is not a number"), std::string::npos) << err;
  EXPECT_EQ(std::count(err.begin(), err.end(), '\n'), 1) << err;
  const std::string one = write_arms_file("one.csv", "arm,users,sum,sum_squares\nA,10,1,1\n");
  EXPECT_NE(run_luckyhub("model experiment --arms " + one, &out, &err), 0);
  EXPECT_NE(err.find("needs a control and at least one variant"), std::string::npos) << err;
}

}  // namespace
}  // namespace luckyhub
