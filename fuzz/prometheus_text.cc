// A node exporter's /metrics (collect/prometheus_text.h): the Prometheus text
// exposition format. An accepted sample has a name.
#include "collect/prometheus_text.h"
#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace luckyhub;
  fuzz::refused_only_with_error([&] {
    for (const collect::PromSample& s : collect::parse_prometheus_text(fuzz::text_of(data, size))) {
      fuzz::require(!s.name.empty(), "a sample has a name");
    }
  });
  return 0;
}
