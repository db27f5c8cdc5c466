// The goods master (t_mdm_goods, exactly 1,448 rows), the suppliers
// (t_supplier) and the menu categories (t_commodity_category).
//
// About 170 goods are held in store stock: recipe ingredients and packaging,
// one finished food item per food product, and daily consumables. The rest
// of the 1,448 are what a real goods master also holds: machine spare parts,
// distribution-centre bulk packs, alternative brands and discontinued SKUs.
#include <algorithm>
#include <map>

#include "simulate/ops/ops_internal.h"

namespace luckyhub::sim::ops {
namespace {

constexpr int kGoodsCount = 1448;

struct GoodsSpec {
  const char* name;
  const char* category;
  int type;
  const char* unit;
  const char* purchase_unit;
  double ratio;  // stock units per purchase unit
  int storage;
  int shelf_days;
  double price_dollars;     // per purchase unit
  double pack;              // smallest store delivery, stock units
  double use_per_order = 0; // consumables: stock units per order, booked daily
};

// Goods held at stores. Recipes refer to them by name (recipes.cc).
const GoodsSpec kStocked[] = {
    {"Espresso Roast Beans", "coffee beans", 1, "g", "case", 10000, 1, 180, 168, 1000},
    {"Decaf Espresso Beans", "coffee beans", 1, "g", "case", 10000, 1, 180, 182, 1000},
    {"Single Origin Ethiopia Beans", "coffee beans", 1, "g", "case", 6000, 1, 150, 156, 1000},
    {"Cold Brew Coarse Grind", "coffee beans", 1, "g", "case", 10000, 1, 120, 150, 2000},
    {"Whole Milk", "dairy", 1, "ml", "case", 11352, 2, 12, 38, 1892},
    {"Skim Milk", "dairy", 1, "ml", "case", 11352, 2, 12, 36, 1892},
    {"Oat Milk Barista", "dairy", 1, "ml", "case", 11352, 2, 45, 54, 946},
    {"Coconut Milk Barista", "dairy", 1, "ml", "case", 11352, 2, 45, 58, 946},
    {"Almond Milk Barista", "dairy", 1, "ml", "case", 11352, 2, 45, 56, 946},
    {"Heavy Cream", "dairy", 1, "ml", "case", 11352, 2, 21, 62, 946},
    {"Sweet Cream Base", "dairy", 1, "ml", "case", 6000, 2, 10, 48, 1000},
    {"Cold Foam Base", "dairy", 1, "ml", "case", 6000, 2, 10, 46, 1000},
    {"Condensed Milk", "dairy", 1, "g", "case", 9600, 1, 180, 44, 400},
    {"Vanilla Syrup", "syrup", 1, "ml", "case", 4500, 1, 365, 42, 750},
    {"Caramel Syrup", "syrup", 1, "ml", "case", 4500, 1, 365, 42, 750},
    {"Hazelnut Syrup", "syrup", 1, "ml", "case", 4500, 1, 365, 42, 750},
    {"Coconut Syrup", "syrup", 1, "ml", "case", 4500, 1, 365, 44, 750},
    {"Brown Sugar Syrup", "syrup", 1, "ml", "case", 4500, 1, 365, 40, 750},
    {"Classic Cane Syrup", "syrup", 1, "ml", "case", 4500, 1, 365, 30, 750},
    {"Velvet Syrup", "syrup", 1, "ml", "case", 4500, 1, 365, 46, 750},
    {"Toffee Nut Syrup", "syrup", 1, "ml", "case", 4500, 1, 365, 44, 750},
    {"Pistachio Syrup", "syrup", 1, "ml", "case", 4500, 1, 365, 52, 750},
    {"Lavender Syrup", "syrup", 1, "ml", "case", 4500, 1, 365, 50, 750},
    {"Honey Syrup", "syrup", 1, "ml", "case", 4500, 1, 365, 48, 750},
    {"Peppermint Syrup", "syrup", 1, "ml", "case", 4500, 1, 365, 42, 750},
    {"Cinnamon Dolce Syrup", "syrup", 1, "ml", "case", 4500, 1, 365, 44, 750},
    {"Sugar Free Vanilla Syrup", "syrup", 1, "ml", "case", 4500, 1, 365, 46, 750},
    {"Raspberry Syrup", "syrup", 1, "ml", "case", 4500, 1, 365, 44, 750},
    {"Peach Syrup", "syrup", 1, "ml", "case", 4500, 1, 365, 44, 750},
    {"Mango Syrup", "syrup", 1, "ml", "case", 4500, 1, 365, 44, 750},
    {"Passion Fruit Syrup", "syrup", 1, "ml", "case", 4500, 1, 365, 44, 750},
    {"Strawberry Syrup", "syrup", 1, "ml", "case", 4500, 1, 365, 44, 750},
    {"Lychee Syrup", "syrup", 1, "ml", "case", 4500, 1, 365, 46, 750},
    {"Jasmine Syrup", "syrup", 1, "ml", "case", 4500, 1, 365, 46, 750},
    {"Maple Syrup", "syrup", 1, "ml", "case", 4500, 1, 365, 58, 750},
    {"Chocolate Sauce", "sauce", 1, "g", "case", 8000, 1, 180, 64, 2000},
    {"Caramel Sauce", "sauce", 1, "g", "case", 8000, 1, 180, 64, 2000},
    {"White Chocolate Sauce", "sauce", 1, "g", "case", 8000, 1, 180, 68, 2000},
    {"Dulce de Leche Sauce", "sauce", 1, "g", "case", 8000, 1, 150, 70, 2000},
    {"Matcha Powder Ceremonial", "tea and powder", 1, "g", "case", 5000, 1, 365, 210, 500},
    {"Matcha Powder Culinary", "tea and powder", 1, "g", "case", 5000, 1, 365, 120, 500},
    {"Cocoa Powder", "tea and powder", 1, "g", "case", 5000, 1, 365, 60, 500},
    {"Cinnamon Powder", "tea and powder", 1, "g", "case", 2000, 1, 365, 30, 250},
    {"Frappe Base Powder", "tea and powder", 1, "g", "case", 10000, 1, 365, 90, 1000},
    {"Protein Powder", "tea and powder", 1, "g", "case", 5000, 1, 365, 150, 1000},
    {"Hojicha Powder", "tea and powder", 1, "g", "case", 5000, 1, 365, 140, 500},
    {"Chai Powder", "tea and powder", 1, "g", "case", 5000, 1, 365, 80, 1000},
    {"Lemonade Base", "fruit", 1, "ml", "case", 12000, 2, 10, 36, 1000},
    {"Orange Juice", "fruit", 1, "ml", "case", 12000, 2, 7, 40, 1000},
    {"Coconut Water", "fruit", 1, "ml", "case", 12000, 1, 120, 44, 1000},
    {"Pineapple Juice", "fruit", 1, "ml", "case", 12000, 2, 10, 38, 1000},
    {"Mango Puree", "fruit", 1, "g", "case", 6000, 2, 7, 54, 1000},
    {"Strawberry Puree", "fruit", 1, "g", "case", 6000, 2, 7, 56, 1000},
    {"Passion Fruit Puree", "fruit", 1, "g", "case", 6000, 2, 7, 58, 1000},
    {"Dragon Fruit Puree", "fruit", 1, "g", "case", 6000, 2, 7, 62, 1000},
    {"Fresh Lemon", "fruit", 1, "pcs", "case", 100, 2, 14, 32, 10},
    {"Fresh Strawberry", "fruit", 1, "g", "case", 4000, 2, 4, 42, 500},
    {"Green Tea Base", "refresher base", 1, "ml", "case", 12000, 1, 180, 40, 1000},
    {"Black Tea Base", "refresher base", 1, "ml", "case", 12000, 1, 180, 38, 1000},
    {"Jasmine Tea Base", "refresher base", 1, "ml", "case", 12000, 1, 180, 42, 1000},
    {"Butterfly Pea Base", "refresher base", 1, "ml", "case", 6000, 1, 180, 48, 1000},
    {"Hibiscus Base", "refresher base", 1, "ml", "case", 6000, 1, 180, 46, 1000},
    {"Energy Drink Base", "refresher base", 1, "ml", "case", 6000, 1, 180, 60, 1000},
    {"Cold Brew Concentrate", "cold brew", 1, "ml", "case", 8000, 2, 14, 64, 2000},
    {"Nitro Cold Brew Concentrate", "cold brew", 1, "ml", "case", 8000, 2, 14, 70, 2000},
    {"Whipped Cream", "topping", 1, "g", "case", 6000, 2, 14, 52, 500},
    {"Cookie Crumble", "topping", 1, "g", "case", 4000, 1, 180, 40, 500},
    {"Sea Salt Cream Powder", "topping", 1, "g", "case", 4000, 1, 180, 46, 500},
    {"Coconut Jelly", "topping", 1, "g", "case", 6000, 2, 7, 38, 1000},
    {"Oat Crumble", "topping", 1, "g", "case", 4000, 1, 180, 36, 500},
    {"Chocolate Chips", "topping", 1, "g", "case", 4000, 1, 270, 44, 500},
    {"Graham Crumbs", "topping", 1, "g", "case", 4000, 1, 180, 34, 500},
    {"Ice Cubes", "ice", 1, "g", "bag", 10000, 3, 365, 6, 10000},
    {"Crushed Ice", "ice", 1, "g", "bag", 10000, 3, 365, 7, 10000},
    {"Sugar Packet", "sweetener", 1, "pcs", "case", 2000, 1, 730, 24, 200},
    {"Stevia Packet", "sweetener", 1, "pcs", "case", 1000, 1, 730, 32, 100},
    {"Hot Cup 12oz", "cups and lids", 2, "pcs", "case", 1000, 1, 0, 62, 50},
    {"Hot Cup 16oz", "cups and lids", 2, "pcs", "case", 1000, 1, 0, 70, 50},
    {"Hot Cup 20oz", "cups and lids", 2, "pcs", "case", 1000, 1, 0, 78, 50},
    {"Cold Cup 12oz", "cups and lids", 2, "pcs", "case", 1000, 1, 0, 58, 50},
    {"Cold Cup 16oz", "cups and lids", 2, "pcs", "case", 1000, 1, 0, 66, 50},
    {"Cold Cup 20oz", "cups and lids", 2, "pcs", "case", 1000, 1, 0, 74, 50},
    {"Hot Lid 12oz", "cups and lids", 2, "pcs", "case", 1000, 1, 0, 30, 100},
    {"Hot Lid 16-20oz", "cups and lids", 2, "pcs", "case", 1000, 1, 0, 32, 100},
    {"Cold Lid Flat 12oz", "cups and lids", 2, "pcs", "case", 1000, 1, 0, 28, 100},
    {"Cold Lid Flat 16-20oz", "cups and lids", 2, "pcs", "case", 1000, 1, 0, 30, 100},
    {"Dome Lid", "cups and lids", 2, "pcs", "case", 1000, 1, 0, 34, 100},
    {"Sip Stopper", "cups and lids", 2, "pcs", "case", 2000, 1, 0, 20, 200},
    {"Cup Sleeve", "cups and lids", 2, "pcs", "case", 1000, 1, 0, 26, 100},
    {"Paper Straw", "cups and lids", 2, "pcs", "case", 2000, 1, 0, 30, 200},
    {"Stir Stick", "cups and lids", 2, "pcs", "case", 5000, 1, 0, 18, 500},
    {"Cup Label Sticker", "cups and lids", 2, "pcs", "roll", 2000, 1, 0, 14, 500},
    {"Cup Carrier 2-slot", "cups and lids", 2, "pcs", "case", 300, 1, 0, 36, 25},
    {"Cup Carrier 4-slot", "cups and lids", 2, "pcs", "case", 300, 1, 0, 42, 25},
    {"Paper Bag Small", "bags and napkins", 2, "pcs", "case", 500, 1, 0, 28, 50},
    {"Paper Bag Large", "bags and napkins", 2, "pcs", "case", 250, 1, 0, 32, 25},
    {"Delivery Seal Sticker", "bags and napkins", 2, "pcs", "roll", 1000, 1, 0, 12, 250},
    {"Napkin", "bags and napkins", 2, "pcs", "case", 6000, 1, 0, 40, 500},
    {"Order Receipt Label", "bags and napkins", 2, "pcs", "roll", 1500, 1, 0, 10, 500},
    {"Food Wrap Paper", "bags and napkins", 2, "pcs", "case", 1000, 1, 0, 22, 100},
    {"Food Box", "bags and napkins", 2, "pcs", "case", 300, 1, 0, 34, 50},
    {"Machine Cleaning Tablets", "cleaning", 3, "pcs", "case", 600, 1, 730, 96, 50, 0.004},
    {"Milk System Cleaner", "cleaning", 3, "ml", "case", 6000, 1, 730, 84, 1000, 0.05},
    {"Descaling Solution", "cleaning", 3, "ml", "case", 6000, 1, 730, 78, 1000, 0.02},
    {"Food Safe Sanitizer", "cleaning", 3, "ml", "case", 15000, 1, 730, 54, 3785, 0.3},
    {"Dish Soap", "cleaning", 3, "ml", "case", 15000, 1, 730, 40, 3785, 0.2},
    {"Hand Soap", "cleaning", 3, "ml", "case", 12000, 1, 730, 36, 1000, 0.1},
    {"Surface Wipes", "cleaning", 3, "pcs", "case", 1200, 1, 730, 48, 100, 0.02},
    {"Nitrile Gloves", "cleaning", 3, "pcs", "case", 1000, 1, 1095, 60, 100, 0.06},
    {"Paper Towels", "cleaning", 3, "pcs", "case", 4000, 1, 0, 44, 250, 0.05},
    {"Trash Bags", "cleaning", 3, "pcs", "case", 250, 1, 0, 30, 50, 0.006},
    {"Microfiber Cloths", "cleaning", 3, "pcs", "case", 240, 1, 0, 40, 24, 0.001},
    {"Grinder Cleaner", "cleaning", 3, "g", "case", 4000, 1, 730, 70, 500, 0.05},
    {"Steam Wand Cloth", "cleaning", 3, "pcs", "case", 200, 1, 0, 34, 20, 0.001},
    {"Water Filter Cartridge", "filters", 3, "pcs", "case", 6, 1, 0, 240, 1, 0.00002},
    {"Thermal Receipt Roll", "office", 3, "pcs", "case", 50, 1, 0, 38, 5, 0.0008},
    {"Hairnets", "cleaning", 3, "pcs", "case", 1000, 1, 0, 24, 100, 0.004},
};

// Spare parts of the Schaerer machines (type 5), never held in store stock.
const char* kPartNames[] = {
    "Grinder Burr Set", "Brewing Unit Gasket", "Brew Piston Seal", "Steam Wand Tip", "Milk Pump",
    "Milk Hose", "Flow Meter", "Solenoid Valve", "Water Pump", "Boiler Heating Element",
    "Temperature Sensor", "Pressure Sensor", "Touch Display", "Main Board", "Power Supply",
    "Drip Tray", "Grounds Container", "Bean Hopper Lid", "Outlet Nozzle", "Cleaning Adapter",
    "Milk Cooler Door Seal", "Compressor Relay", "Ice Chute Motor", "Syrup Pump Head",
    "Flavor Line Valve", "Filter Housing", "O-Ring Kit", "Fan Assembly", "Door Hinge",
    "Level Probe"};
const char* kPartFamilies[] = {"Coffee Soul", "Coffee Prime", "Coffee Art", "Coffee Skye",
                               "Coffee Club", "Barista", "Milk Fridge", "Flavor Station",
                               "Ice Dispenser"};

struct SupplierSpec {
  const char* name;
  int type;
  const char* city;
  const char* state;
};

const SupplierSpec kSuppliers[] = {
    {"Hudson Valley Roasters", 1, "Kingston", "NY"},
    {"Atlantic Coffee Importers", 1, "Newark", "NJ"},
    {"Blue Ridge Green Coffee", 1, "Richmond", "VA"},
    {"Pacific Bean Trading", 1, "Oakland", "CA"},
    {"Empire Dairy Cooperative", 2, "Syracuse", "NY"},
    {"Garden State Creamery", 2, "Trenton", "NJ"},
    {"Oatly Foodservice East", 2, "Millville", "NJ"},
    {"Califia Farms Distribution", 2, "Bakersfield", "CA"},
    {"Northeast Plant Milks", 2, "Albany", "NY"},
    {"Lancaster Dairy Supply", 2, "Lancaster", "PA"},
    {"Monin Americas", 3, "Clearwater", "FL"},
    {"Torani Foodservice", 3, "San Leandro", "CA"},
    {"DaVinci Gourmet East", 3, "Elizabeth", "NJ"},
    {"Ghirardelli Professional", 3, "San Leandro", "CA"},
    {"Kyoto Matcha Imports", 3, "Fort Lee", "NJ"},
    {"Tropical Fruit Partners", 3, "Miami", "FL"},
    {"Metro Produce Hunts Point", 3, "Bronx", "NY"},
    {"Tea Base Solutions", 3, "Edison", "NJ"},
    {"Sweet Source Ingredients", 3, "Allentown", "PA"},
    {"Topping Works", 3, "Secaucus", "NJ"},
    {"Eco Cup Packaging", 4, "Edison", "NJ"},
    {"Northeast Paper Products", 4, "Bridgeport", "CT"},
    {"Liberty Lids and Straws", 4, "Paterson", "NJ"},
    {"Label Pro Printing", 4, "Queens", "NY"},
    {"Bag and Box Supply", 4, "Yonkers", "NY"},
    {"GreenServe Disposables", 4, "Philadelphia", "PA"},
    {"Brooklyn Bakehouse", 5, "Brooklyn", "NY"},
    {"Le Fournil Wholesale", 5, "Long Island City", "NY"},
    {"Frozen Pastry Partners", 5, "Secaucus", "NJ"},
    {"Fresh Grab and Go Kitchens", 5, "Bronx", "NY"},
    {"Sweet Street Desserts East", 5, "Reading", "PA"},
    {"Artisan Bagel Wholesale", 5, "Staten Island", "NY"},
    {"Tri-State Cold Chain Logistics", 6, "Kearny", "NJ"},
    {"Metro Last Mile Freight", 6, "Queens", "NY"},
    {"Harbor Freight Forwarding", 6, "Elizabeth", "NJ"},
    {"Schaerer USA Service", 7, "Charlotte", "NC"},
    {"Espresso Parts Direct", 7, "Seattle", "WA"},
    {"Clean Brew Chemicals", 7, "Hackensack", "NJ"},
    {"Everpure Filtration Supply", 7, "Hanover Park", "IL"},
    {"Ice Machine Parts Co", 7, "Jersey City", "NJ"},
};

int supplier_type_of(const std::string& category) {
  static const std::map<std::string, int> kType = {
      {"coffee beans", 1}, {"dairy", 2},          {"syrup", 3},           {"sauce", 3},
      {"tea and powder", 3}, {"fruit", 3},        {"refresher base", 3},  {"cold brew", 1},
      {"topping", 3},      {"ice", 3},            {"sweetener", 3},       {"cups and lids", 4},
      {"bags and napkins", 4}, {"bakery", 5},     {"cleaning", 7},        {"filters", 7},
      {"office", 4},       {"machine parts", 7}};
  auto it = kType.find(category);
  return it == kType.end() ? 3 : it->second;
}

Goods make_goods(const GoodsSpec& s) {
  Goods g;
  g.name = s.name;
  g.category = s.category;
  g.goods_type = s.type;
  g.unit = s.unit;
  g.purchase_unit = s.purchase_unit;
  g.unit_ratio_milli = std::llround(s.ratio * kMilli);
  g.storage_type = s.storage;
  g.shelf_life_days = s.shelf_days;
  g.price_cents = std::llround(s.price_dollars * 100);
  g.pack_milli = std::llround(s.pack * kMilli);
  g.daily_use_per_order_milli = std::llround(s.use_per_order * kMilli);
  g.spec = std::to_string(std::llround(s.ratio)) + " " + s.unit + " per " + s.purchase_unit;
  return g;
}

}  // namespace

void build_goods_and_suppliers(SimContext& ctx) {
  OpsWorld& ops = ctx.world.ops;
  Rng rng = ctx.rng("ops/goods");
  for (const SupplierSpec& s : kSuppliers) {
    Supplier sup;
    sup.supplier_id = static_cast<int64_t>(ops.suppliers.size()) + 1;
    sup.supplier_no = "SUP" + std::to_string(1000 + sup.supplier_id);
    sup.name = s.name;
    sup.city = s.city;
    sup.state = s.state;
    sup.supplier_type = s.type;
    sup.payment_term_days = std::array<int, 4>{15, 30, 30, 45}[rng.range(0, 3)];
    sup.on_time_rate = rng.uniform(0.9, 0.99);
    sup.late_days_mean = rng.uniform(1.0, 2.0);
    sup.per_shipment_settlement = rng.chance(0.8);
    sup.spend_weight = rng.uniform(0.5, 1.5);
    ops.suppliers.push_back(sup);
  }

  for (const GoodsSpec& s : kStocked) {
    Goods g = make_goods(s);
    g.stocked = true;
    ops.goods.push_back(g);
  }
  // One finished food goods per food product, thawed or delivered fresh.
  for (const Product& p : ctx.world.sales.products) {
    if (p.drink) continue;
    const bool fresh = rng.chance(0.5);
    Goods g = make_goods({"", "bakery", 4, "pcs", "case", fresh ? 12.0 : 24.0, fresh ? 2 : 3,
                          fresh ? 3 : 60, fresh ? 26.0 : 38.0, fresh ? 4.0 : 6.0});
    g.name = p.name + (fresh ? " (fresh)" : " (frozen)");
    g.stocked = true;
    ops.goods.push_back(g);
  }
  // Spare parts, then alternative and discontinued SKUs up to the master's size.
  for (const char* family : kPartFamilies) {
    for (const char* part : kPartNames) {
      if (ops.goods.size() >= kGoodsCount) break;
      Goods g = make_goods({"", "machine parts", 5, "pcs", "pcs", 1, 1, 0, 0, 1});
      g.name = std::string("Schaerer ") + family + " " + part;
      g.price_cents = rng.range(1800, 64000);
      g.status = rng.chance(0.9) ? 1 : 2;
      ops.goods.push_back(g);
    }
  }
  const size_t base = ops.goods.size();
  static const char* kVariants[] = {"DC bulk pack", "alt brand", "promo pack", "old spec",
                                    "half case", "club pack", "seasonal", "import"};
  for (int round = 0; ops.goods.size() < kGoodsCount; ++round) {
    for (size_t i = 0; i < base && ops.goods.size() < kGoodsCount; ++i) {
      const Goods& src = ops.goods[i];
      if (src.goods_type == 5) continue;
      Goods g = src;
      g.stocked = false;
      g.daily_use_per_order_milli = 0;
      g.name = src.name + " (" + kVariants[round % 8] + (round >= 8 ? " " + std::to_string(round / 8 + 1) : "") + ")";
      g.status = rng.chance(0.55) ? 2 : 1;
      g.price_cents = std::llround(src.price_cents * rng.uniform(0.85, 1.6));
      ops.goods.push_back(g);
    }
  }

  // Ids, codes, suppliers and the stocked list.
  std::vector<std::vector<int>> suppliers_of_type(8);
  for (size_t i = 0; i < ops.suppliers.size(); ++i)
    suppliers_of_type[ops.suppliers[i].supplier_type].push_back(static_cast<int>(i));
  for (size_t i = 0; i < ops.goods.size(); ++i) {
    Goods& g = ops.goods[i];
    g.goods_id = static_cast<int64_t>(i) + 1;
    char no[32];
    std::snprintf(no, sizeof no, "G%06lld", static_cast<long long>(g.goods_id));
    g.goods_no = no;
    const auto& candidates = suppliers_of_type[supplier_type_of(g.category)];
    g.supplier = candidates[rng.range(0, static_cast<int64_t>(candidates.size()) - 1)];
    if (g.stocked) {
      g.stocked_index = static_cast<int>(ops.stocked_goods.size());
      ops.stocked_goods.push_back(static_cast<int>(i));
    }
  }
}

void write_catalog_tables(SimContext& ctx) {
  const OpsWorld& ops = ctx.world.ops;
  const Timestamp created = Timestamp::from_utc(ctx.world.start - 60, 14, 0, 0);

  RowSink& g = ctx.out.sink("luckyus_scm_commodity", "t_mdm_goods");
  const CommonColumns gc(g);
  const int c_no = g.col("goods_no"), c_name = g.col("goods_name"), c_type = g.col("goods_type"),
            c_cat = g.col("goods_category"), c_spec = g.col("spec"), c_unit = g.col("unit"),
            c_pu = g.col("purchase_unit"), c_ratio = g.col("unit_ratio"),
            c_storage = g.col("storage_type"), c_shelf = g.col("shelf_life_days"),
            c_status = g.col("status");
  for (const Goods& x : ops.goods) {
    const Timestamp t = created + x.goods_id * 97;
    gc.set(g, x.goods_id, "LKUS", t, x.status == 2 ? t + 86400 * 120 : t);
    g.set_text(c_no, x.goods_no);
    g.set_text(c_name, x.name);
    g.set_int(c_type, x.goods_type);
    g.set_text(c_cat, x.category);
    g.set_text(c_spec, x.spec);
    g.set_text(c_unit, x.unit);
    g.set_text(c_pu, x.purchase_unit);
    g.set_int(c_ratio, x.unit_ratio_milli);
    g.set_int(c_storage, x.storage_type);
    g.set_int(c_shelf, x.shelf_life_days);
    g.set_int(c_status, x.status);
    g.end_row();
  }

  RowSink& s = ctx.out.sink("luckyus_scm_purchase", "t_supplier");
  const CommonColumns sc(s);
  const int s_no = s.col("supplier_no"), s_name = s.col("supplier_name"),
            s_type = s.col("supplier_type"), s_term = s.col("payment_term_days"),
            s_cur = s.col("currency_code"), s_city = s.col("city"), s_state = s.col("state"),
            s_status = s.col("status");
  for (const Supplier& x : ops.suppliers) {
    sc.set(s, x.supplier_id, "LKUS", created + x.supplier_id * 3600, created + x.supplier_id * 3600);
    s.set_text(s_no, x.supplier_no);
    s.set_text(s_name, x.name);
    s.set_int(s_type, x.supplier_type);
    s.set_int(s_term, x.payment_term_days);
    s.set_text(s_cur, "USD");
    s.set_text(s_city, x.city);
    s.set_text(s_state, x.state);
    s.set_int(s_status, 1);
    s.end_row();
  }

  // Menu categories, ids 1..8 in the catalog's order (the ids
  // t_commodity_base_info.category_id refers to).
  static const char* kCategories[] = {"Fresh Ground Coffee", "Classic Drinks", "Matcha",
                                      "Cold Brew", "Refreshers", "Exfreezo", "Super Drink",
                                      "Food"};
  RowSink& c = ctx.out.sink("luckyus_scm_commodity", "t_commodity_category");
  const CommonColumns cc(c);
  const int k_name = c.col("category_name"), k_sort = c.col("sort_no"), k_status = c.col("status");
  for (int i = 0; i < 8; ++i) {
    cc.set(c, i + 1, "LKUS", created, created);
    c.set_text(k_name, kCategories[i]);
    c.set_int(k_sort, (i + 1) * 10);
    c.set_int(k_status, 1);
    c.end_row();
  }
}

}  // namespace luckyhub::sim::ops
