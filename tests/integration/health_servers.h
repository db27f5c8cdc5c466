// Real Redis and PostgreSQL servers for the health integration tests, from
// Debian's packages: each on a free loopback port with a private directory
// and a random password, started by the test and stopped (by its pid) when
// the object goes away.
#pragma once

#include <sys/types.h>

#include <string>

namespace luckyhub::testing {

// A free TCP port on 127.0.0.1 (bound and released; good enough for tests).
int free_port();
std::string random_password();

class RedisServer {
 public:
  // maxmemory in bytes, with noeviction: a full instance refuses writes.
  // Without `requirepass` the server asks no password (password() is "").
  RedisServer(const std::string& dir, int64_t maxmemory, bool requirepass = true);
  // With `extra_config` lines appended to its config ("replicaof ...",
  // "cluster-enabled yes", "sentinel monitor ..."); `sentinel` runs it as a
  // Sentinel (redis-server --sentinel).
  RedisServer(const std::string& dir, int64_t maxmemory, bool requirepass, std::string extra_config,
              bool sentinel = false);
  ~RedisServer();
  int port() const { return port_; }
  const std::string& password() const { return password_; }
  void start();
  void stop();                 // SIGKILL and wait
  void pause();                // SIGSTOP: hangs, as a wedged server does
  void resume();               // SIGCONT
  bool running() const { return pid_ > 0; }

 private:
  std::string dir_;
  int64_t maxmemory_;
  std::string extra_config_;
  bool sentinel_ = false;
  int port_ = 0;
  std::string password_;
  pid_t pid_ = -1;
};

class PostgresServer {
 public:
  static constexpr const char* kTrustUser = "luckyhub_trust";
  // initdb as the 'postgres' system user (the server refuses to run as root),
  // with a monitoring login `user` holding pg_monitor, and a login
  // kTrustUser that pg_hba.conf lets in from loopback without a password.
  PostgresServer(const std::string& dir, const std::string& user);
  ~PostgresServer();
  int port() const { return port_; }
  const std::string& password() const { return password_; }
  // Runs SQL as the superuser through psql; throws on failure.
  void psql(const std::string& sql) const;

 private:
  std::string dir_;
  std::string bin_;
  int port_ = 0;
  std::string password_;
  bool started_ = false;
};

// Debian's prometheus-node-exporter on a free loopback port with only the
// collectors luckyhub reads (cpu, diskstats, meminfo, loadavg): quick to
// start and to scrape. Stopped by its pid.
class NodeExporter {
 public:
  NodeExporter();
  ~NodeExporter();
  int port() const { return port_; }

 private:
  int port_ = 0;
  pid_t pid_ = -1;
};

}  // namespace luckyhub::testing
