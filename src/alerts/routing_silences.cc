#include "alerts/routing_silences.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "core/calendar.h"
#include "core/error.h"

namespace luckyhub::alerts {
namespace {

constexpr size_t kMaxBodyBytes = 64 * 1024;
constexpr int64_t kMaxSilenceS = 366LL * 86400;

const TableDef& silences_table() {
  static const TableDef def = [] {
    TableDef t{.database = "alerts", .name = "silences",
               .comment = "alert silences, created on the dashboard or by the API; newest version wins"};
    t.columns = {not_null_column("id", ColumnType::kText),       not_null_column("version", ColumnType::kInt),
                 not_null_column("matchers", ColumnType::kText), not_null_column("starts", ColumnType::kInt),
                 not_null_column("ends", ColumnType::kInt),      not_null_column("created_by", ColumnType::kText),
                 not_null_column("comment", ColumnType::kText),  not_null_column("updated", ColumnType::kInt)};
    t.primary_key = {"id", "version"};
    return t;
  }();
  return def;
}

int64_t micros_now() {
  static std::atomic<int64_t> last{0};
  int64_t v = std::chrono::duration_cast<std::chrono::microseconds>(
                  std::chrono::system_clock::now().time_since_epoch())
                  .count();
  int64_t prev = last.load();
  while (true) {  // strictly increasing within the process
    const int64_t next = std::max(v, prev + 1);
    if (last.compare_exchange_weak(prev, next)) return next;
  }
}

// "2h", "30m", "90s", "1d" -> seconds; -1 when malformed.
int64_t duration_s(const std::string& text) {
  size_t used = 0;
  long long n = -1;
  try {
    n = std::stoll(text, &used);
  } catch (const std::exception&) {
    return -1;
  }
  const std::string unit = text.substr(used);
  const int64_t scale = unit == "s" ? 1 : unit == "m" ? 60 : unit == "h" ? 3600 : unit == "d" ? 86400 : 0;
  return n <= 0 || scale == 0 ? -1 : n * scale;
}

int64_t time_or_throw(const nlohmann::json& v, const std::string& field) {
  if (!v.is_string()) throw Error("silence: \"" + field + "\" must be a time like 2026-12-07T09:00:00Z");
  std::string text = v.get<std::string>();
  if (!text.empty() && text.back() == 'Z') text.pop_back();
  if (const size_t dot = text.find('.'); dot != std::string::npos) text = text.substr(0, dot);
  try {
    if (text.size() != 19) throw Error("");
    return Timestamp::parse(text).seconds;
  } catch (const std::exception&) {
    throw Error("silence: \"" + field + "\" '" + v.get<std::string>() + "' is not a UTC time like 2026-12-07T09:00:00Z");
  }
}

std::string string_or_throw(const nlohmann::json& body, const std::string& field, size_t max) {
  if (!body.contains(field) || !body[field].is_string() || body[field].get<std::string>().empty())
    throw Error("silence: \"" + field + "\" is required (a non-empty string)");
  const std::string v = body[field].get<std::string>();
  if (v.size() > max) throw Error("silence: \"" + field + "\" is over " + std::to_string(max) + " characters");
  return v;
}

Matcher matcher_or_throw(const nlohmann::json& m) {
  if (m.is_string()) return parse_matcher(m.get<std::string>());
  if (!m.is_object() || !m.contains("name") || !m["name"].is_string() || !m.contains("value") || !m["value"].is_string())
    throw Error("silence: a matcher is \"name=value\" or {\"name\": ..., \"value\": ..., \"isRegex\": false, \"isEqual\": true}");
  for (const auto& [key, value] : m.items())
    if (key != "name" && key != "value" && key != "isRegex" && key != "isEqual")
      throw Error("silence: unknown matcher field \"" + key + "\"");
  const bool regex = m.value("isRegex", false), equal = m.value("isEqual", true);
  const MatchOp op = regex ? (equal ? MatchOp::kRegex : MatchOp::kNotRegex) : (equal ? MatchOp::kEqual : MatchOp::kNotEqual);
  return make_matcher(m["name"].get<std::string>(), op, m["value"].get<std::string>());
}

std::string matchers_json(const std::vector<Matcher>& matchers) {
  nlohmann::json list = nlohmann::json::array();
  for (const Matcher& m : matchers) list.push_back(m.str());
  return list.dump();
}

}  // namespace

std::string Silence::state(int64_t now) const { return now < starts ? "pending" : now < ends ? "active" : "expired"; }

Silence parse_silence(std::string_view text, int64_t now) {
  if (text.size() > kMaxBodyBytes) throw Error("silence: the body is over 64 KiB");
  nlohmann::json body;
  try {
    body = nlohmann::json::parse(text);
  } catch (const nlohmann::json::exception&) {
    throw Error("silence: the body is not JSON");
  }
  if (!body.is_object()) throw Error("silence: the body must be a JSON object");
  for (const auto& [key, value] : body.items()) {
    static const std::set<std::string> kFields = {"matchers", "starts", "ends", "duration", "created_by", "comment"};
    if (!kFields.count(key)) throw Error("silence: unknown field \"" + key + "\"");
  }
  Silence s;
  if (!body.contains("matchers") || !body["matchers"].is_array() || body["matchers"].empty())
    throw Error("silence: \"matchers\" must be a non-empty list");
  if (body["matchers"].size() > 50) throw Error("silence: at most 50 matchers");
  for (const nlohmann::json& m : body["matchers"]) s.matchers.push_back(matcher_or_throw(m));
  bool selective = false;  // as Alertmanager: a silence must not match every alert
  for (const Matcher& m : s.matchers) selective = selective || !m.matches({});
  if (!selective) throw Error("silence: the matchers would match every alert (one must not match an empty label)");
  s.starts = body.contains("starts") ? time_or_throw(body["starts"], "starts") : now;
  if (body.contains("ends") == body.contains("duration"))
    throw Error("silence: give either \"ends\" (a UTC time) or \"duration\" (\"2h\"), not both or neither");
  if (body.contains("ends")) {
    s.ends = time_or_throw(body["ends"], "ends");
  } else {
    const int64_t d = body["duration"].is_string() ? duration_s(body["duration"].get<std::string>()) : -1;
    if (d <= 0) throw Error("silence: \"duration\" must be like \"30m\", \"2h\", \"1d\"");
    s.ends = std::max(s.starts, now) + d;
  }
  if (s.ends <= s.starts) throw Error("silence: \"ends\" must be after \"starts\"");
  if (s.ends <= now) throw Error("silence: \"ends\" is in the past");
  if (s.ends - std::max(s.starts, now) > kMaxSilenceS) throw Error("silence: at most 366 days long");
  s.created_by = string_or_throw(body, "created_by", 200);
  s.comment = string_or_throw(body, "comment", 2000);
  return s;
}

std::vector<Silence> read_silences(Warehouse& wh) {
  std::vector<Silence> out;
  const std::string table = wh.entered_table(silences_table());
  if (table.empty()) return out;
  std::map<std::string, int64_t> latest;
  for (const Row row : wh.query("SELECT id, MAX(version) AS version FROM " + table + " GROUP BY id"))
    latest[row.text("id")] = row.integer("version");
  const ResultSet r =
      wh.query("SELECT id, version, matchers, starts, ends, created_by, comment, updated FROM " + table + " ORDER BY id");
  for (const Row row : r) {
    if (row.integer("version") != latest[row.text("id")]) continue;
    Silence s{.id = row.text("id"), .starts = row.integer("starts"), .ends = row.integer("ends"),
              .created_by = row.text("created_by"), .comment = row.text("comment"), .updated = row.integer("updated")};
    for (const nlohmann::json& m : nlohmann::json::parse(row.text("matchers")))
      s.matchers.push_back(parse_matcher(m.get<std::string>()));
    out.push_back(std::move(s));
  }
  return out;
}

namespace {

void append(Warehouse& wh, const Silence& s, int64_t version) {
  wh.append_entered(silences_table(), {{s.id, version, matchers_json(s.matchers), s.starts, s.ends, s.created_by,
                                        s.comment, s.updated}});
}

}  // namespace

Silence create_silence(Warehouse& wh, Silence s, int64_t now) {
  const int64_t version = micros_now();
  char id[32];
  std::snprintf(id, sizeof id, "s%013llx", static_cast<unsigned long long>(version));
  s.id = id;
  s.updated = now;
  append(wh, s, version);
  return s;
}

bool expire_silence(Warehouse& wh, const std::string& id, int64_t now) {
  for (Silence& s : read_silences(wh)) {
    if (s.id != id) continue;
    if (s.ends <= now) return false;
    s.ends = now;
    s.starts = std::min(s.starts, now);
    s.updated = now;
    append(wh, s, micros_now());
    return true;
  }
  throw Error("no silence " + id);
}

std::string silenced_by(const Labels& labels, const std::vector<Silence>& silences, int64_t now) {
  for (const Silence& s : silences)
    if (s.active(now) && matches_all(s.matchers, labels)) return s.id;
  return "";
}

}  // namespace luckyhub::alerts
