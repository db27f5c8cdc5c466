// The fleet file: every source instance luckyhub reads (MySQL, Redis,
// PostgreSQL), where it listens, which luckyus_* databases a MySQL instance
// holds, and its credentials *by reference* — an environment variable or a
// file only its owner can read. Passwords are never in the fleet file and
// never logged (docs/fleet.md).
//
// load_fleet() validates everything at load and throws Error as
// "<file>:<line>: <reason>" for a malformed file, an unknown key, a duplicate
// name, a database listed twice, or a secret that is missing or readable by
// others.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace luckyhub {

// A resolved password. It prints as nothing: take value() only to hand it to
// a client library.
class Secret {
 public:
  Secret() = default;
  explicit Secret(std::string value) : value_(std::move(value)) {}
  const std::string& value() const { return value_; }
  bool empty() const { return value_.empty(); }

 private:
  std::string value_;
};

enum class InstanceKind { kMysql, kRedis, kPostgres };

// An account on an instance: a user and where its password came from. A
// Redis or PostgreSQL instance may have neither (no authentication): the
// user empty (PostgreSQL: the client's default) and the reference "none".
struct Credentials {
  std::string user;
  std::string password_ref;  // "env LUCKYHUB_DB1_PASSWORD", "file /path" or "none": safe to print
  Secret password;
};

// host:port of an HTTP endpoint (a Prometheus node exporter).
struct Endpoint {
  std::string host;
  int port = 0;
  std::string str() const { return host + ":" + std::to_string(port); }
};

// An RDS instance's metrics in Amazon CloudWatch (namespace AWS/RDS, dimension
// DBInstanceIdentifier), read with GetMetricData signed by Signature Version 4
// (docs/fleet.md, docs/health.md "Host metrics"). The access key is given by
// reference like the passwords: only the references print.
struct CloudWatchTarget {
  std::string region;                  // "us-east-1"
  std::string db_instance_identifier;  // "luckin-prod-replica-1"
  std::string endpoint;                // https://monitoring.REGION.amazonaws.com unless the file says
  std::string ca_file;                 // a CA bundle for the endpoint; "" for the system's
  std::string access_key_ref;          // "env AWS_ACCESS_KEY_ID": safe to print
  std::string secret_ref;              // "env …" or "file /path": safe to print
  Secret access_key_id;                // not a secret to AWS, but kept out of messages all the same
  Secret secret_access_key;
  Secret session_token;                // temporary credentials (STS); empty when none
};

struct Instance {
  InstanceKind kind = InstanceKind::kMysql;
  std::string name;
  std::string host;
  int port = 0;
  std::vector<std::string> databases;  // MySQL only: the luckyus_* databases it holds
  Credentials reader;                  // the read-only account luckyhub reads with
  std::optional<Credentials> loader;   // the account `simulate --fleet` writes with
  std::optional<Endpoint> node_exporter;  // the host's node exporter, for host CPU/IOPS/memory
  std::optional<CloudWatchTarget> cloudwatch;  // or, on RDS, its CloudWatch metrics
  int read_timeout_s = 600;            // MySQL: sync's wait for a reply before it fails the table
  int line = 0;                        // where it is declared, for messages

  // "db1 (127.0.0.1:3306)": how messages name an instance.
  std::string label() const;
};

struct Fleet {
  std::string path;
  std::vector<Instance> instances;

  // The MySQL instance holding a database, or nullptr.
  const Instance* mysql_holding(const std::string& database) const;
  std::vector<const Instance*> mysql_instances() const;
};

// The password in a file that only its owner may read (mode 0600), as a
// fleet file's password_file; throws Error saying why it cannot be used.
Secret read_secret_file(const std::string& path);

// Reads and validates a fleet file; resolves every password reference
// (relative password_file paths are relative to the fleet file's directory).
Fleet load_fleet(const std::string& path);

const char* kind_name(InstanceKind kind);

// The table in each database where `luckyhub simulate --fleet` leaves the
// simulation's meta (as_of, start, seed, scale), and sync finds it.
inline constexpr const char* kSimulationMetaTable = "_luckyhub_simulation";

}  // namespace luckyhub
