// The mail of a scheduled report, and the owner's notice when a run fails.
//
// The report mail's body (text and HTML alike) gives the report's title, the
// headline KPIs — the tiles of its first KPI panel, formatted as the page
// formats them (report/render.h format_cell) — the data's "as of" date, the
// parameters, and when it was scheduled, in the schedule's time zone (named)
// and in UTC. Each of the schedule's formats becomes an attachment rendered
// by the format's renderer (renderers.h), named "<tool>-<as-of>.<ext>".
// Every red flag of the report (its alert panels' items) is listed with its
// drill-down link: absolute under `public_url` (the delivery file's
// [scheduler] public_url), or, when that is "", the path on the dashboard and
// a line saying the links are relative because no public_url is set.
#pragma once

#include <string>

#include "delivery/delivery_file.h"
#include "delivery/smtp.h"
#include "report/report.h"

namespace luckyhub::delivery {

// Throws Error when a format has no renderer or a renderer fails.
Mail report_mail(const Schedule& schedule, const Report& report, Instant scheduled_for, Instant now,
                 const std::string& public_url = "");

// To the schedule's owner: the run of `scheduled_for` failed after `attempts`
// attempts, and why.
Mail failure_notice(const Schedule& schedule, Instant scheduled_for, int attempts, const std::string& reason, Instant now);

// To the schedule's owner: the run of `scheduled_for` was interrupted (the
// server stopped while building or sending it) and is not sent again.
Mail interrupted_notice(const Schedule& schedule, Instant scheduled_for, Instant now);

// Text made safe inside HTML.
std::string html_escape(const std::string& text);

}  // namespace luckyhub::delivery
