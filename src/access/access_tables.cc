#include "access/access_tables.h"

#include <filesystem>

#include "core/error.h"
#include "warehouse/sqlite/sqlite_db.h"

namespace luckyhub::access {
namespace {

constexpr size_t kMaxAuditField = 1000;
constexpr std::string_view kRedacted = "[redacted]";

TableDef table(std::string name, std::string comment,
               std::vector<std::pair<std::string, ColumnType>> columns,
               std::vector<std::string> key) {
  TableDef t{.database = "access", .name = std::move(name), .comment = std::move(comment)};
  for (auto& [column, type] : columns)
    t.columns.push_back(not_null_column(std::move(column), type));
  t.primary_key = std::move(key);
  return t;
}

bool lower_hex_digit(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); }

// "lh_" + 12 hex + "_" starts a token: everything after it up to a space or
// quote is its secret (or part of it) and is replaced.
void redact_tokens(std::string& text) {
  size_t at = 0;
  while ((at = text.find("lh_", at)) != std::string::npos) {
    const size_t secret = at + 3 + 12 + 1;
    bool shaped = secret <= text.size() && text[secret - 1] == '_';
    for (size_t i = at + 3; shaped && i < secret - 1; ++i) shaped = lower_hex_digit(text[i]);
    if (!shaped) {
      at += 3;
      continue;
    }
    size_t end = secret;
    while (end < text.size() && text[end] != ' ' && text[end] != '"' && text[end] != '\'') ++end;
    text.replace(secret, end - secret, kRedacted);
    at = secret + kRedacted.size();
  }
}

std::string clean(std::string text) {
  for (char& c : text)
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = ' ';
  redact_tokens(text);
  if (text.size() > kMaxAuditField) {
    size_t cut = kMaxAuditField;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80)
      --cut;  // not inside a character
    text.resize(cut);
  }
  return text;
}

}  // namespace

const std::vector<const TableDef*>& access_tables() {
  static const TableDef users =
      table("users", "luckyhub's users, one row per version; the newest version is the user",
            {{"name", ColumnType::kText},
             {"version", ColumnType::kInt},
             {"role", ColumnType::kText},
             {"stores", ColumnType::kText},
             {"disabled", ColumnType::kInt},
             {"password_hash", ColumnType::kText},
             {"created", ColumnType::kInt},
             {"updated", ColumnType::kInt}},
            {"name", "version"});
  static const TableDef tokens =
      table("tokens", "API tokens, one row per version; the newest version is the token",
            {{"id", ColumnType::kText},
             {"version", ColumnType::kInt},
             {"name", ColumnType::kText},
             {"role", ColumnType::kText},
             {"stores", ColumnType::kText},
             {"secret_hash", ColumnType::kText},
             {"created_by", ColumnType::kText},
             {"created", ColumnType::kInt},
             {"revoked", ColumnType::kInt}},
            {"id", "version"});
  static const TableDef audit = [] {
    TableDef t = table("audit", "the audit log: logins, exports, changes; appended only",
                       {{"seq", ColumnType::kInt},
                        {"at", ColumnType::kInt},
                        {"actor", ColumnType::kText},
                        {"address", ColumnType::kText},
                        {"action", ColumnType::kText},
                        {"object", ColumnType::kText},
                        {"outcome", ColumnType::kText},
                        {"detail", ColumnType::kText}},
                       {"seq"});
    // The log is read newest first and grows with every sign-in and export.
    t.indexes = {IndexDef{.name = "by_time", .columns = {"at", "seq"}}};
    return t;
  }();
  static const std::vector<const TableDef*> all = {&users, &tokens, &audit};
  return all;
}

void check_only_access_tables(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::file_size(path, ec) == 0 || ec)
    return;  // new: the updater says what else is wrong
  ResultSet r;
  try {
    SqliteDb db(path, SQLITE_OPEN_READONLY);
    r = db.query(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '\\_luckyhub%' "
        "ESCAPE '\\' "
        "AND name NOT LIKE 'access\\_\\_%' ESCAPE '\\' ORDER BY name LIMIT 1",
        {});
  } catch (const Error&) {
    throw Error("access file " + path + " is not a SQLite file of luckyhub's");
  }
  if (!r.empty())
    throw Error(
        "access file " + path + " holds table " + r.row(0).text("name") +
        ": it is a warehouse or another program's file; give the access file a path of its own");
}

AuditEvent audit_row(const AuditEvent& event, int64_t now) {
  return AuditEvent{.at = event.at != 0 ? event.at : now,
                    .actor = clean(event.actor),
                    .address = clean(event.address),
                    .action = clean(event.action),
                    .object = clean(event.object),
                    .outcome = clean(event.outcome),
                    .detail = clean(event.detail)};
}

}  // namespace luckyhub::access
