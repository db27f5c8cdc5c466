// Heatmaps: values[y][x] as colour, from calm to hot; palette "status" is
// traffic lights (0 green, 1 yellow, 2 red), "scarcity" turns the scale
// round (low values hot, e.g. days of supply), its top at the 90th
// percentile so that a few large values do not wash the rest out.
import { drawChart } from "./chart";
import { el } from "../dom";
import type { Panel } from "../types";

export function renderHeatmap(panel: Panel): HTMLElement {
  const box = el("div", { class: "chart-panel" });
  const x = panel.x ?? [];
  const y = panel.y ?? [];
  const data: [number, number, number][] = [];
  let min = Infinity;
  let max = -Infinity;
  (panel.values ?? []).forEach((row, yi) => row.forEach((v, xi) => {
    if (typeof v !== "number") return;
    data.push([xi, yi, v]);
    min = Math.min(min, v);
    max = Math.max(max, v);
  }));
  if (!data.length) [min, max] = [0, 1];
  if (panel.palette === "scarcity" && data.length) {
    const sorted = data.map((d) => d[2]).sort((a, b) => a - b);
    max = Math.max(min + 1e-9, sorted[Math.floor(0.9 * (sorted.length - 1))]);
  }
  const calmToHot = ["#f2f6fc", "#9ec1ec", "#f0b34a", "#d9473b"];
  drawChart(box, {
    tooltip: { position: "top", formatter: (p: { value: [number, number, number] }) =>
      `${y[p.value[1]]} · ${x[p.value[0]]}<br>${panel.value_label ?? ""}: ${p.value[2].toLocaleString("en-US")}` },
    grid: { left: 110, right: 24, top: 16, bottom: 80 },
    xAxis: { type: "category", data: x, name: panel.x_label, nameLocation: "middle", nameGap: 28, splitArea: { show: true } },
    yAxis: { type: "category", data: y, name: panel.y_label, splitArea: { show: true } },
    visualMap: panel.palette === "status"
      // Traffic lights: 0 green, 1 yellow, 2 red.
      ? { type: "piecewise", orient: "horizontal", left: "center", bottom: 0,
          pieces: [{ value: 0, label: "green", color: "#3a9d5d" }, { value: 1, label: "yellow", color: "#f0b34a" },
                   { value: 2, label: "red", color: "#d9473b" }] }
      : { min, max, calculable: true, orient: "horizontal", left: "center", bottom: 0,
          inRange: { color: panel.palette === "scarcity" ? [...calmToHot].reverse() : calmToHot } },
    series: [{ type: "heatmap", data, name: panel.value_label }],
  }, Math.max(260, Math.min(640, 28 * y.length + 120)));
  return box;
}
