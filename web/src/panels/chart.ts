// ECharts, with only the pieces the panels use (a smaller bundle), and one
// place that sizes charts and follows the window's size.
import * as echarts from "echarts/core";
import { BarChart, BoxplotChart, CustomChart, HeatmapChart, LineChart, PieChart, ScatterChart } from "echarts/charts";
import {
  DataZoomComponent,
  GraphicComponent,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TooltipComponent,
  VisualMapComponent,
} from "echarts/components";
import { CanvasRenderer } from "echarts/renderers";

echarts.use([
  BarChart, BoxplotChart, CustomChart, HeatmapChart, LineChart, PieChart, ScatterChart,
  DataZoomComponent, GraphicComponent, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent,
  VisualMapComponent, CanvasRenderer,
]);

export type ChartOption = echarts.EChartsCoreOption;

const charts = new Set<echarts.ECharts>();
window.addEventListener("resize", () => charts.forEach((c) => c.resize()));

export const palette = ["#3b6fd8", "#e07a2e", "#2f9e6e", "#c2417a", "#7a5cc9", "#9a8a2e", "#2e95b8", "#8c5a3c"];

// Draws `option` in a new chart box appended to `parent`.
export function drawChart(parent: HTMLElement, option: ChartOption, height = 320): void {
  const box = document.createElement("div");
  box.className = "chart";
  box.style.height = `${height}px`;
  parent.append(box);
  // Drawn once the panel is in the document, so the chart measures its width.
  queueMicrotask(() => {
    if (!box.isConnected) return;
    const chart = echarts.init(box, null, { renderer: "canvas" });
    chart.setOption({ color: palette, animation: false, textStyle: { fontFamily: "inherit" }, ...option });
    charts.add(chart);
    // What was drawn, for the end-to-end tests: each series' point count and
    // the category axis' length, as the chart holds them.
    const drawn = chart.getOption() as { series?: { data?: unknown[] }[]; xAxis?: { data?: unknown[] }[] };
    box.dataset.series = JSON.stringify((drawn.series ?? []).map((s) => (s.data ?? []).length));
    box.dataset.x = String(drawn.xAxis?.[0]?.data?.length ?? 0);
  });
}

// Disposes the charts of the page being left.
export function disposeCharts(): void {
  charts.forEach((c) => c.dispose());
  charts.clear();
}
