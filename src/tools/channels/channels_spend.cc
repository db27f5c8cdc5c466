#include "tools/channels/channels_spend.h"

#include <chrono>
#include <set>

#include <nlohmann/json.hpp>

#include "core/csv_fields.h"
#include "core/error.h"
#include "core/money.h"

namespace luckyhub::channels {
namespace {

const TableDef& spend_table() {
  static const TableDef def = [] {
    TableDef t{.database = "channels", .name = "spend",
               .comment = "marketing spend per acquisition channel and month, entered by marketing"};
    t.columns = {not_null_column("channel", ColumnType::kText), not_null_column("month", ColumnType::kText),
                 not_null_column("cents", ColumnType::kInt),
                 not_null_column("version", ColumnType::kInt),  // microseconds since the epoch of the entry
                 not_null_column("update_time", ColumnType::kDateTime)};
    t.primary_key = {"channel", "month", "version"};
    return t;
  }();
  return def;
}

bool valid_month(const std::string& m) {
  if (m.size() != 7 || m[4] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6})
    if (m[i] < '0' || m[i] > '9') return false;
  const int month = (m[5] - '0') * 10 + (m[6] - '0');
  return month >= 1 && month <= 12 && m.substr(0, 4) >= "2000";
}

}  // namespace

std::vector<SpendRow> parse_spend(std::string_view text, const std::string& name) {
  if (text.size() > kMaxSpendBytes) throw Error(name + ": larger than " + std::to_string(kMaxSpendBytes) + " bytes");
  std::vector<SpendRow> rows;
  std::set<std::pair<int, std::string>> seen;
  read_entered_csv(text, name, {"channel", "month", "spend"}, [&](const std::vector<std::string>& f, const std::string& where) {
    SpendRow r;
    r.group = group_of_id(f[0]);
    if (r.group < 0) throw Error(where + "channel '" + f[0] + "' is not one of ios, android, delivery, other");
    if (!valid_month(f[1])) throw Error(where + "month '" + f[1] + "' is not YYYY-MM");
    r.month = f[1];
    try {
      r.cents = parse_cents(f[2]).value;
    } catch (const Error&) {
      throw Error(where + "spend '" + f[2] + "' is not an amount in dollars with at most two decimals");
    }
    if (r.cents < 0) throw Error(where + "spend '" + f[2] + "' is negative");
    if (r.cents > kMaxSpendDollars * 100)
      throw Error(where + "spend '" + f[2] + "' is more than " + std::to_string(kMaxSpendDollars) + " dollars");
    if (!seen.insert({r.group, r.month}).second)
      throw Error(where + f[0] + " " + r.month + " appears twice");
    rows.push_back(std::move(r));
  });
  return rows;
}

std::vector<SpendRow> parse_spend_grid(std::string_view json_text) {
  nlohmann::json body;
  try {
    body = nlohmann::json::parse(json_text);
  } catch (const nlohmann::json::exception&) {
    throw Error("channels: the spend grid is not valid JSON");
  }
  if (!body.is_object() || !body.contains("first_month") || !body["first_month"].is_string())
    throw Error("channels: \"first_month\" must be a month, YYYY-MM");
  const std::string first = body["first_month"].get<std::string>();
  if (!valid_month(first)) throw Error("channels: \"first_month\" '" + first + "' is not YYYY-MM");
  if (!body.contains("spend") || !body["spend"].is_array() || body["spend"].size() != kGroups)
    throw Error("channels: \"spend\" must be 4 rows (iOS, Android, Delivery, Other)");
  std::vector<SpendRow> rows;
  for (int g = 0; g < kGroups; ++g) {
    const nlohmann::json& row = body["spend"][g];
    if (!row.is_array() || row.empty() || row.size() > 120)
      throw Error("channels: each row of \"spend\" must be 1 to 120 months");
    Date month = Date::parse(first + "-01");
    for (const nlohmann::json& v : row) {
      if (!v.is_null()) {
        if (!v.is_number_integer() || v.get<int64_t>() < 0 || v.get<int64_t>() > kMaxSpendDollars) {
          throw Error(std::string("channels: spend of ") + group_label(g) + " " + month.month_str() +
                      " must be whole dollars from 0 to " + std::to_string(kMaxSpendDollars) + ", or empty");
        }
        rows.push_back({g, month.month_str(), v.get<int64_t>() * 100});
      }
      month = Date::from_ymd(month.year() + (month.month() == 12), month.month() % 12 + 1, 1);
    }
  }
  if (rows.empty()) throw Error("channels: the spend grid has no value to save");
  return rows;
}

std::vector<SpendRow> parse_spend_body(std::string_view body) {
  const size_t first = body.find_first_not_of(" \t\r\n");
  if (first != std::string_view::npos && body[first] == '{') return parse_spend_grid(body);
  return parse_spend(body, "body");
}

void save_spend(Warehouse& wh, const std::vector<SpendRow>& rows) {
  const auto now = std::chrono::system_clock::now().time_since_epoch();
  const int64_t version = std::chrono::duration_cast<std::chrono::microseconds>(now).count();
  const std::string stamp = Timestamp{std::chrono::duration_cast<std::chrono::seconds>(now).count()}.str();
  std::vector<std::vector<SqlValue>> values;
  for (const SpendRow& r : rows) values.push_back({std::string(group_id(r.group)), r.month, r.cents, version, stamp});
  wh.append_entered(spend_table(), values);
}

Spend read_spend(Warehouse& wh) {
  Spend out;
  const std::string table = wh.entered_table(spend_table());
  if (table.empty()) return out;
  std::map<std::pair<int, std::string>, int64_t> version;
  for (const Row row : wh.query("SELECT channel, month, version, cents FROM " + table + " ORDER BY channel, month, version")) {
    const int group = group_of_id(row.text("channel"));
    if (group < 0) continue;
    const std::pair<int, std::string> key{group, row.text("month")};
    const int64_t v = row.integer("version");
    if (auto it = version.find(key); it != version.end() && it->second > v) continue;
    version[key] = v;
    out[key] = row.integer("cents");
  }
  return out;
}

}  // namespace luckyhub::channels
