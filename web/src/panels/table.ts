// Tables: typed, formatted cells; sort by clicking a header (again to
// reverse); a filter box over every cell's text; drill-down links from the
// column's link template; a CSV download of the panel from the API.
import { el } from "../dom";
import { formatValue, isNumericType } from "../format";
import type { Column, Panel, Value } from "../types";
import type { PanelContext } from "./index";

const kWrapChars = 60;

// "/reports/tenant-audit?table={table}" filled from the row, as a page path.
export function fillLink(template: string, columns: Column[], row: Value[]): string {
  const filled = template.replace(/\{([a-z0-9_]+)\}/gi, (_, id: string) => {
    const i = columns.findIndex((c) => c.id === id);
    return i < 0 || row[i] === null ? "" : encodeURIComponent(String(row[i]));
  });
  return filled.replace(/^\/reports\//, "/tools/");
}

function compare(a: Value, b: Value): number {
  if (a === null) return b === null ? 0 : 1;
  if (b === null) return -1;
  if (typeof a === "number" && typeof b === "number") return a - b;
  return String(a).localeCompare(String(b), "en", { numeric: true });
}

export function renderTable(panel: Panel, ctx: PanelContext): HTMLElement {
  const columns = panel.columns ?? [];
  const rows = panel.rows ?? [];
  let sortColumn = -1;
  let descending = false;
  let filter = "";

  const tbody = el("tbody");
  const headers = columns.map((c, i) => {
    const th = el("th", { class: isNumericType(c) ? "num sortable" : "sortable", "data-column": c.id, scope: "col" }, c.label);
    th.addEventListener("click", () => {
      descending = sortColumn === i ? !descending : isNumericType(c);
      sortColumn = i;
      headers.forEach((h, j) => h.setAttribute("aria-sort", j !== i ? "none" : descending ? "descending" : "ascending"));
      draw();
    });
    return th;
  });
  const count = el("span", { class: "row-count" });

  function draw(): void {
    const needle = filter.trim().toLowerCase();
    let shown = rows.map((r, i) => ({ r, i }));
    if (needle) {
      shown = shown.filter(({ r }) => r.some((v, j) => formatValue(v, columns[j]).toLowerCase().includes(needle)));
    }
    if (sortColumn >= 0) {
      shown.sort((a, b) => compare(a.r[sortColumn], b.r[sortColumn]) * (descending ? -1 : 1) || a.i - b.i);
    }
    tbody.replaceChildren(...shown.map(({ r }) => el("tr", {}, ...columns.map((c, j) => {
      const text = formatValue(r[j], c);
      const cell = c.link && r[j] !== null
        ? el("a", { href: fillLink(c.link, columns, r), "data-nav": "", class: "drill" }, text)
        : text;
      // A long text (a message, a query) wraps rather than widening the table.
      return el("td", { class: isNumericType(c) ? "num" : text.length > kWrapChars ? "wrap" : "" }, cell);
    }))));
    if (shown.length === 0) {
      tbody.append(el("tr", {}, el("td", { class: "empty", colspan: String(Math.max(1, columns.length)) },
        rows.length === 0 ? "No rows for these parameters." : "No row matches the filter.")));
    }
    count.textContent = `${shown.length} of ${rows.length} rows`;
  }

  const search = el("input", { type: "search", placeholder: "Filter rows…", "aria-label": `Filter ${panel.title}` });
  search.addEventListener("input", () => {
    filter = search.value;
    draw();
  });
  const csv = el("a", { class: "button csv", href: ctx.csvUrl(panel.id), download: `${ctx.tool}-${panel.id}.csv` }, "Download CSV");
  draw();
  return el("div", { class: "table-panel" },
    el("div", { class: "table-tools" }, search, count, csv),
    el("div", { class: "table-scroll" }, el("table", {}, el("thead", {}, el("tr", {}, ...headers)), tbody)));
}
