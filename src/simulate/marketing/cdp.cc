// luckyus_isales_cdp: each customer's current segments (t_user_state), the
// realtime audience group changes their orders caused
// (t_realtime_user_group_log), the acquisition funnel events
// (t_user_event_track); and the planted truth `churned_regular_customer`.
#include <algorithm>
#include <cmath>

#include "simulate/marketing/audience_groups.h"
#include "simulate/marketing/marketing_run.h"
#include "simulate/marketing/text_format.h"

namespace luckyhub::sim {
namespace {

constexpr double kUserStates = 980000, kGroupLog = 2300000, kEventTrack = 168000;

const char* lifecycle_code(Lifecycle l) {
  static const char* const kCodes[] = {"NEW", "ACTIVE", "SILENT", "CHURNED", "RECALLED"};
  return kCodes[static_cast<int>(l)];
}

const char* level_code(const char* prefix, Level l) {
  static const char* const kCodes[3][3] = {{"FREQ_LOW", "FREQ_MID", "FREQ_HIGH"},
                                           {"VALUE_LOW", "VALUE_MID", "VALUE_HIGH"},
                                           {"COUPON_LOW", "COUPON_MID", "COUPON_HIGH"}};
  const int row = prefix[0] == 'F' ? 0 : prefix[0] == 'V' ? 1 : 2;
  return kCodes[row][static_cast<int>(l)];
}

// Lifecycle for every user; frequency, value and coupon sensitivity for users
// with paid orders, and for others up to the calibrated total (unique per user
// and state type).
void write_user_states(MarketingRun& run) {
  RowSink& s = run.ctx.out.sink("luckyus_isales_cdp", "t_user_state");
  const int c_id = s.col("id"), c_tenant = s.col("tenant"), c_user = s.col("user_no"),
            c_type = s.col("state_type"), c_code = s.col("state_code"), c_score = s.col("state_score"),
            c_effective = s.col("effective_time"), c_create = s.col("create_time"),
            c_update = s.col("update_time");
  const size_t n = run.customers.size();
  int64_t orderers = 0;
  for (size_t c = 0; c < n; ++c) orderers += !run.ledger.orders_of(static_cast<int>(c)).empty();
  // Customers without orders still get the batch's LOW frequency, value and
  // coupon states, each with the probability that brings the table to its
  // calibrated size (about 3.6 states per user).
  const int64_t non_orderers = static_cast<int64_t>(n) - orderers;
  const int64_t filler_rows = std::clamp<int64_t>(
      run.ctx.scaled(kUserStates) - static_cast<int64_t>(n) - 3 * orderers, 0, 3 * non_orderers);
  const double filler_share =
      non_orderers == 0 ? 0 : static_cast<double>(filler_rows) / static_cast<double>(3 * non_orderers);
  Rng rng = run.ctx.rng("marketing/user-state");
  UtcText utc;
  int64_t id = 0;
  auto row = [&](size_t c, int type, const char* code, double score, int64_t effective) {
    s.set_int(c_id, ++id);
    s.set_text(c_tenant, run.tenant(static_cast<int>(c)));
    s.set_text(c_user, run.user_no[c]);
    s.set_int(c_type, type);
    s.set_text(c_code, code);
    s.set_int(c_score, std::llround(std::clamp(score, 0.0, 1.0) * 10000));
    s.set_text(c_effective, utc(effective));
    s.set_text(c_create, utc(run.registered[c]));
    s.set_text(c_update, utc(std::max(effective, run.registered[c])));
    s.end_row();
  };
  for (size_t c = 0; c < n; ++c) {
    const Segment& g = run.segments[c];
    const auto orders = run.ledger.orders_of(static_cast<int>(c));
    const double idle_days = orders.empty() ? 0 : static_cast<double>(run.as_of - orders.back().time) / 86400.0;
    row(c, 1, lifecycle_code(g.lifecycle), std::min(1.0, idle_days / 90.0), g.lifecycle_since);
    if (orders.empty()) {
      if (rng.chance(filler_share)) row(c, 2, "FREQ_LOW", 0, g.lifecycle_since);
      if (rng.chance(filler_share)) row(c, 3, "VALUE_LOW", 0, g.lifecycle_since);
      if (rng.chance(filler_share)) row(c, 4, "COUPON_LOW", 0, g.lifecycle_since);
      continue;
    }
    // Segments are recomputed by the nightly batch after the last order.
    const int64_t batch = std::min(run.as_of - 1, int64_t{orders.back().time} + 6 * 3600);
    row(c, 2, level_code("F", g.frequency), g.orders_per_week / 3.0, batch);
    row(c, 3, level_code("V", g.value), static_cast<double>(g.spend_cents) / 30000.0, batch);
    row(c, 4, level_code("C", g.coupon), g.coupon_share, batch);
  }
}

void write_group_log(MarketingRun& run) {
  RowSink& s = run.ctx.out.sink("luckyus_isales_cdp", "t_realtime_user_group_log");
  const int c_id = s.col("id"), c_tenant = s.col("tenant"), c_user = s.col("user_no"),
            c_group = s.col("group_id"), c_name = s.col("group_name"), c_action = s.col("action"),
            c_trigger = s.col("trigger_event"), c_time = s.col("log_time"),
            c_create = s.col("create_time"), c_update = s.col("update_time");
  const size_t n = run.customers.size();
  int64_t from_orders = 0;
  for (size_t c = 0; c < n; ++c) {
    order_group_changes(run.ledger.orders_of(static_cast<int>(c)), run.registered[c], run.as_of,
                        [&](const GroupChange&) { ++from_orders; });
  }
  // App opens without an order fill the calibrated total (an in and an out each).
  const double browse_pairs =
      n == 0 ? 0 : std::max(0.0, static_cast<double>(run.ctx.scaled(kGroupLog) - from_orders) / (2.0 * static_cast<double>(n)));
  Rng rng = run.ctx.rng("marketing/group-log");
  UtcText utc;
  int64_t id = 0;
  size_t current = 0;
  auto write = [&](const GroupChange& g) {
    s.set_int(c_id, ++id);
    s.set_text(c_tenant, run.tenant(static_cast<int>(current)));
    s.set_text(c_user, run.user_no[current]);
    s.set_int(c_group, g.group);
    s.set_text(c_name, audience_group_name(g.group));
    s.set_int(c_action, g.action);
    s.set_text(c_trigger, g.trigger);
    const std::string_view t = utc(g.time);
    s.set_text(c_time, t);
    s.set_text(c_create, t);
    s.set_text(c_update, t);
    s.end_row();
  };
  for (current = 0; current < n; ++current) {
    const size_t c = current;
    order_group_changes(run.ledger.orders_of(static_cast<int>(c)), run.registered[c], run.as_of, write);
    const int64_t pairs = rng.poisson(browse_pairs);
    const int64_t life = std::max<int64_t>(3600, run.as_of - run.registered[c] - 2 * 86400);
    for (int64_t i = 0; i < pairs; ++i) {
      const int64_t open = run.registered[c] + static_cast<int64_t>(rng.uniform() * static_cast<double>(life));
      write({kGroupBrowsing, 1, "app_open", open});
      // The nightly batch takes them out again (always before as_of).
      write({kGroupBrowsing, 2, "daily_batch", std::min(run.as_of - 1, open + 86400 - open % 86400 + 9 * 3600)});
    }
  }
}

// Funnel events for the customers the tracking SDK attributed (a calibrated
// share): app download, register, first and repeat order, invitations; and
// the app installs that never registered, beside the app sign-ups.
constexpr double kAbandonedInstalls = 0.5;  // each of two chances of one more install

void write_event_track(MarketingRun& run) {
  RowSink& s = run.ctx.out.sink("luckyus_isales_cdp", "t_user_event_track");
  const int c_id = s.col("id"), c_tenant = s.col("tenant"), c_user = s.col("user_no"),
            c_device = s.col("device_id"), c_type = s.col("event_type"), c_channel = s.col("channel"),
            c_source = s.col("source"), c_campaign = s.col("campaign"), c_order = s.col("order_no"),
            c_time = s.col("event_time"), c_create = s.col("create_time"), c_update = s.col("update_time");
  const size_t n = run.customers.size();
  std::vector<int> invites(n, 0);
  for (size_t c = 0; c < n; ++c) {
    if (run.inviter[c] >= 0) ++invites[static_cast<size_t>(run.inviter[c])];
  }
  auto events_of = [&](size_t c) {
    const size_t orders = run.ledger.orders_of(static_cast<int>(c)).size();
    const int origin = run.customers[c].origin_channel;
    return 2 * int64_t{origin == 1 || origin == 2} + 1 + (orders >= 1) + (orders >= 2) + std::min(invites[c], 3);
  };
  int64_t all = 0;
  for (size_t c = 0; c < n; ++c) all += events_of(c);
  const double tracked = all == 0 ? 0 : std::min(1.0, static_cast<double>(run.ctx.scaled(kEventTrack)) / static_cast<double>(all));
  Rng rng = run.ctx.rng("marketing/event-track");
  UtcText utc;
  int64_t id = 0;
  static const char* const kPaidSources[] = {"apple_search_ads", "google_ads", "meta_ads", "tiktok_ads"};
  // A systematic sample of the customers, each with chance `tracked`: the
  // number tracked is n · tracked to one, so the rows stay near their
  // calibrated count at small scales too (a coin per customer made them
  // wander by 3% at scale 0.02).
  const double offset = rng.uniform();
  for (size_t c = 0; c < n; ++c) {
    const double d = static_cast<double>(c);
    if (std::floor((d + 1) * tracked + offset) == std::floor(d * tracked + offset)) continue;
    const int origin = run.customers[c].origin_channel;
    const char* source = "organic";
    std::string campaign;
    if (run.inviter[c] >= 0) {
      source = "referral";
      campaign = "invite_friend";
    } else if (origin == 3) {
      source = "delivery_platform";
    } else if (rng.chance(0.1)) {
      source = "store_flyer";
      campaign = "flyer_" + std::to_string(run.shop_id(run.customers[c].home_store));
    } else if (rng.chance(0.45)) {
      source = origin == 2 && rng.chance(0.5) ? "apple_search_ads" : kPaidSources[rng.range(1, 3)];
      campaign = std::string(source) + "_" + run.ctx.config.as_of.str().substr(0, 4) + "_q" + std::to_string(rng.range(1, 4));
    }
    const std::string device = "dv" + std::to_string(hash64("device/" + run.user_no[c]) % 100000000000ULL);
    auto event_on = [&](const std::string& on_device, const char* type, bool with_user, int64_t when,
                        const std::string& order_no) {
      s.set_int(c_id, ++id);
      s.set_text(c_tenant, run.tenant(static_cast<int>(c)));
      if (with_user) s.set_text(c_user, run.user_no[c]);
      s.set_text(c_device, on_device);
      s.set_text(c_type, type);
      s.set_int(c_channel, origin);
      s.set_text(c_source, source);
      if (!campaign.empty()) s.set_text(c_campaign, campaign);
      if (!order_no.empty()) s.set_text(c_order, order_no);
      const std::string_view t = utc(when);
      s.set_text(c_time, t);
      s.set_text(c_create, t);
      s.set_text(c_update, t);
      s.end_row();
    };
    auto event = [&](const char* type, bool with_user, int64_t when, const std::string& order_no) {
      event_on(device, type, with_user, when, order_no);
    };
    const int64_t reg = run.registered[c];
    static const std::string kNone;
    if (origin == 1 || origin == 2) {
      event("app_download", false, reg - static_cast<int64_t>(rng.exponential(1800)) - 30, kNone);
      // Installs that never register: about one for every app sign-up, on
      // other devices, in the weeks around it (the funnel's first drop).
      const int64_t abandoned = rng.chance(kAbandonedInstalls) + rng.chance(kAbandonedInstalls);
      for (int64_t k = 0; k < abandoned; ++k) {
        const std::string other =
            "dv" + std::to_string(hash64("abandoned/" + std::to_string(k) + "/" + run.user_no[c]) % 100000000000ULL);
        const int64_t when = std::min<int64_t>(reg + static_cast<int64_t>(rng.uniform(-14, 14) * 86400), run.as_of - 1);
        event_on(other, "app_download", false, when, kNone);
      }
    }
    event("register", true, reg, kNone);
    const auto orders = run.ledger.orders_of(static_cast<int>(c));
    if (!orders.empty()) event("first_order", true, orders[0].time, run.ledger.first_order_no(static_cast<int>(c)));
    if (orders.size() >= 2) event("repeat_order", true, orders[1].time, run.ledger.second_order_no(static_cast<int>(c)));
    for (int i = 0; i < std::min(invites[c], 3); ++i) {
      event("invite_friend", true, reg + static_cast<int64_t>(rng.uniform(0.1, 0.9) * static_cast<double>(run.as_of - reg)), kNone);
    }
  }
}

}  // namespace

const char* audience_group_name(int group) {
  switch (group) {
    case kGroupNewUser: return "new_user";
    case kGroupActive7d: return "active_7d";
    case kGroupLapsed14d: return "lapsed_14d";
    case kGroupLapsed30d: return "lapsed_30d";
    case kGroupChurnRisk: return "churn_risk";
    case kGroupBrowsing: return "browsing_no_order";
  }
  return "unknown";
}

void write_cdp(MarketingRun& run) {
  write_user_states(run);
  write_group_log(run);
  write_event_track(run);
}

// Customers who ordered about weekly (8+ paid orders, average gap at most 9
// days) and then stopped: no paid order in the 42 days before as-of, nor in
// six of their own mean gaps. Orders come at irregular gaps (a customer is
// drawn per order), so a 42-day silence alone can still be a pause of an
// 8.6-day regular; at six mean gaps, a customer still ordering at their rate
// stays that long silent about once in 400 gaps (e^-6 for exponential gaps).
void record_churned_regulars(MarketingRun& run) {
  const std::string kind = "churned_regular_customer";
  run.ctx.truth.describe(kind, "luckyus_sales_crm.t_user",
                         "customers who ordered about weekly (8+ paid orders, mean gap <= 9 days "
                         "between first and last) and then stopped: no paid order in the 42 days "
                         "before as-of nor in six of their mean gaps; ids are t_user.id");
  int64_t count = 0;
  for (size_t c = 0; c < run.customers.size(); ++c) {
    const auto orders = run.ledger.orders_of(static_cast<int>(c));
    if (orders.size() < 8) continue;
    const double span_days = static_cast<double>(orders.back().time - orders.front().time) / 86400.0;
    const double mean_gap = span_days / static_cast<double>(orders.size() - 1);
    const int64_t idle = run.as_of - orders.back().time;
    if (mean_gap > 9.0 || idle < 42 * 86400 || static_cast<double>(idle) < 6 * mean_gap * 86400) continue;
    run.ctx.truth.add_id(kind, static_cast<int64_t>(c) + 1);
    run.ctx.truth.add_item(kind, {{"user_no", run.user_no[c]},
                                  {"paid_orders", orders.size()},
                                  {"mean_gap_days", std::round(mean_gap * 10) / 10},
                                  {"last_order_time", Timestamp{orders.back().time}.str()},
                                  {"lifecycle", lifecycle_code(run.segments[c].lifecycle)}});
    ++count;
  }
  run.ctx.truth.set_figure("churned_regular_customers", count);
}

}  // namespace luckyhub::sim
