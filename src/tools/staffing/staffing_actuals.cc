#include "tools/staffing/staffing_actuals.h"

#include <chrono>
#include <map>

#include <nlohmann/json.hpp>

#include "core/error.h"

namespace luckyhub::staffing {
namespace {

const TableDef& actual_staff_table() {
  static const TableDef def = [] {
    TableDef t{.database = "staffing", .name = "actual_staff",
               .comment = "actual staff per store and hour, entered on the staffing page"};
    ColumnDef staff{.name = "staff", .type = ColumnType::kInt};  // null: not entered
    t.columns = {not_null_column("shop_id", ColumnType::kInt), not_null_column("week", ColumnType::kDate),
                 not_null_column("day", ColumnType::kDate),      not_null_column("hour", ColumnType::kInt),
                 staff,
                 not_null_column("version", ColumnType::kInt),   // microseconds since the epoch of the save
                 not_null_column("update_time", ColumnType::kDateTime)};
    t.primary_key = {"shop_id", "week", "version", "day", "hour"};
    return t;
  }();
  return def;
}

int64_t store_or_throw(Warehouse& wh, const nlohmann::json& body) {
  if (!body.contains("store") || !body["store"].is_number_integer())
    throw Error("staffing: \"store\" must be a store id (an integer)");
  const int64_t shop = body["store"].get<int64_t>();
  const ResultSet r = wh.query("SELECT COUNT(*) AS n FROM opshop__t_shop_info WHERE tenant = 'LKUS' AND id = ?", {shop});
  for (const Row row : r)
    if (row.integer("n") > 0) return shop;
  throw Error("staffing: store " + std::to_string(shop) + " is not a US store of this warehouse");
}

// A Monday from the warehouse's first week to the last forecast date.
Date week_or_throw(Warehouse& wh, const nlohmann::json& body) {
  if (!body.contains("week") || !body["week"].is_string()) throw Error("staffing: \"week\" must be a date, YYYY-MM-DD");
  Date week;
  try {
    week = Date::parse(body["week"].get<std::string>());
  } catch (const std::exception&) {
    throw Error("staffing: week '" + body["week"].get<std::string>() + "' is not a date, YYYY-MM-DD");
  }
  monday_or_throw(week, "staffing: week");
  const Date start = Date::parse(wh.meta("start")), as_of = Date::parse(wh.meta("as_of"));
  if (week < monday_of(start) || week > as_of + 7)
    throw Error("staffing: week " + week.str() + " is outside the warehouse's data (" + monday_of(start).str() + " to " +
                (as_of + 7).str() + ")");
  return week;
}

std::vector<std::optional<int>> grid_or_throw(const nlohmann::json& body) {
  const auto& grid = body.contains("staff") ? body["staff"] : nlohmann::json();
  if (!grid.is_array() || grid.size() != 7) throw Error("staffing: \"staff\" must be 7 days (Monday first) of 24 hours");
  std::vector<std::optional<int>> out;
  for (size_t d = 0; d < 7; ++d) {
    if (!grid[d].is_array() || grid[d].size() != 24)
      throw Error("staffing: staff day " + std::to_string(d) + " must be 24 hours");
    for (size_t h = 0; h < 24; ++h) {
      const nlohmann::json& v = grid[d][h];
      const std::string where = "staffing: staff on day " + std::to_string(d) + " at hour " + std::to_string(h);
      if (v.is_null()) {
        out.push_back(std::nullopt);
      } else if (!v.is_number_integer() || v.get<int64_t>() < 0 || v.get<int64_t>() > kMaxStaff) {
        throw Error(where + " must be a whole number of people from 0 to " + std::to_string(kMaxStaff) + " (got " +
                    v.dump() + ")");
      } else {
        out.push_back(static_cast<int>(v.get<int64_t>()));
      }
    }
  }
  return out;
}

}  // namespace

ActualWeek parse_actual_week(Warehouse& wh, std::string_view text) {
  if (text.size() > kMaxBodyBytes)
    throw Error("staffing: the body is over " + std::to_string(kMaxBodyBytes) + " bytes");
  nlohmann::json body;
  try {
    body = nlohmann::json::parse(text);
  } catch (const nlohmann::json::exception&) {
    throw Error("staffing: the body is not JSON");
  }
  if (!body.is_object()) throw Error("staffing: the body must be a JSON object");
  for (const auto& [key, value] : body.items())
    if (key != "store" && key != "week" && key != "staff") throw Error("staffing: unknown field \"" + key + "\"");
  ActualWeek w;
  w.shop_id = store_or_throw(wh, body);
  w.week = week_or_throw(wh, body);
  w.staff = grid_or_throw(body);
  return w;
}

void save_actual_week(Warehouse& wh, const ActualWeek& w) {
  const auto now = std::chrono::system_clock::now().time_since_epoch();
  const int64_t version = std::chrono::duration_cast<std::chrono::microseconds>(now).count();
  const std::string stamp = Timestamp{std::chrono::duration_cast<std::chrono::seconds>(now).count()}.str();
  std::vector<std::vector<SqlValue>> rows;
  for (size_t i = 0; i < w.staff.size(); ++i) {
    rows.push_back({w.shop_id, w.week.str(), (w.week + static_cast<int>(i / 24)).str(), static_cast<int64_t>(i % 24),
                    w.staff[i] ? SqlValue{static_cast<int64_t>(*w.staff[i])} : SqlValue{}, version, stamp});
  }
  wh.append_entered(actual_staff_table(), rows);
}

// Every save of the week, newest last; each store's newest one kept.
ActualStaff read_actual_staff(Warehouse& wh, Date week) {
  ActualStaff out;
  const std::string table = wh.entered_table(actual_staff_table());
  if (table.empty()) return out;
  std::map<int64_t, int64_t> latest;  // shop -> version
  for (const Row row : wh.query("SELECT shop_id, MAX(version) AS version FROM " + table + " WHERE week = ? GROUP BY shop_id",
                                {week.str()}))
    latest[row.integer("shop_id")] = row.integer("version");
  const ResultSet r = wh.query("SELECT shop_id, version, " + wh.dialect().date_text("day") + " AS day, hour, staff FROM " +
                                   table + " WHERE week = ? AND staff IS NOT NULL ORDER BY shop_id, day, hour",
                               {week.str()});
  for (const Row row : r) {
    if (row.integer("version") != latest[row.integer("shop_id")]) continue;
    auto& grid = out[row.integer("shop_id")];
    grid.resize(7 * 24);
    const int day = Date::parse(row.text("day")) - week;
    if (day >= 0 && day < 7) grid[day * 24 + row.integer("hour")] = static_cast<int>(row.integer("staff"));
  }
  return out;
}

}  // namespace luckyhub::staffing
