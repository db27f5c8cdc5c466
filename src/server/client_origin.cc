#include "server/client_origin.h"

#include <algorithm>
#include <cctype>
#include <optional>

namespace luckyhub::server {
namespace {

namespace net = boost::asio;

// An IPv4 client of a dual-stack socket is the IPv4 address, not ::ffff:a.b.c.d.
net::ip::address unmapped(const net::ip::address& a) {
  if (a.is_v6() && a.to_v6().is_v4_mapped()) return net::ip::make_address_v4(net::ip::v4_mapped, a.to_v6());
  return a;
}

std::string_view trimmed(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// The last entry of a comma-separated header value.
std::string_view last_entry(std::string_view list) {
  const size_t comma = list.rfind(',');
  if (comma != std::string_view::npos) list.remove_prefix(comma + 1);
  return trimmed(list);
}

// "a.b.c.d", "a.b.c.d:port", "v6", "[v6]" or "[v6]:port" -> the address; nullopt otherwise.
std::optional<net::ip::address> forwarded_address(std::string_view entry) {
  if (!entry.empty() && entry.front() == '[') {
    const size_t close = entry.find(']');
    if (close == std::string_view::npos) return std::nullopt;
    entry = entry.substr(1, close - 1);
  } else if (std::count(entry.begin(), entry.end(), ':') == 1) {
    entry = entry.substr(0, entry.find(':'));
  }
  boost::system::error_code ec;
  const net::ip::address a = net::ip::make_address(std::string(entry), ec);
  if (ec) return std::nullopt;
  return unmapped(a);
}

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

}  // namespace

ClientOrigin client_of(const net::ip::address& peer, bool connection_tls, std::string_view forwarded_for,
                       std::string_view forwarded_proto, const std::vector<net::ip::address>& trusted_proxies) {
  const net::ip::address from = unmapped(peer);
  ClientOrigin origin{.address = from.to_string(), .tls = connection_tls};
  if (std::find(trusted_proxies.begin(), trusted_proxies.end(), from) == trusted_proxies.end()) return origin;
  if (const auto client = forwarded_address(last_entry(forwarded_for))) origin.address = client->to_string();
  if (!trimmed(forwarded_proto).empty()) origin.tls = iequals(last_entry(forwarded_proto), "https");
  return origin;
}

}  // namespace luckyhub::server
