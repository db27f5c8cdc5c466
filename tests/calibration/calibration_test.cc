// The small shared simulation meets every calibration figure that applies
// at its scale (volumes scaled, owned counts exact; calendar-driven tables are
// checked at scale 1 only, by `luckyhub calibration` in bench/).
#include "calibration/calibration.h"

#include <gtest/gtest.h>

#include "core/error.h"
#include "support/shared_sim.h"
#include "support/tiny_warehouse.h"

namespace luckyhub {
namespace {

TEST(Calibration, SmallScaleMeetsEveryScaledFigure) {
  auto wh = testing::open_shared_warehouse();
  const std::vector<calibration::FigureCheck> checks = calibration::check_calibration(*wh);
  int checked = 0;
  for (const calibration::FigureCheck& c : checks) {
    if (!c.checked) continue;
    ++checked;
    EXPECT_TRUE(c.ok) << c.name << ": expected " << c.expected << " (" << c.expected_text << "), measured "
                      << c.measured;
  }
  EXPECT_GT(checked, 40);  // the owned counts, the scaled volumes and every channel
}

// Expected volumes follow the warehouse's scale; a warehouse that is not a
// simulation (no recorded scale) is refused with an error, not judged.
TEST(Calibration, ScalesTheFiguresAndRefusesAWarehouseWithoutAScale) {
  auto wh = testing::open_shared_warehouse();
  bool found = false;
  for (const calibration::FigureCheck& c : calibration::check_calibration(*wh)) {
    if (c.name != "t_order rows") continue;
    found = true;
    EXPECT_TRUE(c.checked);
    EXPECT_NEAR(c.expected, 516000 * 0.02, 1);
  }
  EXPECT_TRUE(found);
  testing::TinyWarehouse tiny("2026-01-01", "2026-02-01");
  tiny.add("luckyus_sales_order", "t_order", {{"id", int64_t{1}}});
  auto not_simulated = tiny.open();
  EXPECT_THROW(calibration::check_calibration(*not_simulated), Error);
}

}  // namespace
}  // namespace luckyhub
