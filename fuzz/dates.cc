// Date and timestamp strings (core/calendar.h): 'YYYY-MM-DD' and
// 'YYYY-MM-DD HH:MM:SS' (or with a 'T'). An accepted date prints as its
// input; an accepted timestamp prints as text that parses to the same instant.
#include "core/calendar.h"
#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace luckyhub;
  const std::string_view text = fuzz::text_of(data, size);
  fuzz::refused_only_with_error([&] {
    const Date d = Date::parse(text);
    fuzz::require(d.str() == text, "a date prints as it was given");
    (void)d.weekday();
  });
  fuzz::refused_only_with_error([&] {
    const Timestamp t = Timestamp::parse(text);
    fuzz::require(Timestamp::parse(t.str()).seconds == t.seconds, "a timestamp round trip");
  });
  return 0;
}
