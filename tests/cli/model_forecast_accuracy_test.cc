// `luckyhub model forecast-accuracy` on plain files: the reference vector's
// metrics in JSON, MAPE null with a note at a zero actual, several series,
// and bad input stopped with the file and line.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>

#include <nlohmann/json.hpp>

#include "support/shared_sim.h"

namespace luckyhub {
namespace {

using testing::run_luckyhub;
using testing::temp_dir;

using testing::write_file;

nlohmann::json run_forecast_accuracy_json(const std::string& args) {
  std::string out, err;
  const int rc = run_luckyhub("model forecast-accuracy " + args + " --format json", &out, &err);
  EXPECT_EQ(rc, 0) << err;
  return nlohmann::json::parse(out);
}

// The reference vector: y = [3, −0.5, 2, 7, 2], ŷ = [2.5, 0, 2, 8, 1.25],
// training [5, 0.5, 4, 6, 3, 5, 2].
TEST(ModelForecastAccuracy, ReferenceVectorAsJson) {
  const std::string dir = temp_dir();
  const std::string actuals = write_file(dir, "y.csv", "t,value\n8,3\n9,-0.5\n10,2\n11,7\n12,2\n");
  const std::string predictions = write_file(dir, "p.csv", "t,value\n12,1.25\n8,2.5\n9,0\n10,2\n11,8\n");
  const std::string training = write_file(dir, "train.csv", "t,value\n1,5\n2,0.5\n3,4\n4,6\n5,3\n6,5\n7,2\n");
  const nlohmann::json j =
      run_forecast_accuracy_json("--actuals " + actuals + " --predictions " + predictions + " --training " + training);
  EXPECT_EQ(j["n"], 5);
  EXPECT_NEAR(j["mape"].get<double>(), 0.336905, 5e-7);
  EXPECT_NEAR(j["smape"].get<double>(), 0.555338, 5e-7);
  EXPECT_NEAR(j["mase"].get<double>(), 0.183333, 5e-7);
  EXPECT_NEAR(j["wape"].get<double>(), 0.189655, 5e-7);
  EXPECT_NEAR(j["bias"].get<double>(), 0.05, 1e-12);
  EXPECT_DOUBLE_EQ(j["hit_rate_20"].get<double>(), 0.6);
  EXPECT_FALSE(j.contains("notes")) << j.dump();
}

TEST(ModelForecastAccuracy, ZeroActualGivesNullMapeAndANote) {
  const std::string dir = temp_dir();
  const std::string actuals = write_file(dir, "y.csv", "date,value\n2026-01-05,0\n2026-01-06,4\n");
  const std::string predictions = write_file(dir, "p.csv", "date,value\n2026-01-05,1\n2026-01-06,5\n");
  const nlohmann::json j = run_forecast_accuracy_json("--actuals " + actuals + " --predictions " + predictions);
  EXPECT_TRUE(j["mape"].is_null());
  EXPECT_TRUE(j["mase"].is_null());
  EXPECT_NEAR(j["wape"].get<double>(), 0.5, 1e-12);
  const std::string notes = j["notes"].dump();
  EXPECT_NE(notes.find("MAPE undefined: 1 of 2 actuals are zero"), std::string::npos) << notes;
}

// Two series, MASE the mean of their own (season 2): a's MAE 1 over scale 2,
// b's MAE 3 over scale 2.
TEST(ModelForecastAccuracy, SeveralSeriesWithASeason) {
  const std::string dir = temp_dir();
  const std::string actuals = write_file(dir, "y.csv", "series,t,value\na,5,10\nb,5,20\n");
  const std::string predictions = write_file(dir, "p.csv", "series,t,value\nb,5,23\na,5,11\nb,6,1\n");
  const std::string training = write_file(dir, "tr.csv", "series,t,value\na,1,1\na,2,5\na,3,3\na,4,7\nb,1,1\nb,2,2\nb,3,3\nb,4,4\n");
  const nlohmann::json j =
      run_forecast_accuracy_json("--actuals " + actuals + " --predictions " + predictions + " --training " + training + " --season 2");
  EXPECT_EQ(j["n"], 2);
  EXPECT_EQ(j["series"], 2);
  EXPECT_NEAR(j["mase"].get<double>(), (1.0 / 2 + 3.0 / 2) / 2, 1e-12);
  EXPECT_NE(j["notes"].dump().find("1 predictions without an actual"), std::string::npos) << j.dump();
}

TEST(ModelForecastAccuracy, TextNamesEachFormula) {
  const std::string dir = temp_dir();
  const std::string actuals = write_file(dir, "y.csv", "t,value\n1,0\n2,4\n");
  std::string out, err;
  ASSERT_EQ(run_luckyhub("model forecast-accuracy --actuals " + actuals + " --predictions " + actuals, &out, &err), 0)
      << err;
  EXPECT_NE(out.find("undefined   MAPE = mean(|ŷ − y| / |y|)"), std::string::npos) << out;
  EXPECT_NE(out.find("sMAPE = mean(2|ŷ − y| / (|y| + |ŷ|))"), std::string::npos) << out;
}

void expect_error(const std::string& args, const std::string& needle) {
  std::string out, err;
  const int rc = run_luckyhub("model forecast-accuracy " + args, &out, &err);
  EXPECT_NE(rc, 0);
  EXPECT_EQ(std::count(err.begin(), err.end(), '\n'), 1) << err;
  EXPECT_NE(err.find(needle), std::string::npos) << err;
}

TEST(ModelForecastAccuracy, BadRowsStopWithFileAndLine) {
  const std::string dir = temp_dir();
  const std::string good = write_file(dir, "good.csv", "t,value\n1,3\n");
  const std::string text = write_file(dir, "text.csv", "t,value\n1,3\n2,lots\n");
  const std::string date = write_file(dir, "date.csv", "date,value\n2026-02-30,3\n");
  const std::string twice = write_file(dir, "twice.csv", "t,value\n1,3\n\n1,4\n");
  const std::string short_row = write_file(dir, "short.csv", "series,t,value\na,1\n");
  const std::string header = write_file(dir, "header.csv", "when,value\n1,3\n");
  expect_error("--actuals " + good + " --predictions " + text, text + ":3: value 'lots' is not a number");
  expect_error("--actuals " + date + " --predictions " + good, date + ":2: ");
  expect_error("--actuals " + twice + " --predictions " + good, twice + ":4: t 1 given twice");
  expect_error("--actuals " + short_row + " --predictions " + good, short_row + ":2: 2 fields where the header has 3");
  expect_error("--actuals " + header + " --predictions " + good, header + ":1: the header needs");
  expect_error("--actuals " + dir + "/missing.csv --predictions " + good, "missing.csv: cannot open");
  expect_error("--actuals " + good + " --predictions " + good + " --format xml", "format");
  expect_error("--actuals " + good + " --predictions " + good + " --season 0", "season");
}

}  // namespace
}  // namespace luckyhub
