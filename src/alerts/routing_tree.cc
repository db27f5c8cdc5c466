#include "alerts/routing_tree.h"

namespace luckyhub::alerts {
namespace {

void descend(const Route& route, const Labels& labels, std::vector<const Route*>& out) {
  bool child_matched = false;
  for (const Route& child : route.routes) {
    if (!matches_all(child.matchers, labels)) continue;
    descend(child, labels, out);
    child_matched = true;
    if (!child.continue_matching) break;
  }
  if (!child_matched) out.push_back(&route);
}

}  // namespace

std::vector<const Route*> match_routes(const Route& root, const Labels& labels) {
  std::vector<const Route*> out;
  if (matches_all(root.matchers, labels)) descend(root, labels, out);
  return out;
}

}  // namespace luckyhub::alerts
