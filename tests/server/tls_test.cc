// The dashboard server over TLS: a self-signed certificate made at test time
// (the openssl command), the server on an ephemeral port, asked by libcurl
// trusting that certificate; what a plain-HTTP or stalled client gets; a bad
// certificate or key at start; and whose X-Forwarded-* headers are believed.
#include <gtest/gtest.h>

#include <curl/curl.h>

#include <chrono>
#include <cstdlib>
#include <memory>
#include <string>

#include <boost/asio/ip/address.hpp>

#include "access/access_store.h"
#include "core/error.h"
#include "server/access_gate.h"
#include "server/http_client.h"
#include "server/http_server.h"
#include "server/http_session.h"
#include "support/shared_sim.h"
#include "support/tiny_warehouse.h"

namespace luckyhub::testing {
namespace {

// A key and a self-signed certificate for 127.0.0.1 in `dir`: dir/name.key, dir/name.crt.
void make_certificate(const std::string& dir, const std::string& name) {
  const std::string cmd = "openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=luckyhub-test"
                          " -addext subjectAltName=IP:127.0.0.1 -keyout " + dir + "/" + name + ".key -out " +
                          dir + "/" + name + ".crt >/dev/null 2>&1";
  ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
}

struct CurlReply {
  CURLcode code = CURLE_OK;
  long status = 0;
  std::string body;
};

// GETs with one curl handle (so its connection is reused), verifying the
// server against `ca_file` (the test's certificate; "": curl's default).
class CurlClient {
 public:
  explicit CurlClient(const std::string& ca_file) : curl_(curl_easy_init(), curl_easy_cleanup) {
    if (!ca_file.empty()) curl_easy_setopt(curl_.get(), CURLOPT_CAINFO, ca_file.c_str());
    curl_easy_setopt(curl_.get(), CURLOPT_TIMEOUT_MS, 10000L);
    curl_easy_setopt(curl_.get(), CURLOPT_WRITEFUNCTION, +[](char* data, size_t size, size_t n, void* body) {
      static_cast<std::string*>(body)->append(data, size * n);
      return size * n;
    });
  }
  // `connection_close`: send "Connection: close". `new_connections`: how many
  // connections this request opened (0: it reused the previous one).
  CurlReply get(const std::string& url, bool connection_close = false, long* new_connections = nullptr) {
    CurlReply reply;
    curl_slist* headers = connection_close ? curl_slist_append(nullptr, "Connection: close") : nullptr;
    curl_easy_setopt(curl_.get(), CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl_.get(), CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(curl_.get(), CURLOPT_WRITEDATA, &reply.body);
    reply.code = curl_easy_perform(curl_.get());
    curl_easy_getinfo(curl_.get(), CURLINFO_RESPONSE_CODE, &reply.status);
    if (new_connections) curl_easy_getinfo(curl_.get(), CURLINFO_NUM_CONNECTS, new_connections);
    curl_easy_setopt(curl_.get(), CURLOPT_HTTPHEADER, nullptr);
    curl_slist_free_all(headers);
    return reply;
  }

 private:
  std::unique_ptr<CURL, void (*)(CURL*)> curl_;
};

CurlReply curl_get(const std::string& url, const std::string& ca_file) { return CurlClient(ca_file).get(url); }

class TlsServerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = temp_dir();
    make_certificate(dir_, "server");
    make_certificate(dir_, "other");
    server::ServerOptions options;
    options.port = 0;
    options.read_timeout = std::chrono::milliseconds(500);
    options.tls_cert = dir_ + "/server.crt";
    options.tls_key = dir_ + "/server.key";
    // /api/health does not read the warehouse.
    server_ = std::make_unique<server::HttpServer>(options, dir_ + "/w.db");
    server_->start();
  }
  static void TearDownTestSuite() { server_.reset(); }

  static std::string https(const std::string& path) {
    return "https://127.0.0.1:" + std::to_string(server_->port()) + path;
  }
  static void expect_https_health() {
    const CurlReply r = curl_get(https("/api/health"), dir_ + "/server.crt");
    ASSERT_EQ(r.code, CURLE_OK) << curl_easy_strerror(r.code);
    EXPECT_EQ(r.status, 200);
    EXPECT_NE(r.body.find("\"status\":\"ok\""), std::string::npos) << r.body;
  }

  static inline std::string dir_;
  static inline std::unique_ptr<server::HttpServer> server_;
};

TEST_F(TlsServerTest, HealthOverHttpsIs200WithTheCertificateVerified) { expect_https_health(); }

TEST_F(TlsServerTest, KeepAliveServesRequestsOnOneConnectionAndConnectionCloseIsHonoured) {
  CurlClient client(dir_ + "/server.crt");
  long opened = -1;
  EXPECT_EQ(client.get(https("/api/health"), false, &opened).status, 200);
  EXPECT_EQ(opened, 1);
  EXPECT_EQ(client.get(https("/api/health"), false, &opened).status, 200);
  EXPECT_EQ(opened, 0);  // the same TLS connection
  const CurlReply unknown = client.get(https("/api/no-such-endpoint"), true, &opened);
  EXPECT_EQ(unknown.status, 404);
  EXPECT_NE(unknown.body.find("\"error\""), std::string::npos) << unknown.body;
  EXPECT_EQ(opened, 0);
  // The server closed after answering "Connection: close": the next request needs a new connection.
  EXPECT_EQ(client.get(https("/api/health"), false, &opened).status, 200);
  EXPECT_EQ(opened, 1);
}

TEST_F(TlsServerTest, AClientNotTrustingTheCertificateIsRefused) {
  const CurlReply r = curl_get(https("/api/health"), dir_ + "/other.crt");
  EXPECT_EQ(r.code, CURLE_PEER_FAILED_VERIFICATION) << curl_easy_strerror(r.code);
  expect_https_health();
}

TEST_F(TlsServerTest, PlainHttpOnTheTlsPortGetsNoHttpAnswerAndTheServerKeepsServing) {
  const CurlReply via_curl = curl_get("http://127.0.0.1:" + std::to_string(server_->port()) + "/api/health", "");
  EXPECT_NE(via_curl.code, CURLE_OK);
  EXPECT_NE(via_curl.status, 200);

  HttpConnection raw(server_->port());
  raw.send_raw("GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
  EXPECT_EQ(raw.read_reply().status, 0);  // closed without an HTTP response
  expect_https_health();
}

TEST_F(TlsServerTest, AStalledHandshakeIsDroppedAfterTheReadTimeout) {
  const auto started = std::chrono::steady_clock::now();
  HttpConnection raw(server_->port());
  raw.send_raw(std::string("\x16\x03\x01", 3));  // the start of a ClientHello record, then nothing
  EXPECT_EQ(raw.read_reply().status, 0);          // returns when the server closes
  const auto waited = std::chrono::steady_clock::now() - started;
  EXPECT_GE(waited, std::chrono::milliseconds(400));
  EXPECT_LT(waited, std::chrono::seconds(5));  // the read timeout (500 ms), not the client's 30 s
  expect_https_health();
}

TEST_F(TlsServerTest, AMismatchedKeyFailsStartWithAClearError) {
  server::ServerOptions options;
  options.port = 0;
  options.tls_cert = dir_ + "/server.crt";
  options.tls_key = dir_ + "/other.key";
  try {
    server::HttpServer server(options, dir_ + "/w.db");
    FAIL() << "the server started with a key that is not the certificate's";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("does not match"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("other.key"), std::string::npos) << e.what();
  }
}

TEST_F(TlsServerTest, AMissingOrNonPemCertificateFailsStartWithAClearError) {
  server::ServerOptions options;
  options.port = 0;
  options.tls_key = dir_ + "/server.key";
  options.tls_cert = dir_ + "/missing.crt";
  EXPECT_THROW(
      {
        try {
          server::HttpServer server(options, dir_ + "/w.db");
        } catch (const Error& e) {
          EXPECT_STREQ(e.what(), ("cannot read TLS certificate '" + dir_ + "/missing.crt'").c_str());
          throw;
        }
      },
      Error);
  options.tls_cert = write_file(dir_, "garbage.crt", "not a certificate\n");
  try {
    server::HttpServer server(options, dir_ + "/w.db");
    FAIL() << "the server started with a file that is not a certificate";
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()).rfind("cannot load TLS certificate '" + dir_ + "/garbage.crt' (PEM, the server's first): ", 0), 0u)
        << e.what();
  }
}

// Signing in over TLS sets a Secure session cookie (over plain HTTP it is not
// Secure: tests/server/access_matrix_test.cc).
TEST(TlsServe, SigningInOverTlsSetsASecureCookie) {
  const std::string dir = temp_dir();
  make_certificate(dir, "login");
  auto store = std::shared_ptr<access::AccessStore>(access::AccessStore::open(dir + "/tls.access.db"));
  store->add_user("ana", access::Role::kAdmin, {}, "pw-ana-Ju8#kq2!x");
  server::ServerOptions options;
  options.port = 0;
  options.tls_cert = dir + "/login.crt";
  options.tls_key = dir + "/login.key";
  options.access = std::make_shared<server::AccessGate>(store);
  server::HttpServer server(options, dir + "/w.db");
  server.start();
  std::unique_ptr<CURL, void (*)(CURL*)> curl(curl_easy_init(), curl_easy_cleanup);
  std::string headers, body;
  const auto append = +[](char* data, size_t size, size_t n, void* out) {
    static_cast<std::string*>(out)->append(data, size * n);
    return size * n;
  };
  const std::string url = "https://127.0.0.1:" + std::to_string(server.port()) + "/api/login";
  const std::string post = R"({"user":"ana","password":"pw-ana-Ju8#kq2!x"})";
  curl_slist* type = curl_slist_append(nullptr, "Content-Type: application/json");
  curl_easy_setopt(curl.get(), CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl.get(), CURLOPT_CAINFO, (dir + "/login.crt").c_str());
  curl_easy_setopt(curl.get(), CURLOPT_HTTPHEADER, type);
  curl_easy_setopt(curl.get(), CURLOPT_POSTFIELDS, post.c_str());
  curl_easy_setopt(curl.get(), CURLOPT_HEADERFUNCTION, append);
  curl_easy_setopt(curl.get(), CURLOPT_HEADERDATA, &headers);
  curl_easy_setopt(curl.get(), CURLOPT_WRITEFUNCTION, append);
  curl_easy_setopt(curl.get(), CURLOPT_WRITEDATA, &body);
  curl_easy_setopt(curl.get(), CURLOPT_TIMEOUT_MS, 20000L);
  const CURLcode code = curl_easy_perform(curl.get());
  curl_slist_free_all(type);
  ASSERT_EQ(code, CURLE_OK) << curl_easy_strerror(code);
  long status = 0;
  curl_easy_getinfo(curl.get(), CURLINFO_RESPONSE_CODE, &status);
  EXPECT_EQ(status, 200) << body;
  const size_t cookie = headers.find("Set-Cookie: luckyhub_session=");
  ASSERT_NE(cookie, std::string::npos) << headers;
  const std::string line = headers.substr(cookie, headers.find('\n', cookie) - cookie);
  EXPECT_NE(line.find("; Secure"), std::string::npos) << line;
  EXPECT_NE(line.find("HttpOnly"), std::string::npos) << line;
}

TEST(TlsServe, OneOfTheTwoTlsFlagsIsAOneLineError) {
  std::string err;
  EXPECT_EQ(run_luckyhub("serve --warehouse /nonexistent.db --listen 127.0.0.1:0 --tls-cert c.pem", nullptr, &err), 1);
  EXPECT_EQ(err, "luckyhub: error: --tls-cert and --tls-key go together: give both or neither\n");
}

TEST(TlsServe, AMismatchedKeyIsAOneLineErrorAtStart) {
  const std::string dir = temp_dir();
  make_certificate(dir, "a");
  make_certificate(dir, "b");
  TinyWarehouse warehouse("2026-01-01", "2026-01-07");
  warehouse.open();
  std::string err;
  EXPECT_EQ(run_luckyhub("--quiet serve --no-auth --warehouse " + warehouse.path() + " --listen 127.0.0.1:0 --tls-cert " + dir +
                             "/a.crt --tls-key " + dir + "/b.key",
                         nullptr, &err),
            1);
  EXPECT_EQ(err.rfind("luckyhub: error: TLS key '" + dir + "/b.key' does not match certificate '" + dir + "/a.crt': ", 0),
            0u)
      << err;
  EXPECT_EQ(std::count(err.begin(), err.end(), '\n'), 1) << err;
}

TEST(TrustedProxy, AnUntrustedPeersForwardedHeadersAreIgnored) {
  namespace ip = boost::asio::ip;
  const std::vector<ip::address> trusted{ip::make_address("127.0.0.1")};
  const server::ClientOrigin o =
      server::client_of(ip::make_address("192.0.2.10"), false, "203.0.113.7", "https", trusted);
  EXPECT_EQ(o.address, "192.0.2.10");
  EXPECT_FALSE(o.tls);
  // Nor does an untrusted peer lose TLS by saying "http".
  EXPECT_TRUE(server::client_of(ip::make_address("192.0.2.10"), true, "", "http", trusted).tls);
  // No trusted proxy at all: the same.
  EXPECT_EQ(server::client_of(ip::make_address("127.0.0.1"), false, "203.0.113.7", "https", {}).address, "127.0.0.1");
}

TEST(TrustedProxy, ATrustedProxysLastForwardedEntryIsTheClient) {
  namespace ip = boost::asio::ip;
  const std::vector<ip::address> trusted{ip::make_address("127.0.0.1"), ip::make_address("2001:db8::5")};
  // The proxy appended its client after whatever the client sent itself.
  server::ClientOrigin o =
      server::client_of(ip::make_address("127.0.0.1"), false, "198.51.100.1, 203.0.113.7", "https", trusted);
  EXPECT_EQ(o.address, "203.0.113.7");
  EXPECT_TRUE(o.tls);
  o = server::client_of(ip::make_address("2001:db8::5"), true, "203.0.113.8", "http", trusted);
  EXPECT_EQ(o.address, "203.0.113.8");
  EXPECT_FALSE(o.tls);  // the browser's side was plain HTTP: no Secure cookie it would drop
  // A dual-stack socket's IPv4-mapped peer is the IPv4 proxy; ports and brackets are not the address.
  o = server::client_of(ip::make_address("::ffff:127.0.0.1"), false, "203.0.113.9:51234", "HTTPS", trusted);
  EXPECT_EQ(o.address, "203.0.113.9");
  EXPECT_TRUE(o.tls);
  EXPECT_EQ(server::client_of(ip::make_address("127.0.0.1"), false, "[2001:db8::7]:443", "", trusted).address,
            "2001:db8::7");
  // No X-Forwarded-Proto: the connection's own; an entry that is not an address: the proxy itself.
  o = server::client_of(ip::make_address("127.0.0.1"), true, "unknown", "", trusted);
  EXPECT_EQ(o.address, "127.0.0.1");
  EXPECT_TRUE(o.tls);
}

TEST(TrustedProxy, ATrustedProxyThatIsNotAnAddressFailsStart) {
  server::ServerOptions options;
  options.port = 0;
  options.trusted_proxies = {"127.0.0.1", "proxy.internal"};
  try {
    server::HttpServer server(options, temp_dir() + "/w.db");
    FAIL() << "the server started with a host name as a trusted proxy";
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(), "a trusted proxy is an IP address, got 'proxy.internal'");
  }
}

}  // namespace
}  // namespace luckyhub::testing
