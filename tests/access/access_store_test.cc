// The access file: users, API tokens and the audit log (access/access_store.h),
// each test on a fresh file in a temporary directory.
#include "access/access_store.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include "access/password.h"
#include "core/error.h"
#include "support/shared_sim.h"
#include "warehouse/updater.h"

namespace luckyhub::access {
namespace {

using luckyhub::testing::read_file;
using luckyhub::testing::temp_dir;

constexpr const char* kPassword = "correct horse battery";

// The file's bytes with its write-ahead log's (where recent rows are until a checkpoint).
std::string file_bytes(const std::string& path) {
  return read_file(path) + read_file(path + "-wal");
}

class AccessStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = temp_dir() + "/w.db.access.db";
    store_ = AccessStore::open(path_);
  }
  std::string path_;
  std::unique_ptr<AccessStore> store_;
};

TEST_F(AccessStoreTest, DefaultPathIsBesideASqliteWarehouse) {
  EXPECT_EQ(AccessStore::default_path("/data/w.db"), "/data/w.db.access.db");
  EXPECT_THROW(AccessStore::default_path("clickhouse://u:p@h:8123/luckyhub?cluster=x"), Error);
  try {
    AccessStore::default_path("clickhouse://u:s3cret@h:8123/luckyhub");
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()).find("s3cret"), std::string::npos) << e.what();
  }
  EXPECT_THROW(AccessStore::default_path(""), Error);
}

TEST_F(AccessStoreTest, FileIsTheOwnersOnly) {
  struct stat st {};
  ASSERT_EQ(::stat(path_.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
}

TEST_F(AccessStoreTest, AddAndFindUsers) {
  EXPECT_FALSE(store_->has_admin());
  store_->add_user("ana", Role::kAdmin, {}, kPassword);
  store_->add_user("mo", Role::kOperations, {40, 12}, "another good password");
  EXPECT_TRUE(store_->has_admin());

  const std::optional<User> mo = store_->find_user("mo");
  ASSERT_TRUE(mo);
  EXPECT_EQ(mo->name, "mo");
  EXPECT_EQ(mo->role, Role::kOperations);
  EXPECT_EQ(mo->stores, (std::vector<int64_t>{12, 40}));
  EXPECT_FALSE(mo->disabled);
  EXPECT_GT(mo->created, 1700000000);
  EXPECT_EQ(mo->updated, mo->created);
  EXPECT_TRUE(verify_password(mo->password_hash, "another good password"));
  EXPECT_FALSE(verify_password(mo->password_hash, kPassword));
  EXPECT_FALSE(store_->find_user("nobody"));

  const std::vector<User> all = store_->users();
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].name, "ana");
  EXPECT_EQ(all[1].name, "mo");
}

TEST_F(AccessStoreTest, BadUsersAreRefusedAndNothingIsWritten) {
  store_->add_user("ana", Role::kAdmin, {}, kPassword);
  EXPECT_THROW(store_->add_user("ana", Role::kFinance, {}, kPassword), Error);  // taken
  EXPECT_THROW(store_->add_user("Bob", Role::kFinance, {}, kPassword), Error);  // bad name
  EXPECT_THROW(store_->add_user("bob", Role::kFinance, {}, "short"), Error);    // weak password
  EXPECT_THROW(store_->add_user("bob", Role::kAdmin, {12}, kPassword),
               Error);  // admin sees every store
  EXPECT_THROW(store_->add_user("bob", Role::kMetrics, {}, kPassword),
               Error);  // metrics is for tokens
  EXPECT_THROW(store_->add_user("bob", Role::kFinance, {0}, kPassword), Error);  // not a store id
  EXPECT_EQ(store_->users().size(), 1u);
  EXPECT_EQ(store_->find_user("ana")->role, Role::kAdmin);
}

TEST_F(AccessStoreTest, ChangesMakeNewVersions) {
  store_->add_user("ana", Role::kAdmin, {}, kPassword);
  store_->add_user("mo", Role::kOperations, {12}, kPassword);
  const std::string old_hash = store_->find_user("mo")->password_hash;

  store_->set_role("mo", Role::kFinance, {7});
  User mo = *store_->find_user("mo");
  EXPECT_EQ(mo.role, Role::kFinance);
  EXPECT_EQ(mo.stores, std::vector<int64_t>{7});
  EXPECT_EQ(mo.password_hash, old_hash);

  store_->set_password("mo", "a brand new password");
  mo = *store_->find_user("mo");
  EXPECT_TRUE(verify_password(mo.password_hash, "a brand new password"));
  EXPECT_FALSE(verify_password(mo.password_hash, kPassword));
  EXPECT_EQ(mo.role, Role::kFinance);

  store_->set_disabled("mo", true);
  EXPECT_TRUE(store_->find_user("mo")->disabled);
  store_->set_disabled("mo", false);
  EXPECT_FALSE(store_->find_user("mo")->disabled);
  EXPECT_EQ(store_->users().size(), 2u);  // versions are history, not users

  EXPECT_THROW(store_->set_password("mo", "tiny"), Error);
  EXPECT_THROW(store_->set_role("mo", Role::kAdmin, {3}), Error);
  EXPECT_THROW(store_->set_role("nobody", Role::kIt, {}), Error);
  EXPECT_THROW(store_->set_disabled("nobody", true), Error);
  EXPECT_TRUE(verify_password(store_->find_user("mo")->password_hash, "a brand new password"));
}

TEST_F(AccessStoreTest, TheLastEnabledAdminStays) {
  store_->add_user("ana", Role::kAdmin, {}, kPassword);
  EXPECT_THROW(store_->set_disabled("ana", true), Error);
  EXPECT_THROW(store_->set_role("ana", Role::kIt, {}), Error);
  EXPECT_TRUE(store_->has_admin());
  store_->add_user("bo", Role::kAdmin, {}, kPassword);
  store_->set_disabled("ana", true);  // bo is still an admin
  EXPECT_TRUE(store_->has_admin());
  EXPECT_THROW(store_->set_role("bo", Role::kIt, {}), Error);
  store_->set_disabled("ana", false);
  store_->set_role("bo", Role::kIt, {});
  EXPECT_EQ(store_->find_user("bo")->role, Role::kIt);
}

TEST_F(AccessStoreTest, DisabledAdminIsNoAdmin) {
  store_->add_user("ana", Role::kAdmin, {}, kPassword);
  store_->add_user("bo", Role::kAdmin, {}, kPassword);
  store_->set_disabled("ana", true);
  store_->set_role("ana", Role::kFinance, {});  // a disabled admin is no longer needed as one
  EXPECT_TRUE(store_->has_admin());
  EXPECT_EQ(store_->find_user("ana")->role, Role::kFinance);
  EXPECT_TRUE(store_->find_user("ana")->disabled);
}

TEST_F(AccessStoreTest, TokensAuthenticateUntilRevoked) {
  const AccessStore::Created made =
      store_->create_token("nightly export", Role::kFinance, {12}, "ana");
  ASSERT_EQ(made.secret.size(), 3u + 12 + 1 + 43) << made.secret;
  EXPECT_EQ(made.secret.substr(0, 3), "lh_");
  EXPECT_EQ(made.secret.substr(3, 12), made.token.id);
  EXPECT_EQ(made.secret[15], '_');
  EXPECT_EQ(made.token.name, "nightly export");
  EXPECT_EQ(made.token.created_by, "ana");
  EXPECT_EQ(made.token.revoked, 0);

  const std::optional<ApiToken> ok = store_->authenticate_token(made.secret);
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->id, made.token.id);
  EXPECT_EQ(ok->role, Role::kFinance);
  EXPECT_EQ(ok->stores, std::vector<int64_t>{12});

  // Altered anywhere: the secret, the id, the prefix, the length.
  std::string altered = made.secret;
  altered.back() = altered.back() == 'A' ? 'B' : 'A';
  EXPECT_FALSE(store_->authenticate_token(altered));
  altered = made.secret;
  altered[20] = altered[20] == 'x' ? 'y' : 'x';
  EXPECT_FALSE(store_->authenticate_token(altered));
  altered = made.secret;
  altered[3] = altered[3] == 'a' ? 'b' : 'a';
  EXPECT_FALSE(store_->authenticate_token(altered));
  EXPECT_FALSE(store_->authenticate_token("LH" + made.secret.substr(2)));
  EXPECT_FALSE(store_->authenticate_token(made.secret + "A"));
  EXPECT_FALSE(store_->authenticate_token(made.secret.substr(0, made.secret.size() - 1)));
  EXPECT_FALSE(store_->authenticate_token(""));

  // Another token's secret under this id fails.
  const AccessStore::Created other = store_->create_token("prometheus", Role::kMetrics, {}, "ana");
  EXPECT_NE(other.token.id, made.token.id);
  EXPECT_FALSE(store_->authenticate_token("lh_" + made.token.id + other.secret.substr(15)));
  EXPECT_TRUE(store_->authenticate_token(other.secret));

  EXPECT_TRUE(store_->revoke_token(made.token.id));
  EXPECT_FALSE(store_->authenticate_token(made.secret));
  EXPECT_FALSE(store_->revoke_token(made.token.id));  // already revoked
  EXPECT_THROW(store_->revoke_token("000000000000"), Error);
  EXPECT_TRUE(store_->authenticate_token(other.secret));

  const std::vector<ApiToken> all = store_->tokens();
  ASSERT_EQ(all.size(), 2u);
  for (const ApiToken& t : all) {
    if (t.id == made.token.id) {
      EXPECT_GT(t.revoked, 0);
    } else {
      EXPECT_EQ(t.revoked, 0);
      EXPECT_EQ(t.role, Role::kMetrics);
    }
  }
}

TEST_F(AccessStoreTest, BadTokensAreRefused) {
  EXPECT_THROW(store_->create_token("", Role::kFinance, {}, "ana"), Error);
  EXPECT_THROW(store_->create_token("x", Role::kAdmin, {12}, "ana"), Error);
  EXPECT_THROW(store_->create_token("x", Role::kMetrics, {12}, "ana"), Error);
  EXPECT_THROW(store_->create_token("two\nlines", Role::kIt, {}, "ana"), Error);
  EXPECT_THROW(store_->create_token("x", Role::kIt, {}, ""), Error);
  EXPECT_TRUE(store_->tokens().empty());
}

TEST_F(AccessStoreTest, TokenSecretsAreNotInTheFile) {
  std::vector<std::string> secrets;
  for (int i = 0; i < 5; ++i)
    secrets.push_back(store_->create_token("t" + std::to_string(i), Role::kIt, {}, "ana").secret);
  store_->revoke_token(secrets[0].substr(3, 12));
  const std::string open_bytes = file_bytes(path_);
  store_.reset();  // closed: everything checkpointed into the one file
  const std::string closed_bytes = file_bytes(path_);
  ASSERT_FALSE(closed_bytes.empty());
  for (const std::string& secret : secrets) {
    const std::string secret_part = secret.substr(16);
    EXPECT_NE(closed_bytes.find(secret.substr(3, 12)), std::string::npos) << "the id is stored";
    EXPECT_EQ(open_bytes.find(secret_part), std::string::npos);
    EXPECT_EQ(closed_bytes.find(secret_part), std::string::npos);
  }
}

TEST_F(AccessStoreTest, PasswordsAreNotInTheFile) {
  store_->add_user("ana", Role::kAdmin, {}, kPassword);
  store_->set_password("ana", "the second password");
  EXPECT_EQ(file_bytes(path_).find("correct horse"), std::string::npos);
  EXPECT_EQ(file_bytes(path_).find("second password"), std::string::npos);
  store_.reset();
  EXPECT_EQ(file_bytes(path_).find("correct horse"), std::string::npos);
  EXPECT_NE(file_bytes(path_).find("$argon2id$"), std::string::npos);
}

TEST_F(AccessStoreTest, AuditLogIsNewestFirstWithLimitAndBefore) {
  for (int i = 1; i <= 5; ++i)
    store_->audit({.at = 1000 + i,
                   .actor = "ana",
                   .address = "10.0.0." + std::to_string(i),
                   .action = "export",
                   .object = "payment-fees.csv",
                   .outcome = "ok",
                   .detail = "n=" + std::to_string(i)});
  store_->audit(
      {.at = 1005, .actor = "bo", .action = "login_failed", .outcome = "failed"});  // same second

  std::vector<AuditEvent> log = store_->audit_log(50);
  ASSERT_EQ(log.size(), 6u);
  EXPECT_EQ(log[0].actor, "bo");  // appended after ana's event of the same second
  EXPECT_EQ(log[1].detail, "n=5");
  EXPECT_EQ(log[5].detail, "n=1");
  EXPECT_EQ(log[5].at, 1001);
  EXPECT_EQ(log[5].address, "10.0.0.1");
  EXPECT_EQ(log[5].action, "export");
  EXPECT_EQ(log[5].object, "payment-fees.csv");
  EXPECT_EQ(log[5].outcome, "ok");

  log = store_->audit_log(2);
  ASSERT_EQ(log.size(), 2u);
  EXPECT_EQ(log[0].actor, "bo");
  EXPECT_EQ(log[1].detail, "n=5");

  log = store_->audit_log(50, 1004);  // strictly before
  ASSERT_EQ(log.size(), 3u);
  EXPECT_EQ(log[0].detail, "n=3");
  EXPECT_TRUE(store_->audit_log(0).empty());
}

TEST_F(AccessStoreTest, AuditAtZeroIsNow) {
  const int64_t before = std::time(nullptr);
  store_->audit({.actor = "ana", .action = "logout", .outcome = "ok"});
  const std::vector<AuditEvent> log = store_->audit_log(10);
  ASSERT_EQ(log.size(), 1u);
  EXPECT_GE(log[0].at, before);
  EXPECT_LE(log[0].at, std::time(nullptr));
}

TEST_F(AccessStoreTest, AuditNeverKeepsATokenOrALineBreak) {
  const AccessStore::Created made = store_->create_token("script", Role::kIt, {}, "ana");
  store_->audit({.actor = "token:" + made.token.id,
                 .action = "export",
                 .object = "x",
                 .outcome = "denied",
                 .detail = "presented " + made.secret + " twice\nsecond line"});
  const AuditEvent e = store_->audit_log(1).at(0);
  EXPECT_EQ(e.detail, "presented lh_" + made.token.id + "_[redacted] twice second line");
  EXPECT_EQ(file_bytes(path_).find(made.secret.substr(16)), std::string::npos);

  store_->audit({.actor = "ana", .action = "export", .detail = std::string(5000, 'x')});
  EXPECT_EQ(store_->audit_log(1).at(0).detail.size(), 1000u);
}

TEST_F(AccessStoreTest, SurvivesReopen) {
  store_->add_user("ana", Role::kAdmin, {}, kPassword);
  store_->add_user("mo", Role::kMarketing, {3}, kPassword);
  store_->set_disabled("mo", true);
  const AccessStore::Created made = store_->create_token("prometheus", Role::kMetrics, {}, "ana");
  store_->audit({.at = 77, .actor = "ana", .action = "user_add", .object = "mo", .outcome = "ok"});
  store_.reset();

  store_ = AccessStore::open(path_);
  ASSERT_EQ(store_->users().size(), 2u);
  EXPECT_TRUE(store_->find_user("mo")->disabled);
  EXPECT_EQ(store_->find_user("mo")->stores, std::vector<int64_t>{3});
  EXPECT_TRUE(verify_password(store_->find_user("ana")->password_hash, kPassword));
  EXPECT_TRUE(store_->has_admin());
  EXPECT_TRUE(store_->authenticate_token(made.secret));
  ASSERT_EQ(store_->audit_log(10).size(), 1u);
  EXPECT_EQ(store_->audit_log(10)[0].object, "mo");
}

TEST_F(AccessStoreTest, TwoOpenersSeeEachOthersWrites) {
  // The server keeps the file open while the command line changes it.
  std::unique_ptr<AccessStore> cli = AccessStore::open(path_);
  cli->add_user("ana", Role::kAdmin, {}, kPassword);
  EXPECT_TRUE(store_->has_admin());
  store_->add_user("bo", Role::kIt, {}, kPassword);
  EXPECT_TRUE(cli->find_user("bo"));
  EXPECT_THROW(cli->add_user("bo", Role::kIt, {}, kPassword), Error);
}

TEST(AccessStoreOpen, RefusesAWarehouseOrAnotherFile) {
  const std::string dir = temp_dir();
  const std::string warehouse = dir + "/w.db";
  {
    std::unique_ptr<WarehouseUpdater> w = open_updater(warehouse);
    w->begin();
    w->execute("CREATE TABLE sales_order__t_order (id INTEGER PRIMARY KEY)");
    w->commit();
  }
  EXPECT_THROW(AccessStore::open(warehouse), Error);
  EXPECT_THROW(
      AccessStore::open(luckyhub::testing::write_file(dir, "notes.txt", "not a database at all\n")),
      Error);
  EXPECT_THROW(AccessStore::open("/nonexistent/dir/a.db"), Error);
  EXPECT_THROW(AccessStore::open(""), Error);
  EXPECT_THROW(AccessStore::open("clickhouse://h:8123/luckyhub"), Error);
}

}  // namespace
}  // namespace luckyhub::access
