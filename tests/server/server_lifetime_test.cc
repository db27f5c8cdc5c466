// The server's teardown with work still in flight: HttpServer's stop() and
// destructor while sign-ins wait on the access gate's worker. A queued sign-in
// answers by posting to the server's event loop, and the gate outlives the
// loop (ServerOptions and the caller share it): the server must let them
// finish before its loop is destroyed. Without that, the last sign-ins post
// to a freed io_context (a crash, or AddressSanitizer's heap-use-after-free in
// the sanitizer build, scripts/sanitize.sh).
#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "access/access_store.h"
#include "server/access_gate.h"
#include "server/http_client.h"
#include "server/http_server.h"
#include "support/shared_sim.h"

namespace luckyhub::testing {
namespace {

TEST(ServerLifetime, StoppingWhileSignInsAreBeingCheckedLetsThemFinish) {
  const std::string dir = temp_dir();
  auto store = std::shared_ptr<access::AccessStore>(access::AccessStore::open(dir + "/lifetime.access.db"));
  store->add_user("ana", access::Role::kFinance, {}, "pw-ana-Ju8#kq2!x");
  auto gate = std::make_shared<server::AccessGate>(store);
  std::vector<std::unique_ptr<HttpConnection>> clients;
  {
    server::ServerOptions options;
    options.port = 0;
    options.access = gate;
    options.report_wait = std::chrono::milliseconds(60000);
    server::HttpServer server(options, dir + "/w.db");
    server.start();
    // Each sign-in is an Argon2id verification (tens of milliseconds) on the
    // gate's one worker: six of them queue there.
    const std::string body = R"({"user":"ana","password":"pw-ana-Ju8#kq2!x"})";
    for (int i = 0; i < 6; ++i) {
      clients.push_back(std::make_unique<HttpConnection>(server.port()));
      clients.back()->send_raw("POST /api/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                               "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(30));
  }  // stopped and destroyed with sign-ins queued
  // The gate is idle and still works for its other owner.
  gate->drain();
  EXPECT_TRUE(store->find_user("ana").has_value());
  // The clients get an answer or a closed connection, never a hang.
  for (auto& c : clients) {
    const HttpReply r = c->read_reply();
    EXPECT_TRUE(r.status == 0 || r.status == 200) << r.status;
  }
}

}  // namespace
}  // namespace luckyhub::testing
