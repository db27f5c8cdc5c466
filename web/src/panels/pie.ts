// Pie charts: a bar panel whose first series is drawn "pie", one slice per x
// label sized by that series (a share of a whole); the tooltip gives the value
// in its type and the share.
import { drawChart } from "./chart";
import { el } from "../dom";
import type { Panel } from "../types";
import { formatValue } from "../format";

export function renderPie(panel: Panel): HTMLElement {
  const box = el("div", { class: "chart-panel" });
  const series = (panel.series ?? [])[0];
  const labels = panel.x ?? [];
  // A slice per label; a null or zero value draws none.
  const data = series ? labels.map((name, i) => ({ name, value: series.values[i] })) : [];
  drawChart(box, {
    tooltip: {
      trigger: "item",
      formatter: (it: { name: string; value: number; percent: number }) =>
        `${it.name}<br>${formatValue(it.value, series)} (${it.percent.toFixed(1)}%)`,
    },
    legend: { type: "scroll", orient: "vertical", left: 0, top: "middle" },
    series: [{
      name: series?.label ?? panel.title, type: "pie", radius: ["30%", "68%"], center: ["62%", "52%"],
      label: { formatter: "{b}: {d}%" }, data,
    }],
  });
  return box;
}
