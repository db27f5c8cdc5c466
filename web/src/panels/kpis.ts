// KPI tiles: the figure, its label, a green/yellow/red status and its note.
import { el } from "../dom";
import { formatValue } from "../format";
import type { Panel, Tile } from "../types";

export function tileElement(t: Tile): HTMLElement {
  return el("div", { class: `tile status-${t.status}`, "data-tile": t.id, title: t.note ?? "" },
    el("div", { class: "tile-label" }, t.label),
    el("div", { class: "tile-value" }, formatValue(t.value, t)),
    t.note ? el("div", { class: "tile-note" }, t.note) : null);
}

export function renderKpis(panel: Panel): HTMLElement {
  return el("div", { class: "tiles" }, ...(panel.tiles ?? []).map(tileElement));
}
