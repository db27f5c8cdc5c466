#include "delivery/delivery_file.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

// As pkg-config tomlplusplus says: the compiled library, not header-only.
#define TOML_HEADER_ONLY 0
#define TOML_SHARED_LIB 1
#include <toml++/toml.h>

#include "alerts/routing_config.h"
#include "core/error.h"
#include "delivery/renderers.h"
#include "tools/registry.h"

namespace luckyhub::delivery {
namespace {

// Raised by the checks below with the line at fault; the loader prefixes the file.
struct FileError {
  int line;
  std::string reason;
};

int line_of(const toml::node& node) { return static_cast<int>(node.source().begin.line); }

void only_keys(const toml::table& table, const std::set<std::string>& allowed, const std::string& what) {
  for (const auto& [key, value] : table) {
    if (!allowed.count(std::string(key.str()))) {
      std::string list;
      for (const std::string& k : allowed) list += (list.empty() ? "" : ", ") + k;
      throw FileError{static_cast<int>(key.source().begin.line),
                      "unknown key '" + std::string(key.str()) + "' in " + what + " (known: " + list + ")"};
    }
  }
}

std::string text(const toml::table& t, const char* key, const std::string& what, int line, bool required = true) {
  const toml::node* node = t.get(key);
  if (node == nullptr) {
    if (required) throw FileError{line, what + " has no " + key};
    return "";
  }
  const auto* s = node->as_string();
  if (s == nullptr || s->get().empty()) {
    throw FileError{line_of(*node), std::string(key) + " of " + what + " must be a non-empty string"};
  }
  return s->get();
}

bool boolean(const toml::table& t, const char* key, bool fallback, const std::string& what) {
  const toml::node* node = t.get(key);
  if (node == nullptr) return fallback;
  const auto* b = node->as_boolean();
  if (b == nullptr) throw FileError{line_of(*node), std::string(key) + " of " + what + " must be true or false"};
  return b->get();
}

// "90s", "15m", "1h", "2d" or a plain number of seconds.
int duration(const toml::node& node, const std::string& what) {
  if (const auto* i = node.as_integer()) {
    if (i->get() > 0 && i->get() <= 365LL * 86400) return static_cast<int>(i->get());
  } else if (const auto* s = node.as_string()) {
    const std::string v = s->get();
    size_t digits = 0;
    while (digits < v.size() && std::isdigit(static_cast<unsigned char>(v[digits]))) ++digits;
    const std::string unit = v.substr(digits);
    const long long scale = unit.empty() || unit == "s" ? 1 : unit == "m" ? 60 : unit == "h" ? 3600 : unit == "d" ? 86400 : 0;
    if (digits > 0 && digits <= 6 && scale > 0) {
      const long long n = std::stoll(v.substr(0, digits)) * scale;
      if (n > 0 && n <= 365LL * 86400) return static_cast<int>(n);
    }
  }
  throw FileError{line_of(node), what + " must be a duration like \"90s\", \"15m\", \"1h\""};
}

std::vector<std::string> string_list(const toml::table& t, const char* key, const std::string& what, int line) {
  const toml::node* node = t.get(key);
  if (node == nullptr) throw FileError{line, what + " has no " + key};
  const auto* list = node->as_array();
  if (list == nullptr || list->empty()) {
    throw FileError{line_of(*node), std::string(key) + " of " + what + " must be a non-empty list of strings"};
  }
  std::vector<std::string> out;
  for (const toml::node& item : *list) {
    const auto* s = item.as_string();
    if (s == nullptr || s->get().empty()) {
      throw FileError{line_of(item), std::string(key) + " of " + what + " must hold non-empty strings"};
    }
    out.push_back(s->get());
  }
  return out;
}

// A tool and its parameters, checked by the registry and the tool's own validation.
void tool_and_params(const toml::table& t, const std::string& what, int line, std::string& tool,
                     std::map<std::string, std::string>& params) {
  tool = text(t, "tool", what, line);
  const Tool* found = ToolRegistry::instance().find(tool);
  if (found == nullptr) {
    std::string ids;
    for (const Tool* k : ToolRegistry::instance().list()) ids += (ids.empty() ? "" : ", ") + k->id;
    throw FileError{line_of(*t.get("tool")), "unknown tool '" + tool + "' in " + what + " (tools: " + ids + ")"};
  }
  if (const toml::node* node = t.get("params")) {
    const auto* table = node->as_table();
    if (table == nullptr) throw FileError{line_of(*node), "params of " + what + " must be a table: params = { from = \"...\" }"};
    for (const auto& [key, value] : *table) {
      std::string v;
      if (const auto* s = value.as_string()) {
        v = s->get();
      } else if (const auto* i = value.as_integer()) {
        v = std::to_string(i->get());
      } else if (const auto* f = value.as_floating_point()) {
        std::ostringstream out;
        out << f->get();
        v = out.str();
      } else if (const auto* b = value.as_boolean()) {
        v = b->get() ? "true" : "false";
      } else if (const auto* d = value.as_date()) {
        std::ostringstream out;
        out << *d;
        v = out.str();
      } else {
        throw FileError{line_of(value), "parameter " + std::string(key.str()) + " of " + what +
                                            " must be a string, number or date"};
      }
      params[std::string(key.str())] = v;
    }
    try {
      Params::parse(found->params, params);
    } catch (const Error& e) {
      throw FileError{line_of(*node), what + ": " + e.what()};
    }
  }
}

void cron_and_zone(const toml::table& t, const std::string& what, int line, std::optional<CronSpec>& cron,
                   std::string& timezone, const date::time_zone*& zone) {
  const std::string cron_text = text(t, "cron", what, line);
  try {
    cron = CronSpec::parse(cron_text);
  } catch (const Error& e) {
    throw FileError{line_of(*t.get("cron")), e.what()};
  }
  timezone = text(t, "timezone", what, line);
  try {
    zone = &find_zone(timezone);
  } catch (const Error& e) {
    throw FileError{line_of(*t.get("timezone")), std::string(e.what()) + " in " + what};
  }
  if (!cron->next_fire(std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()), *zone)) {
    throw FileError{line_of(*t.get("cron")), "cron '" + cron_text + "' of " + what + " never fires"};
  }
}

std::string absolute(const std::string& path, const std::filesystem::path& base) {
  std::filesystem::path p(path);
  if (p.is_relative()) p = base / p;
  return p.lexically_normal().string();
}

SchedulerSettings parse_scheduler(const toml::node& node) {
  const auto* t = node.as_table();
  if (t == nullptr) throw FileError{line_of(node), "scheduler must be a table ([scheduler])"};
  only_keys(*t, {"catch_up", "retries", "backoff", "public_url"}, "[scheduler]");
  SchedulerSettings s;
  s.catch_up = boolean(*t, "catch_up", s.catch_up, "[scheduler]");
  if (const toml::node* r = t->get("retries")) {
    const auto* i = r->as_integer();
    if (i == nullptr || i->get() < 0 || i->get() > 20) throw FileError{line_of(*r), "retries of [scheduler] must be a whole number from 0 to 20"};
    s.retries = static_cast<int>(i->get());
  }
  if (const toml::node* b = t->get("backoff")) s.backoff_s = duration(*b, "backoff of [scheduler]");
  if (const toml::node* u = t->get("public_url")) {
    s.public_url = text(*t, "public_url", "[scheduler]", line_of(*u));
    bool ok = s.public_url.rfind("https://", 0) == 0 || s.public_url.rfind("http://", 0) == 0;
    for (const char c : s.public_url) ok = ok && c > ' ' && c < 127 && c != '"' && c != '<' && c != '>' && c != '?' && c != '#';
    const size_t host = s.public_url.find("://") + 3;  // the scheme is checked above
    ok = ok && host < s.public_url.size() && s.public_url[host] != '/';
    while (ok && s.public_url.back() == '/') s.public_url.pop_back();
    if (!ok) {
      throw FileError{line_of(*u), "public_url of [scheduler] must be the dashboard's http:// or https:// address, "
                                   "without a query (\"https://luckyhub.luckin.example\")"};
    }
  }
  return s;
}

SmtpSettings parse_smtp(const toml::node& node, const std::filesystem::path& base) {
  const auto* t = node.as_table();
  if (t == nullptr) throw FileError{line_of(node), "smtp must be a table ([smtp])"};
  only_keys(*t, {"url", "starttls", "username", "password", "from", "ca_file"}, "[smtp]");
  const int line = line_of(node);
  SmtpSettings s;
  s.url = text(*t, "url", "[smtp]", line);
  if (s.url.rfind("smtp://", 0) != 0 && s.url.rfind("smtps://", 0) != 0) {
    throw FileError{line_of(*t->get("url")), "url of [smtp] must be smtp://host:port (or smtps://host:port)"};
  }
  if (s.url.find('@') != std::string::npos) {
    throw FileError{line_of(*t->get("url")), "url of [smtp] must not hold credentials: use username and password"};
  }
  s.starttls = boolean(*t, "starttls", true, "[smtp]");
  s.username = text(*t, "username", "[smtp]", line, false);
  if (const toml::node* p = t->get("password")) {
    const auto* v = p->as_string();
    const std::string ref = v ? v->get() : "";
    if (ref.rfind("env:", 0) == 0 && ref.size() > 4) {
      s.password_ref = ref;
    } else if (ref.rfind("file:", 0) == 0 && ref.size() > 5) {
      s.password_ref = "file:" + absolute(ref.substr(5), base);
    } else {
      // Never echo the value: it may be the password itself.
      throw FileError{line_of(*p), "password of [smtp] must be a reference, \"env:NAME\" or \"file:/path\", "
                                   "never the password itself"};
    }
  }
  if (!s.password_ref.empty() && s.username.empty()) throw FileError{line, "[smtp] has a password but no username"};
  s.from = text(*t, "from", "[smtp]", line);
  if (!valid_address(s.from)) throw FileError{line_of(*t->get("from")), "from of [smtp] is not an e-mail address"};
  if (const toml::node* ca = t->get("ca_file")) s.ca_file = absolute(text(*t, "ca_file", "[smtp]", line_of(*ca)), base);
  return s;
}

Schedule parse_schedule(const toml::table& t) {
  const int line = line_of(t);
  only_keys(t, {"name", "tool", "params", "cron", "timezone", "formats", "to", "owner"}, "[[schedule]]");
  Schedule s;
  s.line = line;
  s.name = text(t, "name", "[[schedule]]", line);
  const std::string what = "schedule " + s.name;
  tool_and_params(t, what, line, s.tool, s.params);
  std::optional<CronSpec> cron;
  cron_and_zone(t, what, line, cron, s.timezone, s.zone);
  s.cron = *cron;
  if (t.contains("formats")) {
    s.formats = string_list(t, "formats", what, line);
    std::set<std::string> seen;
    for (const std::string& f : s.formats) {
      const int fl = line_of(*t.get("formats"));
      if (!seen.insert(f).second) throw FileError{fl, "format " + f + " is listed twice in " + what};
      if (find_renderer(f) != nullptr) continue;
      if (is_known_format(f)) throw FileError{fl, "format " + f + " is not available in this build (" + what + ")"};
      throw FileError{fl, "unknown format '" + f + "' in " + what + " (pdf, xlsx or csv)"};
    }
  }
  s.to = string_list(t, "to", what, line);
  for (const std::string& a : s.to) {
    if (!valid_address(a)) throw FileError{line_of(*t.get("to")), "'" + a + "' in to of " + what + " is not an e-mail address"};
  }
  s.owner = text(t, "owner", what, line);
  if (!valid_address(s.owner)) throw FileError{line_of(*t.get("owner")), "owner of " + what + " is not an e-mail address"};
  return s;
}

Job parse_job(const toml::table& t, const std::filesystem::path& base) {
  const int line = line_of(t);
  Job j;
  j.line = line;
  j.name = text(t, "name", "[[job]]", line);
  const std::string what = "job " + j.name;
  const std::string kind = text(t, "kind", what, line);
  if (kind == "sync" || kind == "collect") {
    j.kind = kind == "sync" ? JobKind::kSync : JobKind::kCollect;
    const char* every_key = kind == "sync" ? "cadence" : "every";
    only_keys(t, {"name", "kind", "fleet", every_key}, "[[job]] of kind " + kind);
    j.fleet = absolute(text(t, "fleet", what, line), base);
    if (const toml::node* e = t.get(every_key)) {
      j.every_s = duration(*e, std::string(every_key) + " of " + what);
    } else if (kind == "collect") {
      j.every_s = 60;
    } else {
      throw FileError{line, what + " has no cadence (e.g. cadence = \"15m\")"};
    }
  } else if (kind == "refresh") {
    j.kind = JobKind::kRefresh;
    only_keys(t, {"name", "kind", "tool", "params", "cron", "timezone"}, "[[job]] of kind refresh");
    tool_and_params(t, what, line, j.tool, j.params);
    cron_and_zone(t, what, line, j.cron, j.timezone, j.zone);
  } else {
    throw FileError{line_of(*t.get("kind")), "kind '" + kind + "' of " + what + " is not sync, collect or refresh"};
  }
  return j;
}

template <typename T>
std::vector<const toml::table*> tables_of(const toml::table& root, const char* key) {
  std::vector<const toml::table*> out;
  const toml::node* node = root.get(key);
  if (node == nullptr) return out;
  const auto* list = node->as_array();
  if (list == nullptr) throw FileError{line_of(*node), std::string(key) + " must be a list of tables ([[" + key + "]])"};
  for (const toml::node& item : *list) {
    const auto* t = item.as_table();
    if (t == nullptr) throw FileError{line_of(item), std::string(key) + " must be a table ([[" + key + "]])"};
    out.push_back(t);
  }
  return out;
}

DeliveryConfig parse_root(const toml::table& root, const std::string& path) {
  // route, receiver and inhibit are alert routing's (src/alerts/routing_config.h): validated by it.
  only_keys(root, {"scheduler", "smtp", "schedule", "job", "route", "receiver", "inhibit"}, "the delivery file");
  const std::filesystem::path base = std::filesystem::path(path).parent_path();
  DeliveryConfig c;
  c.path = path;
  if (const toml::node* s = root.get("scheduler")) c.scheduler = parse_scheduler(*s);
  if (const toml::node* s = root.get("smtp")) c.smtp = parse_smtp(*s, base);
  std::map<std::string, int> names;
  for (const toml::table* t : tables_of<Schedule>(root, "schedule")) {
    c.schedules.push_back(parse_schedule(*t));
    const Schedule& s = c.schedules.back();
    if (auto [it, fresh] = names.emplace(s.name, s.line); !fresh) {
      throw FileError{s.line, "duplicate name '" + s.name + "' (first at line " + std::to_string(it->second) + ")"};
    }
  }
  for (const toml::table* t : tables_of<Job>(root, "job")) {
    c.jobs.push_back(parse_job(*t, base));
    const Job& j = c.jobs.back();
    if (auto [it, fresh] = names.emplace(j.name, j.line); !fresh) {
      throw FileError{j.line, "duplicate name '" + j.name + "' (first at line " + std::to_string(it->second) + ")"};
    }
  }
  if (!c.schedules.empty() && !c.smtp) {
    throw FileError{c.schedules.front().line, "schedules need an [smtp] table to send their mail"};
  }
  if (root.contains("route") || root.contains("receiver") || root.contains("inhibit")) {
    // Throws Error with the file and line; e-mail receivers need the file's [smtp].
    alerts::parse_routing(root, path).check_email(c.smtp.has_value());
    c.routing = true;
  }
  return c;
}

}  // namespace

bool valid_address(const std::string& a) {
  const size_t at = a.find('@');
  if (at == std::string::npos || at == 0 || at + 1 >= a.size() || a.find('@', at + 1) != std::string::npos) return false;
  if (a.size() > 254) return false;
  for (const char c : a) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 32 || u >= 127 || c == '<' || c == '>' || c == '"' || c == ',' || c == ';' || c == '(' || c == ')' ||
        c == '\\' || c == '[' || c == ']') {
      return false;
    }
  }
  return a.find('.', at) != std::string::npos;
}

const char* job_kind_name(JobKind kind) {
  switch (kind) {
    case JobKind::kSync: return "sync";
    case JobKind::kCollect: return "collect";
    default: return "refresh";
  }
}

DeliveryConfig parse_delivery_text(const std::string& text, const std::string& origin) {
  try {
    const toml::table root = toml::parse(text, origin);
    return parse_root(root, origin);
  } catch (const toml::parse_error& e) {
    throw Error(origin + ":" + std::to_string(e.source().begin.line) + ": " + std::string(e.description()));
  } catch (const FileError& e) {
    throw Error(origin + ":" + std::to_string(e.line) + ": " + e.reason);
  }
}

DeliveryConfig load_delivery_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error("delivery file " + path + ": " + std::strerror(errno));
  std::stringstream text;
  text << in.rdbuf();
  return parse_delivery_text(text.str(), path);
}

}  // namespace luckyhub::delivery
