// Serving the recommendations tool's blend to the app: GET
// /api/recommendations/{user_no}?n=10. The models are trained once per
// warehouse version (on every purchase, the report's default parameters),
// on the first request that needs them; every request after reads the
// trained model: a customer's blend over ~85 products and its top n.
//
// Thread-safe: requests of one version share the trained model; a request
// of a new version trains while the others of that version wait.
#pragma once

#include <memory>
#include <mutex>
#include <string>

#include "tools/recommendations/recommendations.h"
#include "warehouse/warehouse.h"

namespace luckyhub::recommendations {

class ServingCache {
 public:
  // JSON {"user_no", "as_of", "store", "recommendations": [{"rank", "spu_id",
  // "product", "category", "score", "reason"}]} of the customer's top n
  // (1..50). Throws Error "no paid purchases by customer N" when the
  // warehouse has none (the caller answers 404), Error on a bad user_no or n.
  std::string answer(const std::string& location, const std::string& user_no, int n);

 private:
  struct Trained {
    std::string version;
    Data data;
    Serving serving;
  };
  std::shared_ptr<const Trained> trained(const std::string& location);

  std::mutex mutex_;
  std::shared_ptr<const Trained> current_;
};

// The server's one cache.
ServingCache& serving_cache();

}  // namespace luckyhub::recommendations
