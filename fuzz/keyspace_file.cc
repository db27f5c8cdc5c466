// The Redis keyspace file (collect/keyspace_config.h): namespaces, budgets, TTL policies.
#include "collect/keyspace_config.h"
#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(luckyhub::fuzz::text_of(data, size));
  luckyhub::fuzz::refused_only_with_error([&] { (void)luckyhub::collect::parse_keyspace_config(text, "keyspace.toml"); });
  return 0;
}
