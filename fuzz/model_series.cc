// The series file of `luckyhub model forecast-accuracy|erlang|experiment`
// (cli/series_file.h): CSV with value, date or t, and series.
#include "cli/series_file.h"
#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string& path = luckyhub::fuzz::scratch_file(data, size, "series.csv");
  luckyhub::fuzz::refused_only_with_error([&] { (void)luckyhub::cli::read_series_file(path); });
  return 0;
}
