// A silence as POSTed to /api/alerts/silences (alerts/routing_silences.h):
// JSON with matchers, a start and an end or a duration.
#include "alerts/routing_silences.h"
#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace luckyhub;
  constexpr int64_t kNow = 1767225600;  // 2026-01-01 00:00:00 UTC
  fuzz::refused_only_with_error([&] { (void)alerts::parse_silence(fuzz::text_of(data, size), kNow); });
  return 0;
}
