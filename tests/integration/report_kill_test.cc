// The fault matrix (issue 28): SIGKILL during a report's computation.
// - `luckyhub report --output FILE` writes FILE.tmp-PID and renames it over
//   FILE when it is whole: a process killed half-way through the bytes (the
//   test hook LUCKYHUB_TEST_REPORT_STALL_MID_OUTPUT holds it there) leaves no
//   FILE where there was none and the previous FILE byte for byte where there
//   was one; the next run removes the killed one's temporary file and writes
//   the bytes of an undisturbed run.
// - `luckyhub serve` killed while it computes a report: its report cache is in
//   memory only, so nothing of the killed computation survives; the restarted
//   server computes it again and answers the bytes of an undisturbed server.
// No database server is involved: the shared small simulation is the
// warehouse, the processes are the real binary, and the HTTP client is the
// collector's own (collect/host_metrics.h http_get).
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <thread>

#include "collect/host_metrics.h"
#include "core/error.h"
#include "support/helper_process.h"
#include "support/shared_sim.h"

namespace luckyhub {
namespace {

namespace fs = std::filesystem;
using testing::read_file;
using testing::run_luckyhub;
using testing::shared_sim;
using testing::temp_dir;

std::string report_args(const std::string& format) {
  return "--quiet report payment-fees --format " + format + " --warehouse " + shared_sim().warehouse_path;
}

// Runs `luckyhub report ... --output file` with the stall hook, waits until it
// has written half its bytes, kills it with SIGKILL. Returns its temporary file.
std::string kill_mid_output(const std::string& format, const std::string& file, const std::string& log) {
  std::vector<std::string> args = {LUCKYHUB_BINARY, "--quiet", "report", "payment-fees", "--format", format,
                                   "--warehouse", shared_sim().warehouse_path, "--output", file};
  ::setenv("LUCKYHUB_TEST_REPORT_STALL_MID_OUTPUT", "1", 1);
  const pid_t pid = testing::spawn_helper(args, log);
  ::unsetenv("LUCKYHUB_TEST_REPORT_STALL_MID_OUTPUT");
  for (int i = 0; i < 1200 && read_file(log).find("stalled mid-output") == std::string::npos; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_NE(read_file(log).find("stalled mid-output"), std::string::npos) << read_file(log);
  ::kill(pid, SIGKILL);
  int status = 0;
  ::waitpid(pid, &status, 0);
  EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) << "the report ended before the kill: " << status;
  return file + ".tmp-" + std::to_string(pid);
}

std::vector<std::string> temporary_files(const std::string& dir) {
  std::vector<std::string> out;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().filename().string().find(".tmp-") != std::string::npos) out.push_back(entry.path());
  }
  return out;
}

TEST(ReportKill, AReportKilledWhileWritingItsFileLeavesTheOldFileOrNoneAndTheRerunIsWhole) {
  const std::string dir = temp_dir() + "/report-kill";
  fs::create_directories(dir);
  const std::string file = dir + "/fees.out";
  std::string json, csv, err;
  ASSERT_EQ(run_luckyhub(report_args("json"), &json, &err), 0) << err;  // undisturbed, to standard output
  ASSERT_EQ(run_luckyhub(report_args("csv"), &csv, &err), 0) << err;
  ASSERT_GT(json.size(), 100u);

  // No file before: none after the kill, only the half-written temporary one.
  const std::string temp = kill_mid_output("json", file, dir + "/kill1.log");
  EXPECT_FALSE(fs::exists(file)) << "a killed report left " << file;
  ASSERT_TRUE(fs::exists(temp));
  EXPECT_EQ(fs::file_size(temp), json.size() / 2);

  // The rerun: the undisturbed bytes, the killed run's temporary file gone.
  ASSERT_EQ(run_luckyhub(report_args("json") + " --output " + file, nullptr, &err), 0) << err;
  EXPECT_TRUE(read_file(file) == json) << "the rerun's file differs from an undisturbed run";
  EXPECT_EQ(temporary_files(dir), std::vector<std::string>{});

  // A file there before: byte for byte after a killed run over it.
  const std::string temp2 = kill_mid_output("csv", file, dir + "/kill2.log");
  EXPECT_TRUE(read_file(file) == json) << "a killed report changed the file it was replacing";
  EXPECT_TRUE(fs::exists(temp2));
  ASSERT_EQ(run_luckyhub(report_args("csv") + " --output " + file, nullptr, &err), 0) << err;
  EXPECT_TRUE(read_file(file) == csv);
  EXPECT_EQ(temporary_files(dir), std::vector<std::string>{});
}

TEST(ReportKill, AnOutputThatCannotBeWrittenFailsBeforeTheReportIsComputed) {
  std::string out, err;
  EXPECT_EQ(run_luckyhub(report_args("json") + " --output /nonexistent-dir/fees.json", &out, &err), 1);
  EXPECT_EQ(err, "luckyhub: error: --output: cannot write /nonexistent-dir/fees.json: directory /nonexistent-dir does not "
                 "exist\n");
  EXPECT_EQ(out, "");
}

// A `luckyhub serve` on the shared simulation; stderr to `log`.
struct Serve {
  explicit Serve(const std::string& log) {
    pid = testing::spawn_helper({LUCKYHUB_BINARY, "serve", "--no-auth", "--warehouse", shared_sim().warehouse_path,
                                 "--listen", "127.0.0.1:0"},
                                log);
    port = testing::wait_for_serving_port(log, 30);
  }
  ~Serve() { kill9(); }
  void kill9() {
    if (pid <= 0) return;
    ::kill(pid, SIGKILL);
    int status = 0;
    ::waitpid(pid, &status, 0);
    pid = -1;
  }
  pid_t pid = -1;
  uint16_t port = 0;
};

// A report that takes the server a while to compute on the shared simulation.
constexpr const char* kSlowReport = "/api/reports/forecast-accuracy";

// The report at `path` once computed: the server answers 202 while it
// computes (after its 300 ms report wait) and the page polls, as this does.
// Throws Error when there is no answer.
std::string get_report(uint16_t port, const std::string& path) {
  for (int n = 0;; ++n) {
    try {
      return collect::http_get({"127.0.0.1", port}, path, 5, 120);
    } catch (const Error& e) {
      if (std::string(e.what()).find(": answered 202") == std::string::npos || n > 2400) throw;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

TEST(ReportKill, AServerKilledWhileComputingAReportServesTheSameBytesAfterTheRestart) {
  const std::string dir = temp_dir() + "/serve-kill";
  fs::create_directories(dir);
  std::string undisturbed;
  {
    Serve s(dir + "/serve1.log");
    ASSERT_NE(s.port, 0) << read_file(dir + "/serve1.log");
    const auto started = std::chrono::steady_clock::now();
    undisturbed = get_report(s.port, kSlowReport);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    ASSERT_GT(seconds, 0.1) << "the report is computed too quickly to be killed 50 ms into it";
  }
  {
    // The request sent, the process killed 50 ms into the computation
    // (before the server's first 202): no answer.
    Serve s(dir + "/serve2.log");
    ASSERT_NE(s.port, 0) << read_file(dir + "/serve2.log");
    std::string cut, error;
    std::thread client([&] {
      try {
        cut = get_report(s.port, kSlowReport);
      } catch (const Error& e) {
        error = e.what();
      }
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    s.kill9();
    client.join();
    EXPECT_EQ(cut, "") << "the server answered before it was killed";
    EXPECT_NE(error.find("not an HTTP answer"), std::string::npos) << error;
  }
  // Started again: the same bytes, computed anew (the cache was in memory only).
  Serve s(dir + "/serve3.log");
  ASSERT_NE(s.port, 0) << read_file(dir + "/serve3.log");
  EXPECT_TRUE(get_report(s.port, kSlowReport) == undisturbed) << "the restarted server's report differs";
}

}  // namespace
}  // namespace luckyhub
