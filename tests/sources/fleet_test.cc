// The fleet file: what it accepts, and the one-line "file:line: reason" it
// gives for everything it must reject.
#include "sources/fleet.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cstdlib>
#include <fstream>

#include "core/error.h"
#include "simulate/fleet_loader.h"
#include "support/shared_sim.h"
#include "warehouse/schema_files.h"

namespace luckyhub {
namespace {

std::string write(const std::string& dir, const std::string& name, const std::string& text, int mode = 0600) {
  const std::string path = dir + "/" + name;
  std::ofstream(path) << text;
  ::chmod(path.c_str(), static_cast<mode_t>(mode));
  return path;
}

// The error load_fleet gives for a fleet file, or "" when it loads.
std::string load_error(const std::string& text) {
  const std::string dir = testing::temp_dir();
  write(dir, "pw", "s3cret-Pw\n");
  try {
    load_fleet(write(dir, "fleet.toml", text, 0644));
  } catch (const Error& e) {
    return std::string(e.what()).substr(dir.size() + 1);  // "fleet.toml:3: …"
  }
  return "";
}

const char* kGood = R"(# two servers
[[instance]]
name = "db1"
kind = "mysql"
host = "127.0.0.1"
port = 3306
user = "luckyhub_ro"
password_file = "pw"
databases = ["luckyus_sales_order", "luckyus_opshop"]
loader = { user = "loader", password_env = "LUCKYHUB_TEST_LOADER_PW" }

[[instance]]
name = "cache1"
kind = "redis"
host = "10.0.0.7"
port = 6379
user = "default"
password_file = "pw"
)";

TEST(FleetFile, LoadsInstancesAndResolvesSecrets) {
  ::setenv("LUCKYHUB_TEST_LOADER_PW", "loader-pw", 1);
  const std::string dir = testing::temp_dir();
  write(dir, "pw", "s3cret-Pw\n");
  const Fleet fleet = load_fleet(write(dir, "fleet.toml", kGood, 0644));
  ASSERT_EQ(fleet.instances.size(), 2u);
  const Instance& db1 = fleet.instances[0];
  EXPECT_EQ(db1.label(), "db1 (127.0.0.1:3306)");
  EXPECT_EQ(db1.databases, (std::vector<std::string>{"luckyus_sales_order", "luckyus_opshop"}));
  EXPECT_EQ(db1.reader.password.value(), "s3cret-Pw");  // trailing newline dropped
  EXPECT_EQ(db1.reader.password_ref, "file " + dir + "/pw");
  ASSERT_TRUE(db1.loader.has_value());
  EXPECT_EQ(db1.loader->password.value(), "loader-pw");
  EXPECT_EQ(db1.loader->password_ref, "env LUCKYHUB_TEST_LOADER_PW");
  EXPECT_EQ(fleet.instances[1].kind, InstanceKind::kRedis);
  EXPECT_EQ(fleet.mysql_holding("luckyus_opshop"), &db1);
  EXPECT_EQ(fleet.mysql_holding("luckyus_fi_tax"), nullptr);
}

TEST(FleetFile, RejectsWithFileLineAndReason) {
  ::setenv("LUCKYHUB_TEST_LOADER_PW", "loader-pw", 1);
  const std::string good = kGood;
  const auto replaced = [&](const std::string& from, const std::string& to) {
    std::string text = good;
    text.replace(text.find(from), from.size(), to);
    return load_error(text);
  };
  EXPECT_EQ(load_error(good), "");
  EXPECT_EQ(replaced("port = 3306", "port = 3306\nprot = 1"), "fleet.toml:7: unknown key 'prot' in [[instance]]");
  EXPECT_EQ(replaced("name = \"cache1\"", "name = \"db1\""),
            "fleet.toml:12: duplicate instance name 'db1' (first at line 2)");
  EXPECT_EQ(replaced("kind = \"mysql\"", "kind = \"oracle\""),
            "fleet.toml:4: kind 'oracle' of instance db1 is not mysql, redis or postgres");
  EXPECT_EQ(replaced("port = 3306", "port = 99999"), "fleet.toml:6: instance db1 needs a port from 1 to 65535");
  EXPECT_EQ(replaced("port = 3306", "port = \"3306"), "fleet.toml:6: Error while parsing string: unescaped control characters other than TAB (U+0009) are explicitly prohibited");
  const std::string missing = replaced("password_file = \"pw\"\ndatabases", "password_file = \"nope\"\ndatabases");
  EXPECT_EQ(missing.rfind("fleet.toml:8: password_file ", 0), 0u) << missing;
  EXPECT_NE(missing.find("/nope: No such file or directory"), std::string::npos) << missing;
  EXPECT_EQ(replaced("password_file = \"pw\"\ndatabases", "databases"),
            "fleet.toml:2: instance db1 needs exactly one of password_env and password_file");
  EXPECT_EQ(replaced("\"luckyus_opshop\"", "\"opshop\""),
            "fleet.toml:9: databases of instance db1: 'opshop' is not a luckyus_* database name");
  EXPECT_EQ(replaced("kind = \"redis\"", "kind = \"redis\"\ndatabases = [\"luckyus_x\"]"),
            "fleet.toml:15: databases is only for mysql instances (instance cache1)");
  EXPECT_EQ(load_error("[[instance]]\nname = \"a\"\n[surprise]\n"),
            "fleet.toml:3: unknown key 'surprise' in the fleet file (only [[instance]] tables)");
  ::unsetenv("LUCKYHUB_TEST_LOADER_PW");
  EXPECT_EQ(load_error(good), "fleet.toml:10: password_env LUCKYHUB_TEST_LOADER_PW of loader of instance db1 is not set");
}

// A Redis or PostgreSQL instance without authentication: no user and no
// password (PostgreSQL `trust` may name its user); MySQL always needs both,
// and a Redis user without a password is refused (it could only fail).
TEST(FleetFile, RedisAndPostgresMayUseNoAuthentication) {
  const std::string dir = testing::temp_dir();
  const Fleet fleet = load_fleet(write(dir, "open.toml", R"([[instance]]
name = "cache"
kind = "redis"
host = "127.0.0.1"
port = 6379

[[instance]]
name = "pg"
kind = "postgres"
host = "127.0.0.1"
port = 5432
user = "monitor"

[[instance]]
name = "pg2"
kind = "postgres"
host = "127.0.0.1"
port = 5433
)", 0644));
  ASSERT_EQ(fleet.instances.size(), 3u);
  for (const Instance& in : fleet.instances) {
    EXPECT_TRUE(in.reader.password.empty()) << in.name;
    EXPECT_EQ(in.reader.password_ref, "none") << in.name;
  }
  EXPECT_EQ(fleet.instances[0].reader.user, "");
  EXPECT_EQ(fleet.instances[1].reader.user, "monitor");
  EXPECT_EQ(fleet.instances[2].reader.user, "");
  const std::string host = "host = \"h\"\nport = 1\n";
  EXPECT_EQ(load_error("[[instance]]\nname = \"db\"\nkind = \"mysql\"\n" + host),
            "fleet.toml:1: instance db has no user");
  EXPECT_EQ(load_error("[[instance]]\nname = \"db\"\nkind = \"mysql\"\n" + host + "user = \"ro\"\n"),
            "fleet.toml:1: instance db needs exactly one of password_env and password_file");
  EXPECT_EQ(load_error("[[instance]]\nname = \"c\"\nkind = \"redis\"\n" + host + "user = \"default\"\n"),
            "fleet.toml:1: instance c names a user but no password_env or password_file (omit user too for a "
            "Redis without authentication)");
}

TEST(FleetFile, RejectsADatabaseOnTwoInstances) {
  std::string text = kGood;
  text += "\n[[instance]]\nname = \"db2\"\nkind = \"mysql\"\nhost = \"h\"\nport = 1\nuser = \"u\"\n"
          "password_file = \"pw\"\ndatabases = [\"luckyus_opshop\"]\n";
  ::setenv("LUCKYHUB_TEST_LOADER_PW", "loader-pw", 1);
  EXPECT_EQ(load_error(text), "fleet.toml:20: database luckyus_opshop is listed on both db1 and db2");
}

TEST(FleetFile, PasswordFileMustBeOwnerOnly) {
  ::setenv("LUCKYHUB_TEST_LOADER_PW", "loader-pw", 1);
  const std::string dir = testing::temp_dir();
  write(dir, "pw", "s3cret-Pw\n", 0644);
  try {
    load_fleet(write(dir, "fleet.toml", kGood, 0644));
    FAIL() << "a world-readable password file was accepted";
  } catch (const Error& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find("fleet.toml:8: password_file " + dir + "/pw is readable by others (mode 0644)"),
              std::string::npos)
        << message;
    EXPECT_EQ(message.find("s3cret"), std::string::npos) << "the error shows the password";
  }
}

TEST(FleetFile, MissingFileIsOneLine) {
  try {
    load_fleet("/nonexistent/fleet.toml");
    FAIL();
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(), "fleet file /nonexistent/fleet.toml: No such file or directory");
  }
}

}  // namespace
}  // namespace luckyhub

namespace luckyhub {
namespace {

// docs/fleet.example.toml stays a valid fleet file.
TEST(FleetFile, DocumentedExampleLoads) {
  std::ifstream in(std::string(LUCKYHUB_SOURCE_DIR) + "/docs/fleet.example.toml");
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  ASSERT_FALSE(text.empty());
  const std::string dir = testing::temp_dir();
  write(dir, "crm.pw", "pw\n");
  const std::string from = "/etc/luckyhub/crm-db-1.password";
  text.replace(text.find(from), from.size(), dir + "/crm.pw");
  for (const char* var : {"LUCKYHUB_ORDER_DB_PASSWORD", "LUCKYHUB_REDIS_PASSWORD"}) ::setenv(var, "pw", 1);
  const Fleet fleet = load_fleet(write(dir, "fleet.toml", text, 0644));
  EXPECT_EQ(fleet.instances.size(), 3u);
  EXPECT_EQ(fleet.mysql_instances().size(), 2u);
}

}  // namespace
}  // namespace luckyhub

namespace luckyhub {
namespace {

TEST(FleetFile, NodeExporterIsAnOptionalValidatedEndpoint) {
  const std::string base = "[[instance]]\nname = \"cache1\"\nkind = \"redis\"\nhost = \"10.0.0.7\"\nport = 6379\n"
                           "user = \"default\"\npassword_file = \"pw\"\n";
  const std::string dir = testing::temp_dir();
  write(dir, "pw", "s3cret-Pw\n");
  const Fleet plain = load_fleet(write(dir, "plain.toml", base, 0644));
  EXPECT_FALSE(plain.instances[0].node_exporter.has_value());
  const Fleet with = load_fleet(write(dir, "with.toml", base + "node_exporter = \"10.0.0.7:9100\"\n", 0644));
  ASSERT_TRUE(with.instances[0].node_exporter.has_value());
  EXPECT_EQ(with.instances[0].node_exporter->host, "10.0.0.7");
  EXPECT_EQ(with.instances[0].node_exporter->port, 9100);
  const Fleet v6 = load_fleet(write(dir, "v6.toml", base + "node_exporter = \"[::1]:9100\"\n", 0644));
  EXPECT_EQ(v6.instances[0].node_exporter->host, "::1");
  const std::string reason =
      "fleet.toml:8: node_exporter of instance cache1 must be \"host:port\" with a port from 1 to 65535";
  for (const std::string bad : {"\"10.0.0.7\"", "\"10.0.0.7:\"", "\":9100\"", "\"h:0\"", "\"h:65536\"",
                                "\"h:91x0\"", "9100", "\"http://h:9100\"", "\"h o:9100\""}) {
    EXPECT_EQ(load_error(base + "node_exporter = " + bad + "\n"), reason) << bad;
  }
}

}  // namespace
}  // namespace luckyhub

namespace luckyhub {
namespace {

// simulate --fleet creates each table with its primary key only and adds the
// secondary keys after the rows are in.
TEST(FleetLoaderDdl, SecondaryKeysMoveToOneAlter) {
  const std::string ddl =
      "CREATE TABLE t_tax_invoice (\n"
      "  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT COMMENT 'primary key',\n"
      "  invoice_no VARCHAR(32) NOT NULL COMMENT 'unique, (per tenant)',\n"
      "  update_time DATETIME NOT NULL,\n"
      "  PRIMARY KEY (id),\n"
      "  UNIQUE KEY uk_invoice_no (invoice_no),\n"
      "  KEY idx_update_time (update_time)\n"
      ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='invoices (empty in production)'";
  const SplitDdl split = split_secondary_keys(ddl);
  EXPECT_EQ(split.create,
            "CREATE TABLE t_tax_invoice (\n"
            "  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT COMMENT 'primary key',\n"
            "  invoice_no VARCHAR(32) NOT NULL COMMENT 'unique, (per tenant)',\n"
            "  update_time DATETIME NOT NULL,\n"
            "  PRIMARY KEY (id)\n"
            ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='invoices (empty in production)'");
  EXPECT_EQ(split.add_keys, (std::vector<std::string>{"ADD UNIQUE KEY uk_invoice_no (invoice_no)",
                                                      "ADD KEY idx_update_time (update_time)"}));
  // A table without secondary keys is unchanged but for layout.
  EXPECT_TRUE(split_secondary_keys("CREATE TABLE t (\n  id INT,\n  PRIMARY KEY (id)\n)").add_keys.empty());
  EXPECT_THROW(split_secondary_keys("DROP TABLE t"), Error);
}

// Every table of the schema splits: its keys all move, the rest stays.
TEST(FleetLoaderDdl, EverySchemaTableSplits) {
  size_t keys = 0;
  for (const SchemaFile& file : embedded_schema_files()) {
    for (size_t at = file.sql.find("CREATE TABLE "); at != std::string::npos;
         at = file.sql.find("CREATE TABLE ", at + 1)) {
      const std::string ddl = file.sql.substr(at, file.sql.find(";\n", at) - at);
      const SplitDdl split = split_secondary_keys(ddl);
      EXPECT_EQ(split.create.find("\n  KEY "), std::string::npos) << split.create;
      EXPECT_EQ(split.create.find("UNIQUE KEY"), std::string::npos) << split.create;
      EXPECT_NE(split.create.find("PRIMARY KEY"), std::string::npos) << split.create;
      EXPECT_EQ(split.create.find(",\n)"), std::string::npos) << split.create;
      keys += split.add_keys.size();
    }
  }
  EXPECT_GT(keys, 100u);
}

}  // namespace
}  // namespace luckyhub

namespace luckyhub {
namespace {

// cloudwatch = { … } on an RDS instance: the keys by reference (only their
// names print), the endpoint defaulted from the region, and a one-line
// error for each thing wrong.
TEST(FleetFile, CloudWatchIsAnOptionalValidatedTargetWithKeysByReference) {
  const std::string base = "[[instance]]\nname = \"rds1\"\nkind = \"mysql\"\nhost = \"rds1.example\"\nport = 3306\n"
                           "user = \"ro\"\npassword_file = \"pw\"\n";
  const std::string dir = testing::temp_dir();
  write(dir, "pw", "s3cret-Pw\n");
  write(dir, "aws.secret", "aws-Secret/Value+1\n");
  write(dir, "ca.pem", "-----BEGIN CERTIFICATE-----\n");
  ::setenv("LUCKYHUB_TEST_AWS_ID", "AKIDFLEETTEST", 1);
  ::setenv("LUCKYHUB_TEST_AWS_TOKEN", "session-token-value", 1);
  ::unsetenv("LUCKYHUB_TEST_AWS_UNSET");
  const std::string keys = "access_key_id_env = \"LUCKYHUB_TEST_AWS_ID\", secret_access_key_file = \"aws.secret\"";
  const Fleet f = load_fleet(write(dir, "cw.toml",
                                   base + "cloudwatch = { region = \"us-west-2\", db_instance_identifier = \"luckin-replica-1\", " +
                                       keys + ", session_token_env = \"LUCKYHUB_TEST_AWS_TOKEN\" }\n",
                                   0644));
  ASSERT_TRUE(f.instances[0].cloudwatch.has_value());
  const CloudWatchTarget& c = *f.instances[0].cloudwatch;
  EXPECT_EQ(c.region, "us-west-2");
  EXPECT_EQ(c.db_instance_identifier, "luckin-replica-1");
  EXPECT_EQ(c.endpoint, "https://monitoring.us-west-2.amazonaws.com");
  EXPECT_EQ(c.access_key_ref, "env LUCKYHUB_TEST_AWS_ID");
  EXPECT_EQ(c.access_key_id.value(), "AKIDFLEETTEST");
  EXPECT_EQ(c.secret_ref, "file " + dir + "/aws.secret");
  EXPECT_EQ(c.secret_access_key.value(), "aws-Secret/Value+1");
  EXPECT_EQ(c.session_token.value(), "session-token-value");
  const Fleet e = load_fleet(write(dir, "cw-endpoint.toml",
                                   base + "cloudwatch = { region = \"us-east-1\", db_instance_identifier = \"db1\", " +
                                       keys + ", endpoint = \"https://127.0.0.1:8443/\", ca_file = \"ca.pem\" }\n",
                                   0644));
  EXPECT_EQ(e.instances[0].cloudwatch->endpoint, "https://127.0.0.1:8443");
  EXPECT_EQ(e.instances[0].cloudwatch->ca_file, dir + "/ca.pem");

  // The error of a fleet file in this directory (its secrets beside it), from "fleet.toml:".
  auto load_error = [&](const std::string& text) -> std::string {
    try {
      load_fleet(write(dir, "fleet.toml", text, 0644));
    } catch (const Error& e) {
      return std::string(e.what()).substr(dir.size() + 1);
    }
    return "";
  };
  const std::string good = "region = \"us-east-1\", db_instance_identifier = \"db1\", " + keys;
  const std::vector<std::pair<std::string, std::string>> bad = {
      {"cloudwatch = \"us-east-1\"", "fleet.toml:8: cloudwatch of rds1 must be a table: cloudwatch = { region = …, … }"},
      {"cloudwatch = { db_instance_identifier = \"db1\", " + keys + " }", "fleet.toml:8: cloudwatch of rds1 has no region"},
      {"cloudwatch = { region = \"US East\", db_instance_identifier = \"db1\", " + keys + " }",
       "fleet.toml:8: region of cloudwatch of rds1 must be an AWS region such as us-east-1"},
      {"cloudwatch = { region = \"us-east-1\", db_instance_identifier = \"1db\", " + keys + " }",
       "fleet.toml:8: db_instance_identifier of cloudwatch of rds1 must be an RDS identifier: a letter, then letters, "
       "digits and hyphens, at most 63"},
      {"cloudwatch = { " + good + ", endpoint = \"http://monitoring.example\" }",
       "fleet.toml:8: endpoint of cloudwatch of rds1 must be an https:// URL"},
      {"cloudwatch = { " + good + ", ca_file = \"nope.pem\" }",
       "fleet.toml:8: ca_file " + dir + "/nope.pem of cloudwatch of rds1 is not a file"},
      {"cloudwatch = { region = \"us-east-1\", db_instance_identifier = \"db1\", access_key_id_env = \"LUCKYHUB_TEST_AWS_ID\" }",
       "fleet.toml:8: cloudwatch of rds1 needs secret_access_key_env or secret_access_key_file"},
      {"cloudwatch = { region = \"us-east-1\", db_instance_identifier = \"db1\", access_key_id_env = \"LUCKYHUB_TEST_AWS_UNSET\", "
       "secret_access_key_file = \"aws.secret\" }",
       "fleet.toml:8: access_key_id_env LUCKYHUB_TEST_AWS_UNSET of cloudwatch of rds1 is not set"},
      {"cloudwatch = { " + good + ", secret_key = \"x\" }", "fleet.toml:8: unknown key 'secret_key' in cloudwatch of rds1"},
      {"node_exporter = \"h:9100\"\ncloudwatch = { " + good + " }",
       "fleet.toml:9: instance rds1 lists both node_exporter and cloudwatch: one host source"},
  };
  for (const auto& [line, reason] : bad) EXPECT_EQ(load_error(base + line + "\n"), reason) << line;
  // Only references appear in errors: a secret file readable by others is refused by its path.
  write(dir, "open.secret", "aws-Secret/Open\n", 0644);
  const std::string open_error = load_error(base + "cloudwatch = { region = \"us-east-1\", db_instance_identifier = \"db1\", "
                                                   "access_key_id_env = \"LUCKYHUB_TEST_AWS_ID\", "
                                                   "secret_access_key_file = \"open.secret\" }\n");
  EXPECT_NE(open_error.find("is readable by others"), std::string::npos) << open_error;
  EXPECT_EQ(open_error.find("aws-Secret"), std::string::npos);
}

}  // namespace
}  // namespace luckyhub
