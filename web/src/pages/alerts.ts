// The alerts page: every pending and firing alert (health and the tools')
// with its labels and whether a silence or an inhibition suppresses it, and
// the silences. A silence is created from an alert's labels (the form is
// filled in from the alert's "Silence…" button, its matchers editable) and
// expired with a button. API: /api/alerts, /api/silences (docs/alerts.md).
import { apiFetch } from "../api";
import { el } from "../dom";

interface AlertItem {
  fingerprint: string;
  rule: string;
  instance: string;
  object: string;
  state: string;
  severity: string;
  summary: string;
  since: string;
  labels: Record<string, string>;
  silenced_by: string;
  inhibited: boolean;
}

interface SilenceItem {
  id: string;
  matchers: string[];
  starts: string;
  ends: string;
  created_by: string;
  comment: string;
  state: string;
}

async function getJson<T>(url: string, signal?: AbortSignal): Promise<T> {
  const res = await apiFetch(url, { signal, cache: "no-store" });
  const body = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(body.error || res.statusText);
  return body as T;
}

function severityClass(a: AlertItem): string {
  if (a.silenced_by || a.inhibited) return "";
  return a.severity === "critical" ? "status-red" : a.severity === "warning" ? "status-yellow" : "status-green";
}

function labelChips(labels: Record<string, string>): HTMLElement {
  return el("span", { class: "label-chips" },
    ...Object.entries(labels).filter(([k]) => k !== "service").map(([k, v]) => el("code", { class: "chip" }, `${k}=${v}`)));
}

function alertsTable(alerts: AlertItem[], onSilence: (a: AlertItem) => void): HTMLElement {
  if (!alerts.length) return el("p", { class: "muted", "data-empty": "alerts" }, "No alert is pending or firing.");
  // Notified first, the most severe first; then the silenced and inhibited.
  const rank = (a: AlertItem) => (a.silenced_by || a.inhibited ? 10 : 0) +
    (a.severity === "critical" ? 0 : a.severity === "warning" ? 1 : 2) + (a.state === "firing" ? 0 : 3);
  const sorted = [...alerts].sort((x, y) => rank(x) - rank(y));
  const rows = sorted.map((a) => {
    const button = el("button", { class: "button", type: "button", "data-silence": a.fingerprint }, "Silence…");
    button.addEventListener("click", () => onSilence(a));
    const status = a.silenced_by ? `silenced (${a.silenced_by})` : a.inhibited ? "inhibited" : a.state;
    return el("tr", { class: `alert-row ${severityClass(a)}`, "data-fingerprint": a.fingerprint },
      el("td", {}, el("span", { class: "dot" }), " ", a.rule),
      el("td", {}, a.severity),
      el("td", {}, status),
      el("td", {}, a.labels.department ?? ""),
      el("td", { class: "wrap" }, a.summary, el("div", {}, labelChips(a.labels))),
      el("td", {}, a.since.replace("T", " ").replace("Z", " UTC")),
      el("td", {}, button));
  });
  return el("div", { class: "table-scroll" },
    el("table", { class: "alerts-table" },
      el("thead", {}, el("tr", {}, ...["Alert", "Severity", "State", "Department", "Summary and labels", "Since", ""].map((h) => el("th", {}, h)))),
      el("tbody", {}, ...rows)));
}

function silencesTable(silences: SilenceItem[], onExpire: (s: SilenceItem) => void): HTMLElement {
  if (!silences.length) return el("p", { class: "muted", "data-empty": "silences" }, "No silences.");
  const rows = silences.map((s) => {
    const cell = el("td", {});
    if (s.state !== "expired") {
      const b = el("button", { class: "button", type: "button", "data-expire": s.id }, "Expire");
      b.addEventListener("click", () => onExpire(s));
      cell.append(b);
    }
    return el("tr", { "data-silence-id": s.id, "data-state": s.state },
      el("td", {}, s.state),
      el("td", { class: "wrap" }, el("span", { class: "label-chips" }, ...s.matchers.map((m) => el("code", { class: "chip" }, m)))),
      el("td", {}, s.starts.replace("T", " ").replace("Z", " UTC")),
      el("td", {}, s.ends.replace("T", " ").replace("Z", " UTC")),
      el("td", {}, s.created_by),
      el("td", { class: "wrap" }, s.comment),
      cell);
  });
  return el("div", { class: "table-scroll" },
    el("table", { class: "silences-table" },
      el("thead", {}, el("tr", {}, ...["State", "Matchers", "Starts", "Ends", "Created by", "Comment", ""].map((h) => el("th", {}, h)))),
      el("tbody", {}, ...rows)));
}

function silenceForm(onCreated: () => void): { form: HTMLFormElement; fill: (a: AlertItem) => void } {
  const matchers = el("textarea", { name: "matchers", rows: "3", placeholder: "alertname=\"StockoutRisk\"\nstore=\"4\"", required: "" });
  const duration = el("select", { name: "duration" },
    ...["1h", "4h", "1d", "7d"].map((d) => el("option", { value: d }, d)));
  const createdBy = el("input", { name: "created_by", type: "text", required: "", maxlength: "200" });
  const comment = el("input", { name: "comment", type: "text", required: "", maxlength: "2000" });
  const message = el("span", { class: "entry-message", role: "status" });
  const form = el("form", { class: "params silence-form" },
    el("label", {}, "Matchers (one per line: name=value, name=~regex)", matchers),
    el("label", {}, "For", duration),
    el("label", {}, "Created by", createdBy),
    el("label", {}, "Comment", comment),
    el("button", { class: "button", type: "submit" }, "Create silence"),
    message);
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    message.className = "entry-message";
    message.textContent = "Saving…";
    const body = {
      matchers: matchers.value.split("\n").map((l) => l.trim()).filter((l) => l),
      duration: duration.value,
      created_by: createdBy.value,
      comment: comment.value,
    };
    const res = await apiFetch("/api/silences", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
    const answer = await res.json().catch(() => ({}));
    if (!res.ok) {
      message.className = "entry-message error";
      message.textContent = answer.error || res.statusText;
      return;
    }
    message.textContent = `Created ${answer.id}.`;
    onCreated();
  });
  const fill = (a: AlertItem) => {
    const keep = ["alertname", "instance", "object", "store"];
    matchers.value = Object.entries(a.labels).filter(([k]) => keep.includes(k)).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join("\n");
    comment.focus();
  };
  return { form, fill };
}

export async function renderAlerts(root: HTMLElement, signal: AbortSignal): Promise<void> {
  document.title = "Alerts · luckyhub";
  const alertsBox = el("div", {}, el("p", { class: "muted" }, "Loading alerts…"));
  const silencesBox = el("div", {}, el("p", { class: "muted" }, "Loading silences…"));
  const meta = el("p", { class: "report-meta" });
  const reload = async () => {
    const [a, s] = await Promise.all([
      getJson<{ now: string; alerts: AlertItem[]; inhibit_rules: number }>("/api/alerts", signal),
      getJson<{ silences: SilenceItem[] }>("/api/silences", signal),
    ]);
    const firing = a.alerts.filter((x) => x.state === "firing").length;
    const suppressed = a.alerts.filter((x) => x.silenced_by || x.inhibited).length;
    meta.textContent = `${firing} firing, ${a.alerts.length - firing} pending, ${suppressed} silenced or inhibited · as of ${a.now.replace("T", " ").replace("Z", " UTC")}`;
    alertsBox.replaceChildren(alertsTable(a.alerts, (x) => fill(x)));
    silencesBox.replaceChildren(silencesTable(s.silences, async (x) => {
      const res = await apiFetch(`/api/silences/${encodeURIComponent(x.id)}`, { method: "DELETE" });
      if (!res.ok) {
        const body = await res.json().catch(() => ({}));
        silencesBox.prepend(el("p", { class: "error-text", role: "alert" }, body.error || res.statusText));
        return;
      }
      await reload();
    }));
  };
  const { form, fill } = silenceForm(() => { reload(); });
  root.replaceChildren(
    el("div", { class: "crumbs" }, el("a", { href: "/", "data-nav": "" }, "All tools"), " / Alerts"),
    el("h1", {}, "Alerts and silences"),
    meta,
    el("section", { class: "panel", "data-panel": "alerts" }, el("h2", {}, "Active alerts"), alertsBox),
    el("section", { class: "panel", "data-panel": "new-silence" }, el("h2", {}, "New silence"),
      el("p", { class: "panel-description" }, "Alerts matching every matcher are not notified until the silence ends."), form),
    el("section", { class: "panel", "data-panel": "silences" }, el("h2", {}, "Silences"), silencesBox));
  await reload();
}
