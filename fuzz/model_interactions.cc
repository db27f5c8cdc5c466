// The interactions file of `luckyhub model recommend`
// (cli/interactions_file.h): CSV or TSV with user, item, weight, timestamp.
#include "cli/interactions_file.h"
#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace luckyhub::cli;
  const std::string& path = luckyhub::fuzz::scratch_file(data, size, "interactions.csv");
  luckyhub::fuzz::refused_only_with_error([&] {
    Catalogue catalogue;
    const InteractionsFile f = read_interactions(path, catalogue);
    for (const auto& e : f.events) {
      luckyhub::fuzz::require(e.user >= 0 && e.user < static_cast<int32_t>(catalogue.users.size()), "a known user");
      luckyhub::fuzz::require(e.item >= 0 && e.item < static_cast<int32_t>(catalogue.items.size()), "a known item");
    }
  });
  return 0;
}
