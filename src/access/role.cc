#include "access/role.h"

#include <algorithm>
#include <array>
#include <charconv>

#include "core/error.h"

namespace luckyhub::access {
namespace {

struct RoleName {
  Role role;
  std::string_view name;
};

// The department roles' names are the tool registry's department ids
// (tools/registry.cc); tests/access/role_test.cc checks they stay equal.
constexpr std::array<RoleName, 8> kRoleNames = {{{Role::kAdmin, "admin"},
                                                 {Role::kIt, "it"},
                                                 {Role::kMarketing, "marketing"},
                                                 {Role::kFinance, "finance"},
                                                 {Role::kProduct, "product"},
                                                 {Role::kOperations, "operations"},
                                                 {Role::kSupplyChain, "supply-chain"},
                                                 {Role::kMetrics, "metrics"}}};

constexpr size_t kMaxUserName = 64;
constexpr size_t kMaxStores = 1000;

bool name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
}
bool alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

}  // namespace

std::string_view role_name(Role role) {
  for (const RoleName& r : kRoleNames)
    if (r.role == role) return r.name;
  throw Error("unknown role value " + std::to_string(static_cast<int>(role)));
}

std::optional<Role> parse_role(std::string_view name) {
  for (const RoleName& r : kRoleNames)
    if (r.name == name) return r.role;
  return std::nullopt;
}

const std::vector<Role>& all_roles() {
  static const std::vector<Role> roles = [] {
    std::vector<Role> out;
    for (const RoleName& r : kRoleNames) out.push_back(r.role);
    return out;
  }();
  return roles;
}

void check_user_name(std::string_view name) {
  if (name.empty()) throw Error("a user name must not be empty");
  if (name.size() > kMaxUserName) throw Error("a user name is at most 64 characters");
  if (!alnum(name.front()))
    throw Error("user name '" + std::string(name) +
                "' must start with a lower-case letter or a digit");
  for (char c : name)
    if (!name_char(c))
      throw Error("user name '" + std::string(name) + "' may hold only a-z, 0-9, '.', '_' and '-'");
}

std::vector<int64_t> parse_stores(std::string_view text) {
  std::vector<int64_t> stores;
  if (text.empty()) return stores;
  size_t start = 0;
  while (true) {
    const size_t comma = text.find(',', start);
    std::string_view item = text.substr(
        start, comma == std::string_view::npos ? std::string_view::npos : comma - start);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
    int64_t id = 0;
    const auto [end, ec] = std::from_chars(item.data(), item.data() + item.size(), id);
    if (item.empty() || ec != std::errc() || end != item.data() + item.size() || id <= 0)
      throw Error("stores '" + std::string(text) +
                  "': each store is a positive store id, as in 12,40");
    if (std::find(stores.begin(), stores.end(), id) == stores.end()) stores.push_back(id);
    if (stores.size() > kMaxStores) throw Error("stores: at most 1000 stores");
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  std::sort(stores.begin(), stores.end());
  return stores;
}

std::string stores_text(const std::vector<int64_t>& stores) {
  std::string out;
  for (int64_t id : stores) {
    if (!out.empty()) out += ',';
    out += std::to_string(id);
  }
  return out;
}

}  // namespace luckyhub::access
