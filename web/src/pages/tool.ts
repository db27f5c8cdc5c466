// One tool's page: its parameters as inputs (kept in the URL query), then
// the report's panels. While the server computes, a progress bar shows how far
// it is; an error (a bad parameter, say) is shown above the inputs.
import { exportUrl, fetchReport, fetchTools, reportUrl } from "../api";
import { el, navigate } from "../dom";
import { deletionsReconciledLabel, deletionsWarning } from "../format";
import { disposeCharts } from "../panels/chart";
import { renderPanel } from "../panels/index";
import { SEARCH_PARAMS, customerSearch } from "./customer_search";
import { paramsForm } from "./params";

export async function renderTool(root: HTMLElement, toolId: string, query: URLSearchParams,
                                 signal: AbortSignal): Promise<void> {
  const doc = await fetchTools();
  const tool = doc.tools.find((t) => t.id === toolId);
  if (!tool) {
    root.replaceChildren(el("h1", {}, "Unknown tool"),
      el("p", { class: "error-text" }, `There is no tool '${toolId}'.`), el("a", { href: "/", "data-nav": "" }, "All tools"));
    return;
  }
  const department = doc.departments.find((d) => d.id === tool.department)?.name ?? tool.department;
  document.title = `${tool.title} · luckyhub`;
  const meta = el("p", { class: "report-meta" }, `${department} · Tool ${tool.number}`);
  const bar = el("div", { class: "progress-bar" });
  const progress = el("div", { class: "progress", role: "progressbar", "aria-label": "Computing the report" }, bar);
  const body = el("div", { class: "report-body" }, progress);
  const go = (next: URLSearchParams) => {
    const qs = next.toString();
    navigate(`/tools/${tool.id}${qs ? "?" + qs : ""}`);
  };
  // Customer 360 finds a customer through its own search bar.
  const search = tool.id === "customer-360" ? customerSearch(query, go) : null;
  const formParams = search ? tool.params.filter((p) => !SEARCH_PARAMS.includes(p.name)) : tool.params;
  root.replaceChildren(
    el("nav", { class: "crumbs" }, el("a", { href: "/", "data-nav": "" }, "Departments"), ` / ${department}`),
    el("h1", {}, tool.title),
    el("p", { class: "tool-summary" }, tool.summary),
    meta,
    ...(search ? [search] : []),
    paramsForm(tool.id, formParams, query, go),
    body);

  try {
    const report = await fetchReport(tool.id, query, (p) => {
      bar.style.width = `${Math.round(p * 100)}%`;
    }, signal);
    // How current the data is: its as-of, and when rows deleted at the
    // sources were last removed (until then they still count).
    meta.textContent = `${department} · Tool ${tool.number} · data as of ${report.as_of}` +
      (report.deletions_reconciled ? ` · deletions reconciled ${deletionsReconciledLabel(report.deletions_reconciled)}` : "");
    const warning = deletionsWarning(report.as_of, report.deletions_reconciled);
    root.querySelector(".freshness-warning")?.remove();
    if (warning) meta.after(el("p", { class: "freshness-warning", role: "status" }, warning));
    disposeCharts();
    // The whole report as files (each table also has its own CSV below).
    const qs = query.toString();
    const downloads = el("div", { class: "report-downloads" }, "Download the report: ",
      el("a", { class: "button pdf", href: exportUrl(tool.id, query, "pdf"), download: `${tool.id}-${report.as_of}.pdf` }, "PDF"),
      " ",
      el("a", { class: "button xlsx", href: exportUrl(tool.id, query, "xlsx"), download: `${tool.id}-${report.as_of}.xlsx` }, "XLSX"));
    if (report.panels.some((p) => p.kind === "table")) {
      downloads.append(" ", el("a", { class: "button csv-all", href: reportUrl(tool.id, query, ""), download: `${tool.id}.csv` },
        "CSV (every table)"));
    }
    if (tool.id === "staffing") {
      downloads.append(" ", el("a", { class: "button schedule-pdf", href: `/api/staffing/schedule.pdf${qs ? "?" + qs : ""}` },
        "Weekly schedule (PDF, a page per store)"));
    }
    body.replaceChildren(downloads);
    const ctx = { tool: tool.id, csvUrl: (panel: string) => reportUrl(tool.id, query, panel) };
    for (const panel of report.panels) renderPanel(body, panel, ctx);
  } catch (e) {
    if ((e as Error).name === "AbortError") return;
    body.replaceChildren(el("p", { class: "error-text", role: "alert" }, (e as Error).message));
  }
}
