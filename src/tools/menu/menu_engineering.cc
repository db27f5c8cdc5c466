#include "tools/menu/menu_engineering.h"

namespace luckyhub::menu {

const char* to_string(MenuClass c) {
  switch (c) {
    case MenuClass::kStar: return "Star";
    case MenuClass::kPlowhorse: return "Plowhorse";
    case MenuClass::kPuzzle: return "Puzzle";
    case MenuClass::kDog: return "Dog";
  }
  return "?";
}

MenuClass menu_class(bool popular, bool profitable) {
  if (popular) return profitable ? MenuClass::kStar : MenuClass::kPlowhorse;
  return profitable ? MenuClass::kPuzzle : MenuClass::kDog;
}

MenuMatrix classify(const std::vector<MenuItem>& items) {
  MenuMatrix m;
  MenuThresholds& t = m.thresholds;
  t.items = static_cast<int>(items.size());
  for (const MenuItem& item : items) {
    t.total_sold += item.sold;
    t.margin_sold += static_cast<double>(item.sold) * item.margin;
  }
  if (t.items > 0) t.popularity_cut = kPopularityFactor / t.items;
  if (t.total_sold > 0) t.average_margin = t.margin_sold / static_cast<double>(t.total_sold);
  for (const MenuItem& item : items) {
    ClassifiedItem c;
    c.share = t.total_sold > 0 ? static_cast<double>(item.sold) / static_cast<double>(t.total_sold) : 0;
    c.popular = t.total_sold > 0 && c.share >= t.popularity_cut;
    c.profitable = t.total_sold > 0 && item.margin >= t.average_margin;
    c.cls = menu_class(c.popular, c.profitable);
    m.items.push_back(c);
  }
  return m;
}

}  // namespace luckyhub::menu
