// The admin page of the scheduler (docs/delivery.md): every report schedule
// of the server's delivery file with its cron and time zone, its next run in
// that zone and in UTC, its last run, its attachments and recipients; then the
// jobs (sync, collect, report refreshes). From GET /api/schedules; passwords
// are never in it.
import { apiJson } from "../api";
import { el } from "../dom";

interface LastRun {
  status: string;
  scheduled_for_utc?: string;
  scheduled_for_local?: string;
  finished_utc?: string;
  attempt?: number;
  error?: string;
}

interface ScheduleInfo {
  name: string;
  tool: string;
  params: Record<string, string>;
  cron: string;
  timezone: string;
  next_run_utc: string;
  next_run_local: string;
  running: boolean;
  last_run: LastRun | null;
  formats: string[];
  recipients: string[];
  recipient_count: number;
  owner: string;
}

interface JobInfo {
  name: string;
  kind: string;
  next_run_utc: string;
  next_run_local?: string;
  running: boolean;
  last_run: LastRun | null;
  tool?: string;
  params?: Record<string, string>;
  cron?: string;
  timezone?: string;
  every_s?: number;
}

interface SchedulesDoc {
  configured: boolean;
  now_utc?: string;
  schedules: ScheduleInfo[];
  jobs: JobInfo[];
}

const STATUS_CLASS: Record<string, string> = {
  done: "run-ok",
  running: "run-busy",
  sending: "run-busy",
  retrying: "run-warn",
  interrupted: "run-warn",
  failed: "run-bad",
};

function lastRunCell(last: LastRun | null, running: boolean): HTMLElement {
  if (running) return el("td", {}, el("span", { class: "run-status run-busy" }, "running now"));
  if (!last) return el("td", { class: "muted" }, "never");
  const when = last.scheduled_for_local ?? last.finished_utc ?? "";
  const td = el("td", {}, el("span", { class: `run-status ${STATUS_CLASS[last.status] ?? ""}` }, last.status), " ", when);
  if (last.attempt && last.attempt > 1) td.append(` (attempt ${last.attempt})`);
  if (last.error) td.append(el("div", { class: "run-error" }, last.error));
  return td;
}

function paramsText(params: Record<string, string> | undefined): string {
  const entries = Object.entries(params ?? {});
  return entries.length ? entries.map(([k, v]) => `${k}=${v}`).join(", ") : "defaults";
}

function reportLink(tool: string, params: Record<string, string> | undefined): HTMLElement {
  const q = new URLSearchParams(params ?? {}).toString();
  return el("a", { href: `/tools/${encodeURIComponent(tool)}${q ? "?" + q : ""}`, "data-nav": "" }, tool);
}

function nextCell(local: string | undefined, utc: string): HTMLElement {
  return el("td", { class: "when" }, local ? el("div", {}, local) : null, el("div", { class: "muted" }, utc));
}

function schedulesTable(schedules: ScheduleInfo[]): HTMLElement {
  const head = ["Schedule", "Report", "Parameters", "Cron", "Time zone", "Next run", "Last run", "Attachments", "Recipients"];
  const rows = schedules.map((s) =>
    el("tr", { "data-schedule": s.name },
      el("td", {}, el("strong", {}, s.name), el("div", { class: "muted" }, `owner ${s.owner}`)),
      el("td", { class: "when" }, reportLink(s.tool, s.params)),
      el("td", {}, paramsText(s.params)),
      el("td", {}, el("code", {}, s.cron)),
      el("td", {}, s.timezone),
      nextCell(s.next_run_local, s.next_run_utc),
      lastRunCell(s.last_run, s.running),
      el("td", {}, s.formats.length ? s.formats.join(", ") : "none"),
      el("td", { class: "recipients" }, el("div", {}, `${s.recipient_count} recipient${s.recipient_count === 1 ? "" : "s"}`),
        ...s.recipients.map((r) => el("div", { class: "muted" }, r)))));
  return el("div", { class: "table-scroll" },
    el("table", { class: "schedules" }, el("thead", {}, el("tr", {}, ...head.map((h) => el("th", { scope: "col" }, h)))),
      el("tbody", {}, ...(rows.length ? rows : [el("tr", {}, el("td", { class: "empty", colspan: String(head.length) }, "No schedules."))]))));
}

function jobsTable(jobs: JobInfo[]): HTMLElement {
  const head = ["Job", "Kind", "When", "Next run", "Last run"];
  const rows = jobs.map((j) =>
    el("tr", { "data-job": j.name },
      el("td", {}, el("strong", {}, j.name)),
      el("td", {}, j.kind === "refresh" && j.tool ? el("span", {}, "refresh ", reportLink(j.tool, j.params)) : j.kind),
      el("td", {}, j.cron ? el("span", {}, el("code", {}, j.cron), ` in ${j.timezone}`) : `every ${j.every_s} s`),
      nextCell(j.next_run_local, j.next_run_utc),
      lastRunCell(j.last_run, j.running)));
  return el("div", { class: "table-scroll" },
    el("table", { class: "jobs" }, el("thead", {}, el("tr", {}, ...head.map((h) => el("th", { scope: "col" }, h)))),
      el("tbody", {}, ...(rows.length ? rows : [el("tr", {}, el("td", { class: "empty", colspan: String(head.length) }, "No jobs."))]))));
}

export async function renderSchedules(root: HTMLElement, signal: AbortSignal): Promise<void> {
  document.title = "Schedules · luckyhub";
  const doc = await apiJson<SchedulesDoc>("/api/schedules", { signal });
  const crumbs = el("p", { class: "crumbs" }, el("a", { href: "/", "data-nav": "" }, "All tools"), " / Schedules");
  if (!doc.configured) {
    root.replaceChildren(crumbs, el("h1", {}, "Schedules"),
      el("p", { class: "muted" }, "This server runs no scheduler: start it with luckyhub serve --delivery FILE (docs/delivery.md)."));
    return;
  }
  root.replaceChildren(crumbs, el("h1", {}, "Schedules"),
    el("p", { class: "report-meta" }, `Scheduler time ${doc.now_utc ?? ""}. Times are in each schedule's zone, UTC below.`),
    el("section", { class: "panel" }, el("h2", {}, "Report e-mails"), schedulesTable(doc.schedules)),
    el("section", { class: "panel" }, el("h2", {}, "Jobs"), jobsTable(doc.jobs)));
}
