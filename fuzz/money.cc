// Money and other DECIMAL strings (core/money.h): parse_decimal at every
// scale the schema uses. An accepted value formats back to text that parses
// to the same value.
#include "core/money.h"
#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace luckyhub;
  const std::string_view text = fuzz::text_of(data, size);
  for (int scale = 0; scale <= 6; ++scale) {
    fuzz::refused_only_with_error([&] {
      const int64_t value = parse_decimal(text, scale);
      fuzz::require(parse_decimal(format_decimal(value, scale), scale) == value, "format_decimal round trip");
    });
  }
  fuzz::refused_only_with_error([&] { (void)parse_cents(text); });
  return 0;
}
