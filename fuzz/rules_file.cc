// The alert rules file (alerts/rules.h): [[rule]] and [[webhook]] tables.
#include "alerts/rules.h"
#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string& path = luckyhub::fuzz::scratch_file(data, size, "rules.toml");
  luckyhub::fuzz::refused_only_with_error([&] {
    const luckyhub::alerts::RuleSet rules = luckyhub::alerts::RuleSet::load(path);
    for (const luckyhub::alerts::Rule& r : rules.rules) (void)rules.find(r.name);
  });
  return 0;
}
