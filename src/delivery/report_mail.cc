#include "delivery/report_mail.h"

#include "core/error.h"
#include "delivery/renderers.h"
#include "report/render.h"

namespace luckyhub::delivery {
namespace {

std::string params_text(const Report& report) {
  std::string out;
  for (const ReportParam& p : report.params) {
    if (p.value.empty()) continue;
    out += (out.empty() ? "" : ", ") + p.name + "=" + p.value;
  }
  return out.empty() ? "(defaults)" : out;
}

const Panel* first_kpis(const Report& report) {
  for (const Panel& p : report.panels) {
    if (p.kind == PanelKind::kKpis) return &p;
  }
  return nullptr;
}

constexpr size_t kMaxFlags = 50;

// The red flags: every item of the report's alert panels, with its link.
void add_flags(const Report& report, const std::string& public_url, std::string& text, std::string& html) {
  std::vector<const Alert*> flags;
  for (const Panel& p : report.panels) {
    if (p.kind != PanelKind::kAlerts) continue;
    for (const Alert& a : p.alerts) flags.push_back(&a);
  }
  if (flags.empty()) return;
  text += "Red flags (" + std::to_string(flags.size()) + ")\n";
  html += "<h3>Red flags (" + std::to_string(flags.size()) + ")</h3>\n<ul>\n";
  bool any_link = false;
  for (size_t i = 0; i < flags.size() && i < kMaxFlags; ++i) {
    const Alert& a = *flags[i];
    const std::string status = std::string("[") + to_string(a.severity) + "] ";
    const std::string link = a.link.empty() ? "" : public_url + a.link;
    any_link = any_link || !link.empty();
    text += "  " + status + a.title + (a.detail.empty() ? "" : " (" + a.detail + ")") + "\n";
    if (!link.empty()) text += "    " + link + "\n";
    html += "<li>" + html_escape(status) +
            (link.empty() ? html_escape(a.title) : "<a href=\"" + html_escape(link) + "\">" + html_escape(a.title) + "</a>") +
            (a.detail.empty() ? "" : " (" + html_escape(a.detail) + ")") + "</li>\n";
  }
  if (flags.size() > kMaxFlags) {
    const std::string more = "… and " + std::to_string(flags.size() - kMaxFlags) + " more on the report's page";
    text += "  " + more + "\n";
    html += "<li>" + html_escape(more) + "</li>\n";
  }
  html += "</ul>\n";
  if (any_link && public_url.empty()) {
    const std::string note = "The links are paths on the luckyhub dashboard: no public_url is set in the delivery file's "
                             "[scheduler] table.";
    text += note + "\n";
    html += "<p>" + html_escape(note) + "</p>\n";
  }
  text += "\n";
}

}  // namespace

std::string html_escape(const std::string& text) {
  std::string out;
  for (const char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out.push_back(c);
    }
  }
  return out;
}

Mail report_mail(const Schedule& s, const Report& report, Instant scheduled_for, Instant now,
                 const std::string& public_url) {
  Mail m;
  m.to = s.to;
  m.date = now;
  const std::string local = format_local(scheduled_for, *s.zone);
  m.subject = report.title + ": " + s.name + " (" + local.substr(0, 10) + ")";
  const std::string when = local + " (" + s.timezone + "), " + format_utc(scheduled_for);
  const std::string params = params_text(report);
  std::string text = report.title + "\n\n";
  text += "Data as of: " + report.as_of + "\n";
  text += "Parameters: " + params + "\n";
  text += "Schedule: " + s.name + ", cron '" + s.cron.text() + "' in " + s.timezone + "\n";
  text += "Scheduled for: " + when + "\n\n";
  std::string html = "<!DOCTYPE html><html><body style=\"font-family:sans-serif\">\n<h2>" + html_escape(report.title) + "</h2>\n";
  if (const Panel* kpis = first_kpis(report)) {
    text += kpis->title + "\n";
    html += "<h3>" + html_escape(kpis->title) + "</h3>\n<table cellpadding=\"4\">\n";
    for (const KpiTile& k : kpis->kpis) {
      const std::string value = format_cell(k.value, k.type, k.currency, k.unit);
      const std::string status = k.status == Status::kNone ? "" : std::string(" [") + to_string(k.status) + "]";
      text += "  " + k.label + ": " + value + status + (k.note.empty() ? "" : "  (" + k.note + ")") + "\n";
      html += "<tr><td>" + html_escape(k.label) + "</td><td><b>" + html_escape(value) + "</b>" + html_escape(status) +
              "</td><td>" + html_escape(k.note) + "</td></tr>\n";
    }
    html += "</table>\n";
    text += "\n";
  }
  add_flags(report, public_url, text, html);
  html += "<p>Data as of: " + html_escape(report.as_of) + "<br>\nParameters: " + html_escape(params) +
          "<br>\nSchedule: " + html_escape(s.name) + ", cron '" + html_escape(s.cron.text()) + "' in " +
          html_escape(s.timezone) + "<br>\nScheduled for: " + html_escape(when) + "</p>\n";
  std::string names;
  for (const std::string& f : s.formats) {
    const Renderer* r = find_renderer(f);
    if (r == nullptr) throw Error("format " + f + " is not available in this build");
    Attachment a{.filename = report.tool + "-" + report.as_of + "." + r->extension, .content_type = r->content_type,
                 .data = r->render(report)};
    names += (names.empty() ? "" : ", ") + a.filename;
    m.attachments.push_back(std::move(a));
  }
  if (!names.empty()) {
    text += "Attached: " + names + "\n";
    html += "<p>Attached: " + html_escape(names) + "</p>\n";
  }
  text += "\n-- \nluckyhub, schedule " + s.name + "\n";
  html += "<p style=\"color:#666\">luckyhub, schedule " + html_escape(s.name) + "</p>\n</body></html>\n";
  m.text = std::move(text);
  m.html = std::move(html);
  return m;
}

Mail failure_notice(const Schedule& s, Instant scheduled_for, int attempts, const std::string& reason, Instant now) {
  Mail m;
  m.to = {s.owner};
  m.date = now;
  m.subject = "luckyhub: schedule " + s.name + " failed";
  const std::string when = format_local(scheduled_for, *s.zone) + " (" + s.timezone + "), " + format_utc(scheduled_for);
  m.text = "The run of schedule " + s.name + " (" + s.tool + ") due " + when + " failed after " +
           std::to_string(attempts) + " attempt" + (attempts == 1 ? "" : "s") + "; nobody got the report.\n\nReason: " +
           reason + "\n\nYou get this because you own the schedule in the delivery file.\n";
  m.html = "<!DOCTYPE html><html><body><p>" + html_escape(m.text) + "</p></body></html>\n";
  return m;
}

Mail interrupted_notice(const Schedule& s, Instant scheduled_for, Instant now) {
  Mail m;
  m.to = {s.owner};
  m.date = now;
  m.subject = "luckyhub: schedule " + s.name + " was interrupted";
  const std::string when = format_local(scheduled_for, *s.zone) + " (" + s.timezone + "), " + format_utc(scheduled_for);
  m.text = "The run of schedule " + s.name + " (" + s.tool + ") due " + when +
           " was interrupted: the server stopped while it was being built or sent. It may or may not have reached "
           "its recipients, and it is not sent again (a run is sent at most once; docs/delivery.md).\n\n"
           "You get this because you own the schedule in the delivery file.\n";
  m.html = "<!DOCTYPE html><html><body><p>" + html_escape(m.text) + "</p></body></html>\n";
  return m;
}

}  // namespace luckyhub::delivery
