#include "delivery/schedules_api.h"

#include <atomic>

#include <nlohmann/json.hpp>

#include "delivery/scheduler.h"

namespace luckyhub::delivery {
namespace {
std::atomic<Scheduler*> g_scheduler{nullptr};
}

void publish_scheduler(Scheduler* scheduler) { g_scheduler = scheduler; }

std::string schedules_document() {
  Scheduler* s = g_scheduler.load();
  if (s == nullptr) {
    return nlohmann::json{{"configured", false}, {"schedules", nlohmann::json::array()}, {"jobs", nlohmann::json::array()}}.dump();
  }
  return s->status().dump();
}

}  // namespace luckyhub::delivery
