// The recommendation lists the app served (luckyus_isales_cdp.
// t_recommend_served_log), planted so that how often they were right is known:
// 15% of the days a customer buys get a list of ten products pushed the
// day before. The customer's next purchase day is then that day (their
// previous one is earlier), so whether the list holds one of its products is
// the simulator's choice: with a probability that rises over the year from
// 0.20 to 0.45 (the model improving), one product bought that day at a
// uniform rank 1-10, the other nine products on sale that day and not bought.
//
// The manifest's `served_recommendations` has one item per week (Monday of
// the New York serve day): lists served and the count of lists whose first
// hit is at each rank 1-10, from which hit rate@k follows for every k.
#include <algorithm>
#include <map>

#include "simulate/generators.h"
#include "simulate/marketing/text_format.h"

namespace luckyhub::sim {
namespace {

constexpr double kServeShare = 0.15;
constexpr double kHitRateFirst = 0.20, kHitRateLast = 0.45;
constexpr int kListLength = 10;

struct ServedList {
  int64_t user_no = 0;
  Date day;                 // the serve day: the day before the purchase
  std::vector<int> bought;  // products of the customer's purchases on day + 1
};

class ServedRecommendations : public OrderObserver {
 public:
  explicit ServedRecommendations(SimContext& ctx)
      : ctx_(ctx),
        rng_(ctx.rng("marketing/served-recommendations")),
        last_day_(ctx.world.sales.customers.size(), INT32_MIN),
        pending_(ctx.world.sales.customers.size(), -1) {}

  // Orders arrive in time order: a customer's first purchase of a New York
  // day may start a list; its later purchases that day add their products.
  void on_order(const OrderEvent& order) override {
    if (!order.paid || order.customer < 0 || order.tenant != "LKUS" || order.currency != "USD")
      return;
    if (order.lines.empty()) return;
    const size_t c = static_cast<size_t>(order.customer);
    const Date day = new_york_date(order.create_time);
    if (day.days > last_day_[c]) {
      last_day_[c] = day.days;
      pending_[c] = -1;
      if (rng_.chance(kServeShare)) {
        pending_[c] = static_cast<int>(lists_.size());
        lists_.push_back({order.user_no, day - 1, {}});
      }
    }
    if (pending_[c] < 0) return;
    std::vector<int>& bought = lists_[static_cast<size_t>(pending_[c])].bought;
    for (const OrderLine& line : order.lines) bought.push_back(line.product);
  }

  void finish() override {
    RowSink& sink = ctx_.out.sink("luckyus_isales_cdp", "t_recommend_served_log");
    ctx_.truth.describe(
        "served_recommendations", "luckyus_isales_cdp.t_recommend_served_log",
        "recommendation lists of 10 served the day before a customer's purchase day; per week "
        "(Monday of the New York serve day) the lists and how many have their first product "
        "bought on the next purchase day at rank 1..10");
    const int products = static_cast<int>(ctx_.world.sales.products.size());
    const Date first = ctx_.world.start, last = ctx_.world.end;
    std::map<int32_t, std::array<int64_t, kListLength + 1>> weeks;  // [0] lists, [r] first hit at r
    int64_t id = 0;
    for (size_t n = 0; n < lists_.size(); ++n) {
      ServedList& list = lists_[n];
      std::sort(list.bought.begin(), list.bought.end());
      list.bought.erase(std::unique(list.bought.begin(), list.bought.end()), list.bought.end());
      const double progress =
          std::clamp(static_cast<double>(list.day - first) / std::max(1, last - first), 0.0, 1.0);
      const bool hit = rng_.chance(kHitRateFirst + (kHitRateLast - kHitRateFirst) * progress);
      const int hit_rank = hit ? static_cast<int>(rng_.range(1, kListLength)) : 0;
      std::vector<int> shown;
      while (static_cast<int>(shown.size()) < kListLength) {
        if (static_cast<int>(shown.size()) + 1 == hit_rank) {
          shown.push_back(list.bought[static_cast<size_t>(
              rng_.range(0, static_cast<int64_t>(list.bought.size()) - 1))]);
          continue;
        }
        const int p = static_cast<int>(rng_.range(0, products - 1));
        const Product& product = ctx_.world.sales.products[static_cast<size_t>(p)];
        if (product.launched > list.day + 1 || product.retired <= list.day + 1)
          continue;  // not on sale
        if (std::binary_search(list.bought.begin(), list.bought.end(), p)) continue;
        if (std::find(shown.begin(), shown.end(), p) != shown.end()) continue;
        shown.push_back(p);
      }
      auto& week = weeks[list.day.days - list.day.weekday()];
      ++week[0];
      if (hit_rank > 0) ++week[static_cast<size_t>(hit_rank)];
      const int64_t at = new_york_to_utc(list.day, static_cast<int>(rng_.range(9, 20)),
                                         static_cast<int>(rng_.range(0, 59)), 0)
                             .seconds;
      const std::string serve_no = "RS" + std::to_string(100000000 + n);
      for (int r = 0; r < kListLength; ++r) {
        sink.set_int(sink.col("id"), ++id);
        sink.set_text(sink.col("tenant"), "LKUS");
        sink.set_text(sink.col("serve_no"), serve_no);
        sink.set_text(sink.col("user_no"), std::to_string(list.user_no));
        sink.set_text(sink.col("scene"), r % 2 == 0 && n % 3 == 0 ? "home_page" : "push");
        sink.set_int(sink.col("position"), r + 1);
        sink.set_int(sink.col("spu_id"),
                     ctx_.world.sales.products[static_cast<size_t>(shown[static_cast<size_t>(r)])]
                         .commodity_id);
        sink.set_text(sink.col("serve_time"), utc_(at));
        sink.set_text(sink.col("create_time"), utc_(at));
        sink.set_text(sink.col("update_time"), utc_(at));
        sink.end_row();
      }
    }
    for (const auto& [monday, counts] : weeks) {
      nlohmann::json first_hit = nlohmann::json::array();
      for (int r = 1; r <= kListLength; ++r) first_hit.push_back(counts[static_cast<size_t>(r)]);
      ctx_.truth.add_item(
          "served_recommendations",
          {{"week", Date{monday}.str()}, {"lists", counts[0]}, {"first_hit_at_rank", first_hit}});
    }
  }

 private:
  SimContext& ctx_;
  Rng rng_;
  std::vector<int32_t> last_day_;  // per customer: the New York day of its last purchase
  std::vector<int> pending_;       // per customer: its list judged by today's purchases, or -1
  std::vector<ServedList> lists_;
  UtcText utc_;
};

}  // namespace

std::unique_ptr<OrderObserver> make_served_recommendations_observer(SimContext& ctx) {
  return std::make_unique<ServedRecommendations>(ctx);
}

}  // namespace luckyhub::sim
