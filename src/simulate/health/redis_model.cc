#include "simulate/health/redis_model.h"

namespace luckyhub::sim {
namespace {

constexpr int64_t kMinute = 60, kHour = 3600, kDay = 86400;

}  // namespace

const std::vector<NamespaceModel>& role_namespaces(int role) {
  static const std::vector<std::vector<NamespaceModel>> roles = {
      {// 0: sessions and profiles
       {"session", "user-service", "hash", 0.55, 1.2, 30 * kMinute, 2 * kDay, false},
       {"user:profile", "user-service", "hash", 0.30, 1.0, kDay, 6 * kDay, false},
       {"user:token", "user-service", "string", 0.15, 0.4, 10 * kMinute, 12 * kHour, false}},
      {// 1: orders
       {"order:cache", "order-service", "string", 0.60, 1.4, 5 * kMinute, kHour, false},
       {"order:status", "order-service", "string", 0.30, 0.3, kMinute, 10 * kMinute, false},
       {"lock:order", "order-service", "string", 0.10, 0.2, 5, 30, false}},
      {// 2: coupons
       {"coupon:claim", "coupon-service", "set", 0.55, 1.1, kDay, 6 * kDay, false},
       {"coupon:stock", "coupon-service", "string", 0.25, 0.2, 0, 0, true},
       {"coupon:detail", "coupon-service", "hash", 0.20, 1.8, kHour, 20 * kHour, false}},
      {// 3: menu and stores (allkeys-lfu)
       {"menu:cache", "menu-service", "hash", 0.50, 2.0, 5 * kMinute, 30 * kMinute, false},
       {"store:inventory", "store-service", "hash", 0.35, 0.8, 0, 0, false},
       {"feature:flag", "config-service", "string", 0.15, 0.1, 0, 0, false}},
      {// 4: the API gateway
       {"rate:limit", "api-gateway", "string", 0.70, 0.2, 1, 59, true},
       {"lock:order", "order-service", "string", 0.10, 0.2, 5, 30, false},
       {"gateway:route", "api-gateway", "hash", 0.20, 1.5, 10 * kMinute, 2 * kHour, false}},
      {// 5: delivery and payments
       {"delivery:track", "delivery-service", "zset", 0.50, 1.6, kHour, 12 * kHour, false},
       {"pay:idem", "payment-service", "string", 0.40, 0.4, 12 * kHour, kDay, false},
       {"pay:callback", "payment-service", "list", 0.10, 0.9, 10 * kMinute, 6 * kHour, false}},
  };
  return roles.at(static_cast<size_t>(role));
}

int role_of(int instance_number) { return (instance_number - 1) % 6; }

const char* role_policy(int role) {
  return role == 3 ? "allkeys-lfu" : role == 4 ? "volatile-ttl" : "volatile-lru";
}

collect::KeyspaceConfig luckin_keyspace_config() {
  collect::KeyspaceConfig c;
  c.options.services.patterns = {
      {"session:*", "user-service"},      {"user:*", "user-service"},
      {"order:*", "order-service"},       {"lock:order", "order-service"},
      {"coupon:*", "coupon-service"},     {"menu:*", "menu-service"},
      {"store:*", "store-service"},       {"feature:*", "config-service"},
      {"rate:*", "api-gateway"},          {"gateway:*", "api-gateway"},
      {"delivery:*", "delivery-service"}, {"pay:*", "payment-service"},
  };
  c.policy = {
      {"session:*", true, 7 * kDay}, {"user:*", true, 30 * kDay}, {"order:*", true, kDay},
      {"lock:*", true, kMinute},   {"coupon:stock", false, 0},  {"coupon:*", true, 30 * kDay},
      {"menu:*", true, kDay},      {"store:*", false, 0},       {"feature:*", false, 0},
      {"rate:*", true, kHour},     {"gateway:*", true, kDay},   {"delivery:*", true, 2 * kDay},
      {"pay:*", true, 2 * kDay},
  };
  return c;
}

const std::vector<PlantedKeyspace>& planted_keyspace() {
  static const std::vector<PlantedKeyspace> planted = {
      {13, "no_ttl", "session", "", 0.30},
      {20, "no_ttl", "order:cache", "", 0.45},
      {29, "ttl_too_long", "lock:order", "", 0, 14 * kDay},
      {15, "hot_counter", "coupon:stock", "coupon:stock:sku-1088", 0},
      {34, "hot_lfu", "menu:cache", "menu:cache:store-0001", 0},
  };
  return planted;
}

std::string key_name(const NamespaceModel& n, int64_t i) {
  return std::string(n.ns) + ":" + std::to_string(100000 + i);
}

}  // namespace luckyhub::sim
