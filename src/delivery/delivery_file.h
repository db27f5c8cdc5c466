// The delivery file (TOML, docs/delivery.md): what `luckyhub serve
// --delivery FILE` runs on its own — report schedules mailed to people, and
// jobs (sync on a cadence, collect every minute, report refreshes warming the
// server's cache on a cron).
//
//   [scheduler]   catch_up, retries, backoff, public_url (the dashboard's
//                 address for links in mails)
//   [smtp]        url = "smtp://host:port", starttls, username,
//                 password = "env:NAME" | "file:/path" (a reference, never the
//                 password itself), from, ca_file (a CA bundle to trust)
//   [[schedule]]  name, tool, params = {...}, cron, timezone,
//                 formats = ["pdf","xlsx","csv"], to = [...], owner
//   [[job]]       name, kind = "sync" | "collect" | "refresh", and by kind:
//                 sync: fleet, cadence ("15m"); collect: fleet, every ("60s");
//                 refresh: tool, params, cron, timezone
//
// load_delivery_file() validates everything and throws Error as
// "<file>:<line>: <reason>" (as the fleet file): an unknown key, a duplicate
// name, an unknown tool, a parameter the tool's own validation refuses, an
// unknown time zone, a bad cron, a format not available in this build, a bad
// address, a password given inline. The top-level keys `route`, `receiver`
// and `inhibit` (alert routing, parsed by src/alerts/) are accepted and left
// alone. Relative fleet and file: paths are relative to the file's directory.
// The password reference is checked for its form only: it is read at send
// time (smtp.h), so a rotated password needs no restart.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "delivery/cron.h"

namespace luckyhub::delivery {

struct SchedulerSettings {
  bool catch_up = true;  // run a schedule missed while the server was down, once, at start
  int retries = 3;       // further attempts after a failed one
  int backoff_s = 60;    // wait before the first retry; doubled for each next one
  // The dashboard's address as the mail's readers reach it ("https://luckyhub.luckin.example",
  // no trailing slash): links in mails are absolute under it; "" leaves them relative.
  std::string public_url;
};

struct SmtpSettings {
  std::string url;           // "smtp://host:port"
  bool starttls = true;      // require STARTTLS (CURLUSESSL_ALL)
  std::string username;      // "" for no AUTH
  std::string password_ref;  // "env:NAME" or "file:/absolute/path" (safe to print)
  std::string from;          // the sender address
  std::string ca_file;       // "" for the system's CA store
};

struct Schedule {
  std::string name;
  std::string tool;
  std::map<std::string, std::string> params;
  CronSpec cron;
  std::string timezone;
  const date::time_zone* zone = nullptr;
  std::vector<std::string> formats;  // attachments, in the given order
  std::vector<std::string> to;
  std::string owner;  // gets the notice when a run fails for good
  int line = 0;
};

enum class JobKind { kSync, kCollect, kRefresh };

struct Job {
  std::string name;
  JobKind kind = JobKind::kSync;
  std::string fleet;   // sync, collect: the fleet file (absolute)
  int every_s = 0;     // sync: cadence; collect: interval
  std::string tool;    // refresh
  std::map<std::string, std::string> params;
  std::optional<CronSpec> cron;  // refresh
  std::string timezone;
  const date::time_zone* zone = nullptr;
  int line = 0;
};

struct DeliveryConfig {
  std::string path;
  SchedulerSettings scheduler;
  std::optional<SmtpSettings> smtp;  // required when there is a schedule
  std::vector<Schedule> schedules;
  std::vector<Job> jobs;
  // Alert routing in the same file (route, receiver, inhibit: alerts/routing_config.h),
  // validated with the rest; the scheduler's collect jobs route their alerts by it.
  bool routing = false;
};

DeliveryConfig load_delivery_file(const std::string& path);
// The same, from text (`origin` names it in messages); for tests.
DeliveryConfig parse_delivery_text(const std::string& text, const std::string& origin);

const char* job_kind_name(JobKind kind);

// Whether `address` is a plain e-mail address (local@domain, no spaces, no
// angle brackets, quotes or line breaks: it goes into mail headers).
bool valid_address(const std::string& address);

}  // namespace luckyhub::delivery
