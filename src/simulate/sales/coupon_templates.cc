// The 1,262 coupon templates (owned things, not scaled): amount off, percent
// off, free drink, fixed-price drink and free delivery, each with a validity
// window between the first opening and a few weeks after the as-of date and
// a weight for how often orders redeem it. The marketing family writes their
// rows and the coupon records; orders pick a template valid on their day.
#include <algorithm>
#include <cmath>

#include "simulate/sales/sales_internal.h"

namespace luckyhub::sim {
namespace {

const double kTypeShares[] = {0.40, 0.25, 0.10, 0.20, 0.05};  // types 1..5

std::string dollars(int64_t cents) {
  char buf[32];
  if (cents % 100 == 0) std::snprintf(buf, sizeof buf, "$%lld", static_cast<long long>(cents / 100));
  else std::snprintf(buf, sizeof buf, "$%lld.%02lld", static_cast<long long>(cents / 100),
                     static_cast<long long>(cents % 100));
  return buf;
}

const char* const kThemes[] = {"Welcome",     "Weekday Boost", "Coconut Lovers", "Back to School",
                               "Fall Favorites", "Holiday",    "New Year",       "Friends Referral",
                               "Store Opening", "Win Back",    "Lunch Break",    "Weekend Treat",
                               "Matcha Week", "Cold Brew Club", "Student",       "Rainy Day"};

}  // namespace

void build_coupon_templates(SimContext& ctx) {
  Rng rng = ctx.rng("sales/coupon-templates");
  auto& out = ctx.world.marketing.coupon_templates;
  out.clear();
  const Date first = ctx.world.start - 14;
  const int span = std::max(30, (ctx.world.end + 21) - first);
  std::vector<double> type_w(std::begin(kTypeShares), std::end(kTypeShares));
  for (int64_t i = 0; i < kCouponTemplates; ++i) {
    CouponTemplate t;
    t.template_id = 5000001 + i;
    t.coupon_type = static_cast<int>(rng.weighted(type_w)) + 1;
    const std::string theme = kThemes[rng.range(0, std::size(kThemes) - 1)];
    switch (t.coupon_type) {
      case 1:
        t.discount_cents = 50 * rng.range(1, 6);
        t.threshold_cents = rng.chance(0.5) ? 0 : 100 * rng.range(5, 12);
        t.name = theme + ": " + dollars(t.discount_cents) + " Off" +
                 (t.threshold_cents ? " Orders " + dollars(t.threshold_cents) + "+" : " Any Drink");
        break;
      case 2:
        t.discount_percent = static_cast<int>(5 * rng.range(2, 10));
        t.threshold_cents = rng.chance(0.7) ? 0 : 100 * rng.range(6, 10);
        t.name = theme + ": " + std::to_string(t.discount_percent) + "% Off";
        break;
      case 3:
        t.name = theme + ": Free Drink";
        break;
      case 4:
        t.discount_cents = rng.chance(0.5) ? 199 : (rng.chance(0.5) ? 299 : 99);
        t.name = theme + ": Any Drink " + dollars(t.discount_cents);
        break;
      default:
        t.discount_cents = 299;
        t.threshold_cents = 800;
        t.name = theme + ": Free Delivery";
        break;
    }
    t.valid_from = first + static_cast<int>(rng.range(0, span - 7));
    t.valid_to = t.valid_from + static_cast<int>(rng.range(7, 75));
    t.weight = rng.lognormal(0, 1.0) * (t.coupon_type == 5 ? 0.3 : 1.0);
    out.push_back(std::move(t));
  }
}

}  // namespace luckyhub::sim
