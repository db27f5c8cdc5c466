// Marketing spend as entered (tools/channels/channels_spend.h): the CSV file
// or PUT body, or the page's grid as JSON. Every accepted row is a channel,
// a YYYY-MM month and a spend in range.
#include "fuzz_support.h"
#include "tools/channels/channels_spend.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace luckyhub;
  fuzz::refused_only_with_error([&] {
    for (const channels::SpendRow& r : channels::parse_spend_body(fuzz::text_of(data, size))) {
      fuzz::require(r.month.size() == 7 && r.month[4] == '-', "a YYYY-MM month");
      fuzz::require(r.cents >= 0 && r.cents <= channels::kMaxSpendDollars * 100, "spend in range");
    }
  });
  return 0;
}
