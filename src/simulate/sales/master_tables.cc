// Master and calendar tables of the sales family: t_shop_info,
// t_shop_opening_time, t_commodity_base_info and t_user_channel.
#include <algorithm>
#include <cstdio>

#include "simulate/sales/demand.h"
#include "simulate/sales/sales_internal.h"

namespace luckyhub::sim {
namespace {

struct Row {
  RowSink& s;
  Row& i(const char* c, int64_t v) { s.set_int(s.col(c), v); return *this; }
  Row& d(const char* c, double v) { s.set_double(s.col(c), v); return *this; }
  Row& t(const char* c, const std::string& v) { s.set_text(s.col(c), v); return *this; }
  Row& null(const char* c) { s.set_null(s.col(c)); return *this; }
  void end() { s.end_row(); }
};

std::string hhmm(int minutes) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d:%02d", minutes / 60, minutes % 60);
  return buf;
}

bool is_holiday(Date d) {
  return d == Date::from_ymd(2025, 7, 4) || d == Date::from_ymd(2025, 11, 27) || d == Date::from_ymd(2025, 12, 25) ||
         d == Date::from_ymd(2026, 1, 1);
}

}  // namespace

void write_shops(SimContext& ctx) {
  const World& world = ctx.world;
  RowSink& info = ctx.out.sink("luckyus_opshop", "t_shop_info");
  // A preparing store was last updated when it was created (its opening day
  // is still ahead).
  const auto write = [&](const Store& s, bool preparing) {
    const Timestamp created = new_york_to_utc(s.opened - 45, 10, 0, 0);
    const bool open = s.opened < world.end;
    Row{info}
        .i("id", s.shop_id).t("tenant", s.tenant).t("shop_no", s.shop_no).t("shop_name", s.name)
        .i("shop_type", s.shop_type).t("address", s.address).t("city", s.city).t("state", s.state)
        .t("zip_code", s.zip_code).d("latitude", s.latitude).d("longitude", s.longitude)
        .t("timezone", s.timezone).t("currency_code", s.currency).i("status", open ? 2 : 1)
        .t("open_date", s.opened.str()).null("close_date")
        .t("create_time", created.str())
        .t("update_time", (preparing ? created : new_york_to_utc(s.opened, 6, 0, 0)).str())
        .end();
  };
  for (const Store& s : world.sales.stores) write(s, false);
  for (const Store& s : world.sales.preparing) write(s, true);
  // Schedule: every trading day, three business types, 30-minute slots from
  // 06:30 to 21:00. App pickup and walk-in take orders 07:00-20:00, delivery
  // from 09:00; holidays are booked as holiday hours (time_type 2).
  RowSink& slots = ctx.out.sink("luckyus_opshop", "t_shop_opening_time");
  int64_t id = 0;
  for (const Store& s : world.sales.stores) {
    for (Date d = s.opened; d < world.end; ++d) {
      const Timestamp created = new_york_to_utc(d - 7, 3, 0, 0);
      const bool holiday = is_holiday(d);
      for (int type = 1; type <= 3; ++type) {
        const int open_from = (type == 2 ? 9 : kFirstHour) * 60, open_to = (kLastHour + 1) * 60;
        for (int start = 6 * 60 + 30; start < 21 * 60; start += 30) {
          const bool open = start >= open_from && start + 30 <= open_to;
          Row{slots}
              .i("id", ++id).t("tenant", s.tenant).i("shop_id", s.shop_id).t("biz_date", d.str())
              .i("week_day", d.weekday() + 1).i("business_type", type).t("start_time", hhmm(start))
              .t("end_time", hhmm(start + 30)).i("is_open", open ? 1 : 0).i("time_type", holiday ? 2 : 1)
              .t("create_time", created.str()).t("update_time", created.str())
              .end();
        }
      }
    }
  }
}

void write_commodities(SimContext& ctx) {
  RowSink& sink = ctx.out.sink("luckyus_scm_commodity", "t_commodity_base_info");
  for (const Product& p : ctx.world.sales.products) {
    const Timestamp created = new_york_to_utc(p.launched - 21, 11, 0, 0);
    const bool retired = p.retired < ctx.world.end;
    const Timestamp updated = retired ? new_york_to_utc(p.retired, 5, 0, 0) : created;
    Row{sink}
        .i("id", p.commodity_id).t("tenant", "LKUS").t("commodity_no", p.commodity_no)
        .t("commodity_name", p.name).i("category_id", p.category_id).t("category", p.category)
        .i("commodity_type", p.drink ? 1 : 2).i("default_price", p.price_cents)
        .i("default_temperature", p.drink ? (p.iced ? 2 : 1) : 0).i("sugar_level", p.sugar_level)
        .i("calories", p.calories).t("nutrition_grade", std::string(1, p.nutrition_grade))
        .i("caffeine_mg", p.caffeine_mg).i("status", retired ? 3 : 1).t("launch_date", p.launched.str())
        .t("create_time", created.str()).t("update_time", updated.str())
        .end();
  }
}

// Payment methods bound by customers: the preferred one (default) for
// everyone who orders and most who do not, a second for a third of them,
// and an old card unbound now and then. A few rows carry a stray tenant.
void write_user_channels(SimContext& ctx) {
  const SalesWorld& sales = ctx.world.sales;
  RowSink& sink = ctx.out.sink("luckyus_sales_payment", "t_user_channel");
  Rng rng = ctx.rng("sales/user-channels");
  const char* const brands[] = {"visa", "mastercard", "amex", "discover"};
  const double brand_w[] = {0.55, 0.28, 0.12, 0.05};
  const std::vector<double> brand_weights(std::begin(brand_w), std::end(brand_w));
  std::vector<double> share;
  for (const PaymentChannel& c : sales.channels) share.push_back(c.channel_id == 92 ? 0 : c.share);
  const int64_t odd = std::max<int64_t>(1, ctx.scaled(5));
  int64_t id = 0, odd_written = 0;
  const int64_t odd_every = std::max<int64_t>(1, static_cast<int64_t>(sales.customers.size()) / odd);
  for (size_t i = 0; i < sales.customers.size(); ++i) {
    const Customer& c = sales.customers[i];
    if (c.orders_per_week <= 0 && !rng.chance(0.6)) continue;
    const std::string tenant_ok = sales.stores[c.home_store].test_store ? "LKNZ" : "LKUS";
    std::vector<int> methods = {c.preferred_channel};
    if (rng.chance(0.33)) methods.push_back(static_cast<int>(rng.weighted(share)));
    if (rng.chance(0.08)) methods.push_back(static_cast<int>(rng.weighted(share)));
    for (size_t k = 0; k < methods.size(); ++k) {
      const PaymentChannel& ch = sales.channels[methods[k]];
      const bool unbound = k == 2;
      const Timestamp bind = c.registered_at + rng.range(60, 3 * 86400);
      const Timestamp unbind = bind + rng.range(86400, 60 * 86400);
      const bool stray = odd_written < odd && k == 0 && static_cast<int64_t>(i) % odd_every == odd_every / 2;
      const std::string tenant = stray ? "TEST" : tenant_ok;
      Row r{sink};
      r.i("id", ++id).t("tenant", tenant).t("user_no", std::to_string(c.user_no)).i("channel_id", ch.channel_id);
      if (ch.card) {
        char last4[8];
        std::snprintf(last4, sizeof last4, "%04lld", static_cast<long long>(rng.range(0, 9999)));
        r.t("card_brand", brands[rng.weighted(brand_weights)]).t("card_last4", last4);
      } else {
        r.null("card_brand").null("card_last4");
      }
      const bool really_unbound = unbound && unbind < new_york_to_utc(ctx.world.end, 0, 0, 0);
      r.i("is_default", k == 0 ? 1 : 0).i("status", really_unbound ? 2 : 1).t("bind_time", bind.str());
      if (really_unbound) r.t("unbind_time", unbind.str());
      else r.null("unbind_time");
      r.t("create_time", bind.str()).t("update_time", (really_unbound ? unbind : bind).str()).end();
      if (stray) {
        ++odd_written;
        ctx.truth.add_item("unknown_tenant",
                           {{"table", "luckyus_sales_payment.t_user_channel"}, {"id", id}, {"tenant", tenant}});
      }
    }
  }
}

}  // namespace luckyhub::sim
