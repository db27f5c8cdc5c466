// Time series: one line per series over the shared x labels; rates, money and
// counts on their own axis when a panel mixes them.
import { drawChart } from "./chart";
import { el } from "../dom";
import { formatAxis, formatValue } from "../format";
import type { Panel, Series } from "../types";
import { isViolinPanel, renderViolins } from "./violin";

// The y axes a panel needs: one per distinct value type, left then right.
export function seriesAxes(series: Series[]) {
  const kinds: Series[] = [];
  for (const s of series) if (!kinds.some((k) => k.type === s.type)) kinds.push(s);
  return {
    index: (s: Series) => Math.min(1, kinds.findIndex((k) => k.type === s.type)),
    yAxis: kinds.slice(0, 2).map((k, i) => ({
      type: "value",
      position: i === 0 ? "left" : "right",
      splitLine: { show: i === 0, lineStyle: { color: "#eef0f4" } },
      axisLabel: { formatter: (v: number) => formatAxis(v, k) },
    })),
  };
}

export function seriesTooltip(series: Series[]) {
  return {
    trigger: "axis",
    valueFormatter: undefined,
    formatter: (items: { seriesIndex: number; axisValueLabel: string; value: number | null; marker: string }[]) =>
      [items[0]?.axisValueLabel ?? "", ...items.map((it) =>
        `${it.marker}${series[it.seriesIndex].label}: ${formatValue(it.value, series[it.seriesIndex])}`)].join("<br>"),
  };
}

export function renderTimeseries(panel: Panel): HTMLElement {
  if (isViolinPanel(panel)) return renderViolins(panel);
  const box = el("div", { class: "chart-panel" });
  const series = panel.series ?? [];
  const axes = seriesAxes(series);
  drawChart(box, {
    tooltip: seriesTooltip(series),
    legend: { type: "scroll", top: 0 },
    grid: { left: 64, right: 64, top: 40, bottom: 48 },
    xAxis: { type: "category", data: panel.x ?? [], name: panel.x_label, nameLocation: "middle", nameGap: 30, boundaryGap: false },
    yAxis: axes.yAxis.length ? axes.yAxis : [{ type: "value" }],
    series: series.map((s, i) => ({
      name: s.label,
      type: "line",
      yAxisIndex: axes.index(s),
      data: s.values,
      showSymbol: (panel.x ?? []).length < 40,
      lineStyle: { width: i === 0 ? 3 : 1.5 },
      connectNulls: false,
    })),
  });
  return box;
}
