// Bar charts: one bar group per x label, one bar per series; a series whose
// draw is "line" is a line over the bars (staff over demand); a first series
// drawn "pie" makes the panel a pie (pie.ts). Two series drawn
// "whisker_low" and "whisker_high" are an interval: whiskers over the first bar
// series (a boxplot whose box is flat at the bar's value), in its tooltip.
// Bar series of which at most one has a value at each x label (a verdict per
// bar) are drawn as one bar per label, the whiskers over it.
import { drawChart } from "./chart";
import { el } from "../dom";
import type { Panel } from "../types";
import { seriesAxes, seriesTooltip } from "./timeseries";
import { formatValue } from "../format";
import { renderPie } from "./pie";

export function renderBar(panel: Panel): HTMLElement {
  if (panel.series?.[0]?.draw === "pie") return renderPie(panel);
  const box = el("div", { class: "chart-panel" });
  const all = panel.series ?? [];
  const low = all.find((s) => s.draw === "whisker_low");
  const high = all.find((s) => s.draw === "whisker_high");
  const series = all.filter((s) => s !== low && s !== high);
  const axes = seriesAxes(series);
  const labels = panel.x ?? [];
  const many = labels.length > 12 || (labels.length > 4 && labels.some((l) => l.length > 16));  // long labels: slanted
  const tooltip = seriesTooltip(series);
  const bars = series.filter((s) => s.draw !== "line");
  // Bar series that never share an x (a verdict per bar: significant or not)
  // stack into one centred bar, and the whiskers go over whichever has a value.
  const exclusive = bars.length > 1 && labels.every((_, i) => bars.filter((s) => s.values[i] != null).length <= 1);
  const barAt = (i: number) => bars.map((s) => s.values[i]).find((v) => v != null) ?? null;
  const whiskers = low && high && series.length > 0 ? [{
    name: `${low.label} – ${high.label}`, type: "boxplot", yAxisIndex: axes.index(series[0]), boxWidth: [2, 8],
    itemStyle: { color: "transparent", borderColor: "#333", borderWidth: 1.5 },
    tooltip: { show: false },
    data: series[0].values.map((first, i) => {
      const v = exclusive ? barAt(i) : first;
      const a = low.values[i], b = high.values[i];
      return a == null || b == null || v == null ? [] : [a, v, v, v, b];
    }),
  }] : [];
  type Item = { seriesIndex: number; dataIndex: number; axisValueLabel: string; value: number | null; marker: string };
  const formatter = (items: Item[]) => {
    const shown = items.filter((it) => it.seriesIndex < series.length);
    let text = tooltip.formatter(shown);
    const i = items[0]?.dataIndex ?? -1;
    if (whiskers.length && low && high && i >= 0 && low.values[i] != null && high.values[i] != null) {
      text += `<br>${formatValue(low.values[i], low)} – ${formatValue(high.values[i], high)}`;
    }
    return text;
  };
  drawChart(box, {
    tooltip: { ...tooltip, formatter, axisPointer: { type: "shadow" } },
    legend: { type: "scroll", top: 0, show: series.length > 1 },
    grid: { left: 64, right: 64, top: 40, bottom: many ? 90 : 48 },
    xAxis: { type: "category", data: panel.x ?? [], name: panel.x_label, nameLocation: "middle", nameGap: many ? 76 : 30,
      axisLabel: { rotate: many ? 40 : 0, interval: 0 } },
    yAxis: axes.yAxis.length ? axes.yAxis : [{ type: "value" }],
    series: (series.map((s) => s.draw === "line"
      ? { name: s.label, type: "line", step: "middle", yAxisIndex: axes.index(s), data: s.values, symbolSize: 4 }
      : { name: s.label, type: "bar", yAxisIndex: axes.index(s), data: s.values, barMaxWidth: 36,
          ...(exclusive ? { stack: "exclusive" } : {}) }) as object[]).concat(whiskers),
  });
  return box;
}
