#include "simulate/marketing/order_ledger.h"

#include <algorithm>

namespace luckyhub::sim {

const char* const kCategoryNames[kCategories] = {
    "Fresh Ground Coffee", "Classic Drinks", "Matcha", "Cold Brew",
    "Refreshers",          "Exfreezo",       "Super Drink", "Food"};

OrderLedger::OrderLedger(size_t customers)
    : tallies_(customers), first_order_no_(customers), second_order_no_(customers) {}

void OrderLedger::add_paid(const PaidOrder& order, const std::string& order_no) {
  orders_.push_back(order);
  const size_t c = static_cast<size_t>(order.customer);
  if (first_order_no_[c].empty()) {
    first_order_no_[c] = order_no;
  } else if (second_order_no_[c].empty()) {
    second_order_no_[c] = order_no;
  }
}

void OrderLedger::add_lines(int customer, const CustomerTally& lines) {
  CustomerTally& t = tallies_[static_cast<size_t>(customer)];
  auto add = [](uint16_t& to, uint16_t n) { to = static_cast<uint16_t>(std::min(65535, to + n)); };
  for (int i = 0; i < kCategories; ++i) add(t.category_items[i], lines.category_items[i]);
  add(t.iced_cups, lines.iced_cups);
  add(t.hot_cups, lines.hot_cups);
}

void OrderLedger::finish() {
  // Counting sort by customer; orders arrive in time order and stay so.
  offsets_.assign(tallies_.size() + 1, 0);
  for (const PaidOrder& o : orders_) ++offsets_[static_cast<size_t>(o.customer) + 1];
  for (size_t i = 1; i < offsets_.size(); ++i) offsets_[i] += offsets_[i - 1];
  std::vector<PaidOrder> sorted(orders_.size());
  std::vector<uint32_t> next(offsets_.begin(), offsets_.end() - 1);
  for (const PaidOrder& o : orders_) sorted[next[static_cast<size_t>(o.customer)]++] = o;
  orders_.swap(sorted);
}

Timestamp registration_time(const Customer& customer) {
  // Registrations happen 06:00-22:59 New York time.
  const uint64_t h = hash64(std::to_string(customer.user_no));
  const int hour = 6 + static_cast<int>(h % 17);
  const int minute = static_cast<int>((h >> 8) % 60);
  const int second = static_cast<int>((h >> 16) % 60);
  return new_york_to_utc(customer.registered, hour, minute, second);
}

}  // namespace luckyhub::sim
