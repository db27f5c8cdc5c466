// Scatter with quadrant lines at (x_split, y_split), the quadrants' names in
// the corners when the panel gives them; one colour per group.
import { drawChart } from "./chart";
import { el } from "../dom";
import type { Panel, Point } from "../types";

export function renderScatter(panel: Panel): HTMLElement {
  const box = el("div", { class: "chart-panel" });
  const points = panel.points ?? [];
  const groups = [...new Set(points.map((p) => p.group || ""))];
  const maxSize = Math.max(1, ...points.map((p) => p.size || 0));
  const symbolSize = (v: number[]) => 8 + 22 * Math.sqrt((v[2] || 0) / maxSize);
  // Top right, top left, bottom left, bottom right: each quadrant holds its corner of the plot.
  const corners = [{ right: 40, top: 44 }, { left: 80, top: 44 }, { left: 80, bottom: 60 }, { right: 40, bottom: 60 }];
  const graphic = (panel.quadrants ?? []).map((name, i) => ({
    type: "text", ...corners[i], silent: true,
    style: { text: name, fill: "#8a93a6", font: "600 13px sans-serif" },
  }));
  drawChart(box, {
    graphic,
    tooltip: { trigger: "item", formatter: (p: { data: { point: Point } }) =>
      `${p.data.point.label}<br>${panel.x_label}: ${p.data.point.x.toLocaleString("en-US")}<br>${panel.y_label}: ${p.data.point.y.toLocaleString("en-US")}` },
    legend: { top: 0, show: groups.length > 1 },
    grid: { left: 70, right: 30, top: 40, bottom: 50 },
    xAxis: { type: "value", name: panel.x_label, nameLocation: "middle", nameGap: 30, scale: true, splitLine: { lineStyle: { color: "#eef0f4" } } },
    yAxis: { type: "value", name: panel.y_label, nameLocation: "middle", nameGap: 50, scale: true, splitLine: { lineStyle: { color: "#eef0f4" } } },
    series: groups.map((g, i) => ({
      name: g || panel.title,
      type: "scatter",
      symbolSize,
      data: points.filter((p) => (p.group || "") === g).map((p) => ({ value: [p.x, p.y, p.size], point: p })),
      markLine: i === 0 ? {
        silent: true, symbol: "none", lineStyle: { type: "dashed", color: "#8a93a6" }, label: { show: false },
        data: [{ xAxis: panel.x_split ?? 0 }, { yAxis: panel.y_split ?? 0 }],
      } : undefined,
    })),
  }, 380);
  return box;
}
