// The client of a request, as the throttle, the audit and the session
// cookie's Secure flag see it: the TCP peer, or the client a trusted reverse
// proxy names. Pure: a function of the peer and two header values
// (fuzz/http_request.cc feeds it any bytes).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <boost/asio/ip/address.hpp>

namespace luckyhub::server {

// Who the client is: the TCP peer and whether the connection is TLS, unless
// the peer is a trusted reverse proxy. Then the client is the last address of
// the last X-Forwarded-For header (the one the proxy appended; one that is not
// an IP address leaves the peer) and TLS is the last X-Forwarded-Proto entry
// == "https" (absent: the connection's own). From any other peer those
// headers are ignored: a client cannot choose its address for the throttle.
struct ClientOrigin {
  std::string address;
  bool tls = false;
};
ClientOrigin client_of(const boost::asio::ip::address& peer, bool connection_tls,
                       std::string_view forwarded_for, std::string_view forwarded_proto,
                       const std::vector<boost::asio::ip::address>& trusted_proxies);

}  // namespace luckyhub::server
