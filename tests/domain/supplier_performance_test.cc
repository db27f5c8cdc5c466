#include "domain/supplier_performance.h"

#include <gtest/gtest.h>

#include <vector>

namespace luckyhub::supply {
namespace {

const Date kAsOf = Date::from_ymd(2026, 2, 13);
Date day(int d) { return Date::from_ymd(2026, 2, d); }

OrderDelivery order(int promised, int shipments, int arrived, std::optional<int> last,
                    std::vector<OrderLine> lines) {
  return {day(promised), shipments, arrived, last ? std::optional(day(*last)) : std::nullopt, std::move(lines)};
}

// Six hand-made orders, as-of 2026-02-13:
//   A promised 02-05, 2/2 arrived, last 02-05, lines 10/10 and 5/5   -> on time, in full: OTIF
//   B promised 02-05, 1/1 arrived, last 02-07, line 10/10            -> late, in full
//   C promised 02-06, 2/2 arrived, last 02-04, lines 10/8 and 4/4    -> on time, short: not in full
//   D promised 02-08, 1/2 arrived (one still out)                    -> due, not delivered: neither
//   E promised 02-13 (as-of itself), nothing arrived                 -> not due: not judged
//   F promised 02-10, 1/1 arrived, last 02-10, line 6/7 (over)       -> on time, in full: OTIF
// Due: A B C D F = 5. On time: A C F = 3. Delivered: A B C F = 4. In full:
// A B F = 3. OTIF: A F = 2, so OTIF 2/5 = 0.4, on time 3/5 = 0.6, in full
// 3/4 = 0.75. Fill over the delivered lines: ordered 10+5+10+10+4+6 = 45,
// filled 10+5+10+8+4+6 = 43 (F's extra unit does not count): 43/45.
std::vector<OrderDelivery> hand_made() {
  return {order(5, 2, 2, 5, {{10, 10}, {5, 5}}), order(5, 1, 1, 7, {{10, 10}}),
          order(6, 2, 2, 4, {{10, 8}, {4, 4}}),  order(8, 2, 1, 6, {{10, 5}}),
          order(13, 1, 0, std::nullopt, {{3, 0}}), order(10, 1, 1, 10, {{6, 7}})};
}

TEST(SupplierPerformance, OtifNeedsBothConditionsOnDueOrders) {
  const OtifCounts c = otif(hand_made(), kAsOf);
  EXPECT_EQ(c.due, 5);
  EXPECT_EQ(c.on_time, 3);
  EXPECT_EQ(c.delivered, 4);
  EXPECT_EQ(c.in_full, 3);
  EXPECT_EQ(c.otif, 2);
  EXPECT_DOUBLE_EQ(*c.otif_rate(), 0.4);
  EXPECT_DOUBLE_EQ(*c.on_time_rate(), 0.6);
  EXPECT_DOUBLE_EQ(*c.in_full_rate(), 0.75);
  EXPECT_DOUBLE_EQ(*c.fill_rate(), 43.0 / 45.0);
}

TEST(SupplierPerformance, VerdictOfEachOrder) {
  const std::vector<OrderDelivery> o = hand_made();
  EXPECT_TRUE(judge(o[0], kAsOf).otif());
  const OrderVerdict late = judge(o[1], kAsOf);
  EXPECT_TRUE(late.in_full);
  EXPECT_FALSE(late.on_time);
  const OrderVerdict short_shipped = judge(o[2], kAsOf);
  EXPECT_TRUE(short_shipped.on_time);
  EXPECT_FALSE(short_shipped.in_full);
  const OrderVerdict waiting = judge(o[3], kAsOf);
  EXPECT_TRUE(waiting.due);
  EXPECT_FALSE(waiting.delivered || waiting.on_time || waiting.in_full);
  EXPECT_FALSE(judge(o[4], kAsOf).due);
}

TEST(SupplierPerformance, NoDueOrdersGiveNoRates) {
  const OtifCounts c = otif({order(20, 1, 0, std::nullopt, {{1, 0}})}, kAsOf);
  EXPECT_EQ(c.due, 0);
  EXPECT_FALSE(c.otif_rate());
  EXPECT_FALSE(c.in_full_rate());
  EXPECT_FALSE(c.fill_rate());
}

// Ten lead times 3 4 4 5 5 5 6 7 9 12: mean 60/10 = 6; squared deviations
// 9 4 4 1 1 1 0 1 9 36 = 66, sample variance 66/9, stdev sqrt(7.333…) =
// 2.70801…; p90 nearest rank: ceil(0.9 × 10) = 9th value = 9.
TEST(SupplierPerformance, LeadTimeMeanStdevAndP90) {
  const auto s = lead_time_stats({12, 5, 3, 4, 9, 5, 6, 4, 7, 5});
  ASSERT_TRUE(s);
  EXPECT_EQ(s->n, 10);
  EXPECT_DOUBLE_EQ(s->mean, 6.0);
  EXPECT_NEAR(s->stdev, 2.7080128, 1e-6);
  EXPECT_EQ(s->p90, 9);
  EXPECT_EQ(s->min, 3);
  EXPECT_EQ(s->max, 12);
}

TEST(SupplierPerformance, LeadTimeOfOneAndOfNone) {
  const auto one = lead_time_stats({4});
  ASSERT_TRUE(one);
  EXPECT_EQ(one->stdev, 0.0);
  EXPECT_EQ(one->p90, 4);
  EXPECT_FALSE(lead_time_stats({}));
  // 11 values 1..11: ceil(9.9) = 10th = 10.
  EXPECT_EQ(nearest_rank({1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, 0.9), 10);
}

}  // namespace
}  // namespace luckyhub::supply
