// The owned things of the sales world: the ten New York stores (plus the NZ
// test store), the menu and the payment channels. Fixed tables, not scaled.
#include "simulate/sales/sales_internal.h"

namespace luckyhub::sim {
namespace {

struct StoreRow {
  const char* name;
  const char* address;
  const char* zip;
  double lat, lon;
  int y, m, d;
  double weight;
  int shop_type;
};

// Luckin's first US stores opened on 2025-06-30 in Manhattan; the rest
// followed over the autumn, the newest in February 2026.
// shop_type: 2 a flagship with seating, 1 any other store; which of the
// others are kiosks (3) is store_plants.h's location type.
const StoreRow kStores[] = {
    {"Luckin Coffee Broadway & 8th St", "755 Broadway", "10003", 40.7303, -73.9918, 2025, 6, 30, 1.15, 2},
    {"Luckin Coffee 6th Ave & 28th St", "800 6th Ave", "10001", 40.7458, -73.9913, 2025, 6, 30, 1.0, 1},
    {"Luckin Coffee Herald Square", "1250 Broadway", "10001", 40.7481, -73.9884, 2025, 7, 28, 0.95, 1},
    {"Luckin Coffee Fulton St", "104 Fulton St", "10038", 40.7098, -74.0064, 2025, 8, 25, 1.05, 1},
    {"Luckin Coffee Bryant Park", "55 W 42nd St", "10036", 40.7537, -73.9830, 2025, 9, 15, 1.0, 2},
    {"Luckin Coffee Gramercy", "145 E 23rd St", "10010", 40.7394, -73.9842, 2025, 10, 6, 0.85, 1},
    {"Luckin Coffee Garment District", "70 W 36th St", "10018", 40.7507, -73.9870, 2025, 10, 27, 0.9, 1},
    {"Luckin Coffee Columbia University", "2880 Broadway", "10025", 40.8063, -73.9651, 2025, 11, 17, 0.8, 1},
    {"Luckin Coffee Penn Station", "7 Penn Plaza", "10001", 40.7504, -73.9931, 2025, 12, 15, 0.85, 1},
    {"Luckin Coffee Downtown Brooklyn", "345 Adams St", "11201", 40.6930, -73.9890, 2026, 2, 2, 0.75, 2},
};

struct ProductRow {
  const char* name;
  int category;  // 1..8 in kCategories order
  int price_cents;
  bool iced;
  int sugar;
  double popularity;
  int prep_seconds;
  int calories, caffeine;
  char grade;
  const char* launched;  // nullptr = on the menu from the start
  const char* retired;   // nullptr = still on sale
};

// Popularity is a relative weight; the Iced Coconut Latte, heavily promoted,
// is the best seller by a wide margin.
const ProductRow kProducts[] = {
    // Fresh Ground Coffee
    {"Americano", 1, 345, false, 0, 3.0, 150, 10, 150, 'A', nullptr, nullptr},
    {"Iced Americano", 1, 345, true, 0, 4.0, 140, 10, 150, 'A', nullptr, nullptr},
    {"Latte", 1, 445, false, 1, 3.2, 210, 190, 150, 'B', nullptr, nullptr},
    {"Iced Latte", 1, 445, true, 1, 4.2, 200, 180, 150, 'B', nullptr, nullptr},
    {"Cappuccino", 1, 445, false, 1, 1.8, 220, 150, 150, 'B', nullptr, nullptr},
    {"Flat White", 1, 475, false, 1, 1.5, 215, 170, 195, 'B', nullptr, nullptr},
    {"Iced Flat White", 1, 475, true, 1, 1.2, 205, 160, 195, 'B', nullptr, nullptr},
    {"Espresso", 1, 345, false, 0, 0.6, 100, 5, 75, 'A', nullptr, nullptr},
    {"Cortado", 1, 425, false, 0, 0.7, 180, 110, 150, 'A', nullptr, nullptr},
    {"Mocha", 1, 495, false, 2, 1.3, 240, 290, 160, 'C', nullptr, nullptr},
    {"Iced Mocha", 1, 495, true, 2, 1.4, 230, 280, 160, 'C', nullptr, nullptr},
    {"Caramel Macchiato", 1, 525, false, 2, 1.4, 245, 250, 150, 'C', nullptr, nullptr},
    {"Iced Caramel Macchiato", 1, 525, true, 2, 2.2, 235, 240, 150, 'C', nullptr, nullptr},
    {"Orange Americano", 1, 475, true, 1, 1.6, 190, 90, 150, 'B', "2025-07-21", nullptr},
    // Classic Drinks
    {"Iced Coconut Latte", 2, 545, true, 2, 30.0, 215, 230, 150, 'B', nullptr, nullptr},
    {"Coconut Latte", 2, 545, false, 2, 4.5, 225, 240, 150, 'B', nullptr, nullptr},
    {"Velvet Latte", 2, 525, false, 1, 3.0, 220, 210, 150, 'B', nullptr, nullptr},
    {"Iced Velvet Latte", 2, 525, true, 1, 4.0, 210, 200, 150, 'B', nullptr, nullptr},
    {"Vanilla Latte", 2, 495, false, 2, 1.8, 215, 250, 150, 'C', nullptr, nullptr},
    {"Iced Vanilla Latte", 2, 495, true, 2, 2.6, 205, 240, 150, 'C', nullptr, nullptr},
    {"Caramel Latte", 2, 495, false, 2, 1.3, 215, 260, 150, 'C', nullptr, nullptr},
    {"Iced Caramel Latte", 2, 495, true, 2, 1.9, 205, 250, 150, 'C', nullptr, nullptr},
    {"Hazelnut Latte", 2, 495, false, 2, 1.0, 215, 250, 150, 'C', nullptr, nullptr},
    {"Iced Hazelnut Latte", 2, 495, true, 2, 1.2, 205, 240, 150, 'C', nullptr, nullptr},
    {"Brown Sugar Oat Latte", 2, 545, false, 2, 1.4, 230, 260, 150, 'C', nullptr, nullptr},
    {"Iced Brown Sugar Oat Latte", 2, 545, true, 2, 2.4, 220, 250, 150, 'C', nullptr, nullptr},
    {"Pistachio Latte", 2, 575, false, 2, 0.9, 235, 280, 150, 'C', "2025-08-18", nullptr},
    {"Iced Pistachio Latte", 2, 575, true, 2, 1.3, 225, 270, 150, 'C', "2025-08-18", nullptr},
    {"Pumpkin Spice Latte", 2, 575, false, 2, 2.2, 240, 310, 150, 'D', "2025-09-08", "2025-12-01"},
    {"Iced Pumpkin Spice Latte", 2, 575, true, 2, 1.8, 230, 300, 150, 'D', "2025-09-08", "2025-12-01"},
    {"Peppermint Mocha", 2, 575, false, 3, 1.9, 245, 330, 160, 'D', "2025-11-10", "2026-01-12"},
    {"Gingerbread Latte", 2, 575, false, 2, 1.2, 240, 300, 150, 'D', "2025-11-24", "2026-01-12"},
    {"Maple Oat Latte", 2, 545, false, 2, 1.1, 230, 260, 150, 'C', "2026-01-12", nullptr},
    {"Iced Maple Oat Latte", 2, 545, true, 2, 1.0, 220, 250, 150, 'C', "2026-01-12", nullptr},
    {"Honey Oat Latte", 2, 525, false, 2, 0.8, 225, 240, 150, 'C', nullptr, nullptr},
    {"Iced Honey Oat Latte", 2, 525, true, 2, 1.0, 215, 230, 150, 'C', nullptr, nullptr},
    // Matcha
    {"Matcha Latte", 3, 525, false, 1, 1.6, 230, 220, 70, 'B', nullptr, nullptr},
    {"Iced Matcha Latte", 3, 525, true, 1, 3.4, 220, 210, 70, 'B', nullptr, nullptr},
    {"Iced Coconut Matcha Latte", 3, 575, true, 2, 3.6, 235, 240, 70, 'C', nullptr, nullptr},
    {"Strawberry Matcha Latte", 3, 595, true, 2, 2.0, 250, 260, 70, 'C', "2025-07-14", nullptr},
    {"Velvet Matcha Latte", 3, 575, false, 1, 0.9, 235, 230, 70, 'B', nullptr, nullptr},
    {"Matcha Cold Foam Latte", 3, 595, true, 2, 1.1, 255, 250, 70, 'C', "2025-10-13", nullptr},
    {"Jasmine Matcha Latte", 3, 575, true, 1, 0.8, 240, 220, 70, 'B', "2026-01-19", nullptr},
    {"Mango Matcha Latte", 3, 595, true, 2, 0.7, 250, 260, 70, 'C', nullptr, "2025-10-01"},
    // Cold Brew
    {"Cold Brew", 4, 445, true, 0, 2.4, 120, 5, 200, 'A', nullptr, nullptr},
    {"Coconut Cold Brew", 4, 525, true, 1, 1.8, 150, 110, 200, 'B', nullptr, nullptr},
    {"Vanilla Sweet Cream Cold Brew", 4, 525, true, 2, 1.6, 155, 190, 185, 'C', nullptr, nullptr},
    {"Salted Caramel Cold Brew", 4, 545, true, 2, 1.2, 160, 220, 185, 'C', nullptr, nullptr},
    {"Oat Cold Brew", 4, 495, true, 1, 0.9, 145, 120, 200, 'B', nullptr, nullptr},
    {"Honey Cold Brew", 4, 495, true, 2, 0.7, 145, 100, 200, 'B', nullptr, nullptr},
    {"Nitro Cold Brew", 4, 525, true, 0, 0.8, 130, 5, 260, 'A', "2025-09-22", nullptr},
    {"Orange Cold Brew", 4, 525, true, 1, 0.9, 150, 80, 200, 'B', nullptr, nullptr},
    {"Cold Brew Tonic", 4, 525, true, 1, 0.5, 150, 70, 200, 'B', nullptr, nullptr},
    // Refreshers
    {"Strawberry Lemonade Refresher", 5, 445, true, 2, 1.9, 160, 140, 45, 'C', nullptr, nullptr},
    {"Mango Passionfruit Refresher", 5, 445, true, 2, 1.7, 160, 150, 45, 'C', nullptr, nullptr},
    {"Peach Oolong Refresher", 5, 445, true, 2, 1.2, 160, 130, 40, 'C', nullptr, nullptr},
    {"Pineapple Coconut Refresher", 5, 475, true, 2, 1.1, 165, 160, 45, 'C', nullptr, nullptr},
    {"Grape Jasmine Refresher", 5, 475, true, 2, 0.9, 165, 150, 40, 'C', nullptr, nullptr},
    {"Lychee Rose Refresher", 5, 475, true, 2, 0.8, 165, 140, 40, 'C', "2025-08-04", nullptr},
    {"Watermelon Refresher", 5, 445, true, 2, 1.0, 160, 130, 45, 'C', nullptr, "2025-10-01"},
    {"Blueberry Lemonade Refresher", 5, 475, true, 2, 0.7, 165, 150, 45, 'C', "2025-10-20", nullptr},
    {"Cranberry Orange Refresher", 5, 475, true, 2, 0.6, 165, 150, 45, 'C', "2025-11-17", nullptr},
    {"Yuzu Green Tea Refresher", 5, 475, true, 1, 0.6, 160, 110, 40, 'B', "2026-01-26", nullptr},
    // Exfreezo
    {"Coconut Exfreezo", 6, 595, true, 2, 1.6, 260, 320, 150, 'D', nullptr, nullptr},
    {"Caramel Exfreezo", 6, 595, true, 3, 1.3, 260, 360, 150, 'D', nullptr, nullptr},
    {"Mocha Exfreezo", 6, 595, true, 3, 1.1, 265, 370, 160, 'D', nullptr, nullptr},
    {"Matcha Exfreezo", 6, 625, true, 2, 1.0, 270, 330, 70, 'D', nullptr, nullptr},
    {"Strawberry Exfreezo", 6, 625, true, 3, 0.8, 270, 340, 0, 'D', nullptr, nullptr},
    {"Mango Exfreezo", 6, 625, true, 3, 0.7, 270, 340, 0, 'D', nullptr, nullptr},
    {"Cookies Exfreezo", 6, 645, true, 3, 0.6, 280, 420, 120, 'D', "2025-10-06", nullptr},
    // Super Drink
    {"Orange Super Drink", 7, 525, true, 1, 1.0, 170, 120, 0, 'A', nullptr, nullptr},
    {"Berry Super Drink", 7, 525, true, 1, 0.9, 170, 130, 0, 'A', nullptr, nullptr},
    {"Ginger Turmeric Super Drink", 7, 545, false, 1, 0.6, 180, 110, 0, 'A', nullptr, nullptr},
    {"Green Super Drink", 7, 545, true, 0, 0.7, 175, 90, 0, 'A', nullptr, nullptr},
    {"Coconut Protein Super Drink", 7, 695, true, 1, 0.5, 190, 240, 0, 'B', "2025-09-29", nullptr},
    {"Hot Chocolate", 7, 475, false, 3, 1.2, 190, 330, 15, 'D', "2025-10-20", nullptr},
    // Food
    {"Butter Croissant", 8, 375, false, 0, 1.8, 60, 270, 0, 'C', nullptr, nullptr},
    {"Chocolate Croissant", 8, 425, false, 0, 1.4, 60, 320, 5, 'D', nullptr, nullptr},
    {"Almond Croissant", 8, 445, false, 0, 1.0, 60, 380, 0, 'D', nullptr, nullptr},
    {"Blueberry Muffin", 8, 395, false, 0, 0.9, 45, 420, 0, 'D', nullptr, nullptr},
    {"Banana Bread", 8, 375, false, 0, 0.8, 45, 380, 0, 'D', nullptr, nullptr},
    {"Chocolate Chip Cookie", 8, 350, false, 0, 1.1, 30, 360, 10, 'D', nullptr, nullptr},
    {"Egg & Cheese Croissant", 8, 625, false, 0, 1.0, 150, 450, 0, 'C', nullptr, nullptr},
    {"Turkey Pesto Panini", 8, 695, false, 0, 0.7, 180, 520, 0, 'C', nullptr, nullptr},
    {"Avocado Toast", 8, 675, false, 0, 0.6, 150, 380, 0, 'B', "2025-09-02", nullptr},
    {"Greek Yogurt Parfait", 8, 495, false, 0, 0.6, 30, 260, 0, 'B', nullptr, nullptr},
    {"Cinnamon Roll", 8, 425, false, 0, 0.7, 45, 460, 0, 'D', "2025-10-27", nullptr},
};

struct ChannelRow {
  int id;
  const char* name;
  double share;
  int64_t percent_e6;
  int64_t fixed_cents;
  bool card;
};

// Negotiated Stripe rates (percent of the amount + a fixed part per charge).
// Wallet and debit rates are the cheapest; PayPal and "other" cards the most
// expensive. Shares are the calibrated transaction counts.
const ChannelRow kChannels[] = {
    {53, "Apple Pay", 205988, 14500, 1, false},   {6, "Credit Card", 168286, 17500, 1, true},
    {51, "Google Pay", 30901, 14500, 1, false},   {3, "Debit Card", 27301, 8000, 2, true},
    {1, "Other Card", 29163, 22000, 2, true},     {52, "Stripe Link", 17829, 16000, 1, false},
    {5, "Prepaid Card", 12232, 12000, 2, true},   {91, "Luckin Stored Balance", 12682, 2500, 0, false},
    {54, "Cash App Pay", 1737, 20000, 2, false},  {55, "PayPal", 198, 29900, 5, false},
    {92, "Gift Card", 5, 5000, 0, false},
};

}  // namespace

const char* const kCategories[8] = {"Fresh Ground Coffee", "Classic Drinks", "Matcha",
                                    "Cold Brew",           "Refreshers",     "Exfreezo",
                                    "Super Drink",         "Food"};

void build_stores(SalesWorld& sales) {
  int n = 0;
  for (const StoreRow& r : kStores) {
    Store s;
    s.shop_id = ++n;
    char no[16];
    std::snprintf(no, sizeof no, "US%04d", n);
    s.shop_no = no;
    s.name = r.name;
    s.address = r.address;
    s.zip_code = r.zip;
    s.city = std::string(r.zip).starts_with("112") ? "Brooklyn" : "New York";
    s.latitude = r.lat;
    s.longitude = r.lon;
    s.opened = Date::from_ymd(r.y, r.m, r.d);
    s.demand_weight = r.weight;
    s.shop_type = r.shop_type;
    sales.stores.push_back(s);
  }
  Store nz;
  nz.shop_id = ++n;
  nz.shop_no = "NZ0001";
  nz.name = "Luckin Coffee NZ Test Store";
  nz.address = "1 Queen St";
  nz.city = "Auckland";
  nz.state = "AK";
  nz.zip_code = "1010";
  nz.latitude = -36.8443;
  nz.longitude = 174.7669;
  nz.tenant = "LKNZ";
  nz.currency = "NZD";
  nz.timezone = "Pacific/Auckland";
  nz.test_store = true;
  nz.opened = Date::from_ymd(2025, 8, 18);
  nz.demand_weight = 0;
  sales.stores.push_back(nz);
}

void build_products(SalesWorld& sales) {
  int n = 0;
  for (const ProductRow& r : kProducts) {
    Product p;
    p.commodity_id = ++n;
    char no[16];
    std::snprintf(no, sizeof no, "SPU%04d", 1000 + n);
    p.commodity_no = no;
    p.name = r.name;
    p.category_id = r.category;
    p.category = kCategories[r.category - 1];
    p.price_cents = r.price_cents;
    p.drink = r.category != 8;
    p.iced = r.iced;
    p.sugar_level = r.sugar;
    p.popularity = r.popularity;
    p.prep_seconds = r.prep_seconds;
    p.calories = r.calories;
    p.caffeine_mg = r.caffeine;
    p.nutrition_grade = r.grade;
    p.launched = r.launched ? Date::parse(r.launched) : Date::from_ymd(2025, 6, 30);
    if (r.retired) p.retired = Date::parse(r.retired);
    sales.products.push_back(p);
  }
}

void build_channels(SalesWorld& sales) {
  double total = 0;
  for (const ChannelRow& r : kChannels) total += r.share;
  for (const ChannelRow& r : kChannels) {
    PaymentChannel c;
    c.channel_id = r.id;
    c.name = r.name;
    c.share = r.share / total;
    c.percent_fee_e6 = r.percent_e6;
    c.fixed_fee_cents = r.fixed_cents;
    c.card = r.card;
    sales.channels.push_back(c);
  }
}

}  // namespace luckyhub::sim
