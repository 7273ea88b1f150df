// The insights page's charts: one line per unit over the months, drawn on the
// server by ECharts' SSR renderer as comparison-chart.server.ts does (decision
// 025), shown in an <img> beside a table of the same numbers.
import * as echarts from "echarts/core";
import { LineChart } from "echarts/charts";
import { GridComponent, LegendComponent } from "echarts/components";
import { SVGRenderer } from "echarts/renderers";

echarts.use([LineChart, GridComponent, LegendComponent, SVGRenderer]);

export type DensitySeries = { name: string; values: (number | null)[] };

const WIDTH = 720;
const HEIGHT = 320;

/** Shares (0–1) as percentages; a withheld month is a gap in the line, never a zero. */
export function densityChartSvg(monthLabels: string[], series: DensitySeries[]): string {
  const chart = echarts.init(null, null, { renderer: "svg", ssr: true, width: WIDTH, height: HEIGHT });
  try {
    chart.setOption({
      animation: false,
      textStyle: { fontFamily: "system-ui, sans-serif", color: "#1d2430" },
      legend: { top: 0, type: "plain" },
      grid: { left: 56, right: 24, top: 48, bottom: 32, outerBoundsMode: "none" },
      xAxis: { type: "category", data: monthLabels },
      yAxis: { type: "value", min: 0, axisLabel: { formatter: "{value}%" } },
      series: series.map((s) => ({ name: s.name, type: "line", connectNulls: false, data: s.values.map((v) => (v === null ? null : Math.round(v * 1000) / 10)) })),
    });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}
