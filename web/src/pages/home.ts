// The home page: the six departments, each listing its tools with their
// headline status (the first kpis panel's tiles), loaded tool by tool.
import { fetchReport, fetchTools } from "../api";
import { el } from "../dom";
import { tileElement } from "../panels/kpis";
import type { ToolInfo } from "../types";

function toolCard(tool: ToolInfo, signal: AbortSignal): HTMLElement {
  const status = el("div", { class: "headline" }, el("span", { class: "muted" }, "Loading headline…"));
  fetchReport(tool.id, new URLSearchParams(), () => {}, signal)
    .then((report) => {
      const kpis = report.panels.find((p) => p.kind === "kpis");
      status.replaceChildren(...(kpis?.tiles ?? []).slice(0, 4).map(tileElement));
      if (!kpis) status.replaceChildren(el("span", { class: "muted" }, "No headline figures."));
    })
    .catch((e: Error) => {
      if (e.name !== "AbortError") status.replaceChildren(el("span", { class: "error-text" }, e.message));
    });
  return el("article", { class: "tool-card", "data-tool": tool.id },
    el("a", { href: `/tools/${tool.id}`, "data-nav": "", class: "tool-link" },
      el("span", { class: "tool-number" }, `#${tool.number}`), tool.title),
    el("p", { class: "tool-summary" }, tool.summary),
    status);
}

export async function renderHome(root: HTMLElement, signal: AbortSignal): Promise<void> {
  document.title = "luckyhub";
  const doc = await fetchTools();
  root.replaceChildren(
    el("h1", {}, "Departments"),
    el("div", { class: "departments" }, ...doc.departments.map((d) => {
      const tools = doc.tools.filter((t) => t.department === d.id);
      return el("section", { class: "department", "data-department": d.id },
        el("h2", {}, d.name),
        ...(tools.length ? tools.map((t) => toolCard(t, signal)) : [el("p", { class: "muted" }, "No tools yet.")]));
    })));
}
