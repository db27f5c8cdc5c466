// The fleet file (sources/fleet.h): TOML naming every source instance, its
// credentials by reference, node exporters and CloudWatch targets.
#include "fuzz_support.h"
#include "sources/fleet.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string& path = luckyhub::fuzz::scratch_file(data, size, "fleet.toml");
  luckyhub::fuzz::refused_only_with_error([&] {
    const luckyhub::Fleet fleet = luckyhub::load_fleet(path);
    for (const luckyhub::Instance& i : fleet.instances) (void)i.label();
    (void)fleet.mysql_instances();
  });
  return 0;
}
