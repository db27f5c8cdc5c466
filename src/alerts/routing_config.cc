#include "alerts/routing_config.h"

#include <set>

#include "core/error.h"

namespace luckyhub::alerts {
namespace {

struct Reader {
  const std::string& path;

  [[noreturn]] void fail(const toml::node& node, const std::string& reason) const {
    throw Error(path + ":" + std::to_string(node.source().begin.line) + ": " + reason);
  }

  void only_keys(const toml::table& t, const std::set<std::string>& keys, const std::string& what) const {
    for (const auto& [key, value] : t) {
      if (keys.count(std::string(key.str()))) continue;
      std::string list;
      for (const std::string& k : keys) list += (list.empty() ? "" : ", ") + k;
      fail(value, "unknown key '" + std::string(key.str()) + "' in " + what + " (known: " + list + ")");
    }
  }

  std::string text(const toml::table& t, const std::string& key, const std::string& what) const {
    const toml::node* n = t.get(key);
    if (n == nullptr) return "";
    if (!n->is_string()) fail(*n, what + ": " + key + " must be a string");
    return *n->value<std::string>();
  }

  std::vector<std::string> strings(const toml::table& t, const std::string& key, const std::string& what) const {
    std::vector<std::string> out;
    const toml::node* n = t.get(key);
    if (n == nullptr) return out;
    const toml::array* a = n->as_array();
    if (a == nullptr) fail(*n, what + ": " + key + " must be a list of strings");
    for (const toml::node& item : *a) {
      if (!item.is_string()) fail(item, what + ": " + key + " must be a list of strings");
      out.push_back(*item.value<std::string>());
    }
    return out;
  }

  int64_t duration(const toml::table& t, const std::string& key, int64_t fallback, const std::string& what) const {
    const toml::node* n = t.get(key);
    if (n == nullptr) return fallback;
    const std::string v = n->is_string() ? *n->value<std::string>() : "";
    size_t used = 0;
    long long k = -1;
    try {
      k = std::stoll(v, &used);
    } catch (const std::exception&) {
    }
    const std::string unit = k >= 0 ? v.substr(used) : "?";
    const int64_t scale = unit == "s" ? 1 : unit == "m" ? 60 : unit == "h" ? 3600 : unit == "d" ? 86400 : 0;
    if (k < 0 || scale == 0 || k * scale > 366LL * 86400)
      fail(*n, what + ": " + key + " = '" + v + "' is not a duration like \"30s\", \"5m\", \"4h\"");
    return k * scale;
  }

  std::vector<Matcher> matchers(const toml::table& t, const std::string& key, const std::string& what) const {
    std::vector<Matcher> out;
    const toml::node* n = t.get(key);
    for (const std::string& m : strings(t, key, what)) {
      try {
        out.push_back(parse_matcher(m));
      } catch (const Error& e) {
        fail(*n, what + ": " + e.what());
      }
    }
    return out;
  }

  Route route(const toml::table& t, const Route& parent, const std::string& id, const std::set<std::string>& receivers) const {
    const std::string what = id == "root" ? "[route]" : "route " + id;
    only_keys(t,
              {"matchers", "receiver", "group_by", "group_wait", "group_interval", "repeat_interval", "continue",
               "routes"},
              what);
    Route r;
    r.id = id;
    r.matchers = matchers(t, "matchers", what);
    if (id == "root" && !r.matchers.empty()) fail(*t.get("matchers"), "[route]: the root route takes every alert (no matchers)");
    r.receiver = t.contains("receiver") ? text(t, "receiver", what) : parent.receiver;
    if (r.receiver.empty()) fail(t, what + ": needs a receiver");
    if (!receivers.count(r.receiver)) fail(t.contains("receiver") ? *t.get("receiver") : static_cast<const toml::node&>(t), what + ": no [[receiver]] named '" + r.receiver + "'");
    r.group_by = t.contains("group_by") ? strings(t, "group_by", what) : parent.group_by;
    for (const std::string& label : r.group_by) {
      try {
        make_matcher(label, MatchOp::kEqual, "");
      } catch (const Error&) {
        fail(*t.get("group_by"), what + ": group_by '" + label + "' is not a label name");
      }
    }
    r.group_wait_s = duration(t, "group_wait", parent.group_wait_s, what);
    r.group_interval_s = duration(t, "group_interval", parent.group_interval_s, what);
    r.repeat_interval_s = duration(t, "repeat_interval", parent.repeat_interval_s, what);
    if (const toml::node* c = t.get("continue")) {
      if (!c->is_boolean()) fail(*c, what + ": continue must be true or false");
      if (id == "root") fail(*c, "[route]: continue is for child routes");
      r.continue_matching = *c->value<bool>();
    }
    if (const toml::node* children = t.get("routes")) {
      const toml::array* a = children->as_array();
      if (a == nullptr) fail(*children, what + ": routes must be an array of tables ([[route.routes]])");
      for (size_t i = 0; i < a->size(); ++i) {
        const toml::table* child = (*a)[i].as_table();
        if (child == nullptr) fail((*a)[i], what + ": routes must be an array of tables");
        r.routes.push_back(route(*child, r, id + "/" + std::to_string(i), receivers));
      }
    }
    return r;
  }
};

bool plausible_address(const std::string& a) {
  const size_t at = a.find('@');
  return at != std::string::npos && at > 0 && at + 1 < a.size() && a.find_first_of(" \t\r\n<>,;") == std::string::npos;
}

}  // namespace

const Receiver* RoutingConfig::receiver(const std::string& name) const {
  for (const Receiver& r : receivers)
    if (r.name == name) return &r;
  return nullptr;
}

void RoutingConfig::check_email(bool have_email_sender) const {
  if (have_email_sender) return;
  for (const Receiver& r : receivers) {
    if (r.email_to.empty()) continue;
    throw Error((path.empty() ? std::string("routing") : path) + ":" + std::to_string(r.line) + ": receiver " + r.name +
                " sends e-mail (email_to) but no e-mail sender is configured ([smtp] in the delivery file)");
  }
}

RoutingConfig parse_routing(const toml::table& root, const std::string& path) {
  const Reader in{path};
  RoutingConfig config;
  config.path = path;
  std::set<std::string> names;
  if (const toml::node* n = root.get("receiver")) {
    const toml::array* a = n->as_array();
    if (a == nullptr) in.fail(*n, "receiver must be an array of tables ([[receiver]])");
    for (const toml::node& item : *a) {
      const toml::table* t = item.as_table();
      if (t == nullptr) in.fail(item, "receiver must be an array of tables ([[receiver]])");
      in.only_keys(*t, {"name", "webhook_url", "slack_url", "email_to", "send_resolved"}, "[[receiver]]");
      Receiver r;
      r.line = static_cast<int>(t->source().begin.line);
      r.name = in.text(*t, "name", "[[receiver]]");
      if (r.name.empty()) in.fail(*t, "[[receiver]] needs a name");
      const std::string what = "receiver " + r.name;
      if (!names.insert(r.name).second) in.fail(*t, "duplicate receiver name '" + r.name + "'");
      r.webhook_url = in.text(*t, "webhook_url", what);
      r.slack_url = in.text(*t, "slack_url", what);
      for (const auto* key : {"webhook_url", "slack_url"}) {
        const std::string url = in.text(*t, key, what);
        if (!url.empty() && url.rfind("http://", 0) != 0 && url.rfind("https://", 0) != 0)
          in.fail(*t->get(key), what + ": " + key + " must be an http:// or https:// URL");
      }
      r.email_to = in.strings(*t, "email_to", what);
      for (const std::string& address : r.email_to)
        if (!plausible_address(address)) in.fail(*t->get("email_to"), what + ": '" + address + "' is not an e-mail address");
      if (const toml::node* s = t->get("send_resolved")) {
        if (!s->is_boolean()) in.fail(*s, what + ": send_resolved must be true or false");
        r.send_resolved = *s->value<bool>();
      }
      if (r.webhook_url.empty() && r.slack_url.empty() && r.email_to.empty())
        in.fail(*t, what + " has no webhook_url, slack_url or email_to");
      config.receivers.push_back(std::move(r));
    }
  }
  if (const toml::node* n = root.get("route")) {
    const toml::table* t = n->as_table();
    if (t == nullptr) in.fail(*n, "route must be a table ([route])");
    config.root = in.route(*t, Route{}, "root", names);
  } else if (!config.receivers.empty()) {
    in.fail(*root.get("receiver"), "receivers without a [route] (its receiver takes what no child route matches)");
  }
  if (const toml::node* n = root.get("inhibit")) {
    const toml::array* a = n->as_array();
    if (a == nullptr) in.fail(*n, "inhibit must be an array of tables ([[inhibit]])");
    for (const toml::node& item : *a) {
      const toml::table* t = item.as_table();
      if (t == nullptr) in.fail(item, "inhibit must be an array of tables ([[inhibit]])");
      in.only_keys(*t, {"source_matchers", "target_matchers", "equal"}, "[[inhibit]]");
      InhibitRule rule{in.matchers(*t, "source_matchers", "[[inhibit]]"), in.matchers(*t, "target_matchers", "[[inhibit]]"),
                       in.strings(*t, "equal", "[[inhibit]]")};
      if (rule.source.empty() || rule.target.empty()) in.fail(*t, "[[inhibit]] needs source_matchers and target_matchers");
      config.inhibit.push_back(std::move(rule));
    }
  }
  return config;
}

RoutingConfig load_routing(const std::string& path) {
  toml::table root;
  try {
    root = toml::parse_file(path);
  } catch (const toml::parse_error& e) {
    throw Error(path + ":" + std::to_string(e.source().begin.line) + ": " + std::string(e.description()));
  }
  const Reader in{path};
  in.only_keys(root, {"route", "receiver", "inhibit", "scheduler", "smtp", "schedule", "job"}, "the delivery file");
  return parse_routing(root, path);
}

void add_webhooks(RoutingConfig& config, const std::vector<std::string>& urls) {
  for (size_t i = 0; i < urls.size(); ++i) {
    Receiver r{.name = "webhook-" + std::to_string(i + 1), .webhook_url = urls[i]};
    config.everything.push_back(Route{.id = "webhook/" + std::to_string(i + 1), .receiver = r.name, .group_wait_s = 0,
                                      .group_interval_s = 0, .repeat_interval_s = 366LL * 86400});
    config.receivers.push_back(std::move(r));
  }
}

std::vector<const Route*> RoutingConfig::routes_for(const Labels& labels) const {
  std::vector<const Route*> out;
  if (!root.receiver.empty()) out = match_routes(root, labels);
  for (const Route& r : everything) out.push_back(&r);
  return out;
}

}  // namespace luckyhub::alerts
