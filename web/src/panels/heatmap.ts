// Heatmaps: values[y][x] as colour, from calm to hot; palette "status" is
// traffic lights (0 green, 1 yellow, 2 red), "scarcity" turns the scale
// round (low values hot, e.g. days of supply), its top at the 90th
// percentile so that a few large values do not wash the rest out. A heat map
// with sparklines draws each row's series as a small line to the right of
// its row.
import { drawChart } from "./chart";
import { el } from "../dom";
import type { Panel } from "../types";

export function renderHeatmap(panel: Panel): HTMLElement {
  const box = el("div", { class: "chart-panel" });
  box.style.position = "relative";
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
  const lines = panel.sparklines;
  const height = Math.max(260, Math.min(640, 28 * y.length + 120));
  const grid = { left: 110, right: lines ? 24 + sparkWidth + 16 : 24, top: 16, bottom: 80 };
  drawChart(box, {
    tooltip: { position: "top", formatter: (p: { value: [number, number, number] }) =>
      `${y[p.value[1]]} · ${x[p.value[0]]}<br>${panel.value_label ?? ""}: ${p.value[2].toLocaleString("en-US")}` },
    grid,
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
  }, height);
  if (lines && y.length) box.append(sparklines(lines, y.length, height, grid));
  return box;
}

const sparkWidth = 150;
const svgNs = "http://www.w3.org/2000/svg";

// The sparklines, one per row, in an SVG laid over the chart's right margin:
// the chart's first category is its bottom row.
function sparklines(lines: NonNullable<Panel["sparklines"]>, rows: number, height: number,
                    grid: { right: number; top: number; bottom: number }): HTMLElement {
  const holder = el("div", { class: "sparklines" });
  holder.style.cssText = `position:absolute;right:24px;top:0;width:${sparkWidth}px;height:${height}px;pointer-events:none`;
  const svg = document.createElementNS(svgNs, "svg");
  svg.setAttribute("width", String(sparkWidth));
  svg.setAttribute("height", String(height));
  const rowHeight = (height - grid.top - grid.bottom) / rows;
  const title = document.createElementNS(svgNs, "text");
  title.setAttribute("x", "0");
  title.setAttribute("y", String(height - grid.bottom + 14));
  title.setAttribute("font-size", "10");
  title.setAttribute("fill", "#666");
  // The caption on two lines: the margin is narrow.
  const words = lines.label.split(" ");
  const half = Math.ceil(words.length / 2);
  [words.slice(0, half), words.slice(half)].forEach((part, i) => {
    const span = document.createElementNS(svgNs, "tspan");
    span.setAttribute("x", "0");
    span.setAttribute("dy", i ? "12" : "0");
    span.textContent = part.join(" ");
    title.append(span);
  });
  svg.append(title);
  lines.series.forEach((s, yi) => {
    const values = s.values.map((v) => (typeof v === "number" ? v : null));
    const known = values.filter((v): v is number => v !== null);
    if (!known.length) return;
    const lo = Math.min(...known);
    const hi = Math.max(...known);
    const top = grid.top + (rows - 1 - yi) * rowHeight + 3;
    const h = Math.max(4, rowHeight - 6);
    const points = values.flatMap((v, i) => v === null ? [] : [
      `${((i / Math.max(1, values.length - 1)) * sparkWidth).toFixed(1)},${(top + h - (hi > lo ? (v - lo) / (hi - lo) : 0.5) * h).toFixed(1)}`]);
    const line = document.createElementNS(svgNs, "polyline");
    line.setAttribute("points", points.join(" "));
    line.setAttribute("fill", "none");
    line.setAttribute("stroke", "#3b6fd8");
    line.setAttribute("stroke-width", "1.2");
    line.setAttribute("data-row", s.label);
    const tip = document.createElementNS(svgNs, "title");
    tip.textContent = `${s.label}: ${known[known.length - 1].toLocaleString("en-US", { maximumFractionDigits: 1 })} units/day at the end`;
    line.append(tip);
    svg.append(line);
  });
  holder.append(svg);
  return holder;
}
