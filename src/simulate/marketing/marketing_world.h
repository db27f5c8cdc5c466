// The marketing section of the simulated world: coupon templates (and what
// else campaigns need). Owned by simulate/marketing/.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/calendar.h"

namespace luckyhub::sim {

struct CouponTemplate {
  int64_t template_id = 0;
  std::string name;
  int coupon_type = 1;          // as documented in the schema
  int64_t discount_cents = 0;   // fixed discount, or 0
  int discount_percent = 0;     // percent off, or 0
  int64_t threshold_cents = 0;  // minimum spend
  Date valid_from, valid_to;
  double weight = 1.0;          // how often orders use it
};

struct MarketingWorld {
  std::vector<CouponTemplate> coupon_templates;
};

}  // namespace luckyhub::sim
