// Query text as the processlist snapshot shows it: string and number
// literals replaced by '?', whitespace runs collapsed, cut to a length.
// Customer data (phone numbers, order numbers) lives in literals, so the
// text can be shown to anyone who may see the dashboard.
#pragma once

#include <string>
#include <string_view>

namespace luckyhub::collect {

// mask_query("SELECT * FROM t WHERE phone = '555-1234' AND id IN (1, 2)", 200)
//   == "SELECT * FROM t WHERE phone = ? AND id IN (?, ?)"
// Identifiers with digits (t_order2, `x1`) are kept; a cut text ends in "...".
std::string mask_query(std::string_view sql, size_t max_chars);

}  // namespace luckyhub::collect
