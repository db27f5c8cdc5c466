// `luckyhub model bgnbd` on plain files: lifetimes' summary conventions (one
// purchase per day, frequency counts repeat days, T to --end) read back from
// --out, the JSON object with both fits, and bad rows stopped with file:line.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include <nlohmann/json.hpp>

#include "support/shared_sim.h"

namespace luckyhub {
namespace {

using testing::run_luckyhub;
using testing::temp_dir;

using testing::write_file;

using testing::read_file;

// 300 customers with a few purchases each over 2026, some repeat, two
// purchases on one day for customer c0.
std::string transactions() {
  std::mt19937_64 rng(3);
  std::string csv = "order,customer,when,amount\n";
  int order = 0;
  for (int c = 0; c < 300; ++c) {
    const int first = static_cast<int>(rng() % 200);
    const int purchases = 1 + static_cast<int>(rng() % 6);
    for (int k = 0, day = first; k < purchases && day < 365; ++k, day += 1 + static_cast<int>(rng() % 40)) {
      char date[32];
      std::snprintf(date, sizeof date, "2026-%02d-%02d", 1 + day / 31 % 12, 1 + day % 28);
      csv += std::to_string(++order) + ",c" + std::to_string(c) + "," + date + " 08:15:00," +
             std::to_string(3 + static_cast<int>(rng() % 9)) + ".50\n";
    }
  }
  csv += std::to_string(++order) + ",c0,2026-01-01,1.00\n";
  return csv;
}

TEST(ModelBgnbd, SummaryConventionsInTheOutFile) {
  const std::string dir = temp_dir();
  const std::string file = write_file(dir, "t.csv",
                                      "customer,date,amount\n"
                                      "a,2015-01-01,1\na,2015-02-06,2\n"
                                      "b,2015-01-01,2\n"
                                      "c,2015-01-01,3\nc,2015-01-02,1\nc,2015-01-05,5\n"
                                      "d,2015-01-16,6\nd,2015-02-02,3\nd,2015-02-05,3\nd,2015-02-05,6\n"
                                      "e,2015-01-16,3\ne,2015-01-17,1\ne,2015-01-18,8\n"
                                      "f,2015-02-02,5\n");
  std::string out, err;
  const std::string scores = dir + "/scores.csv";
  ASSERT_EQ(run_luckyhub("model bgnbd --transactions " + file +
                             " --customer-col customer --date-col date --amount-col amount --end 2015-02-07 --out " +
                             scores,
                         &out, &err),
            0)
      << err;
  std::istringstream lines(read_file(scores));
  std::string line;
  std::getline(lines, line);
  EXPECT_EQ(line,
            "customer,frequency,recency,T,p_alive,expected_purchases_30d,expected_purchases_90d,expected_spend,"
            "expected_value");
  // lifetimes' published summary of these transactions (frequency, recency, T).
  const std::vector<std::string> expected = {"a,1,36,37,", "b,0,0,37,", "c,2,4,37,",
                                             "d,2,20,22,", "e,2,2,22,", "f,0,0,5,"};
  for (const std::string& want : expected) {
    ASSERT_TRUE(std::getline(lines, line));
    EXPECT_EQ(line.substr(0, want.size()), want) << line;
  }
  EXPECT_NE(out.find("customers      6 (time in days)"), std::string::npos) << out;
  // Six customers fit to a point mass (a 2.5e17): the log-likelihood lost to
  // rounding (8196.49 before) and the expected purchases 0/0 ("-nan" before).
  EXPECT_NE(out.find("log-likelihood NA: degenerate"), std::string::npos) << out;
  const std::string all = read_file(scores);
  EXPECT_EQ(all.find("nan"), std::string::npos) << all;
  EXPECT_NE(all.find("b,0,0,37,1.000000,NA,NA,"), std::string::npos) << all;
}

TEST(ModelBgnbd, JsonHasBothFits) {
  const std::string dir = temp_dir();
  const std::string file = write_file(dir, "t.csv", transactions());
  std::string out, err;
  ASSERT_EQ(run_luckyhub("model bgnbd --transactions " + file +
                             " --customer-col customer --date-col when --amount-col amount --format json",
                         &out, &err),
            0)
      << err;
  const nlohmann::json j = nlohmann::json::parse(out);
  EXPECT_EQ(j["customers"], 300);
  for (const char* key : {"r", "alpha", "a", "b", "log_likelihood", "iterations", "converged"})
    EXPECT_TRUE(j["bgnbd"].contains(key)) << key;
  EXPECT_TRUE(j["bgnbd"]["converged"].is_boolean());  // uniform random purchases need not fit the model
  EXPECT_GT(j["bgnbd"]["iterations"].get<int>(), 0);
  EXPECT_GT(j["bgnbd"]["r"].get<double>(), 0);
  EXPECT_LT(j["bgnbd"]["log_likelihood"].get<double>(), 0);
  for (const char* key : {"p", "q", "v", "customers"}) EXPECT_TRUE(j["gamma_gamma"].contains(key)) << key;
  EXPECT_GT(j["gamma_gamma"]["customers"].get<double>(), 100);
  // Without --amount-col, no Gamma-Gamma; in weeks the same customers.
  ASSERT_EQ(run_luckyhub("model bgnbd --transactions " + file +
                             " --customer-col customer --date-col when --freq W --format json",
                         &out, &err),
            0)
      << err;
  const nlohmann::json w = nlohmann::json::parse(out);
  EXPECT_EQ(w["customers"], 300);
  EXPECT_FALSE(w.contains("gamma_gamma"));
}

void expect_one_line_error(const std::string& args, const std::string& message) {
  std::string out, err;
  EXPECT_NE(run_luckyhub("model bgnbd " + args, &out, &err), 0);
  EXPECT_NE(err.find(message), std::string::npos) << err;
  EXPECT_EQ(std::count(err.begin(), err.end(), '\n'), 1) << err;
}

TEST(ModelBgnbd, BadRowsStopWithFileAndLine) {
  const std::string dir = temp_dir();
  const std::string bad_date = write_file(dir, "d.csv", "customer,date,amount\na,2015-01-01,1\na,2015-13-01,2\n");
  expect_one_line_error("--transactions " + bad_date + " --customer-col customer --date-col date",
                        bad_date + ":3: invalid date");
  const std::string bad_amount = write_file(dir, "a.csv", "customer,date,amount\na,2015-01-01,1\nb,2015-01-02,x\n");
  expect_one_line_error(
      "--transactions " + bad_amount + " --customer-col customer --date-col date --amount-col amount",
      bad_amount + ":3: amount 'x' is not a number");
  const std::string short_row = write_file(dir, "s.csv", "customer,date,amount\na\n");
  expect_one_line_error("--transactions " + short_row + " --customer-col customer --date-col date",
                        short_row + ":2: 1 fields");
  expect_one_line_error("--transactions " + short_row + " --customer-col user --date-col date",
                        short_row + ":1: no column 'user' in the header");
}

// A bad date is quoted as it was given, in the file and in --end.
TEST(ModelBgnbd, ABadDateIsQuotedAsGiven) {
  const std::string dir = temp_dir();
  const std::string bad_date = write_file(dir, "d.csv", "customer,date\na,2026-01-01\na,2026-13-01\n");
  expect_one_line_error("--transactions " + bad_date + " --customer-col customer --date-col date",
                        bad_date + ":3: invalid date '2026-13-01'");
  const std::string good = write_file(dir, "g.csv", "customer,date\na,2026-01-01\na,2026-01-03\n");
  expect_one_line_error("--transactions " + good + " --customer-col customer --date-col date --end 2026-13-01",
                        "--end: invalid date '2026-13-01'");
  expect_one_line_error("--transactions " + good + " --customer-col customer --date-col date --end 2026-02-30",
                        "--end: invalid date '2026-02-30'");
}

// Inputs too small to fit: no repeat purchase at all is one error line
// saying the fit is not possible (a log-likelihood of 0 and "-nan" scores
// before), nothing written. Two customers fit to a point mass (a 2.9e9, b
// 3e-10) whose scores are 0/0: NA in --out and one warning line ("-nan"
// before); two others to one whose 12-month value is arithmetic garbage
// (-5e36 before): NA.
TEST(ModelBgnbd, ATinyInputSaysTheFitIsNotPossibleOrNA) {
  const std::string dir = temp_dir();
  for (const std::string& csv : {std::string("customer,date\na,2026-01-01\n"),
                                 std::string("customer,date\na,2026-01-01\nb,2026-01-05\nb,2026-01-05\n")}) {
    const std::string file = write_file(dir, "one.csv", csv);
    expect_one_line_error("--transactions " + file + " --customer-col customer --date-col date --out " + dir +
                              "/none.csv",
                          file + ": BG/NBD fit not possible: no customer has a repeat purchase");
  }
  EXPECT_FALSE(std::filesystem::exists(dir + "/none.csv"));
  const std::string tiny =
      write_file(dir, "tiny.csv", "customer,date,amount\na,2026-01-01,1\na,2026-01-03,2\nb,2026-01-05,3\n");
  std::string out, err;
  ASSERT_EQ(run_luckyhub("model bgnbd --transactions " + tiny + " --customer-col customer --date-col date --out " +
                             dir + "/tiny-scores.csv",
                         &out, &err),
            0)
      << err;
  const std::string tiny_scores = read_file(dir + "/tiny-scores.csv");
  EXPECT_EQ(tiny_scores.find("nan"), std::string::npos) << tiny_scores;
  EXPECT_NE(tiny_scores.find("b,0,0,0,1.000000,NA,NA\n"), std::string::npos) << tiny_scores;
  EXPECT_NE(err.find("is degenerate"), std::string::npos) << err;
  EXPECT_EQ(std::count(err.begin(), err.end(), '\n'), 1) << err;
  EXPECT_EQ(out.find("nan"), std::string::npos) << out;  // its standard errors: NA
  const std::string two = write_file(dir, "two.csv",
                                     "customer,date,amount\na,2026-01-01,1\na,2026-01-03,2\nb,2026-01-02,3\n"
                                     "b,2026-01-05,3\n");
  ASSERT_EQ(run_luckyhub("model bgnbd --transactions " + two + " --customer-col customer --date-col date "
                         "--amount-col amount --out " + dir + "/two-scores.csv",
                         &out, &err),
            0)
      << err;
  const std::string scores = read_file(dir + "/two-scores.csv");
  EXPECT_EQ(scores.find("nan"), std::string::npos) << scores;
  EXPECT_EQ(scores.find(",-"), std::string::npos) << scores;
  EXPECT_EQ(std::count(scores.begin(), scores.end(), '\n'), 3) << scores;
  EXPECT_NE(scores.find(",NA\n"), std::string::npos) << scores;
}

}  // namespace
}  // namespace luckyhub
