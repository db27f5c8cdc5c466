// Menu engineering (Kasavana & Smith, 1982): each item of a menu (a category)
// sorted into one of four classes by its popularity and its contribution
// margin, each measured against the menu's own threshold:
//
//   popular     when its mix share (sold / all sold) >= 70% x (1 / items);
//   profitable  when its margin (price - cost, per unit) >= the menu's
//               average margin weighted by units sold (sum sold x margin /
//               sum sold).
//
//   Star = popular and profitable, Plowhorse = popular only, Puzzle =
//   profitable only, Dog = neither.
//
// Not a median split nor an unweighted mean: the popularity cut depends on
// how many items compete, and the margin cut on what the menu actually earns.
// Pure: no warehouse, no I/O.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace luckyhub::menu {

enum class MenuClass { kStar, kPlowhorse, kPuzzle, kDog };
const char* to_string(MenuClass c);  // "Star", "Plowhorse", "Puzzle", "Dog"

// The popularity factor of the method: an item is popular from 70% of an
// equal share.
inline constexpr double kPopularityFactor = 0.70;

struct MenuItem {
  int64_t sold = 0;    // units in the period
  double margin = 0;   // contribution margin per unit (price - cost), any unit of money
};

// The thresholds of one menu, with the figures they come from (the report
// shows this arithmetic).
struct MenuThresholds {
  int items = 0;
  int64_t total_sold = 0;
  double margin_sold = 0;       // sum of sold x margin
  double average_margin = 0;    // margin_sold / total_sold
  double popularity_cut = 0;    // kPopularityFactor / items, a share
};

struct ClassifiedItem {
  double share = 0;  // sold / total_sold
  bool popular = false, profitable = false;
  MenuClass cls = MenuClass::kDog;
};

struct MenuMatrix {
  MenuThresholds thresholds;
  std::vector<ClassifiedItem> items;  // in the order given
};

// Classifies every item against the menu's thresholds. An empty menu, or one
// that sold nothing, has every share 0 (and so no popular item). REQUIRES:
// sold >= 0.
MenuMatrix classify(const std::vector<MenuItem>& items);

// The class of a popular / profitable pair.
MenuClass menu_class(bool popular, bool profitable);

}  // namespace luckyhub::menu
