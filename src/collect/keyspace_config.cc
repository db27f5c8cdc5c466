#include "collect/keyspace_config.h"

#include <fstream>
#include <set>
#include <sstream>

// As pkg-config tomlplusplus says: the compiled library, not header-only.
#define TOML_HEADER_ONLY 0
#define TOML_SHARED_LIB 1
#include <toml++/toml.h>

#include "core/error.h"

namespace luckyhub::collect {
namespace {

class Parser {
 public:
  explicit Parser(std::string origin) : origin_(std::move(origin)) {}

  [[noreturn]] void fail(const toml::node& node, const std::string& reason) const {
    throw Error(origin_ + ":" + std::to_string(node.source().begin.line) + ": " + reason);
  }

  void only(const toml::table& t, const std::set<std::string>& allowed,
            const std::string& where) const {
    for (const auto& [key, value] : t) {
      if (!allowed.count(std::string(key.str())))
        fail(value, "unknown key '" + std::string(key.str()) + "' in " + where);
    }
  }

  const toml::table& table(const toml::node& node, const std::string& what) const {
    const toml::table* t = node.as_table();
    if (t == nullptr) fail(node, what + " must be a table");
    return *t;
  }

  template <typename T>
  void integer(const toml::table& t, const char* key, T& out, int64_t lo, int64_t hi) const {
    const toml::node* node = t.get(key);
    if (node == nullptr) return;
    const std::optional<int64_t> v = node->value<int64_t>();
    if (!v || *v < lo || *v > hi) {
      fail(*node, std::string(key) + " must be an integer from " + std::to_string(lo) + " to " +
                      std::to_string(hi));
    }
    out = static_cast<T>(*v);
  }

  std::string text(const toml::table& t, const char* key, const std::string& where,
                   bool required) const {
    const toml::node* node = t.get(key);
    if (node == nullptr) {
      if (required)
        throw Error(origin_ + ":" + std::to_string(t.source().begin.line) + ": " + where +
                    " needs " + key);
      return "";
    }
    const std::optional<std::string> v = node->value<std::string>();
    if (!v || v->empty()) fail(*node, std::string(key) + " must be a non-empty string");
    // A pattern is a namespace or a prefix ending in '*': no other wildcard.
    if (v->find('*') != std::string::npos && v->find('*') != v->size() - 1) {
      fail(*node, std::string(key) + " may hold '*' only at its end");
    }
    return *v;
  }

  KeyspaceConfig parse(const toml::table& root) const {
    KeyspaceConfig c;
    KeyspaceOptions& o = c.options;
    only(root, {"namespaces", "budget", "service", "ttl"}, "the keyspace file");
    if (const toml::node* n = root.get("namespaces")) {
      const toml::table& t = table(*n, "[namespaces]");
      only(t, {"delimiter", "depth"}, "[namespaces]");
      if (t.get("delimiter")) {
        const std::optional<std::string> d = t.get("delimiter")->value<std::string>();
        if (!d || d->empty()) fail(*t.get("delimiter"), "delimiter must be a non-empty string");
        o.namespaces.delimiter = *d;
      }
      integer(t, "depth", o.namespaces.depth, 1, 16);
    }
    if (const toml::node* n = root.get("budget")) {
      const toml::table& t = table(*n, "[budget]");
      only(t,
           {"scan_count", "max_commands", "max_seconds", "memory_samples", "top_keys",
            "max_counters", "counter_gap_ms", "examples"},
           "[budget]");
      integer(t, "scan_count", o.scan_count, 10, 1000);
      integer(t, "max_commands", o.max_commands, 100, 100'000'000);
      int max_seconds = static_cast<int>(o.max_seconds);
      integer(t, "max_seconds", max_seconds, 1, 600);
      o.max_seconds = max_seconds;
      integer(t, "memory_samples", o.memory_samples, 0, 64);
      integer(t, "top_keys", o.top_keys, 1, 1000);
      integer(t, "max_counters", o.max_counters, 0, 100000);
      integer(t, "counter_gap_ms", o.counter_gap_ms, 0, 10000);
      integer(t, "examples", o.examples, 0, 100);
    }
    for (const char* section : {"service", "ttl"}) {
      const toml::node* n = root.get(section);
      if (n == nullptr) continue;
      const toml::array* list = n->as_array();
      if (list == nullptr)
        fail(*n, std::string(section) + " must be an array of tables ([[" + section + "]])");
      for (const toml::node& item : *list) {
        const toml::table& t = table(item, std::string("[[") + section + "]]");
        if (std::string(section) == "service") {
          only(t, {"pattern", "name"}, "[[service]]");
          o.services.patterns.push_back(
              {text(t, "pattern", "[[service]]", true), text(t, "name", "[[service]]", true)});
        } else {
          only(t, {"pattern", "must_expire", "max_ttl_s"}, "[[ttl]]");
          health::TtlRule r{text(t, "pattern", "[[ttl]]", true)};
          if (const toml::node* m = t.get("must_expire")) {
            const std::optional<bool> b = m->value<bool>();
            if (!b) fail(*m, "must_expire must be true or false");
            r.must_expire = *b;
          }
          integer(t, "max_ttl_s", r.max_ttl_s, 1, 10LL * 365 * 86400);
          c.policy.push_back(std::move(r));
        }
      }
    }
    return c;
  }

 private:
  std::string origin_;
};

}  // namespace

KeyspaceConfig parse_keyspace_config(const std::string& text, const std::string& origin) {
  toml::table root;
  try {
    root = toml::parse(text, origin);
  } catch (const toml::parse_error& e) {
    throw Error(origin + ":" + std::to_string(e.source().begin.line) + ": " +
                std::string(e.description()));
  }
  KeyspaceConfig c = Parser(origin).parse(root);
  validate_keyspace_options(c.options);
  return c;
}

KeyspaceConfig load_keyspace_config(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw Error("cannot read keyspace file " + path);
  std::stringstream text;
  text << in.rdbuf();
  return parse_keyspace_config(text.str(), path);
}

}  // namespace luckyhub::collect
