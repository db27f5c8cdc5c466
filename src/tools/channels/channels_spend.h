// Marketing spend per acquisition channel and month, the numerator of CAC.
// It is not in any source database: marketing enters it, as a CSV file
// (`luckyhub channels-spend FILE.csv`) or a CSV body (PUT /api/channels/spend),
// into an entered table of the warehouse (channels__spend, see
// Warehouse::entered_table), appended under a new version on each entry; the
// reader takes each (channel, month)'s latest value. An entry changes only
// the months it names.
//
// The file: a header `channel,month,spend`, then one row per channel and
// month: channel one of ios, android, delivery, other; month YYYY-MM; spend
// in dollars (at most two decimals, not negative). docs/channels-spend.example.csv.
// A bad row refuses the whole entry with "NAME:LINE: reason"; nothing is
// written unless every row is valid. A month may appear once per channel.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "tools/channels/channels.h"

namespace luckyhub::channels {

inline constexpr size_t kMaxSpendBytes = 256 * 1024;

struct SpendRow {
  int group = kOther;
  std::string month;  // YYYY-MM
  int64_t cents = 0;
};

// Parses a spend CSV; `name` prefixes the error messages (a path, "body").
std::vector<SpendRow> parse_spend(std::string_view text, const std::string& name);

// The page's spend grid (the report's "spend_entry" panel) as JSON:
// {"first_month": "YYYY-MM", "spend": [[whole dollars or null] x months] x 4},
// the rows in channel order (iOS, Android, Delivery, Other), the columns
// consecutive months from first_month. Null leaves a month as it is. Throws
// Error with one line naming what is wrong.
std::vector<SpendRow> parse_spend_grid(std::string_view json_text);

// A PUT body: the grid when it is a JSON object, else a CSV.
std::vector<SpendRow> parse_spend_body(std::string_view body);

inline constexpr int64_t kMaxSpendDollars = 1000000000;

// Appends the rows under a new version, atomically.
void save_spend(Warehouse& wh, const std::vector<SpendRow>& rows);

// The latest entry of each (group, month); empty when nothing was entered.
Spend read_spend(Warehouse& wh);

}  // namespace luckyhub::channels
