// Entry panels: an editable grid of whole numbers (x across, y down; empty is
// null), each checked against min..max as it is typed. Save sends the panel's
// `fields` plus {key: values[y][x]} to its url with its method as JSON; the
// server validates again, and its one-line error is shown as it is. After a
// save the page reloads, so every panel shows the stored values. The request
// carries the session's CSRF token (api.ts).
import { apiFetch } from "../api";
import { el } from "../dom";
import type { Panel, Value } from "../types";

function parse(text: string, min: number, max: number): { ok: boolean; value: Value } {
  const t = text.trim();
  if (t === "") return { ok: true, value: null };
  if (!/^-?\d+$/.test(t)) return { ok: false, value: null };
  const n = Number(t);
  return { ok: n >= min && n <= max, value: n };
}

export function renderEntry(panel: Panel): HTMLElement {
  const xs = panel.x ?? [];
  const ys = panel.y ?? [];
  const min = panel.min ?? 0;
  const max = panel.max ?? 0;
  const inputs: HTMLInputElement[][] = ys.map((_, y) => xs.map((label, x) => {
    const v = panel.values?.[y]?.[x];
    const input = el("input", { type: "text", inputmode: "numeric", "aria-label": `${ys[y]} ${label}`,
      "data-x": String(x), "data-y": String(y) });
    input.value = v === null || v === undefined ? "" : String(v);
    input.addEventListener("input", () => input.classList.toggle("invalid", !parse(input.value, min, max).ok));
    return input;
  }));
  const message = el("span", { class: "entry-message", role: "status" });
  const save = el("button", { type: "button", class: "button entry-save" }, "Save");
  save.addEventListener("click", async () => {
    const parsed = inputs.map((row) => row.map((i) => parse(i.value, min, max)));
    if (parsed.some((row) => row.some((p) => !p.ok))) {
      message.className = "entry-message error";
      message.textContent = `Whole numbers from ${min} to ${max}, or empty.`;
      return;
    }
    const body = { ...(panel.fields ?? {}), [panel.key ?? "values"]: parsed.map((row) => row.map((p) => p.value)) };
    save.disabled = true;
    try {
      const res = await apiFetch(panel.url ?? "", { method: panel.method ?? "PUT", headers: { "Content-Type": "application/json" },
        body: JSON.stringify(body) });
      if (!res.ok) {
        const err = await res.json().catch(() => ({ error: res.statusText }));
        message.className = "entry-message error";
        message.textContent = err.error ?? res.statusText;
        return;
      }
      message.className = "entry-message";
      message.textContent = "Saved.";
      window.location.reload();
    } finally {
      save.disabled = false;
    }
  });
  const head = el("tr", {}, el("th", { scope: "col" }, `${panel.y_label ?? ""} \\ ${panel.x_label ?? ""}`),
    ...xs.map((x) => el("th", { scope: "col" }, x)));
  const body = el("tbody", {}, ...ys.map((label, y) => el("tr", {}, el("th", { scope: "row" }, label),
    ...inputs[y].map((i) => el("td", {}, i)))));
  return el("div", { class: "entry-panel" },
    el("div", { class: "entry-scroll" }, el("table", { class: "entry-grid" }, el("thead", {}, head), body)),
    el("div", { class: "entry-tools" }, save, message));
}
