// RFM scoring as pymc-marketing's rfm_segments: its six-customer example
// (one segment each), one more customer by its bins, bins collapsing with a
// warning, quintiles.
#include <gtest/gtest.h>

#include "core/error.h"
#include "domain/rfm.h"

namespace luckyhub {
namespace {

// pymc-marketing's transactions, ending at the last one (2015-02-06),
// summarised by hand: days since the last purchase, purchase days, mean spend
// per purchase day (customer 4 bought twice on 02-05: one day of 9).
const std::vector<rfm::Customer> kSixCustomers = {
    {.recency_days = 0, .frequency = 2, .monetary = 1.5},   // 01-01 1, 02-06 2
    {.recency_days = 36, .frequency = 1, .monetary = 2},    // 01-01 2
    {.recency_days = 32, .frequency = 3, .monetary = 3},    // 01-01 3, 01-02 1, 01-05 5
    {.recency_days = 1, .frequency = 3, .monetary = 6},     // 01-16 6, 02-02 3, 02-05 3+6
    {.recency_days = 19, .frequency = 3, .monetary = 4},    // 01-16 3, 01-17 1, 01-18 8
    {.recency_days = 4, .frequency = 1, .monetary = 5},     // 02-02 5
};

TEST(Rfm, PymcMarketingSixCustomers) {
  const rfm::Scoring s = rfm::score(kSixCustomers);
  std::vector<std::string> segments, codes;
  for (const rfm::Score& sc : s.scores) {
    segments.push_back(sc.segment);
    codes.push_back(sc.code);
  }
  EXPECT_EQ(segments, (std::vector<std::string>{"Other", "Inactive Customer", "At Risk Customer", "Premium Customer",
                                                "Repeat Customer", "Top Spender"}));
  // Frequency's quartile edges 1, 1.25, 2.5, 3, 3: the last two coincide.
  EXPECT_EQ(codes, (std::vector<std::string>{"421", "111", "132", "434", "233", "314"}));
  EXPECT_EQ(s.bins_f, 3);
  ASSERT_EQ(s.warnings.size(), 1u);
  EXPECT_EQ(s.warnings[0], "frequency: 1 bin edges coincide, scores do not exceed 3");
}

// One more customer scored by the six's bins. Recency edges 0, 1.75, 11.5,
// 28.75, 36: 40 lies past the top, the oldest bin (r 1). Frequency's 1, 1.25,
// 2.5, 3: 5 in the top of its three bins (f 3). Monetary's 1.5, 2.25, 3.5,
// 4.75, 6: 2.5 in the second (m 2). 132 is an At Risk code.
TEST(Rfm, OneMoreCustomerByTheBinsEdges) {
  const rfm::Scoring s = rfm::score(kSixCustomers);
  const rfm::Score one = rfm::score_one(s, {.recency_days = 40, .frequency = 5, .monetary = 2.5});
  EXPECT_EQ(one.code, "132");
  EXPECT_EQ(one.segment, "At Risk Customer");
  for (size_t i = 0; i < kSixCustomers.size(); ++i)  // each of the six: its own score
    EXPECT_EQ(rfm::score_one(s, kSixCustomers[i]).code, s.scores[i].code) << i;
}

TEST(Rfm, BinsCollapseToTwo) {
  // pymc-marketing's warning case: frequencies 2, 1, 2, 2, 3 give edges 1, 2, 2, 2, 3.
  int bins = 0;
  const std::vector<int> b = rfm::quantile_bins({2, 1, 2, 2, 3}, 4, &bins);
  EXPECT_EQ(bins, 2);
  EXPECT_EQ(b, (std::vector<int>{0, 0, 0, 0, 1}));
  EXPECT_EQ(rfm::quantile_bins({5, 5, 5}, 4, &bins), (std::vector<int>{0, 0, 0}));
  EXPECT_EQ(bins, 1);
}

TEST(Rfm, QuintilesScoreOneToFive) {
  std::vector<rfm::Customer> customers;
  for (int i = 0; i < 10; ++i)
    customers.push_back({.recency_days = static_cast<double>(i), .frequency = static_cast<double>(i + 1),
                         .monetary = static_cast<double>(10 * (i + 1))});
  const rfm::Scoring s = rfm::score(customers, 5);
  EXPECT_TRUE(s.warnings.empty());
  EXPECT_EQ(s.scores.front().code, "511");  // the most recent, the least frequent, the least spent
  EXPECT_EQ(s.scores.back().code, "155");
  EXPECT_EQ(s.scores.front().segment, "Inactive Customer");  // two variables in the bottom bin
  EXPECT_EQ(s.scores.back().segment, "Repeat Customer");
  EXPECT_THROW(rfm::score(customers, 3), Error);
}

}  // namespace
}  // namespace luckyhub
