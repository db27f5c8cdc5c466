// Box plots: whiskers from min to p95 (the tail beyond is a dot at max), box
// from p25 to p75, the median line; n and mean in the tooltip.
import { drawChart } from "./chart";
import { el } from "../dom";
import type { Panel } from "../types";

export function renderDistribution(panel: Panel): HTMLElement {
  const box = el("div", { class: "chart-panel" });
  const groups = panel.groups ?? [];
  const unit = panel.unit ? ` ${panel.unit}` : "";
  const fmt = (v: number) => `${v.toLocaleString("en-US", { maximumFractionDigits: 1 })}${unit}`;
  drawChart(box, {
    tooltip: { trigger: "item", formatter: (p: { dataIndex: number; seriesType: string }) => {
      const g = groups[p.dataIndex];
      return g ? `${g.label} (n=${g.n.toLocaleString("en-US")})<br>min ${fmt(g.min)} · p25 ${fmt(g.p25)} · median ${fmt(g.median)}<br>p75 ${fmt(g.p75)} · p95 ${fmt(g.p95)} · max ${fmt(g.max)}<br>mean ${fmt(g.mean)}` : "";
    } },
    grid: { left: 70, right: 30, top: 20, bottom: groups.length > 8 ? 90 : 48 },
    xAxis: { type: "category", data: groups.map((g) => g.label), axisLabel: { rotate: groups.length > 8 ? 40 : 0, interval: 0 } },
    yAxis: { type: "value", name: panel.unit, splitLine: { lineStyle: { color: "#eef0f4" } } },
    series: [
      { type: "boxplot", name: panel.title, data: groups.map((g) => [g.min, g.p25, g.median, g.p75, g.p95]),
        itemStyle: { color: "#dce8fb", borderColor: "#3b6fd8" } },
      { type: "scatter", name: "max", data: groups.map((g, i) => [i, g.max]), symbolSize: 6, itemStyle: { color: "#d9473b" } },
    ],
  }, 340);
  return box;
}
