// Bar charts: one bar group per x label, one bar per series; a series whose
// draw is "line" is a line over the bars (staff over demand).
import { drawChart } from "./chart";
import { el } from "../dom";
import type { Panel } from "../types";
import { seriesAxes, seriesTooltip } from "./timeseries";

export function renderBar(panel: Panel): HTMLElement {
  const box = el("div", { class: "chart-panel" });
  const series = panel.series ?? [];
  const axes = seriesAxes(series);
  const many = (panel.x ?? []).length > 12;
  drawChart(box, {
    tooltip: { ...seriesTooltip(series), axisPointer: { type: "shadow" } },
    legend: { type: "scroll", top: 0, show: series.length > 1 },
    grid: { left: 64, right: 64, top: 40, bottom: many ? 90 : 48 },
    xAxis: { type: "category", data: panel.x ?? [], name: panel.x_label, nameLocation: "middle", nameGap: many ? 76 : 30,
      axisLabel: { rotate: many ? 40 : 0, interval: 0 } },
    yAxis: axes.yAxis.length ? axes.yAxis : [{ type: "value" }],
    series: series.map((s) => s.draw === "line"
      ? { name: s.label, type: "line", step: "middle", yAxisIndex: axes.index(s), data: s.values, symbolSize: 4 }
      : { name: s.label, type: "bar", yAxisIndex: axes.index(s), data: s.values, barMaxWidth: 36 }),
  });
  return box;
}
