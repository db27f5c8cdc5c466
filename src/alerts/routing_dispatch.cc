#include "alerts/routing_dispatch.h"

#include <nlohmann/json.hpp>

#include "core/log.h"

namespace luckyhub::alerts {
namespace {

void index_routes(const Route& r, std::map<std::string, const Route*>& out) {
  out[r.id] = &r;
  for (const Route& child : r.routes) index_routes(child, out);
}

std::string group_key(const Route& route, const Labels& group_labels) {
  std::string key = route.id + "{";
  for (const auto& [name, value] : group_labels) key += name + "=" + nlohmann::json(value).dump() + ",";
  return key + "}";
}

Labels group_labels_of(const Route& route, const Labels& labels) {
  Labels out;
  for (const std::string& name : route.group_by) {
    const auto it = labels.find(name);
    out[name] = it == labels.end() ? "" : it->second;
  }
  return out;
}

}  // namespace

std::vector<AlertView> classify(const std::map<AlertKey, AlertRecord>& alerts, const std::vector<InhibitRule>& inhibit,
                                const std::vector<Silence>& silences, int64_t now) {
  std::vector<AlertView> views;
  std::vector<FiringAlert> firing;
  for (const auto& [key, a] : alerts) {
    AlertView v{.alert = a, .labels = alert_labels(a), .fingerprint = fingerprint(key)};
    if (a.state == AlertState::kFiring) firing.push_back({v.fingerprint, v.labels});
    views.push_back(std::move(v));
  }
  for (AlertView& v : views) {
    if (v.alert.state != AlertState::kFiring && v.alert.state != AlertState::kPending) continue;
    v.silenced_by = silenced_by(v.labels, silences, now);
    v.inhibited = inhibited(v.fingerprint, v.labels, inhibit, firing);
  }
  return views;
}

Dispatcher::Dispatcher(const RoutingConfig& config) : config_(config) {
  if (!config_.root.receiver.empty()) index_routes(config_.root, routes_);
  for (const Route& r : config_.everything) routes_[r.id] = &r;
}

std::vector<Notification> Dispatcher::tick(int64_t now, const std::map<AlertKey, AlertRecord>& alerts,
                                           const std::vector<Silence>& silences) {
  std::map<std::string, std::vector<const AlertRecord*>> members;
  const std::vector<AlertView> views = classify(alerts, config_.inhibit, silences, now);
  for (const AlertView& v : views) {
    const bool firing = v.alert.state == AlertState::kFiring && !v.suppressed();
    const bool resolved = v.alert.state == AlertState::kResolved;
    if (!firing && !resolved) continue;
    for (const Route* route : config_.routes_for(v.labels)) {
      const Labels gl = group_labels_of(*route, v.labels);
      const std::string key = group_key(*route, gl);
      auto it = groups_.find(key);
      if (firing && it == groups_.end()) it = groups_.emplace(key, Group{route->id, gl, now}).first;
      if (it == groups_.end() || (resolved && !it->second.notified.count(v.alert.key))) continue;
      members[key].push_back(&v.alert);
    }
  }
  std::vector<Notification> out;
  for (auto it = groups_.begin(); it != groups_.end();) {
    Group& g = it->second;
    const auto route_it = routes_.find(g.route);
    const Route* route = route_it == routes_.end() ? nullptr : route_it->second;
    const Receiver* receiver = route ? config_.receiver(route->receiver) : nullptr;
    std::vector<const AlertRecord*> firing, resolved;
    std::set<AlertKey> present;
    for (const AlertRecord* a : members[it->first]) {
      (a->state == AlertState::kFiring ? firing : resolved).push_back(a);
      present.insert(a->key);
    }
    for (auto n = g.notified.begin(); n != g.notified.end();) n = present.count(*n) ? std::next(n) : g.notified.erase(n);
    if (receiver == nullptr || (firing.empty() && resolved.empty())) {
      it = groups_.erase(it);
      continue;
    }
    bool send = false;
    if (g.last_sent < 0) {
      send = !firing.empty() && now - g.created >= route->group_wait_s;
    } else {
      bool changed = !resolved.empty();
      for (const AlertRecord* a : firing) changed = changed || !g.notified.count(a->key);
      send = (changed && now - g.last_sent >= route->group_interval_s) ||
             (!firing.empty() && now - g.last_sent >= route->repeat_interval_s);
    }
    if (!send) {
      ++it;
      continue;
    }
    Notification n{.receiver = receiver->name, .route = route->id, .group_labels = g.labels, .ts = now};
    for (const AlertRecord* a : firing) n.alerts.push_back(*a);
    if (receiver->send_resolved)
      for (const AlertRecord* a : resolved) n.alerts.push_back(*a);
    if (!firing.empty() || (receiver->send_resolved && !resolved.empty())) out.push_back(std::move(n));
    g.last_sent = now;
    g.notified.clear();
    for (const AlertRecord* a : firing) g.notified.insert(a->key);
    it = firing.empty() ? groups_.erase(it) : std::next(it);
  }
  return out;
}

std::string Dispatcher::save() const {
  nlohmann::json groups = nlohmann::json::array();
  for (const auto& [key, g] : groups_) {
    nlohmann::json notified = nlohmann::json::array();
    for (const AlertKey& k : g.notified) notified.push_back({k.rule, k.instance, k.object});
    groups.push_back({{"key", key}, {"route", g.route}, {"labels", g.labels}, {"created", g.created},
                      {"last_sent", g.last_sent}, {"notified", notified}});
  }
  return nlohmann::json{{"groups", groups}}.dump();
}

void Dispatcher::restore(const std::string& text) {
  groups_.clear();
  if (text.empty()) return;
  try {
    const nlohmann::json doc = nlohmann::json::parse(text);
    for (const nlohmann::json& j : doc.at("groups")) {
      Group g{j.at("route").get<std::string>(), j.at("labels").get<Labels>(), j.at("created").get<int64_t>(),
              j.at("last_sent").get<int64_t>()};
      if (!routes_.count(g.route)) continue;
      for (const nlohmann::json& k : j.at("notified")) g.notified.insert({k.at(0).get<std::string>(), k.at(1).get<std::string>(), k.at(2).get<std::string>()});
      groups_[j.at("key").get<std::string>()] = std::move(g);
    }
  } catch (const nlohmann::json::exception& e) {
    log::warn("alerts: the saved routing state is unreadable, starting afresh: ", e.what());
    groups_.clear();
  }
}

std::vector<std::string> deliver_notifications(const RoutingConfig& config, const std::vector<Notification>& notices,
                                               const ReceiverContext& context, const std::string& who) {
  std::vector<std::string> errors;
  for (const Notification& n : notices) {
    const Receiver* r = config.receiver(n.receiver);
    if (r == nullptr) continue;
    try {
      send_notification(*r, n, context);
      log::info(who, ": notified receiver ", r->name, " of ", n.alerts.size(), " alert(s)");
    } catch (const std::exception& e) {
      log::warn(who, ": ", e.what());
      errors.push_back(e.what());
    }
  }
  return errors;
}

}  // namespace luckyhub::alerts
