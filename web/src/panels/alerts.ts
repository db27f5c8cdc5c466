// Alert lists: severity first, then title, detail and an optional link.
import { el } from "../dom";
import type { Panel } from "../types";
import { fillLink } from "./table";

const order = { red: 0, yellow: 1, green: 2, none: 3 };

export function renderAlerts(panel: Panel): HTMLElement {
  const alerts = [...(panel.alerts ?? [])].sort((a, b) => order[a.severity] - order[b.severity]);
  if (!alerts.length) return el("p", { class: "muted" }, "No alerts.");
  return el("ul", { class: "alerts" }, ...alerts.map((a) => el("li", { class: `alert status-${a.severity}` },
    el("span", { class: "dot" }),
    el("div", {},
      el("div", { class: "alert-title" }, a.link ? el("a", { href: fillLink(a.link, [], []), "data-nav": "" }, a.title) : a.title),
      a.detail ? el("div", { class: "alert-detail" }, a.detail) : null))));
}
