// `luckyhub report TOOL --format pdf|xlsx --output FILE`: the files, and the
// refusal to write a binary file to a terminal.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <sstream>

#include "support/shared_sim.h"

namespace luckyhub {
namespace {

using testing::run_luckyhub;
using testing::shared_sim;
using testing::read_file;
using testing::temp_dir;

TEST(ReportExport, PdfAndXlsxGoToTheOutputFile) {
  const std::string dir = temp_dir();
  for (const auto& [format, magic] : {std::pair<std::string, std::string>{"pdf", "%PDF-"}, {"xlsx", "PK\x03\x04"}}) {
    std::string out, err;
    const std::string file = dir + "/fees." + format;
    const int rc = run_luckyhub("--quiet report payment-fees --param currency=USD --format " + format + " --output " + file +
                                    " --warehouse " + shared_sim().warehouse_path,
                                &out, &err);
    ASSERT_EQ(rc, 0) << err;
    EXPECT_EQ(out, "");
    const std::string bytes = read_file(file);
    EXPECT_EQ(bytes.substr(0, magic.size()), magic) << format;
    EXPECT_GT(bytes.size(), 5000u) << format;
  }
}

TEST(ReportExport, APdfIsNotWrittenToATerminal) {
  // script(1) gives the command a pseudo-terminal as its standard output.
  const std::string cmd = "script -qec \"" + std::string(LUCKYHUB_BINARY) + " --quiet report payment-fees --format pdf --warehouse " +
                          shared_sim().warehouse_path + "\" /dev/null 2>&1";
  FILE* p = popen(cmd.c_str(), "r");
  ASSERT_NE(p, nullptr);
  std::string text;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) text.append(buf, n);
  const int status = pclose(p);
  EXPECT_NE(status, 0) << text;
  EXPECT_NE(text.find("give --output FILE"), std::string::npos) << text;
  EXPECT_EQ(text.find("%PDF"), std::string::npos);
}

}  // namespace
}  // namespace luckyhub
