// The scheduler in a real `luckyhub serve` process, killed with SIGKILL and
// started again: a run missed while it was down is caught up once and never
// twice; a crash after sending but before recording "done" does not resend
// (at-most-once); one killed while the report was being computed (before
// anything was sent) is sent once after the restart (the fault matrix, issue
// 28); the SMTP password never reaches its stderr (its log).
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include <nlohmann/json.hpp>

#include "delivery/run_store.h"
#include "delivery/smtp_fixture.h"
#include "support/helper_process.h"
#include "server/http_client.h"
#include "support/shared_sim.h"

extern char** environ;

namespace luckyhub::delivery {
namespace {

namespace fs = std::filesystem;

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// A `luckyhub serve --delivery` process; stderr to a file.
class ServeProcess {
 public:
  // `hook`: a LUCKYHUB_TEST_DELIVERY_* test hook set in its environment ("" none).
  ServeProcess(const std::string& dir, const std::string& delivery, const std::string& clock_start, int run,
               const std::string& hook = "")
      : log_(dir + "/serve-" + std::to_string(run) + ".log") {
    std::vector<std::string> args = {LUCKYHUB_BINARY, "serve", "--no-auth", "--warehouse", testing::shared_sim().warehouse_path,
                                     "--listen", "127.0.0.1:0", "--delivery", delivery, "--state", dir + "/state.db",
                                     "--clock-start", clock_start};
    std::vector<char*> argv;
    for (std::string& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    std::vector<std::string> env_strings;
    for (char** e = environ; *e != nullptr; ++e) {
      if (std::string(*e).rfind("LUCKYHUB_TEST_DELIVERY_", 0) != 0) env_strings.push_back(*e);
    }
    if (!hook.empty()) env_strings.push_back(hook + "=1");
    std::vector<char*> envp;
    for (std::string& e : env_strings) envp.push_back(e.data());
    envp.push_back(nullptr);
    posix_spawn_file_actions_t files;
    posix_spawn_file_actions_init(&files);
    posix_spawn_file_actions_addopen(&files, 2, log_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    posix_spawn_file_actions_addopen(&files, 1, "/dev/null", O_WRONLY, 0);
    if (posix_spawn(&pid_, argv[0], &files, nullptr, argv.data(), envp.data()) != 0) pid_ = -1;
    posix_spawn_file_actions_destroy(&files);
    port_ = testing::wait_for_serving_port(log_, 30, [this] { return alive(); });
  }
  ~ServeProcess() { kill9(); }

  bool alive() {
    if (pid_ <= 0) return false;
    int status = 0;
    const pid_t r = ::waitpid(pid_, &status, WNOHANG);
    if (r == pid_) {
      exit_status_ = status;
      pid_ = -1;
      return false;
    }
    return true;
  }
  void kill9() {
    if (pid_ > 0) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, &exit_status_, 0);
      pid_ = -1;
    }
  }
  // Waits for the process to end by itself; its wait status.
  int wait_exit(double seconds) {
    for (int i = 0; i < seconds * 20 && alive(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    return exit_status_;
  }
  uint16_t port() const { return port_; }
  std::string log() const { return read_file(log_); }
  nlohmann::json schedules() const { return nlohmann::json::parse(testing::http_get(port_, "/api/schedules").body); }

 private:
  std::string log_;
  pid_t pid_ = -1;
  uint16_t port_ = 0;
  int exit_status_ = -1;
};

class ServeDeliveryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/luckyhub-serve-delivery-XXXXXX";
    dir_ = ::mkdtemp(tmpl);
    testing::shared_sim();  // built before any process reads it
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string write_delivery(const testing::SmtpServer& smtp) {
    const std::string path = dir_ + "/delivery.toml";
    std::ofstream(path) << "[scheduler]\ncatch_up = true\nretries = 0\n"
                           "[smtp]\nurl = \"smtp://localhost:" << smtp.port() << "\"\nusername = \""
                        << testing::SmtpServer::kUser << "\"\npassword = \"env:LUCKYHUB_TEST_SMTP_PASSWORD\"\n"
                        << "from = \"reports@luckin.example\"\nca_file = \"" << smtp.ca_file() << "\"\n"
                        << "[[schedule]]\nname = \"fees-daily\"\ntool = \"payment-fees\"\ncron = \"0 9 * * *\"\n"
                           "timezone = \"America/New_York\"\nformats = [\"csv\"]\nto = [\"finance@luckin.example\"]\n"
                           "owner = \"it@luckin.example\"\n";
    return path;
  }
  std::vector<RunRow> runs() { return RunStore::open(dir_ + "/state.db")->runs("fees-daily"); }

  std::string dir_;
};

TEST_F(ServeDeliveryTest, AMissedRunIsCaughtUpOnceNeverTwiceAndNotResentAfterACrash) {
  testing::SmtpServer smtp;
  const std::string delivery = write_delivery(smtp);
  std::vector<std::string> logs;
  {
    // 07:00 EST on 2026-03-07: first seen, nothing due.
    ServeProcess p(dir_, delivery, "2026-03-07T12:00:00Z", 1);
    ASSERT_NE(p.port(), 0) << p.log();
    const nlohmann::json s = p.schedules();
    EXPECT_EQ(s["schedules"][0]["next_run_utc"], "2026-03-07T14:00:00Z");
    EXPECT_EQ(s["schedules"][0]["next_run_local"], "2026-03-07 09:00 EST");
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    p.kill9();
    logs.push_back(p.log());
  }
  EXPECT_TRUE(smtp.messages().empty());
  {
    // Down over 09:00 EST (14:00Z); started at 10:00 EST: caught up once.
    ServeProcess p(dir_, delivery, "2026-03-07T15:00:00Z", 2);
    ASSERT_NE(p.port(), 0) << p.log();
    ASSERT_EQ(smtp.wait_for(1).size(), 1u) << p.log();
    for (int i = 0; i < 100 && p.schedules()["schedules"][0]["last_run"].value("status", "") != "done"; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    const nlohmann::json s = p.schedules();
    EXPECT_EQ(s["schedules"][0]["last_run"]["status"], "done");
    EXPECT_EQ(s["schedules"][0]["last_run"]["scheduled_for_utc"], "2026-03-07T14:00:00Z");
    EXPECT_EQ(s["schedules"][0]["next_run_utc"], "2026-03-08T13:00:00Z");  // 09:00 EDT
    p.kill9();
    logs.push_back(p.log());
  }
  {
    // Started again the same morning: nothing is sent twice.
    ServeProcess p(dir_, delivery, "2026-03-07T15:30:00Z", 3);
    ASSERT_NE(p.port(), 0) << p.log();
    std::this_thread::sleep_for(std::chrono::seconds(2));
    EXPECT_EQ(smtp.messages().size(), 1u);
    p.kill9();
    logs.push_back(p.log());
  }
  {
    // Down over 09:00 EDT on 2026-03-08; the catch-up sends, then the process
    // dies before recording "done" (the test hook exits right after sending).
    ServeProcess p(dir_, delivery, "2026-03-08T13:30:00Z", 4, "LUCKYHUB_TEST_DELIVERY_EXIT_AFTER_SEND");
    EXPECT_EQ(WEXITSTATUS(p.wait_exit(30)), 3) << p.log();
    logs.push_back(p.log());
  }
  ASSERT_EQ(smtp.wait_for(2).size(), 2u);
  {
    // The claimed run is found "running": marked interrupted, not resent;
    // its owner is told (the third message, to the owner only).
    ServeProcess p(dir_, delivery, "2026-03-08T13:35:00Z", 5);
    ASSERT_NE(p.port(), 0) << p.log();
    ASSERT_EQ(smtp.wait_for(3).size(), 3u) << p.log();
    std::this_thread::sleep_for(std::chrono::seconds(2));
    const std::vector<testing::ReceivedMail> now = smtp.messages();
    ASSERT_EQ(now.size(), 3u);
    EXPECT_EQ(now[2].headers.at("to"), "it@luckin.example");
    EXPECT_EQ(now[2].headers.at("subject"), "luckyhub: schedule fees-daily was interrupted");
    EXPECT_NE(now[2].part("text/plain").body.find("2026-03-08 09:00 EDT"), std::string::npos);
    const nlohmann::json s = p.schedules();
    EXPECT_EQ(s["schedules"][0]["last_run"]["status"], "interrupted");
    p.kill9();
    logs.push_back(p.log());
  }
  const std::vector<testing::ReceivedMail> mails = smtp.messages();
  EXPECT_NE(mails[0].part("text/plain").body.find("2026-03-07 09:00 EST"), std::string::npos);
  EXPECT_NE(mails[1].part("text/plain").body.find("2026-03-08 09:00 EDT"), std::string::npos);
  const std::vector<RunRow> r = runs();
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(format_utc(r[0].scheduled_for), "2026-03-07T14:00:00Z");
  EXPECT_EQ(r[0].status, "done");
  EXPECT_EQ(format_utc(r[1].scheduled_for), "2026-03-08T13:00:00Z");
  EXPECT_EQ(r[1].status, "interrupted");
  for (const std::string& log : logs) {
    EXPECT_EQ(log.find(testing::SmtpServer::kPassword), std::string::npos) << log;
  }
  EXPECT_NE(logs[1].find("catching up the run due 2026-03-07T14:00:00Z"), std::string::npos) << logs[1];
}

TEST_F(ServeDeliveryTest, ARunKilledBeforeSendingIsSentOnceAfterTheRestart) {
  testing::SmtpServer smtp;
  const std::string delivery = write_delivery(smtp);
  {
    // 08:59:58 EST: the run due at 09:00 is claimed and computed, then held
    // (the test hook) before its mail goes out, and the process is killed.
    ServeProcess p(dir_, delivery, "2026-03-07T13:59:58Z", 1, "LUCKYHUB_TEST_DELIVERY_STALL_BEFORE_SEND");
    ASSERT_NE(p.port(), 0) << p.log();
    const std::string held = "stalled before sending the run due 2026-03-07T14:00:00Z";
    for (int i = 0; i < 600 && p.log().find(held) == std::string::npos; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    ASSERT_NE(p.log().find(held), std::string::npos) << p.log();
    p.kill9();
  }
  EXPECT_TRUE(smtp.messages().empty());
  std::vector<RunRow> r = runs();
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].status, "running");
  {
    // Started again at 09:05: the run is computed again and sent, once; its
    // owner gets no notice (nothing was lost or doubled).
    ServeProcess p(dir_, delivery, "2026-03-07T14:05:00Z", 2);
    ASSERT_NE(p.port(), 0) << p.log();
    ASSERT_EQ(smtp.wait_for(1).size(), 1u) << p.log();
    for (int i = 0; i < 100 && p.schedules()["schedules"][0]["last_run"].value("status", "") != "done"; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    EXPECT_EQ(p.schedules()["schedules"][0]["last_run"]["status"], "done");
    std::this_thread::sleep_for(std::chrono::seconds(2));
    EXPECT_NE(p.log().find("was stopped before anything was sent; running it again"), std::string::npos) << p.log();
    p.kill9();
  }
  {
    // And again: nothing more is sent.
    ServeProcess p(dir_, delivery, "2026-03-07T14:10:00Z", 3);
    ASSERT_NE(p.port(), 0) << p.log();
    std::this_thread::sleep_for(std::chrono::seconds(2));
    p.kill9();
  }
  const std::vector<testing::ReceivedMail> mails = smtp.messages();
  ASSERT_EQ(mails.size(), 1u);
  EXPECT_EQ(mails[0].headers.at("to"), "finance@luckin.example");
  EXPECT_NE(mails[0].part("text/plain").body.find("2026-03-07 09:00 EST"), std::string::npos);
  r = runs();
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(format_utc(r[0].scheduled_for), "2026-03-07T14:00:00Z");
  EXPECT_EQ(r[0].status, "done");
  EXPECT_EQ(r[0].attempt, 1);
}

TEST_F(ServeDeliveryTest, APasswordNeverReachesTheLogEvenWhenLoginFails) {
  testing::SmtpServer smtp;
  const std::string delivery = write_delivery(smtp);
  ::setenv("LUCKYHUB_TEST_SMTP_PASSWORD", "Wr0ng-but-still-secret", 1);
  ServeProcess p(dir_, delivery, "2026-03-07T13:59:58Z", 1);
  ::setenv("LUCKYHUB_TEST_SMTP_PASSWORD", testing::SmtpServer::kPassword, 1);
  ASSERT_NE(p.port(), 0) << p.log();
  // Due two seconds after start (09:00 EST): wait for the failed run.
  std::string log;
  for (int i = 0; i < 200; ++i) {
    log = p.log();
    if (log.find("failed after 1 attempts") != std::string::npos) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  p.kill9();
  log = p.log();
  EXPECT_NE(log.find("failed after 1 attempts"), std::string::npos) << log;
  EXPECT_EQ(log.find("Wr0ng-but-still-secret"), std::string::npos) << log;
  EXPECT_NE(smtp.auth_log().find("bad "), std::string::npos);
}

}  // namespace
}  // namespace luckyhub::delivery
