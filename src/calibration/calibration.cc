#include "calibration/calibration.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "core/calendar.h"
#include "core/error.h"
#include "domain/order_rules.h"
#include "domain/payment_fees.h"

namespace luckyhub::calibration {
namespace {

struct Figure {
  std::string name;
  FigureKind kind;
  double at_scale_1;
  double tolerance;  // relative; 0 = exact
  std::string sql;   // one number, in a column named "measured"
  double lo = 0, hi = 0;  // a range instead of a target, when hi > lo
};

// Paid orders of a tenant in its currency.
std::string paid_in(const std::string& tenant, const std::string& currency) {
  return "tenant = '" + tenant + "' AND currency_code = '" + currency + "' AND " + rules::paid_order();
}

std::string count(const std::string& table, const std::string& where = "") {
  return "SELECT COUNT(*) AS measured FROM " + table + (where.empty() ? "" : " WHERE " + where);
}

std::string paid_usd_on(const std::string& day) {
  const Date d = Date::parse(day);
  return count("sales_order__t_order", paid_in("LKUS", "USD") + " AND pay_time >= '" +
                                           new_york_to_utc(d, 0, 0, 0).str() + "' AND pay_time < '" +
                                           new_york_to_utc(d + 1, 0, 0, 0).str() + "'");
}

std::string channel_share(int channel) {
  return "SELECT CAST(SUM(channel = " + std::to_string(channel) + ") AS REAL) / COUNT(*) AS measured "
         "FROM sales_order__t_order WHERE " + paid_in("LKUS", "USD");
}

std::vector<Figure> figures() {
  using K = FigureKind;
  std::vector<Figure> f = {
      {"t_order rows", K::kScaled, 516000, 0.03, count("sales_order__t_order")},
      {"paid orders USD", K::kScaled, 466252, 0, count("sales_order__t_order", paid_in("LKUS", "USD"))},
      {"paid orders NZD (test tenant)", K::kScaled, 21245, 0, count("sales_order__t_order", paid_in("LKNZ", "NZD"))},
      {"channel 2 iOS share", K::kShape, 0.80, 0.025, channel_share(2)},
      {"channel 1 Android share", K::kShape, 0.14, 0.10, channel_share(1)},
      {"channel 3 delivery share", K::kShape, 0.05, 0.20, channel_share(3)},
      {"t_order_item rows", K::kScaled, 602000, 0.03, count("sales_order__t_order_item")},
      {"paid USD orders Sat 2026-02-07", K::kScaled, 1349, 0.03, paid_usd_on("2026-02-07")},
      {"paid USD orders Mon 2026-02-09", K::kScaled, 3156, 0.03, paid_usd_on("2026-02-09")},
      {"paid USD orders Tue 2026-02-10", K::kScaled, 3316, 0.03, paid_usd_on("2026-02-10")},
      {"paid USD orders Wed 2026-02-11", K::kScaled, 3048, 0.03, paid_usd_on("2026-02-11")},
      {"production stores", K::kOwned, 10, 0, count("opshop__t_shop_info", "tenant = 'LKUS' AND status IN (2, 3)")},
      {"product categories", K::kOwned, 8, 0,
       "SELECT COUNT(DISTINCT category) AS measured FROM scm_commodity__t_commodity_base_info"},
      {"Iced Coconut Latte average price (cents)", K::kShape, 322, 0.02,
       "SELECT CAST(SUM(pay_money) AS REAL) / SUM(quantity) AS measured FROM sales_order__t_order_item "
       "WHERE spu_name = 'Iced Coconut Latte' AND tenant = 'LKUS'"},
      {"coupon templates", K::kOwned, 1262, 0, count("sales_marketing__t_coupon_template")},
      {"t_user rows", K::kScaled, 275000, 0.03, count("sales_crm__t_user")},
      {"t_user_profile rows", K::kScaled, 193000, 0.03, count("sales_crm__t_user_profile")},
      {"t_user_history rows", K::kScaled, 498000, 0.03, count("sales_crm__t_user_history")},
      {"t_user_state rows", K::kScaled, 980000, 0.03, count("isales_cdp__t_user_state")},
      {"t_realtime_user_group_log rows", K::kScaled, 2300000, 0.03, count("isales_cdp__t_realtime_user_group_log")},
      {"t_user_event_track rows", K::kScaled, 168000, 0.03, count("isales_cdp__t_user_event_track")},
      {"t_coupon_record rows", K::kScaled, 2600000, 0.03, count("sales_marketing__t_coupon_record")},
      {"t_coupon_record_expired rows", K::kScaled, 37000000, 0.03, count("sales_marketing__t_coupon_record_expired")},
      {"t_user_group_label rows", K::kScaled, 3900000, 0.03, count("sales_marketing__t_user_group_label")},
      {"t_market_activity_partake rows", K::kScaled, 514000, 0.03, count("sales_marketing__t_market_activity_partake")},
      {"t_user_hit_experiment_record rows", K::kScaled, 6400000, 0.03,
       count("isalesdatamarketing__t_user_hit_experiment_record")},
      {"t_acc_income_bill rows", K::kCalendar, 136000, 0.03, count("ifiaccounting__t_acc_income_bill")},
      {"t_acc_cost_bill rows", K::kCalendar, 5649, 0, count("ifiaccounting__t_acc_cost_bill")},
      {"luckyus_fi_tax rows", K::kOwned, 0, 0,
       "SELECT (SELECT COUNT(*) FROM fi_tax__t_tax_invoice) + (SELECT COUNT(*) FROM "
       "fi_tax__t_tax_invoice_item) + (SELECT COUNT(*) FROM fi_tax__t_tax_declaration) AS measured"},
      {"t_production rows", K::kScaled, 502000, 0.03, count("opproduction__t_production")},
      {"t_commodity rows", K::kScaled, 567000, 0.03, count("opproduction__t_commodity")},
      {"mean production time (s)", K::kShape, 217.9, 0.02,
       "SELECT AVG(strftime('%s', done_time) - strftime('%s', accept_time)) AS measured FROM "
       "opproduction__t_production WHERE done_time IS NOT NULL"},
      {"longest production time (h)", K::kShape, 0, 0,
       "SELECT MAX(strftime('%s', done_time) - strftime('%s', accept_time)) / 3600.0 AS measured FROM "
       "opproduction__t_production WHERE done_time IS NOT NULL", 2.0, 3.0},
      {"machines", K::kOwned, 216, 0, count("iot_platform__t_device")},
      {"machine types", K::kOwned, 14, 0, "SELECT COUNT(DISTINCT machine_type) AS measured FROM iot_platform__t_device"},
      {"Schaerer machines", K::kOwned, 216, 0, count("iot_platform__t_device", "brand = 'Schaerer'")},
      {"machines offline (mixed online/offline)", K::kShape, 0, 0, count("iot_platform__t_device", "online_status = 0"),
       1, 215},
      {"t_cup_order_info rows", K::kScaled, 587000, 0.03, count("iot_platform__t_cup_order_info")},
      {"coffee formulas", K::kOwned, 217, 0, count("iot_platform__t_coffee_formula")},
      {"t_formula_spu rows", K::kOwned, 32000, 0.03, count("scm_commodity__t_formula_spu")},
      {"goods", K::kOwned, 1448, 0, count("scm_commodity__t_mdm_goods")},
      {"t_shop_opening_time rows", K::kCalendar, 135000, 0.03, count("opshop__t_shop_opening_time")},
      {"t_shop_goods_stock rows", K::kCalendar, 150000, 0.03, count("scm_shopstock__t_shop_goods_stock")},
      {"wh_goods_daily_demand_pred rows", K::kCalendar, 2500000, 0.03, count("ireplenishment__wh_goods_daily_demand_pred")},
      {"t_order_predict_alg_v2 rows", K::kCalendar, 124000, 0.03, count("ireplenishment__t_order_predict_alg_v2")},
      // Purchasing has a floor (max(18, 694 x scale) orders): exact at scale 1.
      {"purchase orders", K::kCalendar, 694, 0, count("scm_purchase__t_purchase_order")},
      {"ship orders", K::kCalendar, 1670, 0, count("scm_purchase__t_ship_order")},
      {"supplier settlements", K::kCalendar, 1363, 0, count("scm_purchase__t_supplier_settlement")},
  };
  // Weekdays 1M+ each; Saturday and Sunday follow the weekend's order volume
  // (under half a weekday's), 0.4M-0.6M each, with no padding rows.
  for (const char* day : {"mon", "tue", "wed", "thu", "fri"}) {
    f.push_back({std::string("t_shop_goods_stock_change_") + day + " rows (1M+)", K::kCalendar, 0, 0,
                 count(std::string("scm_shopstock__t_shop_goods_stock_change_") + day), 1000000, 2500000});
  }
  for (const char* day : {"sat", "sun"}) {
    f.push_back({std::string("t_shop_goods_stock_change_") + day + " rows (0.4M-0.6M)", K::kCalendar, 0, 0,
                 count(std::string("scm_shopstock__t_shop_goods_stock_change_") + day), 400000, 600000});
  }
  return f;
}

// The payment channel table of the catalog, checked through the fee scan that
// payment-fees reports (domain/payment_fees.h), so that what it reports is
// what is calibrated.
struct ChannelFigure {
  int channel_id;
  double transactions;
  double revenue_dollars;
};

const std::vector<ChannelFigure> kChannels = {
    {53, 205988, 917232}, {6, 168286, 753165}, {51, 30901, 153927}, {3, 27301, 136363},
    {1, 29163, 100710},   {52, 17829, 82992},  {5, 12232, 57078},   {91, 12682, 56875},
    {54, 1737, 11688},    {55, 198, 892},      {92, 5, 188},
};

FigureCheck judge(const std::string& name, double expected, double measured, double tolerance,
                  bool checked, const std::string& text) {
  FigureCheck c{name, text, expected, measured, checked, false};
  c.ok = tolerance == 0 ? std::llround(measured) == std::llround(expected)
                        : std::fabs(measured - expected) <= tolerance * std::fabs(expected);
  return c;
}

// At small scales counts are small: widen the tolerance to three standard
// deviations of a Poisson count, never below the stated one.
double tolerance_at(double stated, double expected, double scale) {
  if (stated == 0 || scale >= 1 || expected <= 0) return stated;
  return std::max(stated, 3.0 / std::sqrt(expected));
}

// One figure of figures(), measured in the warehouse.
FigureCheck check_figure(Warehouse& warehouse, const Figure& f, double scale, bool full) {
  const ResultSet r = warehouse.query(f.sql);
  const double measured = r.empty() ? 0 : r.row(0).number("measured");
  const bool checked = full || f.kind != FigureKind::kCalendar;
  char text[64];
  if (f.hi > f.lo) {
    std::snprintf(text, sizeof text, "%g to %g", f.lo, f.hi);
    return FigureCheck{f.name, text, (f.lo + f.hi) / 2, measured, checked, measured >= f.lo && measured <= f.hi};
  }
  double expected = f.at_scale_1;
  if (f.kind == FigureKind::kScaled) expected = std::round(f.at_scale_1 * scale);
  std::snprintf(text, sizeof text, f.tolerance == 0 ? "%.10g" : "%.10g +-%g%%", f.at_scale_1, f.tolerance * 100);
  return judge(f.name, expected, measured,
               f.kind == FigureKind::kScaled ? tolerance_at(f.tolerance, expected, scale) : f.tolerance, checked,
               text);
}

// Every channel of kChannels and the annualised fees, from the channel costs
// of the whole simulated period.
void check_channels(Warehouse& warehouse, double scale, bool full, std::vector<FigureCheck>& checks) {
  const Date start = Date::parse(warehouse.meta("start"));
  const Date as_of = Date::parse(warehouse.meta("as_of"));
  const auto costs = fees::channel_costs(warehouse, {start, as_of}, "USD");
  for (const ChannelFigure& figure : kChannels) {
    const fees::ChannelCost* found = nullptr;
    for (const auto& c : costs) {
      if (c.channel_id == figure.channel_id) found = &c;
    }
    const std::string id = "channel " + std::to_string(figure.channel_id);
    const double n = std::round(figure.transactions * scale);
    const double revenue = std::round(figure.revenue_dollars * 100 * scale);
    // A channel with a handful of payments at this scale has no meaningful
    // revenue figure (5 gift-card trades at scale 1 are 0 at scale 0.02).
    const bool enough = full || n >= 30;
    checks.push_back(judge(id + " transactions", n, found ? found->transactions : 0,
                           tolerance_at(0.01, n, scale), true, std::to_string(static_cast<int>(figure.transactions)) + " +-1%"));
    checks.push_back(judge(id + " revenue (cents)", revenue, found ? found->revenue_cents : 0,
                           tolerance_at(0.01, n, scale), enough, "$" + std::to_string(static_cast<int>(figure.revenue_dollars)) + " +-1%"));
  }
  int64_t fee_cents = 0;
  for (const auto& c : costs) fee_cents += c.fee_cents;
  const double annual_dollars = static_cast<double>(fee_cents) / 100.0 * 365.0 / (as_of - start) / scale;
  checks.push_back(FigureCheck{"annualised fees at scale 1 ($)", "50K to 80K", 65000, annual_dollars, true,
                               annual_dollars >= 50000 && annual_dollars <= 80000});
}

}  // namespace

std::vector<FigureCheck> check_calibration(Warehouse& warehouse) {
  const double scale = std::strtod(warehouse.meta("scale").c_str(), nullptr);
  if (!(scale > 0)) throw Error("warehouse " + warehouse.location() + " records no simulation scale");
  const bool full = std::fabs(scale - 1.0) < 1e-9;
  std::vector<FigureCheck> checks;
  for (const Figure& f : figures()) checks.push_back(check_figure(warehouse, f, scale, full));
  check_channels(warehouse, scale, full, checks);
  return checks;
}

}  // namespace luckyhub::calibration
