// GET /api/schedules: the running scheduler's schedules and jobs
// (Scheduler::status(): name, tool, parameters, cron, zone, next run in UTC
// and in its zone, last run, formats, recipients and their count; never a
// password), or {"configured": false, ...} when the server runs without
// --delivery. The server's router asks here; `luckyhub serve` publishes its
// scheduler.
//
// Thread safety: publish() before serving and with nullptr after the server
// stopped; schedules_document() from any thread.
#pragma once

#include <string>

namespace luckyhub::delivery {

class Scheduler;

void publish_scheduler(Scheduler* scheduler);
std::string schedules_document();

}  // namespace luckyhub::delivery
