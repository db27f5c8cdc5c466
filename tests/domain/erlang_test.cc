// Erlang C and Erlang A against textbook vectors: 10 Erlangs (200 arrivals
// per hour, AHT 180 s), a 20 s target answer time.
#include "domain/erlang.h"

#include <gtest/gtest.h>

#include "core/error.h"

namespace luckyhub::erlang {
namespace {

const Demand kTenErlangs{.rate_per_hour = 200, .aht_s = 180};

TEST(ErlangC, ThirteenAgents) {
  const Performance p = performance(kTenErlangs, 13, 20);
  EXPECT_NEAR(p.service_level, 0.795595, 5e-7);
  EXPECT_NEAR(p.asa_s, 17.1162, 5e-5);
  EXPECT_FALSE(p.p_abandon);
}

TEST(ErlangC, FourteenAgents) {
  const Performance p = performance(kTenErlangs, 14, 20);
  EXPECT_NEAR(p.service_level, 0.888350, 5e-7);
  EXPECT_NEAR(p.p_wait, 0.174132, 5e-7);
  EXPECT_NEAR(p.asa_s, 7.8359, 5e-5);
  EXPECT_NEAR(p.occupancy, 10.0 / 14, 1e-12);
}

TEST(ErlangC, TooFewAgentsNeverCatchUp) {
  const Performance p = performance(kTenErlangs, 10, 20);
  EXPECT_EQ(p.p_wait, 1);
  EXPECT_EQ(p.service_level, 0);
}

TEST(ErlangC, RequirementWithShrinkageAndMaximumOccupancy) {
  const Requirement r =
      required(kTenErlangs, Target{.answer_s = 20, .service_level = 0.8, .max_occupancy = 0.85, .shrinkage = 0.3});
  EXPECT_EQ(r.at.agents, 14);
  EXPECT_EQ(r.positions, 20);
  // 13 agents give 0.795595, 14 give 0.888350: 0.8 is 0.0475 of the way.
  EXPECT_NEAR(r.fractional_agents, 13.047493, 5e-6);
  EXPECT_NEAR(r.fractional_positions, 13.047493 / 0.7, 1e-5);
}

TEST(ErlangC, MaximumOccupancyCanBindBeforeTheServiceLevel) {
  // 13 agents meet a 0.75 service level; 10 / 13 = 0.77 > 0.7 needs 15 agents.
  const Requirement r = required(kTenErlangs, Target{.service_level = 0.75, .max_occupancy = 0.7});
  EXPECT_EQ(r.at.agents, 15);
  EXPECT_NEAR(r.fractional_agents, 10 / 0.7, 1e-9);
}

TEST(ErlangC, NoDemandNeedsNobody) {
  const Requirement r = required(Demand{.rate_per_hour = 0, .aht_s = 180}, Target{});
  EXPECT_EQ(r.at.agents, 0);
  EXPECT_EQ(r.positions, 0);
  EXPECT_EQ(r.fractional_positions, 0);
}

TEST(ErlangA, FiveMinutePatienceFourteenAgents) {
  Demand d = kTenErlangs;
  d.patience_s = 300;
  const Performance p = performance(d, 14, 20);
  EXPECT_NEAR(p.service_level, 0.916792, 5e-7);
  ASSERT_TRUE(p.p_abandon);
  EXPECT_NEAR(*p.p_abandon, 0.013984, 5e-7);
  // Walking away shortens the queue: fewer wait than under Erlang C.
  EXPECT_LT(p.p_wait, 0.174132);
  EXPECT_NEAR(p.occupancy, 10 * (1 - *p.p_abandon) / 14, 1e-12);
}

TEST(ErlangA, LongPatienceApproachesErlangC) {
  Demand d = kTenErlangs;
  d.patience_s = 1e9;
  const Performance p = performance(d, 14, 20);
  EXPECT_NEAR(p.service_level, 0.888350, 1e-5);
  EXPECT_NEAR(p.asa_s, 7.8359, 1e-3);  // nobody walks away: answered = everyone
}

TEST(Erlang, RefusesBadInputsNamingThem) {
  EXPECT_THROW(required(Demand{.rate_per_hour = -1, .aht_s = 180}, Target{}), Error);
  EXPECT_THROW(required(kTenErlangs, Target{.service_level = 1}), Error);
  EXPECT_THROW(required(kTenErlangs, Target{.shrinkage = 1}), Error);
  try {
    required(Demand{.rate_per_hour = 10, .aht_s = 0}, Target{});
    FAIL();
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("handling time"), std::string::npos);
  }
}

}  // namespace
}  // namespace luckyhub::erlang
