#include "support/cloudwatch_fixture.h"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "support/helper_process.h"

namespace luckyhub::testing {
namespace {

std::string read_all(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

CloudWatchServer::CloudWatchServer(const Points& points) {
  char tmpl[] = "/tmp/luckyhub-cloudwatch-XXXXXX";
  dir_ = ::mkdtemp(tmpl);
  cert_ = dir_ + "/cert.pem";
  key_ = dir_ + "/key.pem";
  const std::string openssl = "openssl req -x509 -newkey rsa:2048 -nodes -keyout '" + key_ + "' -out '" + cert_ +
                              "' -days 2 -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 2>/dev/null";
  if (std::system(openssl.c_str()) != 0) throw std::runtime_error("openssl could not make a certificate");
  nlohmann::json data = nlohmann::json::object();
  for (const auto& [db, metrics] : points) {
    for (const auto& [metric, series] : metrics) {
      nlohmann::json list = nlohmann::json::array();
      for (const auto& [ts, value] : series) list.push_back({ts, value});
      data[db][metric] = list;
    }
  }
  std::ofstream(dir_ + "/data.json") << data.dump();
  const std::string script = std::string(LUCKYHUB_SOURCE_DIR) + "/tests/support/cloudwatch_server.py";
  std::vector<std::string> args = {"/usr/bin/python3", script,          "--dir",    dir_,    "--cert",
                                   cert_,              "--key",         key_,       "--access-key", kAccessKey,
                                   "--secret",         kSecret,         "--region", kRegion, "--data",
                                   dir_ + "/data.json"};
  const std::string log = dir_ + "/server.log";
  pid_ = spawn_helper(args, log);
  port_ = wait_for_port_file(dir_ + "/port", 30, log);  // python starts slowly on a loaded machine
}

CloudWatchServer::~CloudWatchServer() {
  stop_helper(pid_);
  std::error_code ec;
  std::filesystem::remove_all(dir_, ec);
}

std::string CloudWatchServer::requests_log() const { return read_all(dir_ + "/requests.log"); }

std::string CloudWatchServer::fleet_entry(const std::string& db_instance_identifier, const std::string& secret) const {
  ::setenv("LUCKYHUB_TEST_AWS_KEY_ID", kAccessKey, 1);
  ::setenv("LUCKYHUB_TEST_AWS_SECRET", secret.c_str(), 1);
  return "cloudwatch = { region = \"" + std::string(kRegion) + "\", db_instance_identifier = \"" +
         db_instance_identifier + "\", endpoint = \"" + endpoint() + "\", ca_file = \"" + cert_ +
         "\", access_key_id_env = \"LUCKYHUB_TEST_AWS_KEY_ID\", secret_access_key_env = \"LUCKYHUB_TEST_AWS_SECRET\" }\n";
}

}  // namespace luckyhub::testing
