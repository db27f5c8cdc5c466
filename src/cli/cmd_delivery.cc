// `luckyhub delivery check FILE`: validates a delivery file (docs/delivery.md)
// without serving, and lists what it would run with each item's next time.
#include <chrono>
#include <cstdio>
#include <memory>

#include "cli/commands.h"
#include "delivery/delivery_file.h"

namespace luckyhub::cli {

void add_delivery(CLI::App& app) {
  auto* cmd = app.add_subcommand("delivery", "Scheduled reports by e-mail and scheduled jobs (docs/delivery.md)");
  cmd->require_subcommand(1);
  auto* check = cmd->add_subcommand("check", "Validate a delivery file and list its schedules and jobs with their next run");
  auto file = std::make_shared<std::string>();
  check->add_option("FILE", *file, "Delivery file (TOML)")->required();
  check->callback([file] {
    const delivery::DeliveryConfig c = delivery::load_delivery_file(*file);
    const auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
    std::printf("%s: ok: %zu schedules, %zu jobs%s\n", file->c_str(), c.schedules.size(), c.jobs.size(),
                c.routing ? ", alert routing" : "");
    for (const delivery::Schedule& s : c.schedules) {
      const auto next = s.cron.next_fire(now, *s.zone);
      std::string formats;
      for (const std::string& f : s.formats) formats += (formats.empty() ? "" : ",") + f;
      std::printf("schedule %s: %s, cron '%s' %s, next %s (%s), %zu recipient%s%s%s\n", s.name.c_str(), s.tool.c_str(),
                  s.cron.text().c_str(), s.timezone.c_str(), delivery::format_local(*next, *s.zone).c_str(),
                  delivery::format_utc(*next).c_str(), s.to.size(), s.to.size() == 1 ? "" : "s",
                  formats.empty() ? "" : ", ", formats.c_str());
    }
    for (const delivery::Job& j : c.jobs) {
      if (j.kind == delivery::JobKind::kRefresh) {
        const auto next = j.cron->next_fire(now, *j.zone);
        std::printf("job %s: refresh %s, cron '%s' %s, next %s\n", j.name.c_str(), j.tool.c_str(), j.cron->text().c_str(),
                    j.timezone.c_str(), delivery::format_utc(*next).c_str());
      } else {
        std::printf("job %s: %s %s every %d s\n", j.name.c_str(), delivery::job_kind_name(j.kind), j.fleet.c_str(), j.every_s);
      }
    }
  });
}

}  // namespace luckyhub::cli
