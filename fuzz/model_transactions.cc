// The transactions file of `luckyhub model bgnbd` (cli/transactions_file.h):
// CSV with customer, date and amount columns, summarised per customer.
#include "cli/transactions_file.h"
#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace luckyhub::cli;
  const std::string& path = luckyhub::fuzz::scratch_file(data, size, "transactions.csv");
  luckyhub::fuzz::refused_only_with_error([&] {
    const std::vector<Transaction> t = read_transactions(path, {.customer = "customer", .date = "date", .amount = "amount"});
    (void)summarise(t, std::nullopt, 7.0);
  });
  return 0;
}
