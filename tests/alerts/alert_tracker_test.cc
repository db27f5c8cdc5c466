// The alert state machine with known inputs: pending, the `for` duration,
// firing, blips, resolution, re-activation, and pairs not evaluated.
#include "alerts/alert_tracker.h"

#include <gtest/gtest.h>

namespace luckyhub::alerts {
namespace {

RuleSet rules() {
  RuleSet s;
  s.rules = {{"ConnectionsNearMax", RuleKind::kConnections, 0.8, 120, "warning"},
             {"TableGrowthWeekOverWeek", RuleKind::kTableGrowth, 0.2, 0, "warning"}};
  return s;
}

Evaluation connections(bool active, const std::string& instance = "db1") {
  Evaluation e;
  e.evaluated.insert({"ConnectionsNearMax", instance});
  if (active) e.active.push_back({"ConnectionsNearMax", instance, "", 0.9, 0.8, "90% of max"});
  return e;
}

std::vector<std::string> states(const std::vector<Transition>& t) {
  std::vector<std::string> out;
  for (const Transition& x : t) out.push_back(std::string(state_name(x.from)) + ">" + state_name(x.alert.state));
  return out;
}

TEST(AlertTracker, FiresOnlyAfterTheConditionHeldForItsDuration) {
  const RuleSet r = rules();
  AlertTracker t(r);
  EXPECT_EQ(states(t.update(1000, connections(true))), std::vector<std::string>{"inactive>pending"});
  EXPECT_TRUE(t.update(1060, connections(true)).empty());  // 60 s < for 120 s
  const auto fired = t.update(1120, connections(true));
  EXPECT_EQ(states(fired), std::vector<std::string>{"pending>firing"});
  EXPECT_EQ(fired[0].alert.active_since, 1000);
  EXPECT_EQ(fired[0].alert.changed, 1120);
  EXPECT_TRUE(t.update(1180, connections(true)).empty());  // stays firing
  const auto resolved = t.update(1240, connections(false));
  EXPECT_EQ(states(resolved), std::vector<std::string>{"firing>resolved"});
  EXPECT_EQ(t.alerts().begin()->second.state, AlertState::kResolved);
  // Back again: pending anew, with a new start.
  const auto again = t.update(1300, connections(true));
  EXPECT_EQ(states(again), std::vector<std::string>{"resolved>pending"});
  EXPECT_EQ(again[0].alert.active_since, 1300);
}

TEST(AlertTracker, ABlipShorterThanForNeverFires) {
  const RuleSet r = rules();
  AlertTracker t(r);
  t.update(1000, connections(true));
  EXPECT_EQ(states(t.update(1060, connections(false))), std::vector<std::string>{"pending>inactive"});
  EXPECT_TRUE(t.alerts().empty());
}

TEST(AlertTracker, ZeroForFiresInTheSameCycle) {
  const RuleSet r = rules();
  AlertTracker t(r);
  Evaluation e;
  e.evaluated.insert({"TableGrowthWeekOverWeek", "db1"});
  e.active.push_back({"TableGrowthWeekOverWeek", "db1", "s.t", 0.4, 0.2, "grew"});
  EXPECT_EQ(states(t.update(5, e)), (std::vector<std::string>{"inactive>pending", "pending>firing"}));
}

TEST(AlertTracker, AnAlertWhoseRuleWasNotEvaluatedKeepsItsState) {
  const RuleSet r = rules();
  AlertTracker t(r);
  Evaluation grow;
  grow.evaluated.insert({"TableGrowthWeekOverWeek", "db1"});
  grow.active.push_back({"TableGrowthWeekOverWeek", "db1", "s.t", 0.4, 0.2, "grew"});
  t.update(0, grow);
  // A cycle without table statistics: table rules not evaluated, nothing resolves.
  EXPECT_TRUE(t.update(60, connections(false)).empty());
  EXPECT_EQ(t.alerts().at({"TableGrowthWeekOverWeek", "db1", "s.t"}).state, AlertState::kFiring);
  // Another instance's evaluation does not resolve db1's alert either.
  t.update(120, connections(true));
  EXPECT_TRUE(t.update(180, connections(false, "db2")).empty());
}

TEST(AlertTracker, RestoresStateAndForgetsRemovedRules) {
  const RuleSet r = rules();
  AlertRecord firing{{"ConnectionsNearMax", "db1", ""}, AlertState::kFiring, "warning", 100, 220, 0.9, 0.8, "x"};
  AlertRecord gone{{"NoLongerARule", "db1", ""}, AlertState::kFiring, "warning", 100, 220, 1, 1, "y"};
  AlertTracker t(r, {firing, gone});
  EXPECT_EQ(t.alerts().size(), 1u);
  EXPECT_TRUE(t.update(300, connections(true)).empty());  // still firing, no new transition
  EXPECT_EQ(states(t.update(360, connections(false))), std::vector<std::string>{"firing>resolved"});
}

// A pending alert restored by a new process (`collect --once`, a restart)
// goes on from the time it was seen to hold: its first step counts from
// held_at under the same bound as any step (max_step_s 120 here).
TEST(AlertTracker, ARestoredPendingAlertGoesOnCountingItsHeldTime) {
  const RuleSet r = rules();  // ConnectionsNearMax: for 120 s
  const AlertRecord pending{{"ConnectionsNearMax", "db1", ""}, AlertState::kPending, "warning", 1000, 1000, 0.9, 0.8,
                            "x", /*held_s=*/60, /*held_at=*/1060};
  {
    AlertTracker t(r, {pending}, 120);
    const auto same = t.update(1090, connections(true));  // 60 + 30 s
    EXPECT_TRUE(same.empty());
    EXPECT_EQ(t.alerts().begin()->second.held_s, 90);
    EXPECT_EQ(t.alerts().begin()->second.held_at, 1090);
    EXPECT_EQ(states(t.update(1120, connections(true))), std::vector<std::string>{"pending>firing"});
  }
  {
    AlertTracker t(r, {pending}, 50);  // the clock an hour forward: one bounded step
    EXPECT_TRUE(t.update(4660, connections(true)).empty());
    EXPECT_EQ(t.alerts().begin()->second.held_s, 110);
  }
  {
    AlertTracker t(r, {pending}, 120);  // the clock an hour back: nothing counted
    EXPECT_TRUE(t.update(1060 - 3600, connections(true)).empty());
    EXPECT_EQ(t.alerts().begin()->second.held_s, 60);
  }
  {
    // A record from before held_at was kept counts from active_since, bounded.
    AlertRecord old = pending;
    old.held_s = 0;
    old.held_at = 0;
    AlertTracker t(r, {old}, 100);
    EXPECT_TRUE(t.update(1000 + 3600, connections(true)).empty());
    EXPECT_EQ(t.alerts().begin()->second.held_s, 100);
  }
}

}  // namespace
}  // namespace luckyhub::alerts
