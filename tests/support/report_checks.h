// Checks that a report's JSON follows docs/reports.md, for any tool.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace luckyhub::testing {

// Returns every violation of the contract found in `report` (empty when it
// conforms): required fields, known kinds and types, unique panel ids, row
// widths, money as integer cents with a currency, rates as numbers.
std::vector<std::string> report_contract_violations(const nlohmann::json& report);

}  // namespace luckyhub::testing
