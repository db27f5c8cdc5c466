// The home page: the six departments, each listing its tools with their
// headline figures from /api/home (a few small queries per tool, computed
// once per warehouse version: docs/dashboard.md). No report is computed for
// this page; a figure links to the report that shows it.
import { fetchHome, fetchTools } from "../api";
import { el } from "../dom";
import { deletionsReconciledLabel, deletionsWarning } from "../format";
import { tileElement } from "../panels/kpis";
import type { HomeDoc, HomeTool, ToolInfo } from "../types";

function toolCard(tool: ToolInfo): HTMLElement {
  return el("article", { class: "tool-card", "data-tool": tool.id },
    el("a", { href: `/tools/${tool.id}`, "data-nav": "", class: "tool-link" },
      el("span", { class: "tool-number" }, `#${tool.number}`), tool.title),
    el("p", { class: "tool-summary" }, tool.summary),
    el("div", { class: "headline" }, el("span", { class: "muted" }, "Loading headline…")));
}

function headlineChildren(entry: HomeTool | undefined): HTMLElement[] {
  if (entry?.error) return [el("span", { class: "error-text" }, entry.error)];
  if (!entry?.figures.length) return [el("span", { class: "muted" }, entry?.note ?? "No headline figures.")];
  const tiles = entry.figures.map((f) => el("a", { href: f.link, "data-nav": "", class: "figure-link" }, tileElement(f)));
  return [...(entry.covers ? [el("div", { class: "headline-covers" }, entry.covers)] : []), ...tiles];
}

function fillHeadlines(root: HTMLElement, home: HomeDoc): void {
  for (const card of root.querySelectorAll<HTMLElement>("[data-tool]")) {
    const entry = home.tools.find((t) => t.id === card.dataset.tool);
    card.querySelector(".headline")!.replaceChildren(...headlineChildren(entry));
  }
}

export async function renderHome(root: HTMLElement, signal: AbortSignal): Promise<void> {
  document.title = "luckyhub";
  const doc = await fetchTools();
  root.replaceChildren(
    el("h1", {}, "Departments"),
    // Only the departments with a tool this role may open (/api/tools lists those).
    el("div", { class: "departments" }, ...doc.departments.filter((d) => doc.tools.some((t) => t.department === d.id)).map((d) => {
      const tools = doc.tools.filter((t) => t.department === d.id);
      return el("section", { class: "department", "data-department": d.id }, el("h2", {}, d.name), ...tools.map(toolCard));
    })));
  try {
    const home = await fetchHome(signal);
    fillHeadlines(root, home);
    const meta = el("p", { class: "report-meta" }, `Data as of ${home.as_of}` +
      (home.deletions_reconciled ? ` · deletions reconciled ${deletionsReconciledLabel(home.deletions_reconciled)}` : ""));
    root.querySelector("h1")!.after(meta);
    const warning = deletionsWarning(home.as_of, home.deletions_reconciled);
    if (warning) meta.after(el("p", { class: "freshness-warning", role: "status" }, warning));
  } catch (e) {
    if ((e as Error).name === "AbortError") return;
    for (const headline of root.querySelectorAll(".headline")) {
      headline.replaceChildren(el("span", { class: "error-text" }, `Cannot load the headlines: ${(e as Error).message}`));
    }
  }
}
