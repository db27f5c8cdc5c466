// A deliberately plain HTTP/1.1 client for the server tests: writes raw
// bytes to a loopback socket (so tests can send malformed requests) and
// reads one response.
#pragma once

#include <cstdint>
#include <map>
#include <string>

namespace luckyhub::testing {

struct HttpReply {
  int status = 0;  // 0: no response (connection closed or reset)
  std::map<std::string, std::string> headers;  // names lower-cased
  std::string body;
};

class HttpConnection {
 public:
  explicit HttpConnection(uint16_t port);  // connects to 127.0.0.1:port
  ~HttpConnection();
  void send_raw(const std::string& bytes);
  // Half-closes: the server reads the end of the stream after what was sent.
  void end_sending();
  // Reads one response (Content-Length framed, or to EOF).
  HttpReply read_reply();
  // Whether the server sent something or closed within `timeout_ms`.
  bool readable_or_closed(int timeout_ms);

 private:
  int fd_ = -1;
  std::string buffer_;
};

// One request on a fresh connection: "GET {target} HTTP/1.1".
HttpReply http_get(uint16_t port, const std::string& target, const std::string& method = "GET");

}  // namespace luckyhub::testing
