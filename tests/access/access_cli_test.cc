// `luckyhub users|tokens|audit` end to end: the built binary on a fresh
// access file, passwords given with --password-stdin.
#include <gtest/gtest.h>
#include <pwd.h>
#include <unistd.h>

#include <filesystem>

#include "access/access_store.h"
#include "access/password.h"
#include "support/shared_sim.h"

namespace luckyhub::access {
namespace {

using luckyhub::testing::read_file;
using luckyhub::testing::run_luckyhub;
using luckyhub::testing::temp_dir;
using luckyhub::testing::write_file;

constexpr const char* kAdminPassword = "Tr0ub4dor&3-horse";
constexpr const char* kMoPassword = "mo's own long passphrase";

int count_lines(const std::string& text) {
  return static_cast<int>(std::count(text.begin(), text.end(), '\n'));
}

std::string os_user() {
  const passwd* pw = ::getpwuid(::geteuid());
  return pw ? pw->pw_name : "uid" + std::to_string(::geteuid());
}

class AccessCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = temp_dir();
    file_ = dir_ + "/access.db";
  }
  // Runs `luckyhub ARGS --access FILE`, with `stdin_text` on stdin (else /dev/null).
  int run(const std::string& args, const std::string& stdin_text = "") {
    const std::string input =
        stdin_text.empty() ? "/dev/null" : write_file(dir_, "stdin.txt", stdin_text);
    return run_luckyhub(args + " --access " + file_ + " < " + input, &out_, &err_);
  }
  void expect_one_line_error(int rc, const std::string& needle) {
    EXPECT_NE(rc, 0);
    EXPECT_EQ(count_lines(err_), 1) << err_;
    EXPECT_NE(err_.find(needle), std::string::npos) << err_;
    EXPECT_EQ(out_, "");
  }
  std::string everything_written() {
    return out_ + err_ + read_file(file_) + read_file(file_ + "-wal");
  }
  std::string dir_, file_, out_, err_;
};

TEST_F(AccessCliTest, UsersEndToEnd) {
  ASSERT_EQ(run("users add ana --role admin --password-stdin", std::string(kAdminPassword) + "\n"),
            0)
      << err_;
  EXPECT_EQ(out_, "users: added ana (role=admin stores=all)\n");
  std::string seen = everything_written();
  ASSERT_EQ(run("users add mo --role operations --stores 40,12 --password-stdin", kMoPassword), 0)
      << err_;
  seen += everything_written();
  ASSERT_EQ(run("users set mo --role finance --stores 7"), 0) << err_;
  EXPECT_EQ(out_, "users: mo is now role=finance stores=7\n");
  ASSERT_EQ(run("users passwd mo --password-stdin", "mo's second passphrase\n"), 0) << err_;
  seen += everything_written();
  ASSERT_EQ(run("users disable mo"), 0) << err_;
  ASSERT_EQ(run("users add zed --role it --password-stdin", "zed's passphrase is long\n"), 0)
      << err_;
  ASSERT_EQ(run("users disable zed"), 0) << err_;
  ASSERT_EQ(run("users enable zed"), 0) << err_;

  ASSERT_EQ(run("users list"), 0) << err_;
  ASSERT_EQ(count_lines(out_), 4) << out_;
  // Padded to the widest cell: "finance", "disabled", a time of 19 characters.
  EXPECT_EQ(out_.rfind(
                "name  role     stores  disabled  created" + std::string(14, ' ') + "updated\n", 0),
            0u)
      << out_;
  EXPECT_NE(out_.find("\nana   admin    all     no        20"), std::string::npos) << out_;
  EXPECT_NE(out_.find("\nmo    finance  7       yes       20"), std::string::npos) << out_;
  EXPECT_NE(out_.find("\nzed   it       all     no        20"), std::string::npos) << out_;
  EXPECT_EQ(out_.find("$argon2id$"), std::string::npos);
  seen += everything_written();

  // What the server will read.
  std::unique_ptr<AccessStore> store = AccessStore::open(file_);
  const User mo = *store->find_user("mo");
  EXPECT_EQ(mo.role, Role::kFinance);
  EXPECT_EQ(mo.stores, std::vector<int64_t>{7});
  EXPECT_TRUE(mo.disabled);
  EXPECT_TRUE(verify_password(mo.password_hash, "mo's second passphrase"));
  EXPECT_TRUE(verify_password(store->find_user("ana")->password_hash, kAdminPassword));
  EXPECT_FALSE(store->find_user("zed")->disabled);
  EXPECT_TRUE(store->has_admin());

  // Every change audited as the OS user, and no password anywhere.
  const std::vector<AuditEvent> log = store->audit_log(100);
  ASSERT_EQ(log.size(), 8u);
  EXPECT_EQ(log.back().action, "user_add");
  EXPECT_EQ(log.back().object, "ana");
  EXPECT_EQ(log.back().detail, "role=admin stores=all");
  EXPECT_EQ(log[log.size() - 3].object, "mo");
  EXPECT_EQ(log[log.size() - 3].detail, "role=finance stores=7");
  EXPECT_EQ(log[log.size() - 4].detail, "password set");
  EXPECT_EQ(log.front().object, "zed");
  EXPECT_EQ(log.front().detail, "enabled");
  for (const AuditEvent& e : log) {
    EXPECT_EQ(e.actor, "cli:" + os_user());
    EXPECT_EQ(e.address, "");
    EXPECT_EQ(e.outcome, "ok");
    seen += e.detail + e.object;
  }
  ASSERT_EQ(run("audit --limit 3"), 0) << err_;
  EXPECT_EQ(count_lines(out_), 3) << out_;
  EXPECT_NE(out_.find("  cli:" + os_user() + "  -  user_change  zed  ok  enabled\n"),
            std::string::npos)
      << out_;
  seen += everything_written();
  for (const char* password :
       {kAdminPassword, kMoPassword, "mo's second passphrase", "zed's passphrase"})
    EXPECT_EQ(seen.find(password), std::string::npos) << password;
}

TEST_F(AccessCliTest, TokensEndToEnd) {
  ASSERT_EQ(run("tokens add 'nightly export' --role finance --stores 12"), 0) << err_;
  ASSERT_EQ(count_lines(out_), 1) << out_;
  const std::string token = out_.substr(0, out_.size() - 1);
  ASSERT_EQ(token.size(), 59u) << token;
  const std::string id = token.substr(3, 12);
  EXPECT_NE(err_.find("cannot be shown again"), std::string::npos) << err_;
  EXPECT_NE(err_.find(id), std::string::npos) << err_;
  EXPECT_EQ(err_.find(token.substr(16)), std::string::npos);

  ASSERT_EQ(run("tokens add prometheus --role metrics"), 0) << err_;
  const std::string metrics_token = out_.substr(0, out_.size() - 1);

  ASSERT_EQ(run("tokens list"), 0) << err_;
  ASSERT_EQ(count_lines(out_), 3) << out_;
  EXPECT_NE(out_.find(id + "  nightly export  finance  12      cli:" + os_user()),
            std::string::npos)
      << out_;
  EXPECT_EQ(out_.find(token.substr(16)), std::string::npos);

  std::unique_ptr<AccessStore> store = AccessStore::open(file_);
  ASSERT_TRUE(store->authenticate_token(token));
  EXPECT_EQ(store->authenticate_token(token)->stores, std::vector<int64_t>{12});
  EXPECT_EQ(store->authenticate_token(metrics_token)->role, Role::kMetrics);

  ASSERT_EQ(run("tokens revoke " + id), 0) << err_;
  EXPECT_EQ(out_, "tokens: " + id + " revoked\n");
  EXPECT_FALSE(store->authenticate_token(token));
  EXPECT_TRUE(store->authenticate_token(metrics_token));
  expect_one_line_error(run("tokens revoke " + id), "revoked already");
  expect_one_line_error(run("tokens revoke 0123456789ab"), "no API token");

  ASSERT_EQ(run("tokens list"), 0) << err_;
  const size_t row = out_.find(id);
  ASSERT_NE(row, std::string::npos);
  EXPECT_EQ(out_.substr(out_.find('\n', row) - 19, 2), "20")
      << out_;  // a revoked time ends the row

  ASSERT_EQ(run("audit"), 0) << err_;
  EXPECT_EQ(count_lines(out_), 3) << out_;
  EXPECT_NE(out_.find("  token_revoke  " + id + "  ok\n"), std::string::npos) << out_;
  EXPECT_NE(out_.find("  token_add  " + id + "  ok  name=nightly export role=finance stores=12\n"),
            std::string::npos)
      << out_;
  store.reset();
  const std::string file = read_file(file_) + read_file(file_ + "-wal");
  EXPECT_EQ(file.find(token.substr(16)), std::string::npos);
  EXPECT_EQ(file.find(metrics_token.substr(16)), std::string::npos);
}

TEST_F(AccessCliTest, BadInputIsOneLineAndWritesNothing) {
  ASSERT_EQ(run("users add ana --role admin --password-stdin", std::string(kAdminPassword) + "\n"),
            0)
      << err_;
  const std::string good = std::string(kMoPassword) + "\n";
  expect_one_line_error(run("users add mo --role boss --password-stdin", good),
                        "unknown role 'boss'");
  expect_one_line_error(run("users add mo --role metrics --password-stdin", good),
                        "unknown role 'metrics'");
  expect_one_line_error(run("users add mo --role it --stores 12,x --password-stdin", good),
                        "stores");
  expect_one_line_error(run("users add mo --role admin --stores 12 --password-stdin", good),
                        "stores");
  expect_one_line_error(run("users add mo --role it --password-stdin", "short\n"), "too short");
  expect_one_line_error(run("users add mo --role it --password-stdin", "zzzzzzzzzzzzzzzzzz\n"),
                        "repeated");
  expect_one_line_error(run("users add mo --role it --password-stdin"), "no password");
  expect_one_line_error(run("users add mo --role it"),
                        "--password-stdin");  // stdin is not a terminal
  expect_one_line_error(run("users add ana --role it --password-stdin", good), "exists already");
  expect_one_line_error(run("users add Mo --role it --password-stdin", good), "user name");
  expect_one_line_error(run("users passwd nobody --password-stdin", good), "no user 'nobody'");
  expect_one_line_error(run("users set nobody --role it"), "no user 'nobody'");
  expect_one_line_error(run("users disable ana"), "last enabled admin");
  expect_one_line_error(run("users set ana --role it"), "last enabled admin");
  expect_one_line_error(run("tokens add x --role root"), "unknown role 'root'");
  expect_one_line_error(run("tokens add x --role metrics --stores 3"), "stores");
  expect_one_line_error(run("audit --limit 0"), "--limit");

  std::unique_ptr<AccessStore> store = AccessStore::open(file_);
  ASSERT_EQ(store->users().size(), 1u);
  EXPECT_EQ(store->find_user("ana")->role, Role::kAdmin);
  EXPECT_FALSE(store->find_user("ana")->disabled);
  EXPECT_TRUE(store->tokens().empty());
  EXPECT_EQ(store->audit_log(100).size(), 1u);  // ana's user_add only
  // A refused password is not written or echoed either.
  for (const char* text : {"zzzzzzzzzzzzzzzzzz", kMoPassword})
    EXPECT_EQ((read_file(file_) + read_file(file_ + "-wal")).find(text), std::string::npos);
}

TEST_F(AccessCliTest, WhichFile) {
  // Exactly one of --access and --warehouse.
  std::string out, err;
  int rc = run_luckyhub("users list", &out, &err);
  EXPECT_NE(rc, 0);
  EXPECT_EQ(count_lines(err), 1) << err;
  EXPECT_NE(err.find("exactly one"), std::string::npos) << err;
  rc = run_luckyhub("users list --access " + file_ + " --warehouse " + dir_ + "/w.db", &out, &err);
  EXPECT_NE(rc, 0);
  EXPECT_NE(err.find("exactly one"), std::string::npos) << err;
  rc = run_luckyhub("users list --warehouse 'clickhouse://u:pw@localhost:8123/luckyhub'", &out,
                    &err);
  EXPECT_NE(rc, 0);
  EXPECT_NE(err.find("--access"), std::string::npos) << err;
  EXPECT_EQ(err.find("pw@"), std::string::npos) << err;

  // --warehouse W: the file beside it, when W exists (a mistyped W is refused).
  rc = run_luckyhub("users add ana --role admin --password-stdin --warehouse " + dir_ + "/w.db < " +
                        write_file(dir_, "pw", kAdminPassword),
                    &out, &err);
  EXPECT_NE(rc, 0);
  EXPECT_EQ(count_lines(err), 1) << err;
  EXPECT_NE(err.find("does not exist"), std::string::npos) << err;
  EXPECT_FALSE(std::filesystem::exists(dir_ + "/w.db.access.db"));
  write_file(dir_, "w.db", "");
  rc = run_luckyhub("users add ana --role admin --password-stdin --warehouse " + dir_ + "/w.db < " +
                        write_file(dir_, "pw", kAdminPassword),
                    &out, &err);
  ASSERT_EQ(rc, 0) << err;
  EXPECT_TRUE(AccessStore::open(dir_ + "/w.db.access.db")->find_user("ana"));
  EXPECT_TRUE(read_file(file_).empty());
}

}  // namespace
}  // namespace luckyhub::access
