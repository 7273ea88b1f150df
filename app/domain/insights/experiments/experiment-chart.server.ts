// An experiment's raw trends: the mean outcome per month of each arm, drawn
// on the server by ECharts' SSR renderer as density-chart.server.ts does
// (decision 025), shown in an <img> above a table of the same numbers; its
// legend and labels in the page's language.
import * as echarts from "echarts/core";
import { LineChart } from "echarts/charts";
import { GridComponent, LegendComponent, MarkLineComponent } from "echarts/components";
import { SVGRenderer } from "echarts/renderers";
import type { Language } from "../../i18n/languages";
import { translatorFor } from "../../i18n/translators";
import { periodLabel } from "../period";
import type { TrendRow } from "./experiment-result";

echarts.use([LineChart, GridComponent, LegendComponent, MarkLineComponent, SVGRenderer]);

const WIDTH = 720;
const HEIGHT = 320;
const round = (v: number | null) => (v === null ? null : Math.round(v * 100) / 100);

/** A month without figures is a gap in its line, never a zero; a dashed line marks the start of the initiative. */
export function experimentTrendsSvg(trends: TrendRow[], language: Language = "en"): string {
  const words = translatorFor(language, "insights");
  const labels = trends.map((t) => periodLabel(t.month, language));
  const start = trends.find((t) => t.window === "outcome");
  const chart = echarts.init(null, null, { renderer: "svg", ssr: true, width: WIDTH, height: HEIGHT });
  try {
    chart.setOption({
      animation: false,
      textStyle: { fontFamily: "system-ui, sans-serif", color: "#1d2430" },
      legend: { top: 0, type: "plain" },
      grid: { left: 64, right: 24, top: 48, bottom: 32, outerBoundsMode: "none" },
      xAxis: { type: "category", data: labels },
      yAxis: { type: "value", scale: true },
      series: [
        {
          name: words("experiments.arms.treatment"),
          type: "line",
          connectNulls: false,
          data: trends.map((t) => round(t.treatment)),
          markLine: start ? { symbol: "none", silent: true, label: { formatter: words("charts.start") }, lineStyle: { type: "dashed", color: "#666" }, data: [{ xAxis: periodLabel(start.month, language) }] } : undefined,
        },
        { name: words("experiments.arms.control"), type: "line", connectNulls: false, lineStyle: { type: "dotted" }, data: trends.map((t) => round(t.control)) },
      ],
    });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/** The CSV of exactly what the chart shows: one row per month, the two arms' means; an empty cell is a gap. */
export function experimentTrendsCsv(trends: TrendRow[]): string {
  const cell = (v: number | null) => (v === null ? "" : String(round(v)));
  return ["month,window,treated_arm_mean,control_arm_mean", ...trends.map((t) => `${t.month.slice(0, 7)},${t.window},${cell(t.treatment)},${cell(t.control)}`)].join("\n") + "\n";
}
