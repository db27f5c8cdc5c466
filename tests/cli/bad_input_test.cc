// Bad input at the command line: each case gives one clear line on stderr, a
// non-zero exit, and leaves no file behind.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "support/shared_sim.h"
#include "tools/registry.h"
#include "warehouse/updater.h"

namespace luckyhub {
namespace {

using testing::run_luckyhub;
using testing::temp_dir;

int count_lines(const std::string& text) {
  int n = 0;
  for (char c : text) n += c == '\n';
  return n;
}

void expect_one_line_error(int rc, const std::string& err, const std::string& needle) {
  EXPECT_NE(rc, 0);
  EXPECT_EQ(count_lines(err), 1) << err;
  EXPECT_NE(err.find(needle), std::string::npos) << err;
}

bool dir_is_empty(const std::string& dir) {
  return std::filesystem::is_empty(dir);
}

TEST(BadInput, UnknownFlag) {
  std::string err;
  const int rc = run_luckyhub("simulate --frobnicate --warehouse /tmp/never.db --truth /tmp/never.json", nullptr, &err);
  expect_one_line_error(rc, err, "frobnicate");
}

TEST(BadInput, ScaleMustBePositive) {
  const std::string dir = temp_dir();
  for (const char* scale : {"0", "-1", "abc"}) {
    std::string err;
    const int rc = run_luckyhub(std::string("simulate --scale ") + scale + " --warehouse " + dir +
                                    "/w.db --truth " + dir + "/t.json",
                                nullptr, &err);
    expect_one_line_error(rc, err, "scale");
    EXPECT_TRUE(dir_is_empty(dir)) << "scale " << scale;
  }
}

TEST(BadInput, UnwritablePathLeavesNothing) {
  const std::string dir = temp_dir();
  std::string err;
  int rc = run_luckyhub("simulate --scale 0.001 --warehouse /nonexistent/dir/w.db --truth " + dir +
                            "/t.json",
                        nullptr, &err);
  expect_one_line_error(rc, err, "/nonexistent/dir");
  rc = run_luckyhub("simulate --scale 0.001 --warehouse " + dir + "/w.db --truth /nonexistent/t.json",
                    nullptr, &err);
  expect_one_line_error(rc, err, "/nonexistent");
  EXPECT_TRUE(dir_is_empty(dir));
}

TEST(BadInput, BadAsOfDate) {
  const std::string dir = temp_dir();
  std::string err;
  const int rc = run_luckyhub("simulate --as-of 2026-02-30 --warehouse " + dir + "/w.db --truth " +
                                  dir + "/t.json",
                              nullptr, &err);
  expect_one_line_error(rc, err, "2026");
  EXPECT_TRUE(dir_is_empty(dir));
}

TEST(BadInput, CorruptWarehouse) {
  const std::string dir = temp_dir();
  const std::string path = dir + "/corrupt.db";
  std::ofstream(path) << "this is not a database, just some bytes\n" << std::string(5000, 'x');
  std::string err;
  const int rc = run_luckyhub("report payment-fees --warehouse " + path, nullptr, &err);
  expect_one_line_error(rc, err, "not a luckyhub warehouse");
}

TEST(BadInput, MissingWarehouse) {
  std::string err;
  const int rc = run_luckyhub("report payment-fees --warehouse /nonexistent.db", nullptr, &err);
  expect_one_line_error(rc, err, "does not exist");
}

// A warehouse nothing was loaded into (what a failed sync used to leave: the
// meta table, no data, no as-of): every report says so plainly, not "no such
// table" or "parameter to must be after from".
TEST(BadInput, WarehouseNeverLoaded) {
  const std::string path = temp_dir() + "/empty.db";
  open_updater(path).reset();
  for (const Tool* tool : ToolRegistry::instance().list()) {
    // The health tools read what `collect` keeps, which needs no load.
    if (tool->id == "fleet-health" || tool->id == "redis-console") continue;
    if (tool->id.rfind("test-", 0) == 0) continue;  // this test binary's own, unknown to luckyhub
    std::string err;
    const int rc = run_luckyhub("report " + tool->id + " --warehouse " + path, nullptr, &err);
    expect_one_line_error(rc, err, "the warehouse " + path + " has no data: no sync or simulation finished loading it");
  }
}

TEST(BadInput, UnknownTool) {
  std::string err;
  const int rc = run_luckyhub("report no-such-tool --warehouse /nonexistent.db", nullptr, &err);
  expect_one_line_error(rc, err, "unknown tool 'no-such-tool'");
}

TEST(BadInput, UnknownOrMalformedParameter) {
  std::string err;
  int rc = run_luckyhub("report payment-fees --param colour=red --warehouse /nonexistent.db", nullptr, &err);
  expect_one_line_error(rc, err, "unknown parameter 'colour'");
  rc = run_luckyhub("report payment-fees --param shift_share --warehouse /nonexistent.db", nullptr, &err);
  expect_one_line_error(rc, err, "name=value");
  rc = run_luckyhub("report payment-fees --param shift_share=lots --warehouse /nonexistent.db", nullptr, &err);
  expect_one_line_error(rc, err, "shift_share");
}

TEST(BadInput, UnknownFormat) {
  std::string err;
  const int rc = run_luckyhub("report payment-fees --format xml --warehouse /nonexistent.db", nullptr, &err);
  expect_one_line_error(rc, err, "xml");
}

TEST(BadInput, CollectRefusesBadDurationsFleetsAndRules) {
  const std::string dir = temp_dir();
  std::string err;
  int rc = run_luckyhub("collect --fleet " + dir + "/none.toml --warehouse " + dir + "/w.db --interval 0s", nullptr, &err);
  expect_one_line_error(rc, err, "--interval '0s' is not a duration");
  rc = run_luckyhub("collect --fleet " + dir + "/none.toml --warehouse " + dir + "/w.db --once", nullptr, &err);
  expect_one_line_error(rc, err, "none.toml");
  std::ofstream(dir + "/fleet.toml") << "[[instance]]\nname = \"c\"\nkind = \"redis\"\nhost = \"127.0.0.1\"\n"
                                        "port = 1\nuser = \"default\"\npassword_env = \"LUCKYHUB_TEST_UNSET_PW\"\n";
  std::ofstream(dir + "/rules.toml") << "[[rule]]\nname = \"x\"\nkind = \"disk\"\nthreshold = 1\n";
  rc = run_luckyhub("collect --fleet " + dir + "/fleet.toml --warehouse " + dir + "/w.db --once", nullptr, &err);
  expect_one_line_error(rc, err, "LUCKYHUB_TEST_UNSET_PW");
  ::setenv("LUCKYHUB_TEST_UNSET_PW", "pw", 1);
  rc = run_luckyhub("collect --fleet " + dir + "/fleet.toml --warehouse " + dir + "/w.db --once --rules " + dir +
                        "/rules.toml",
                    nullptr, &err);
  ::unsetenv("LUCKYHUB_TEST_UNSET_PW");
  expect_one_line_error(rc, err, "rules.toml:1: rule x: kind 'disk'");
  EXPECT_FALSE(std::filesystem::exists(dir + "/w.db"));
}

TEST(Help, EverySubcommandExplainsItself) {
  for (const char* sub : {"", "simulate", "tools", "report", "collect"}) {
    std::string out;
    const int rc = run_luckyhub(std::string(sub) + " --help", &out, nullptr);
    EXPECT_EQ(rc, 0) << sub;
    EXPECT_NE(out.find("Usage"), std::string::npos) << sub;
  }
}

}  // namespace
}  // namespace luckyhub
