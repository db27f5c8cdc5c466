// Report parameters as a query string or --param flags give them
// (tools/registry.h Params::parse), over one parameter of every type, and a
// user's store list and role as the users command and the access API take
// them (access/role.h). The input is "name=value&name=value".
#include <map>

#include "access/role.h"
#include "fuzz_support.h"
#include "tools/registry.h"

namespace {

const std::vector<luckyhub::ParamSpec>& specs() {
  using luckyhub::ParamType;
  static const std::vector<luckyhub::ParamSpec> s = {
      {.name = "from", .type = ParamType::kDate, .label = "From"},
      {.name = "to", .type = ParamType::kDate, .default_value = "2026-02-01", .label = "To"},
      {.name = "store", .type = ParamType::kInt, .min = 1, .max = 100000, .label = "Store"},
      {.name = "share", .type = ParamType::kNumber, .default_value = "0.1", .min = 0, .max = 1, .label = "Share"},
      {.name = "currency", .type = ParamType::kChoice, .default_value = "USD", .choices = {"USD", "NZD"}, .label = "Currency"},
      {.name = "instance", .type = ParamType::kText, .allowed_chars = "abcdefghijklmnopqrstuvwxyz0123456789-_.", .label = "Instance"},
      {.name = "note", .type = ParamType::kText, .label = "Note"},
  };
  return s;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace luckyhub;
  const std::string_view text = fuzz::text_of(data, size);
  std::map<std::string, std::string> given;
  size_t pos = 0;
  while (pos <= text.size()) {
    const size_t amp = std::min(text.find('&', pos), text.size());
    const std::string_view pair = text.substr(pos, amp - pos);
    const size_t eq = pair.find('=');
    given[std::string(pair.substr(0, eq))] = eq == std::string_view::npos ? "" : std::string(pair.substr(eq + 1));
    pos = amp + 1;
  }
  fuzz::refused_only_with_error([&] {
    const Params p = Params::parse(specs(), given);
    if (p.has("from")) (void)p.date("from");
    (void)p.date("to");
    if (p.has("store")) fuzz::require(p.integer("store") >= 1 && p.integer("store") <= 100000, "store in range");
    const double share = p.number("share");
    fuzz::require(share >= 0 && share <= 1, "share in range");
    (void)p.text("currency");
    (void)p.as_report_params();
  });
  (void)access::parse_role(text);
  fuzz::refused_only_with_error([&] { (void)access::parse_stores(text); });
  return 0;
}
