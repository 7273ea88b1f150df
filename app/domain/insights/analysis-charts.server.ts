// The charts of "Density against a KPI", drawn on the server as SVG by
// ECharts' SSR renderer (decision 025), as density-chart.server.ts does. Each
// is drawn from the same table the page prints under it and the CSV download
// holds (insights-tables.ts), so the three can never disagree. Axis names,
// legends and labels are in the page's language.
import * as echarts from "echarts/core";
import { LineChart, ScatterChart } from "echarts/charts";
import { GridComponent, LegendComponent, MarkLineComponent } from "echarts/components";
import { SVGRenderer } from "echarts/renderers";
import type { EChartsCoreOption } from "echarts/core";
import { wordsIn, type Words } from "./analysis-words";

echarts.use([LineChart, ScatterChart, GridComponent, LegendComponent, MarkLineComponent, SVGRenderer]);

const WIDTH = 720;
const HEIGHT = 340;
const BASE = {
  animation: false,
  textStyle: { fontFamily: "system-ui, sans-serif", color: "#1d2430" },
  legend: { top: 0, type: "plain" },
  grid: { left: 64, right: 24, top: 48, bottom: 48, outerBoundsMode: "none" },
};

function render(option: EChartsCoreOption): string {
  const chart = echarts.init(null, null, { renderer: "svg", ssr: true, width: WIDTH, height: HEIGHT });
  try {
    chart.setOption({ ...BASE, ...option });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

const round = (v: number, digits = 2) => Math.round(v * 10 ** digits) / 10 ** digits;

/** One point per unit (active share in %, KPI), with the fitted line across the points' range. */
export function scatterChartSvg(metric: string, points: { name: string; density: number; kpi: number }[], line: { slope: number; intercept: number } | null, { t }: Words = wordsIn()): string {
  const xs = points.map((p) => p.density);
  const lo = Math.min(...xs);
  const hi = Math.max(...xs);
  return render({
    xAxis: { type: "value", name: t("charts.activeShareAxis"), nameLocation: "middle", nameGap: 28, scale: true },
    yAxis: { type: "value", name: metric, scale: true },
    series: [
      { name: t("charts.units"), type: "scatter", symbolSize: 10, data: points.map((p) => [round(p.density * 100, 1), round(p.kpi, 3)]) },
      ...(line
        ? [
            {
              name: t("charts.fittedLine"),
              type: "line",
              showSymbol: false,
              data: [
                [round(lo * 100, 1), round(line.intercept + line.slope * lo, 3)],
                [round(hi * 100, 1), round(line.intercept + line.slope * hi, 3)],
              ],
            },
          ]
        : []),
    ],
  });
}

/** r by lag with its interval: three lines, the interval's ends dashed; a lag without a figure is a gap. */
export function lagChartSvg(rows: { lag: number; r: number | null; low: number | null; high: number | null }[], { t }: Words = wordsIn()): string {
  const dashed = { type: "dashed" as const };
  return render({
    xAxis: { type: "category", name: t("charts.lagAxis"), nameLocation: "middle", nameGap: 28, data: rows.map((r) => String(r.lag)) },
    yAxis: { type: "value", min: -1, max: 1, name: "r" },
    series: [
      { name: "r", type: "line", connectNulls: false, data: rows.map((r) => (r.r === null ? null : round(r.r, 3))) },
      { name: t("tables.low"), type: "line", connectNulls: false, lineStyle: dashed, data: rows.map((r) => (r.low === null ? null : round(r.low, 3))) },
      { name: t("tables.high"), type: "line", connectNulls: false, lineStyle: dashed, data: rows.map((r) => (r.high === null ? null : round(r.high, 3))) },
    ],
  });
}

/** The KPI month by month, the fitted segments, and a vertical line where the programme started. */
export function itsChartSvg(metric: string, rows: { label: string; value: number; fitted: number | null }[], startLabel: string, { t }: Words = wordsIn()): string {
  return render({
    xAxis: { type: "category", data: rows.map((r) => r.label) },
    yAxis: { type: "value", name: metric, scale: true },
    series: [
      {
        name: metric,
        type: "line",
        data: rows.map((r) => round(r.value, 3)),
        markLine: { symbol: "none", label: { formatter: t("charts.programmeStarts") }, data: [{ xAxis: startLabel }] },
      },
      { name: t("charts.fittedBeforeAfter"), type: "line", showSymbol: false, lineStyle: { type: "dashed" }, data: rows.map((r) => (r.fitted === null ? null : round(r.fitted, 3))) },
    ],
  });
}
