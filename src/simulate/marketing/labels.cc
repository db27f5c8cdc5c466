// luckyus_sales_marketing.t_user_group_label: the tags campaigns target, one
// row per user and label. Realtime groups the customer is still in (source
// 1), daily rules over their paid orders and segments (source 2), and
// imported campaign audiences (source 3) that make up the calibrated total.
#include <algorithm>
#include <cstdio>

#include "simulate/marketing/audience_groups.h"
#include "simulate/marketing/marketing_run.h"
#include "simulate/marketing/text_format.h"

namespace luckyhub::sim {
namespace {

constexpr double kLabels = 3900000;
constexpr int kAudiences = 80;  // imported audience labels 2001..2080

struct Label {
  int id;
  std::string name;
  std::string value;
  int source;
  int64_t attached;
  int64_t expires;  // 0 for permanent
};

const char* const kCategoryLabels[kCategories] = {"coffee_fan",     "classic_fan",   "matcha_fan",
                                                  "cold_brew_fan",  "refreshers_fan", "exfreezo_fan",
                                                  "super_drink_fan", "food_addon"};

class LabelRules {
 public:
  explicit LabelRules(const MarketingRun& run) : run_(run) {}

  // The rule and realtime labels of one customer, into out (cleared first).
  void collect(size_t c, std::vector<Label>& out) const {
    out.clear();
    const auto orders = run_.ledger.orders_of(static_cast<int>(c));
    const Segment& g = run_.segments[c];
    const int64_t reg = run_.registered[c];
    const int64_t batch = orders.empty() ? reg : std::min(run_.as_of - 1, int64_t{orders.back().time} + 6 * 3600);
    int64_t entered[8] = {};
    const unsigned in = order_group_changes(orders, reg, run_.as_of, [&](const GroupChange& ch) {
      if (ch.action == 1) entered[ch.group - 1001] = ch.time;
    });
    for (int bit = 0; bit < 6; ++bit) {
      const int group = 1001 + bit;
      if (in >> bit & 1) out.push_back({group, audience_group_name(group), "", 1, entered[bit], 0});
    }
    static const char* const kLife[] = {"lifecycle_new", "lifecycle_active", "lifecycle_silent",
                                        "lifecycle_churned", "lifecycle_recalled"};
    const int life = static_cast<int>(g.lifecycle);
    out.push_back({1101 + life, kLife[life], "", 2, std::max(reg, g.lifecycle_since), 0});
    char tier[32];
    std::snprintf(tier, sizeof tier, "%d", g.member_level);
    static const char* const kMember[] = {"member_regular", "member_silver", "member_gold", "member_diamond"};
    out.push_back({1500 + g.member_level, kMember[g.member_level - 1], tier, 2, batch, 0});
    const int month = (Timestamp{reg}.utc_date().year() - 2025) * 12 + Timestamp{reg}.utc_date().month() - 1;
    out.push_back({1401 + month, "reg_cohort_" + Timestamp{reg}.utc_date().month_str(), "", 2, reg, 0});
    const Customer& cu = run_.customers[c];
    const std::vector<Store>& stores = run_.ctx.world.sales.stores;
    if (static_cast<size_t>(cu.home_store) < stores.size()) {
      out.push_back({1301 + cu.home_store, "home_store_" + stores[static_cast<size_t>(cu.home_store)].shop_no,
                     std::to_string(run_.shop_id(cu.home_store)), 2, reg, 0});
    }
    if (cu.origin_channel == 2) out.push_back({1208, "ios_user", "", 2, reg, 0});
    if (cu.origin_channel == 1) out.push_back({1209, "android_user", "", 2, reg, 0});
    if (orders.empty()) return;
    static const char* const kFreq[] = {"freq_low", "freq_mid", "freq_high"};
    static const char* const kValue[] = {"value_low", "value_mid", "value_high"};
    static const char* const kCoupon[] = {"coupon_low", "coupon_mid", "coupon_high"};
    std::snprintf(tier, sizeof tier, "%.2f", g.orders_per_week);
    out.push_back({1111 + static_cast<int>(g.frequency), kFreq[static_cast<int>(g.frequency)], tier, 2, batch, 0});
    std::snprintf(tier, sizeof tier, "%lld", static_cast<long long>(g.spend_cents / 100));
    out.push_back({1121 + static_cast<int>(g.value), kValue[static_cast<int>(g.value)], tier, 2, batch, 0});
    out.push_back({1131 + static_cast<int>(g.coupon), kCoupon[static_cast<int>(g.coupon)], "", 2, batch, 0});
    int weekend = 0, morning = 0, afternoon = 0, delivery = 0, commute = 0;
    for (const PaidOrder& o : orders) {
      const bool we = o.flags & PaidOrder::kWeekend;
      weekend += we;
      morning += o.ny_hour < 11;
      afternoon += o.ny_hour >= 14 && o.ny_hour < 18;
      delivery += (o.flags & PaidOrder::kDelivery) != 0;
      commute += !we && o.ny_hour >= 7 && o.ny_hour < 10;
    }
    const double n = static_cast<double>(orders.size());
    const CustomerTally& t = run_.ledger.tally(static_cast<int>(c));
    const int cups = t.iced_cups + t.hot_cups;
    if (cups >= 3 && t.iced_cups >= 0.6 * cups) out.push_back({1201, "iced_lover", "", 2, batch, 0});
    if (cups >= 3 && t.hot_cups >= 0.6 * cups) out.push_back({1202, "hot_drink_fan", "", 2, batch, 0});
    if (orders.size() >= 3 && commute >= 0.6 * n) out.push_back({1203, "weekday_commuter", "", 2, batch, 0});
    if (orders.size() >= 2 && weekend >= 0.5 * n) out.push_back({1204, "weekend_visitor", "", 2, batch, 0});
    if (morning >= 0.5 * n) out.push_back({1205, "morning_person", "", 2, batch, 0});
    if (afternoon >= 0.5 * n) out.push_back({1206, "afternoon_treat", "", 2, batch, 0});
    if (delivery > 0) out.push_back({1207, "delivery_user", "", 2, batch, 0});
    int top = -1, items = 0;
    for (int k = 0; k < kCategories; ++k) {
      items += t.category_items[k];
      if (top < 0 || t.category_items[k] > t.category_items[top]) top = k;
    }
    if (items >= 3) out.push_back({1211 + top, kCategoryLabels[top], "", 2, batch, 0});
  }

 private:
  const MarketingRun& run_;
};

}  // namespace

void write_labels(MarketingRun& run) {
  RowSink& s = run.ctx.out.sink("luckyus_sales_marketing", "t_user_group_label");
  const int c_id = s.col("id"), c_tenant = s.col("tenant"), c_user = s.col("user_no"),
            c_label = s.col("label_id"), c_name = s.col("label_name"), c_value = s.col("label_value"),
            c_source = s.col("source"), c_expire = s.col("expire_time"), c_create = s.col("create_time"),
            c_update = s.col("update_time");
  const LabelRules rules(run);
  const size_t n = run.customers.size();
  std::vector<Label> labels;
  int64_t rule_total = 0;
  for (size_t c = 0; c < n; ++c) {
    rules.collect(c, labels);
    rule_total += static_cast<int64_t>(labels.size());
  }
  const double audiences_per_user =
      n == 0 ? 0 : std::clamp(static_cast<double>(run.ctx.scaled(kLabels) - rule_total) / static_cast<double>(n), 0.0, kAudiences * 0.9);
  Rng rng = run.ctx.rng("marketing/labels");
  UtcText utc;
  int64_t id = 0;
  int audience[kAudiences];
  for (size_t c = 0; c < n; ++c) {
    rules.collect(c, labels);
    const int64_t k = std::min<int64_t>(kAudiences, rng.poisson(audiences_per_user));
    for (int i = 0; i < kAudiences; ++i) audience[i] = i;
    for (int64_t i = 0; i < k; ++i) {
      const int64_t j = rng.range(i, kAudiences - 1);
      std::swap(audience[i], audience[j]);
      const int64_t attached = run.registered[c] + static_cast<int64_t>(rng.uniform() * static_cast<double>(run.as_of - run.registered[c]));
      const int64_t expires = audience[i] % 3 == 0 ? attached + 30 * 86400 : 0;
      labels.push_back({2001 + audience[i], "audience_" + std::to_string(2001 + audience[i]), "", 3, attached, expires});
    }
    for (const Label& l : labels) {
      s.set_int(c_id, ++id);
      s.set_text(c_tenant, run.tenant(static_cast<int>(c)));
      s.set_text(c_user, run.user_no[c]);
      s.set_int(c_label, l.id);
      s.set_text(c_name, l.name);
      if (!l.value.empty()) s.set_text(c_value, l.value);
      s.set_int(c_source, l.source);
      if (l.expires) s.set_text(c_expire, utc(l.expires));
      const std::string_view t = utc(std::min(l.attached, run.as_of - 1));
      s.set_text(c_create, t);
      s.set_text(c_update, t);
      s.end_row();
    }
  }
}

}  // namespace luckyhub::sim
