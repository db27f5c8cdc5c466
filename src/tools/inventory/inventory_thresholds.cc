#include "tools/inventory/inventory_thresholds.h"

#include <chrono>
#include <set>

#include "core/calendar.h"
#include "core/csv_fields.h"
#include "core/error.h"

namespace luckyhub::inventory {
namespace {

const TableDef& threshold_table() {
  static const TableDef def = [] {
    TableDef t{.database = "inventory", .name = "thresholds",
               .comment = "days-of-supply threshold per goods, entered by supply planning"};
    t.columns = {not_null_column("goods_id", ColumnType::kInt), not_null_column("tenths", ColumnType::kInt),
                 not_null_column("version", ColumnType::kInt),  // microseconds since the epoch of the entry
                 not_null_column("update_time", ColumnType::kDateTime)};
    t.primary_key = {"goods_id", "version"};
    return t;
  }();
  return def;
}

// "12", "2.5": days with at most one decimal, as tenths; -1 when not that.
int64_t parse_tenths(const std::string& s) {
  const size_t dot = s.find('.');
  const std::string whole = s.substr(0, dot), frac = dot == std::string::npos ? "" : s.substr(dot + 1);
  if (whole.empty() || whole.size() > 4 || (dot != std::string::npos && frac.size() != 1)) return -1;
  for (char c : whole + frac)
    if (c < '0' || c > '9') return -1;
  return std::stoll(whole) * 10 + (frac.empty() ? 0 : frac[0] - '0');
}

std::set<int64_t> known_goods(Warehouse& wh) {
  std::set<int64_t> out;
  for (const Row row : wh.query("SELECT id FROM scm_commodity__t_mdm_goods WHERE tenant = 'LKUS'")) out.insert(row.integer("id"));
  return out;
}

}  // namespace

std::vector<ThresholdRow> parse_thresholds(Warehouse& wh, std::string_view text, const std::string& name) {
  if (text.size() > kMaxThresholdBytes) throw Error(name + ": larger than " + std::to_string(kMaxThresholdBytes) + " bytes");
  return parse_thresholds(text, name, known_goods(wh));
}

std::vector<ThresholdRow> parse_thresholds(std::string_view text, const std::string& name, const std::set<int64_t>& goods) {
  if (text.size() > kMaxThresholdBytes) throw Error(name + ": larger than " + std::to_string(kMaxThresholdBytes) + " bytes");
  std::vector<ThresholdRow> rows;
  std::set<int64_t> seen;
  read_entered_csv(text, name, {"goods_id", "days_of_supply"}, [&](const std::vector<std::string>& f, const std::string& where) {
    ThresholdRow r;
    const bool digits = !f[0].empty() && f[0].size() <= 12 && f[0].find_first_not_of("0123456789") == std::string::npos;
    if (!digits || !goods.count(r.goods_id = std::stoll(f[0])))
      throw Error(where + "goods_id '" + f[0] + "' is not a goods of t_mdm_goods");
    r.tenths = parse_tenths(f[1]);
    if (r.tenths < 0 || r.tenths > kMaxThresholdTenths)
      throw Error(where + "days_of_supply '" + f[1] + "' is not a number of days from 0 to 365 with at most one decimal");
    if (!seen.insert(r.goods_id).second) throw Error(where + "goods " + f[0] + " appears twice");
    rows.push_back(r);
  });
  return rows;
}

void save_thresholds(Warehouse& wh, const std::vector<ThresholdRow>& rows) {
  const auto now = std::chrono::system_clock::now().time_since_epoch();
  const int64_t version = std::chrono::duration_cast<std::chrono::microseconds>(now).count();
  const std::string stamp = Timestamp{std::chrono::duration_cast<std::chrono::seconds>(now).count()}.str();
  std::vector<std::vector<SqlValue>> values;
  for (const ThresholdRow& r : rows) values.push_back({r.goods_id, r.tenths, version, stamp});
  wh.append_entered(threshold_table(), values);
}

std::map<int64_t, double> read_thresholds(Warehouse& wh) {
  std::map<int64_t, double> out;
  const std::string table = wh.entered_table(threshold_table());
  if (table.empty()) return out;
  // By version within a goods: the last row of each goods is its latest entry.
  std::map<int64_t, int64_t> latest;
  for (const Row row : wh.query("SELECT goods_id, version, tenths FROM " + table + " ORDER BY goods_id, version"))
    latest[row.integer("goods_id")] = row.integer("tenths");
  for (const auto& [goods, tenths] : latest)
    if (tenths > 0) out[goods] = static_cast<double>(tenths) / 10;
  return out;
}

}  // namespace luckyhub::inventory
