// Who a request acts for, and what they may be: the roles of luckyhub's
// access control (docs/access.md). A role is Admin or one of the catalog's six
// departments (the tool registry's department ids); a department role may be
// restricted to a list of stores (t_shop_info ids: a store manager). A
// `metrics` role exists for API tokens only: it reads /metrics and nothing else.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace luckyhub::access {

enum class Role { kAdmin, kIt, kMarketing, kFinance, kProduct, kOperations, kSupplyChain, kMetrics };

// "admin", "it", "marketing", "finance", "product", "operations",
// "supply-chain", "metrics": a department role's name is its department id.
std::string_view role_name(Role role);
std::optional<Role> parse_role(std::string_view name);
// Every role, in the order above.
const std::vector<Role>& all_roles();

struct Principal {
  std::string name;  // a user's name, or "token:<id>" for an API token
  Role role = Role::kAdmin;
  std::vector<int64_t> stores;  // empty: every store; else only these (never for Admin)
  bool token = false;           // authenticated by an API token (no CSRF, no cookie)

  bool store_restricted() const { return !stores.empty(); }
};

// A user name: 1..64 of [a-z0-9._-], starting with a letter or digit. Throws
// Error saying what is wrong.
void check_user_name(std::string_view name);

// "12,40" -> {12, 40}; "" -> {}. Throws Error on anything but positive ids.
std::vector<int64_t> parse_stores(std::string_view text);
std::string stores_text(const std::vector<int64_t>& stores);  // "12,40"

}  // namespace luckyhub::access
