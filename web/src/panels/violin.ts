// Violin plots: a series per group whose values are a density over the
// panel's x (a shared grid of values, e.g. seconds), null outside the group's
// range; each violin mirrored around its category, scaled to its own peak.
import { drawChart } from "./chart";
import { el } from "../dom";
import type { Panel } from "../types";

export function isViolinPanel(panel: Panel): boolean {
  const series = panel.series ?? [];
  return series.length > 0 && series.every((s) => s.draw === "violin");
}

interface Shape { label: string; points: [number, number][]; peak: number }

export function renderViolins(panel: Panel): HTMLElement {
  const box = el("div", { class: "chart-panel" });
  const grid = (panel.x ?? []).map(Number);
  const shapes: Shape[] = (panel.series ?? []).map((s) => {
    const points: [number, number][] = [];
    s.values.forEach((v, i) => { if (typeof v === "number") points.push([grid[i], v]); });
    return { label: s.label, points, peak: Math.max(0, ...points.map((p) => p[1])) };
  });
  const labels = shapes.map((s) => s.label.replace(/ \(n .*$/, ""));
  // The value axis spans every violin (the custom series gives ECharts no extent of its own).
  const top = Math.max(0, ...shapes.flatMap((s) => s.points.map((p) => p[0])));
  drawChart(box, {
    tooltip: { trigger: "item", formatter: (p: { dataIndex: number }) => {
      const s = shapes[p.dataIndex];
      if (!s) return "";
      const mode = s.points.reduce((a, b) => (b[1] > a[1] ? b : a), [0, 0]);
      return `${s.label}<br>densest near ${mode[0]} ${panel.x_label ?? ""}`;
    } },
    grid: { left: 70, right: 30, top: 20, bottom: shapes.length > 8 ? 90 : 48 },
    xAxis: { type: "category", data: labels, axisLabel: { rotate: shapes.length > 8 ? 40 : 0, interval: 0 } },
    yAxis: { type: "value", name: panel.x_label, min: 0, max: top, splitLine: { lineStyle: { color: "#eef0f4" } } },
    series: [{
      type: "custom",
      name: panel.title,
      data: shapes.map((s, i) => [i, s.points[0]?.[0] ?? 0, s.points[s.points.length - 1]?.[0] ?? 0]),
      encode: { x: 0, y: [1, 2] },
      renderItem: (params: { dataIndex: number }, api: {
        coord: (v: [number, number]) => [number, number];
        size: (v: [number, number]) => [number, number];
        style: (o?: object) => object;
      }) => {
        const s = shapes[params.dataIndex];
        if (!s || s.points.length === 0 || s.peak <= 0) return null;
        const half = api.size([1, 0])[0] * 0.42;
        const right = s.points.map(([x, f]) => { const c = api.coord([params.dataIndex, x]); return [c[0] + half * f / s.peak, c[1]]; });
        const left = s.points.slice().reverse().map(([x, f]) => { const c = api.coord([params.dataIndex, x]); return [c[0] - half * f / s.peak, c[1]]; });
        return { type: "polygon", shape: { points: [...right, ...left] },
          style: { fill: "#dce8fb", stroke: "#3b6fd8", lineWidth: 1 } };
      },
    }],
  }, 360);
  return box;
}
