// What the sales of a day should have used of each goods: the recipes (bills
// of materials) of the product variants sold, one definition for every tool
// that holds consumption against sales (inventory's consumption anomalies).
//
// The derived table kRecipeUseDay (recompute per shop and day):
//   shop_id, goods_id, biz_date   the New York day of payment
//   implied   Σ item quantity × the active recipe's dosage (status 1 rows of
//             t_formula_spu for the item's spu_id, cup_size and temperature),
//             in milli-units of the goods' stock unit
//   units     Σ item quantity of those items (the cups that used the goods)
// over the items of every paid order (rules::paid_order) of the LKUS tenant,
// whatever its currency: a store's stock serves every order it makes. An
// item whose variant has no active recipe uses nothing.
// A changed recipe row recomputes the days that sold its product.
#pragma once

#include <string_view>

namespace luckyhub::stock {

inline constexpr std::string_view kRecipeUseDay = "stock__recipe_use_day";

}  // namespace luckyhub::stock
