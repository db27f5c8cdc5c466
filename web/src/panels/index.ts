// Draws any panel of any report from its JSON alone, by kind.
import { el } from "../dom";
import type { Panel } from "../types";
import { renderAlerts } from "./alerts";
import { renderBar } from "./bar";
import { renderDistribution } from "./distribution";
import { renderEntry } from "./entry";
import { renderHeatmap } from "./heatmap";
import { renderKpis } from "./kpis";
import { renderScatter } from "./scatter";
import { renderTable } from "./table";
import { renderText } from "./text";
import { renderTimeseries } from "./timeseries";

export interface PanelContext {
  tool: string;
  csvUrl: (panelId: string) => string;
}

const renderers: Record<string, (p: Panel, ctx: PanelContext) => HTMLElement> = {
  kpis: renderKpis,
  table: renderTable,
  timeseries: renderTimeseries,
  bar: renderBar,
  heatmap: renderHeatmap,
  scatter: renderScatter,
  distribution: renderDistribution,
  alerts: renderAlerts,
  text: renderText,
  entry: renderEntry,
};

// The panel's card: its title, description and content. Appended to `parent`
// before drawing, so that charts measure their real width.
export function renderPanel(parent: HTMLElement, panel: Panel, ctx: PanelContext): void {
  const card = el("section", { class: `panel panel-${panel.kind}`, "data-panel": panel.id },
    el("h2", {}, panel.title),
    panel.description ? el("p", { class: "panel-description" }, panel.description) : null);
  parent.append(card);
  const render = renderers[panel.kind];
  card.append(render ? render(panel, ctx) : el("p", { class: "muted" }, `This page cannot draw a '${panel.kind}' panel yet.`));
}
