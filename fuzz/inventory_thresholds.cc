// Days-of-supply thresholds as entered (tools/inventory/inventory_thresholds.h):
// the CSV file or PUT body, against a set of known goods.
#include "fuzz_support.h"
#include "tools/inventory/inventory_thresholds.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace luckyhub;
  static const std::set<int64_t> goods = {1, 2, 3, 5, 6, 7, 8, 42, 1001, 999999999999};
  fuzz::refused_only_with_error([&] {
    for (const inventory::ThresholdRow& r : inventory::parse_thresholds(fuzz::text_of(data, size), "body", goods)) {
      fuzz::require(goods.count(r.goods_id) == 1, "a known goods");
      fuzz::require(r.tenths >= 0 && r.tenths <= inventory::kMaxThresholdTenths, "days in range");
    }
  });
  return 0;
}
