// luckyus_sales_crm: one t_user row per customer, a profile for about 70% of
// them, and each customer's engagement timeline (t_user_history) consistent
// with their paid orders: registration, first order, member level changes
// and account freezes always; profile updates, logins on new devices and
// phone changes make up the calibrated total.
#include <algorithm>

#include "simulate/marketing/demographic_taste.h"
#include "simulate/marketing/marketing_run.h"
#include "simulate/marketing/sha256.h"
#include "simulate/marketing/text_format.h"
#include "simulate/sales/neighbourhood_store.h"

namespace luckyhub::sim {
namespace {

constexpr double kUsers = 275000, kProfiles = 193000, kHistory = 498000;

struct AccountFacts {
  bool profile = false;
  int status = 1;  // 1 normal, 2 frozen, 3 deactivated
  int64_t last_login = 0;
};

// Facts drawn per customer from a stream of their own, so that the counting
// pass and the writing pass agree.
AccountFacts account_facts(const MarketingRun& run, size_t c, double profile_share) {
  Rng rng(run.ctx.config.seed, "marketing/account/" + run.user_no[c]);
  AccountFacts f;
  f.profile = rng.chance(profile_share);
  const auto orders = run.ledger.orders_of(static_cast<int>(c));
  const Segment& s = run.segments[c];
  if (s.lifecycle == Lifecycle::kChurned || s.lifecycle == Lifecycle::kSilent) {
    const double u = rng.uniform();
    f.status = u < 0.012 ? 3 : u < 0.02 ? 2 : 1;
  }
  const int64_t last_seen = orders.empty() ? run.registered[c] : int64_t{orders.back().time};
  f.last_login = std::min(run.as_of - 60, last_seen + static_cast<int64_t>(rng.exponential(3 * 86400.0)));
  f.last_login = std::max(f.last_login, run.registered[c]);
  return f;
}

class CrmWriter {
 public:
  explicit CrmWriter(MarketingRun& run) : run_(run), rng_(run.ctx.rng("marketing/crm")) {}

  void write() {
    const size_t n = run_.customers.size();
    const double profile_share =
        n == 0 ? 0 : std::min(1.0, static_cast<double>(run_.ctx.scaled(kProfiles)) / static_cast<double>(n));
    // Counting pass: events that follow from the data, then logins and
    // phone changes make up the calibrated total.
    int64_t base = 0;
    for (size_t c = 0; c < n; ++c) base += fixed_events(c, account_facts(run_, c, profile_share));
    const double extra_per_user =
        n == 0 ? 0 : std::max(0.0, static_cast<double>(run_.ctx.scaled(kHistory) - base) / static_cast<double>(n));
    (void)kUsers;
    for (size_t c = 0; c < n; ++c) {
      const AccountFacts f = account_facts(run_, c, profile_share);
      write_user(c, f);
      if (f.profile) write_profile(c);
      write_history(c, f, extra_per_user);
    }
  }

 private:
  int64_t fixed_events(size_t c, const AccountFacts& f) const {
    const size_t orders = run_.ledger.orders_of(static_cast<int>(c)).size();
    return 1 + (orders > 0) + (member_level_for(orders) - 1) + (f.status == 2) + (f.status == 3);
  }

  void write_user(size_t c, const AccountFacts& f) {
    RowSink& s = run_.ctx.out.sink("luckyus_sales_crm", "t_user");
    static const int c_id = s.col("id"), c_tenant = s.col("tenant"), c_user = s.col("user_no"),
                     c_origin = s.col("origin"), c_country = s.col("country_code"),
                     c_hash = s.col("phone_hash"), c_tail = s.col("phone_tail"),
                     c_shop = s.col("register_shop_id"), c_inviter = s.col("inviter_user_no"),
                     c_level = s.col("member_level"), c_status = s.col("status"),
                     c_register = s.col("register_time"), c_login = s.col("last_login_time"),
                     c_create = s.col("create_time"), c_update = s.col("update_time");
    const Customer& cu = run_.customers[c];
    const bool nz = run_.tenant(static_cast<int>(c)) == "LKNZ";
    const uint64_t h = hash64("phone/" + run_.user_no[c]);
    char phone[24];
    if (nz) {
      std::snprintf(phone, sizeof phone, "+6421%07llu", static_cast<unsigned long long>(h % 10000000));
    } else {
      static const int kAreas[] = {212, 646, 917, 347, 718, 929, 201, 551};
      std::snprintf(phone, sizeof phone, "+1%d%07llu", kAreas[h % 8],
                    static_cast<unsigned long long>((h >> 8) % 10000000));
    }
    const std::string_view number(phone);
    s.set_int(c_id, static_cast<int64_t>(c) + 1);
    s.set_text(c_tenant, run_.tenant(static_cast<int>(c)));
    s.set_text(c_user, run_.user_no[c]);
    s.set_int(c_origin, cu.origin_channel);
    s.set_text(c_country, nz ? "+64" : "+1");
    s.set_text(c_hash, sha256_hex(number));
    s.set_text(c_tail, number.substr(number.size() - 4));
    s.set_int(c_shop, run_.shop_id(cu.home_store));
    if (run_.inviter[c] >= 0) s.set_text(c_inviter, run_.user_no[static_cast<size_t>(run_.inviter[c])]);
    s.set_int(c_level, run_.segments[c].member_level);
    s.set_int(c_status, f.status);
    s.set_text(c_register, utc_(run_.registered[c]));
    s.set_text(c_create, utc_(run_.registered[c]));
    s.set_text(c_login, utc_(f.last_login));
    s.set_text(c_update, utc_(f.last_login));
    s.end_row();
  }

  void write_profile(size_t c) {
    RowSink& s = run_.ctx.out.sink("luckyus_sales_crm", "t_user_profile");
    static const int c_id = s.col("id"), c_tenant = s.col("tenant"), c_user = s.col("user_no"),
                     c_nick = s.col("nickname"), c_gender = s.col("gender"),
                     c_birth = s.col("birth_year"), c_age = s.col("age_range"), c_city = s.col("city"),
                     c_state = s.col("state"), c_zip = s.col("zip_code"),
                     c_shop = s.col("preferred_shop_id"), c_lang = s.col("language"),
                     c_push = s.col("push_opt_in"), c_email = s.col("email_opt_in"),
                     c_create = s.col("create_time"), c_update = s.col("update_time");
    static const char* const kNames[] = {"Alex", "Sam", "Jordan", "Taylor", "Chris", "Maya", "Leo",
                                         "Nina", "Wei", "Lin", "Sofia", "Diego", "Priya", "Omar",
                                         "Grace", "Ethan", "Chloe", "Kai", "Zoe", "Ryan"};
    static const struct { const char* city; const char* state; const char* zip; } kPlaces[] = {
        {"New York", "NY", "10001"}, {"New York", "NY", "10018"}, {"New York", "NY", "10036"},
        {"Brooklyn", "NY", "11201"}, {"Queens", "NY", "11101"}, {"Jersey City", "NJ", "07302"},
        {"Hoboken", "NJ", "07030"}, {"New York", "NY", "10003"}};
    const int64_t created = std::min(run_.as_of - 1, run_.registered[c] + static_cast<int64_t>(rng_.exponential(2 * 86400.0)));
    s.set_int(c_id, ++profile_rows_);
    s.set_text(c_tenant, run_.tenant(static_cast<int>(c)));
    s.set_text(c_user, run_.user_no[c]);
    if (rng_.chance(0.8)) {
      s.set_text(c_nick, std::string(kNames[rng_.range(0, 19)]) + std::to_string(rng_.range(1, 999)));
    }
    // Gender and age follow the customer's taste (demographic_taste.h).
    Rng taste_noise(run_.ctx.config.seed, "marketing/demographic-taste/" + run_.user_no[c]);
    const double g = rng_.uniform();
    s.set_int(c_gender, gender_from_taste(g, run_.customers[c].taste, taste_noise));
    const int age = age_range_from_taste(rng_.uniform(), run_.customers[c].taste, taste_noise);
    s.set_int(c_age, age);
    if (age > 0) {
      static const int kLow[] = {0, 8, 18, 25, 35, 45, 55}, kHigh[] = {0, 17, 24, 34, 44, 54, 72};
      s.set_int(c_birth, 2025 - rng_.range(kLow[age], kHigh[age]));
    }
    if (rng_.chance(0.75)) {
      const auto& place = kPlaces[rng_.range(0, 7)];
      s.set_text(c_city, place.city);
      s.set_text(c_state, place.state);
      s.set_text(c_zip, place.zip);
    }
    // The planted neighbourhood of the Battery Park kiosk (neighbourhood_store.h), after the draws.
    if (run_.tenant(static_cast<int>(c)) == "LKUS" &&
        neighbourhood_resident(run_.ctx.config.seed, run_.user_no[c], age)) {
      s.set_text(c_city, "New York");
      s.set_text(c_state, "NY");
      s.set_text(c_zip, kNeighbourhoodZip);
      describe_neighbourhood(run_.ctx.truth);
      run_.ctx.truth.add_id("store_neighbourhood", std::stoll(run_.user_no[c]));
    }
    s.set_int(c_shop, run_.shop_id(preferred_store(c)));
    const double l = rng_.uniform();
    s.set_text(c_lang, l < 0.78 ? "en" : l < 0.93 ? "zh" : "es");
    s.set_int(c_push, rng_.chance(0.62) ? 1 : 0);
    s.set_int(c_email, rng_.chance(0.41) ? 1 : 0);
    s.set_text(c_create, utc_(created));
    s.set_text(c_update, utc_(created));
    s.end_row();
    profile_created_ = created;
  }

  // The store the customer paid at most often, else their home store.
  int preferred_store(size_t c) const {
    int counts[256] = {};
    int best = run_.customers[c].home_store, best_count = 0;
    for (const PaidOrder& o : run_.ledger.orders_of(static_cast<int>(c))) {
      if (++counts[o.store] > best_count) best_count = counts[o.store], best = o.store;
    }
    return best;
  }

  void history(size_t c, int action, int channel, std::string_view before, std::string_view after,
               int64_t when) {
    RowSink& s = run_.ctx.out.sink("luckyus_sales_crm", "t_user_history");
    static const int c_id = s.col("id"), c_tenant = s.col("tenant"), c_user = s.col("user_no"),
                     c_action = s.col("action_type"), c_channel = s.col("channel"),
                     c_before = s.col("before_value"), c_after = s.col("after_value"),
                     c_time = s.col("action_time"), c_create = s.col("create_time"),
                     c_update = s.col("update_time");
    s.set_int(c_id, ++history_rows_);
    s.set_text(c_tenant, run_.tenant(static_cast<int>(c)));
    s.set_text(c_user, run_.user_no[c]);
    s.set_int(c_action, action);
    s.set_int(c_channel, channel);
    if (!before.empty()) s.set_text(c_before, before);
    if (!after.empty()) s.set_text(c_after, after);
    s.set_text(c_time, utc_(when));
    s.set_text(c_create, utc_(when));
    s.set_text(c_update, utc_(when));
    s.end_row();
  }

  void write_history(size_t c, const AccountFacts& f, double extra_per_user) {
    const int origin = run_.customers[c].origin_channel;
    const int64_t reg = run_.registered[c];
    history(c, 1, origin, "", "", reg);
    const auto orders = run_.ledger.orders_of(static_cast<int>(c));
    if (!orders.empty()) history(c, 6, orders[0].channel, "", "", orders[0].time);
    static const size_t kThresholds[] = {10, 30, 80};
    for (int level = 2; level <= 4; ++level) {
      const size_t k = kThresholds[level - 2];
      if (orders.size() < k) break;
      history(c, 5, orders[k - 1].channel, std::to_string(level - 1), std::to_string(level),
              int64_t{orders[k - 1].time} + 5);
    }
    const int64_t last = orders.empty() ? reg : int64_t{orders.back().time};
    if (f.status >= 2) {
      const int64_t when = std::min(run_.as_of - 1, last + 86400 * rng_.range(20, 90));
      history(c, f.status == 2 ? 7 : 9, origin, "1", std::to_string(f.status), when);
    }
    const int64_t extras = rng_.poisson(extra_per_user);
    for (int64_t i = 0; i < extras; ++i) {
      const int64_t when = reg + static_cast<int64_t>(rng_.uniform() * static_cast<double>(std::max<int64_t>(60, run_.as_of - reg - 60)));
      const double kind = rng_.uniform();
      if (f.profile && kind < 0.35) {
        history(c, 3, origin, "", "profile", std::max(when, profile_created_));
      } else {
        history(c, kind < 0.93 ? 2 : 4, origin, "", "", when);
      }
    }
  }

  MarketingRun& run_;
  Rng rng_;
  UtcText utc_;
  int64_t profile_rows_ = 0, history_rows_ = 0, profile_created_ = 0;
};

}  // namespace

void write_crm(MarketingRun& run) {
  describe_demographic_taste(run.ctx);
  CrmWriter(run).write();
}

}  // namespace luckyhub::sim
