// Reads what the channels tool analyses, in one batch: the LKUS customers
// (t_user), their paid orders per day and order channel (sales__customer_day),
// their successful payments per method (channels__user_payment), the tracked
// funnel events (t_user_event_track) and the entered spend.
#include <algorithm>
#include <unordered_map>

#include "domain/customer_days.h"
#include "tools/channels/channels.h"
#include "tools/channels/channels_spend.h"
#include "tools/channels/channels_tables.h"
#include "warehouse/derived_table.h"
#include "warehouse/schema.h"

namespace luckyhub::channels {
namespace {

std::string utc_midnight(Date d) { return new_york_to_utc(d, 0, 0, 0).str(); }

void read_customers(const ResultSet& users, ChannelData& out, std::unordered_map<std::string, size_t>& index) {
  out.customers.reserve(users.size());
  for (const Row row : users) {
    Customer c{.user_no = row.text("user_no"), .group = group_of(row.integer("origin")),
               .registered = new_york_date(Timestamp::parse(row.text("register_time")))};
    index.emplace(c.user_no, out.customers.size());
    out.customers.push_back(std::move(c));
  }
}

// Orders per customer and day (channels merged), and per month and channel.
void read_days(const ResultSet& days, const Scope& scope, ChannelData& out,
               const std::unordered_map<std::string, size_t>& index) {
  for (const Row row : days) {
    const Date day = Date::parse(row.text("day"));
    if (day >= scope.as_of) continue;
    const int64_t orders = row.integer("orders");
    out.month_orders[day.month_str()][group_of(row.integer("channel"))] += orders;
    const auto it = index.find(row.text("user_no"));
    if (it == index.end()) continue;
    std::vector<Customer::Day>& d = out.customers[it->second].days;
    if (d.empty() || d.back().day != day) d.push_back({.day = day});
    d.back().orders += orders;
    d.back().cents += row.integer("cents");
  }
}

void read_events(const ResultSet& events, const Scope& scope, ChannelData& out) {
  std::map<std::string, Tracked> devices;  // by device_id
  for (const Row row : events) {
    Tracked& t = devices[row.text("device_id")];
    const Date day = new_york_date(Timestamp::parse(row.text("event_time")));
    if (!t.downloaded && !t.registered && !t.first_order && !t.repeat_order) {
      t.first_seen = day;
      t.group = group_of(row.integer("channel"));
    }
    t.first_seen = std::min(t.first_seen, day);
    const std::string type = row.text("event_type");
    if (type == "app_download") t.downloaded = true;
    if (type == "register") t.registered = true;
    if (type == "first_order") t.first_order = true;
    if (type == "repeat_order") t.repeat_order = true;
    if (!row.is_null("user_no") && t.user_no.empty()) t.user_no = row.text("user_no");
  }
  for (auto& [device, t] : devices) {
    if (t.first_seen < scope.as_of) out.tracked.push_back(std::move(t));
  }
}

void read_payments(const ResultSet& payments, const Scope& scope, ChannelData& out,
                   const std::unordered_map<std::string, size_t>& index) {
  std::map<std::pair<int, int64_t>, PaymentMix> mix;
  for (const Row row : payments) {
    const auto it = index.find(row.text("user_no"));
    if (it == index.end()) continue;
    const Customer& c = out.customers[it->second];
    if (c.registered < scope.from || c.registered >= scope.to) continue;
    PaymentMix& m = mix[{c.group, row.integer("channel_id")}];
    m.group = c.group;
    m.method = row.integer("channel_id");
    m.payments += row.integer("payments");
    m.cents += row.integer("cents");
  }
  for (auto& [key, m] : mix) out.payments.push_back(m);
}

}  // namespace

ChannelData read_channels(Warehouse& wh, const Scope& scope) {
  const Dialect& d = wh.dialect();
  Query days = derived_from(wh, customers::kCustomerDay);
  days.sql = "SELECT u.user_no AS user_no, " + d.date_text("u.day") + " AS day, u.channel AS channel, u.orders AS orders, "
             "u.cents AS cents FROM " + days.sql + " u ORDER BY user_no, day";
  Query payments = derived_from(wh, kUserPayment);
  payments.sql = "SELECT p.user_no AS user_no, p.channel_id AS channel_id, p.payments AS payments, p.cents AS cents FROM " +
                 payments.sql + " p";
  const std::string before = utc_midnight(scope.as_of);
  std::vector<Query> queries = {
      {"SELECT user_no, origin, register_time FROM sales_crm__t_user WHERE tenant = 'LKUS' AND register_time < ? "
       "ORDER BY user_no",
       {before}},
      std::move(days),
      std::move(payments),
  };
  const bool tracked = wh.has_table("isales_cdp__t_user_event_track");
  if (tracked) {
    queries.push_back({"SELECT device_id, user_no, event_type, channel, event_time FROM isales_cdp__t_user_event_track "
                       "WHERE tenant = 'LKUS' AND event_time < ? ORDER BY device_id, event_time, id",
                       {before}});
  }
  const std::vector<ResultSet> r = wh.query_all(queries);
  ChannelData out;
  std::unordered_map<std::string, size_t> index;
  read_customers(r[0], out, index);
  read_days(r[1], scope, out, index);
  read_payments(r[2], scope, out, index);
  if (tracked) read_events(r[3], scope, out);
  out.spend = read_spend(wh);
  out.method_names = code_meanings(SchemaCatalog::builtin().table("luckyus_sales_payment", "t_trade").column("channel_id"));
  return out;
}

}  // namespace luckyhub::channels
