// `luckyhub model erlang`: the textbook requirement in JSON (10 Erlangs,
// 20 s target, 80%, shrinkage 0.3, occupancy cap 0.85), Erlang A with
// --patience, and a bad value refused in one line.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "support/shared_sim.h"

namespace luckyhub {
namespace {

using testing::run_luckyhub;

nlohmann::json run_erlang_json(const std::string& args) {
  std::string out, err;
  const int rc = run_luckyhub("model erlang " + args + " --format json", &out, &err);
  EXPECT_EQ(rc, 0) << err;
  return nlohmann::json::parse(out);
}

TEST(ModelErlang, ErlangCRequirementAsJson) {
  const nlohmann::json j =
      run_erlang_json("--rate 200 --aht 180 --target 20 --sl 0.8 --shrinkage 0.3 --max-occupancy 0.85");
  EXPECT_EQ(j["agents"], 14);
  EXPECT_EQ(j["positions"], 20);
  EXPECT_NEAR(j["service_level"].get<double>(), 0.888350, 5e-7);
  EXPECT_NEAR(j["p_wait"].get<double>(), 0.174132, 5e-7);
  EXPECT_NEAR(j["asa_seconds"].get<double>(), 7.8359, 5e-5);
  EXPECT_NEAR(j["occupancy"].get<double>(), 10.0 / 14, 1e-9);
  EXPECT_FALSE(j.contains("p_abandon"));
}

TEST(ModelErlang, ErlangAWithPatience) {
  // Walking away shortens the queue: 14 agents reach 0.9, where Erlang C gives 0.888.
  const nlohmann::json j = run_erlang_json("--rate 200 --aht 180 --target 20 --sl 0.9 --patience 300");
  EXPECT_EQ(j["agents"], 14);
  EXPECT_NEAR(j["service_level"].get<double>(), 0.916792, 5e-7);
  EXPECT_NEAR(j["p_abandon"].get<double>(), 0.013984, 5e-7);
}

TEST(ModelErlang, BadServiceLevelIsOneLine) {
  std::string out, err;
  EXPECT_NE(run_luckyhub("model erlang --rate 200 --aht 180 --target 20 --sl 1.5", &out, &err), 0);
  EXPECT_NE(err.find("service level must be in (0, 1)"), std::string::npos) << err;
  EXPECT_EQ(std::count(err.begin(), err.end(), '\n'), 1) << err;
}

}  // namespace
}  // namespace luckyhub
