// Recipes (bills of materials): what one cup of each product variant
// consumes, and t_formula_spu, the recipe table with its version history
// (exactly 32,000 rows; older versions are obsolete, status 0).
//
// A drink has a variant per cup size (1..3) and temperature (1 hot, 2 iced);
// food has one (0, 0). Ingredients follow the product's category and name
// (a Coconut Latte takes coconut milk and coconut syrup), packaging follows
// size and temperature. Dosages are per cup and scale with size.
#include <algorithm>
#include <map>

#include "simulate/ops/ops_internal.h"

namespace luckyhub::sim::ops {
namespace {

constexpr int kFormulaSpuRows = 32000;

class GoodsIndex {
 public:
  explicit GoodsIndex(const OpsWorld& ops) {
    for (size_t i = 0; i < ops.goods.size(); ++i)
      if (ops.goods[i].stocked) by_name_.emplace(ops.goods[i].name, static_cast<int>(i));
  }
  int operator()(const std::string& name) const {
    auto it = by_name_.find(name);
    return it == by_name_.end() ? -1 : it->second;
  }

 private:
  std::map<std::string, int> by_name_;
};

bool has(const std::string& text, const char* word) { return text.find(word) != std::string::npos; }

// Flavour syrups and sauces named in a product name.
const std::pair<const char*, const char*> kFlavours[] = {
    {"Vanilla", "Vanilla Syrup"},     {"Caramel", "Caramel Sauce"},
    {"Hazelnut", "Hazelnut Syrup"},   {"Coconut", "Coconut Syrup"},
    {"Brown Sugar", "Brown Sugar Syrup"}, {"Velvet", "Velvet Syrup"},
    {"Toffee", "Toffee Nut Syrup"},   {"Pistachio", "Pistachio Syrup"},
    {"Lavender", "Lavender Syrup"},   {"Honey", "Honey Syrup"},
    {"Peppermint", "Peppermint Syrup"}, {"Cinnamon", "Cinnamon Dolce Syrup"},
    {"Mocha", "Chocolate Sauce"},     {"Chocolate", "Chocolate Sauce"},
    {"White", "White Chocolate Sauce"}, {"Raspberry", "Raspberry Syrup"},
    {"Peach", "Peach Syrup"},         {"Mango", "Mango Puree"},
    {"Passion", "Passion Fruit Puree"}, {"Strawberry", "Strawberry Puree"},
    {"Lychee", "Lychee Syrup"},       {"Jasmine", "Jasmine Syrup"},
    {"Maple", "Maple Syrup"},         {"Dragon", "Dragon Fruit Puree"},
    {"Pineapple", "Pineapple Juice"}, {"Orange", "Orange Juice"},
    {"Lemon", "Lemonade Base"},       {"Dulce", "Dulce de Leche Sauce"}};

const char* kToppings[] = {"Whipped Cream", "Cookie Crumble", "Sea Salt Cream Powder",
                           "Coconut Jelly", "Oat Crumble", "Chocolate Chips", "Graham Crumbs",
                           "Cinnamon Powder", "Cocoa Powder"};

std::vector<RecipeLine> drink_lines(const GoodsIndex& idx, const Product& p, int size, int temp) {
  std::vector<RecipeLine> lines;
  const double k = size == 1 ? 0.8 : size == 3 ? 1.25 : 1.0;
  auto add = [&](const std::string& name, double dosage, bool scaled = true) {
    const int g = idx(name);
    if (g < 0 || dosage <= 0) return;
    for (RecipeLine& l : lines)
      if (l.goods == g) return;
    lines.push_back({g, std::llround(dosage * (scaled ? k : 1.0) * kMilli)});
  };
  // A second step with a goods already used (a second shot, a top-up).
  auto add_step = [&](const std::string& name, double dosage) {
    const int g = idx(name);
    if (g >= 0) lines.push_back({g, std::llround(dosage * k * kMilli)});
  };
  const std::string& n = p.name;
  const std::string& c = p.category;
  const uint64_t h = hash64(n);
  const bool iced = temp == 2;
  // Packaging first: the cup, its label and (iced) the ice go in first.
  const char* sz = size == 1 ? "12oz" : size == 3 ? "20oz" : "16oz";
  add(std::string(iced ? "Cold Cup " : "Hot Cup ") + sz, 1, false);
  add("Cup Label Sticker", 1, false);
  if (iced || c == "Exfreezo") add(c == "Exfreezo" ? "Crushed Ice" : "Ice Cubes", 180);
  // The base of the drink.
  if (c == "Matcha") {
    add(has(n, "Ceremonial") || h % 3 == 0 ? "Matcha Powder Ceremonial" : "Matcha Powder Culinary", 4);
  } else if (c == "Cold Brew") {
    add(has(n, "Nitro") ? "Nitro Cold Brew Concentrate" : "Cold Brew Concentrate", 150);
  } else if (c == "Refreshers") {
    static const char* kBases[] = {"Green Tea Base", "Black Tea Base", "Jasmine Tea Base",
                                   "Butterfly Pea Base", "Hibiscus Base"};
    add(kBases[h % 5], 160);
  } else if (c == "Exfreezo") {
    add("Frappe Base Powder", 32);
    add("Espresso Roast Beans", 9);
  } else if (c == "Super Drink") {
    add(h % 2 ? "Energy Drink Base" : "Coconut Water", 180);
    add("Protein Powder", h % 3 == 0 ? 20 : 0);
    add("Espresso Roast Beans", 18);
  } else {
    // Two shots, two steps.
    const char* beans = has(n, "Decaf") ? "Decaf Espresso Beans"
                        : (h % 7 == 0 ? "Single Origin Ethiopia Beans" : "Espresso Roast Beans");
    add(beans, 9);
    add_step(beans, 9);
  }
  // Milk for lattes and most blended drinks.
  const bool black = has(n, "Americano") || has(n, "Espresso") || c == "Refreshers" ||
                     (c == "Cold Brew" && !has(n, "Cream") && !has(n, "Latte"));
  if (!black) {
    const char* milk = has(n, "Coconut") ? "Coconut Milk Barista"
                       : has(n, "Oat")   ? "Oat Milk Barista"
                       : has(n, "Almond") ? "Almond Milk Barista"
                       : has(n, "Skim")  ? "Skim Milk"
                                         : "Whole Milk";
    // Steamed or poured, then topped up.
    add(milk, c == "Cold Brew" ? 60 : 150);
    if (c != "Cold Brew") add_step(milk, 40);
  }
  if (c == "Cold Brew" && has(n, "Cream")) add("Sweet Cream Base", 40);
  if (has(n, "Cheese") || has(n, "Foam")) add("Cold Foam Base", 45);
  // Flavours named in the product, else the house sweetener.
  int flavours = 0;
  for (const auto& [word, goods] : kFlavours) {
    if (has(n, word) && flavours < 2) {
      add(goods, has(goods, "Sauce") ? 25 : has(goods, "Puree") ? 40 : 22);
      ++flavours;
    }
  }
  if (flavours == 0 && p.sugar_level > 0) add("Classic Cane Syrup", 8.0 * p.sugar_level);
  if (c == "Refreshers") add(h % 2 ? "Fresh Lemon" : "Fresh Strawberry", h % 2 ? 1 : 25, false);
  // A topping for dessert-like drinks.
  if (c == "Exfreezo" || h % 4 == 0) add(kToppings[(h >> 8) % 9], 12);
  if (c == "Exfreezo") add("Whipped Cream", 25);
  // Lid and the rest of the packaging.
  const bool small = size == 1;
  if (c == "Exfreezo") add("Dome Lid", 1, false);
  else add(iced ? (small ? "Cold Lid Flat 12oz" : "Cold Lid Flat 16-20oz")
                : (small ? "Hot Lid 12oz" : "Hot Lid 16-20oz"), 1, false);
  if (iced || c == "Exfreezo") {
    add("Paper Straw", 1, false);
  } else {
    add("Cup Sleeve", 1, false);
    add("Sip Stopper", 1, false);
    add("Stir Stick", 1, false);
  }
  return lines;
}

std::vector<RecipeLine> food_lines(const OpsWorld& ops, const GoodsIndex& idx, const Product& p) {
  std::vector<RecipeLine> lines;
  for (size_t i = 0; i < ops.goods.size(); ++i) {
    const Goods& g = ops.goods[i];
    if (g.goods_type == 4 && g.stocked && g.name.rfind(p.name + " (", 0) == 0) {
      lines.push_back({static_cast<int>(i), 1 * kMilli});
      break;
    }
  }
  const uint64_t h = hash64(p.name);
  lines.push_back({idx(h % 2 ? "Food Wrap Paper" : "Food Box"), 1 * kMilli});
  return lines;
}

std::string formula_no(const Product& p, int size, int temp, int version) {
  return "RF" + std::to_string(p.commodity_id) + "-" + std::to_string(size) +
         std::to_string(temp) + "-V" + std::to_string(version);
}

}  // namespace

void build_recipes(SimContext& ctx) {
  OpsWorld& ops = ctx.world.ops;
  const auto& products = ctx.world.sales.products;
  const GoodsIndex idx(ops);
  ops.recipes_of_product.assign(products.size(), {});
  for (size_t pi = 0; pi < products.size(); ++pi) {
    const Product& p = products[pi];
    auto add = [&](int size, int temp, std::vector<RecipeLine> lines) {
      Recipe r;
      r.product = static_cast<int>(pi);
      r.cup_size = size;
      r.temperature = temp;
      r.lines = std::move(lines);
      ops.recipes_of_product[pi].push_back(static_cast<int>(ops.recipes.size()));
      ops.recipes.push_back(std::move(r));
    };
    if (!p.drink) {
      add(0, 0, food_lines(ops, idx, p));
      continue;
    }
    for (int temp : {p.iced ? 2 : 1, p.iced ? 1 : 2})
      for (int size : {2, 1, 3}) add(size, temp, drink_lines(idx, p, size, temp));
  }
  for (const char* name : {"Napkin", "Order Receipt Label", "Paper Bag Small"}) {
    const int g = idx(name);
    if (g >= 0) ops.order_packaging.push_back(g);
  }
  // Version history: older versions are spread round-robin over the variants
  // until the table holds exactly kFormulaSpuRows rows.
  int64_t rows = 0;
  for (const Recipe& r : ops.recipes) rows += static_cast<int64_t>(r.lines.size());
  for (size_t i = 0; rows < kFormulaSpuRows && !ops.recipes.empty(); i = (i + 1) % ops.recipes.size()) {
    Recipe& r = ops.recipes[i];
    rows += static_cast<int64_t>(r.lines.size());
    ++r.version;
  }
  for (Recipe& r : ops.recipes) {
    r.formula_no = formula_no(products[r.product], r.cup_size, r.temperature, r.version);
  }
}

int find_recipe(const OpsWorld& ops, int product, int cup_size, int temperature) {
  if (product < 0 || product >= static_cast<int>(ops.recipes_of_product.size())) return -1;
  const auto& list = ops.recipes_of_product[product];
  int best = -1, best_score = -1;
  for (int r : list) {
    const Recipe& x = ops.recipes[r];
    const int score = (x.temperature == temperature) * 2 + (x.cup_size == cup_size);
    if (score > best_score) best = r, best_score = score;
  }
  return best;
}

void write_formula_spu(SimContext& ctx) {
  const OpsWorld& ops = ctx.world.ops;
  const auto& products = ctx.world.sales.products;
  RowSink& s = ctx.out.sink("luckyus_scm_commodity", "t_formula_spu");
  const CommonColumns cc(s);
  const int c_no = s.col("formula_no"), c_spu = s.col("spu_id"), c_size = s.col("cup_size"),
            c_temp = s.col("temperature"), c_step = s.col("step_no"), c_goods = s.col("goods_id"),
            c_dosage = s.col("dosage"), c_unit = s.col("unit"), c_version = s.col("version"),
            c_status = s.col("status");
  Rng rng = ctx.rng("ops/recipes");
  int64_t id = 0;
  int64_t remaining = kFormulaSpuRows;
  const Date history_start = ctx.world.start - 120;
  const int span = std::max(1, ctx.world.end - history_start);
  // Active versions first, so that the row budget only ever cuts an old one.
  for (int pass = 0; pass < 2; ++pass) {
  for (const Recipe& r : ops.recipes) {
    const Product& p = products[r.product];
    for (int v = 1; v <= r.version && remaining > 0; ++v) {
      const bool active = v == r.version;
      if (active != (pass == 0)) continue;
      // Older versions differ in dosages (reformulations); the last row
      // budget may cut the oldest-added version short.
      const Date day = history_start + static_cast<int>(int64_t{span} * v / (r.version + 1));
      const Timestamp created = Timestamp::from_utc(day, 15, static_cast<int>(rng.range(0, 59)), 0);
      const Timestamp updated = active ? created : created + 86400 * 30;
      const std::string no = formula_no(p, r.cup_size, r.temperature, v);
      int step = 0;
      for (const RecipeLine& l : r.lines) {
        if (remaining == 0) break;
        const Goods& g = ops.goods[l.goods];
        int64_t dosage = l.dosage_milli;
        if (!active && g.goods_type == 1) dosage = std::llround(dosage * rng.uniform(0.85, 1.2));
        cc.set(s, ++id, "LKUS", created, updated);
        s.set_text(c_no, no);
        s.set_int(c_spu, p.commodity_id);
        s.set_int(c_size, r.cup_size);
        s.set_int(c_temp, r.temperature);
        s.set_int(c_step, ++step);
        s.set_int(c_goods, g.goods_id);
        s.set_int(c_dosage, dosage);
        s.set_text(c_unit, g.unit);
        s.set_int(c_version, v);
        s.set_int(c_status, active ? 1 : 0);
        s.end_row();
        --remaining;
      }
    }
  }
  }
}

}  // namespace luckyhub::sim::ops
