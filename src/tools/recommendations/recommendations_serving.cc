#include "tools/recommendations/recommendations_serving.h"

#include <cmath>

#include <nlohmann/json.hpp>

#include "core/error.h"

namespace luckyhub::recommendations {


std::shared_ptr<const ServingCache::Trained> ServingCache::trained(const std::string& location) {
  const std::string version = warehouse_version(location);
  std::lock_guard lock(mutex_);
  if (current_ && current_->version == version) return current_;
  auto t = std::make_shared<Trained>();
  t->version = version;
  {
    const std::unique_ptr<Warehouse> wh = open_warehouse(location);
    t->data = read_data(*wh);
  }
  // The report's default parameters, so a list equals the profile's.
  t->serving = train_serving(t->data, settings_of(Params::parse(recommendation_params(), {})));
  current_ = std::move(t);
  return current_;
}

std::string ServingCache::answer(const std::string& location, const std::string& user_no, int n) {
  if (user_no.empty() || user_no.size() > 32 || user_no.find_first_not_of("0123456789") != std::string::npos) {
    throw Error("user_no: want digits, got '" + user_no.substr(0, 32) + "'");
  }
  if (n < 1 || n > 50) throw Error("n: want 1 to 50, got " + std::to_string(n));
  const std::shared_ptr<const Trained> t = trained(location);
  const Data& data = t->data;
  const auto at = std::lower_bound(data.users.begin(), data.users.end(), user_no);
  if (at == data.users.end() || *at != user_no) throw Error("no paid purchases by customer " + user_no);
  const int32_t user = static_cast<int32_t>(at - data.users.begin());
  const Models& m = *t->serving.models;
  std::vector<double> scores(data.products.size());
  blend_scores(m, user, data.as_of, t->serving.menus->allowed(data.home_store[user], data.as_of.days), scores);
  nlohmann::json list = nlohmann::json::array();
  const int season = season_of(data.as_of);
  const std::vector<int32_t> top = recommend::top_k(scores, m.train(), user, n);
  for (size_t r = 0; r < top.size() && std::isfinite(scores[top[r]]); ++r) {
    const Product& p = data.products[top[r]];
    list.push_back({{"rank", r + 1},
                    {"spu_id", p.spu_id},
                    {"product", p.name},
                    {"category", p.category},
                    {"score", std::round(scores[top[r]] * 1000) / 1000},
                    {"reason", reason_for(data, m, user, top[r], season)}});
  }
  return nlohmann::json{{"user_no", user_no},
                        {"as_of", data.as_of.str()},
                        {"store", data.stores[data.home_store[user]]},
                        {"recommendations", std::move(list)}}
      .dump();
}

ServingCache& serving_cache() {
  static ServingCache cache;
  return cache;
}

}  // namespace luckyhub::recommendations
