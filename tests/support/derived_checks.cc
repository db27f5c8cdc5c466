#include "support/derived_checks.h"

#include <algorithm>
#include <regex>
#include <set>
#include <vector>

namespace luckyhub::testing {
namespace {

// A cell as text; "3,1,2" (an id list, in no promised order) as "1,2,3".
std::string normalised(const SqlValue& v) {
  std::string text = sql_text(v);
  if (std::holds_alternative<std::monostate>(v)) return "NULL";
  static const std::regex id_list(R"(\d+(,\d+)+)");
  if (!std::regex_match(text, id_list)) return text;
  std::vector<int64_t> ids;
  for (size_t at = 0; at < text.size();) {
    const size_t comma = std::min(text.find(',', at), text.size());
    ids.push_back(std::stoll(text.substr(at, comma - at)));
    at = comma + 1;
  }
  std::sort(ids.begin(), ids.end());
  std::string out;
  for (const int64_t id : ids) out += (out.empty() ? "" : ",") + std::to_string(id);
  return out;
}

std::vector<std::string> rows_of(const ResultSet& r) {
  std::vector<std::string> out;
  for (const auto& row : r.rows) {
    std::string line;
    for (const SqlValue& v : row) line += normalised(v) + " | ";
    out.push_back(line);
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

std::string derived_difference(Warehouse& wh, const DerivedTable& table) {
  const std::string name = table.name();
  if (!wh.has_table(name)) return name + " is not materialised";
  if (wh.meta(derived_meta_key(name)) != table.version(wh.dialect())) return name + " is not at its version";
  const DerivedTable::Present present = [&](const std::string& t) { return wh.has_table(t); };
  std::string columns;
  for (const ColumnDef& c : table.def.columns) columns += (columns.empty() ? "" : ", ") + c.name;
  const std::vector<std::string> stored = rows_of(wh.query("SELECT " + columns + " FROM " + name));
  std::vector<std::string> wanted;
  if (table.refresh == DerivedRefresh::kComputed) {  // what its computation gives now
    ResultSet computed;
    computed.rows = table.compute(wh);
    wanted = rows_of(computed);
  } else {
    const Query select = table.full_select(wh.dialect(), {}, &present);
    wanted = rows_of(wh.query("SELECT " + columns + " FROM (" + select.sql + ") d", select.params));
  }
  if (stored == wanted) return "";
  std::vector<std::string> extra, missing;
  std::set_difference(stored.begin(), stored.end(), wanted.begin(), wanted.end(), std::back_inserter(extra));
  std::set_difference(wanted.begin(), wanted.end(), stored.begin(), stored.end(), std::back_inserter(missing));
  return name + ": " + std::to_string(stored.size()) + " rows stored, " + std::to_string(wanted.size()) +
         " selected; " + (extra.empty() ? "" : "stored only: " + extra[0] + " ") +
         (missing.empty() ? "" : "selected only: " + missing[0]);
}

DerivedTable shop_payments_declaration(const std::string& owner, const std::string& database,
                                       const std::string& name) {
  DerivedTable d{.owner = owner, .refresh = DerivedRefresh::kAdditive};
  d.def = {.database = database, .name = name};
  d.def.columns = {{.name = "shop_id"}, {.name = "payments"}, {.name = "cents"}};
  d.def.primary_key = d.key = {"shop_id"};
  d.sources = {{"sales_payment__t_trade", [](const Dialect&, std::string_view rows) {
                  return "SELECT shop_id, COUNT(*) AS payments, SUM(amount) AS cents FROM " + std::string(rows) +
                         " WHERE trade_type = 1 AND trade_status = 20 GROUP BY shop_id";
                }}};
  return d;
}

}  // namespace luckyhub::testing
