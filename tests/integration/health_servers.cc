#include "integration/health_servers.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>
#include <stdexcept>
#include <thread>
#include <vector>

#include "support/shared_sim.h"

extern char** environ;

namespace luckyhub::testing {
namespace {

bool accepts(int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(static_cast<uint16_t>(port));
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  const bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
  ::close(fd);
  return ok;
}

void wait_until_accepting(int port, const std::string& what) {
  for (int i = 0; i < 200; ++i) {
    if (accepts(port)) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  throw std::runtime_error(what + " did not start on port " + std::to_string(port));
}

void run(const std::string& cmd) {
  if (std::system(cmd.c_str()) != 0) throw std::runtime_error("failed: " + cmd);
}

std::string pg_bin() {
  for (const char* dir : {"/usr/lib/postgresql/15/bin", "/usr/lib/postgresql/16/bin", "/usr/lib/postgresql/17/bin"}) {
    if (std::filesystem::exists(std::string(dir) + "/initdb")) return dir;
  }
  throw std::runtime_error("PostgreSQL's initdb not found (install postgresql)");
}

}  // namespace

int free_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
  socklen_t len = sizeof a;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
  ::close(fd);
  return ntohs(a.sin_port);
}

std::string random_password() {
  static std::mt19937_64 rng(std::random_device{}());
  const char* chars = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  std::string s = "Pw";
  for (int i = 0; i < 22; ++i) s += chars[rng() % 57];
  return s;
}

RedisServer::RedisServer(const std::string& dir, int64_t maxmemory, bool requirepass)
    : RedisServer(dir, maxmemory, requirepass, "") {}

RedisServer::RedisServer(const std::string& dir, int64_t maxmemory, bool requirepass, std::string extra_config,
                         bool sentinel)
    : dir_(dir), maxmemory_(maxmemory), extra_config_(std::move(extra_config)), sentinel_(sentinel),
      port_(free_port()), password_(requirepass ? random_password() : "") {
  std::filesystem::create_directories(dir_);
  start();
}

RedisServer::~RedisServer() {
  resume();
  stop();
}

void RedisServer::start() {
  // The password goes in a config file, not on the command line (ps shows that).
  const std::string conf = dir_ + "/redis.conf";
  {
    std::ofstream out(conf);
    out << "port " << port_ << "\nbind 127.0.0.1\ndir " << dir_ << "\n";
    if (!password_.empty()) out << "requirepass " << password_ << "\n";
    out << "maxmemory " << maxmemory_ << "\nmaxmemory-policy noeviction\nsave \"\"\nappendonly no\n"
        << "logfile " << dir_ << "/redis.log\n" << extra_config_ << "\n";
  }
  ::chmod(conf.c_str(), 0600);
  std::vector<std::string> args = {"redis-server", conf};
  if (sentinel_) args.push_back("--sentinel");
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  if (posix_spawnp(&pid_, "redis-server", nullptr, nullptr, argv.data(), environ) != 0) {
    pid_ = -1;
    throw std::runtime_error("cannot start redis-server (install redis-server)");
  }
  wait_until_accepting(port_, "redis-server");
}

void RedisServer::stop() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGKILL);
  ::waitpid(pid_, nullptr, 0);
  pid_ = -1;
}

void RedisServer::pause() {
  if (pid_ > 0) ::kill(pid_, SIGSTOP);
}

void RedisServer::resume() {
  if (pid_ > 0) ::kill(pid_, SIGCONT);
}

NodeExporter::NodeExporter() : port_(free_port()) {
  std::vector<std::string> args = {"prometheus-node-exporter",
                                    "--web.listen-address=127.0.0.1:" + std::to_string(port_),
                                    "--collector.disable-defaults", "--collector.cpu", "--collector.diskstats",
                                    "--collector.meminfo", "--collector.loadavg", "--log.level=warn"};
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  // Its log (a warning about running as root, udev) goes to a file, not the test's output.
  posix_spawn_file_actions_t files;
  posix_spawn_file_actions_init(&files);
  const std::string log = temp_dir() + "/node-exporter.log";
  posix_spawn_file_actions_addopen(&files, 2, log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
  const int rc = posix_spawnp(&pid_, "prometheus-node-exporter", &files, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&files);
  if (rc != 0) {
    pid_ = -1;
    throw std::runtime_error("cannot start prometheus-node-exporter (scripts/setup.sh installs it)");
  }
  try {
    wait_until_accepting(port_, "prometheus-node-exporter");
  } catch (...) {
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
    throw;
  }
}

NodeExporter::~NodeExporter() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGTERM);
  ::waitpid(pid_, nullptr, 0);
}

PostgresServer::PostgresServer(const std::string& dir, const std::string& user)
    : dir_(dir), bin_(pg_bin()), port_(free_port()), password_(random_password()) {
  std::filesystem::create_directories(dir_);
  const bool root = ::geteuid() == 0;
  const std::string as_pg = root ? "runuser -u postgres -- " : "";
  if (root) {
    // The server runs as 'postgres': it must reach and own its directory.
    ::chmod(std::filesystem::path(dir_).parent_path().c_str(), 0711);
    run("chown postgres " + dir_);
  }
  run(as_pg + bin_ + "/initdb -D " + dir_ + "/data -U postgres --auth=trust >" + dir_ + "/initdb.log 2>&1");
  {
    std::ofstream hba(dir_ + "/data/pg_hba.conf");
    hba << "local all postgres trust\nhost all " << kTrustUser << " 127.0.0.1/32 trust\n"
        << "host all all 127.0.0.1/32 scram-sha-256\n";
  }
  if (root) run("chown postgres " + dir_ + "/data/pg_hba.conf");
  run(as_pg + bin_ + "/pg_ctl -D " + dir_ + "/data -l " + dir_ + "/server.log -w -o \"-p " + std::to_string(port_) +
      " -c listen_addresses=127.0.0.1 -c unix_socket_directories=" + dir_ + " -c max_connections=20\" start >/dev/null");
  started_ = true;
  psql("CREATE ROLE " + user + " LOGIN PASSWORD '" + password_ + "'; GRANT pg_monitor TO " + user + ";" +
       "CREATE ROLE " + kTrustUser + " LOGIN; GRANT pg_monitor TO " + kTrustUser + ";");
}

PostgresServer::~PostgresServer() {
  if (!started_) return;
  const std::string as_pg = ::geteuid() == 0 ? "runuser -u postgres -- " : "";
  std::system((as_pg + bin_ + "/pg_ctl -D " + dir_ + "/data -m immediate -w stop >/dev/null 2>&1").c_str());
}

void PostgresServer::psql(const std::string& sql) const {
  const std::string as_pg = ::geteuid() == 0 ? "runuser -u postgres -- " : "";
  const std::string file = dir_ + "/statement.sql";
  std::ofstream(file) << sql << "\n";
  ::chmod(file.c_str(), 0644);
  run(as_pg + "psql -q -X -v ON_ERROR_STOP=1 -h " + dir_ + " -p " + std::to_string(port_) + " -U postgres -d postgres -f " +
      file + " >/dev/null");
}

}  // namespace luckyhub::testing
