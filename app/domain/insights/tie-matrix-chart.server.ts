// The department × department heat map of ties, drawn on the server by
// ECharts' SSR renderer as the density charts are (decision 025). A withheld
// cell (fewer than 5 people behind it) is left empty, never drawn as a zero;
// the page's table and the CSV hold the same cells.
import * as echarts from "echarts/core";
import { HeatmapChart } from "echarts/charts";
import { GridComponent, VisualMapComponent } from "echarts/components";
import { SVGRenderer } from "echarts/renderers";
import type { Floored } from "../privacy/privacy-floor";

echarts.use([HeatmapChart, GridComponent, VisualMapComponent, SVGRenderer]);

const WIDTH = 720;
const HEIGHT = 480;

export function tieMatrixChartSvg(unitNames: readonly string[], cells: readonly (readonly Floored<number>[])[], max: number): string {
  const chart = echarts.init(null, null, { renderer: "svg", ssr: true, width: WIDTH, height: HEIGHT });
  try {
    const data = cells.flatMap((row, i) => row.flatMap((c, j) => (c.shown ? [[j, i, c.value]] : [])));
    chart.setOption({
      animation: false,
      textStyle: { fontFamily: "system-ui, sans-serif", color: "#1d2430" },
      grid: { left: 160, right: 24, top: 16, bottom: 130, outerBoundsMode: "none" },
      xAxis: { type: "category", data: unitNames, axisLabel: { rotate: 40, interval: 0 }, splitArea: { show: true } },
      yAxis: { type: "category", data: unitNames, axisLabel: { interval: 0 }, splitArea: { show: true } },
      visualMap: { min: 0, max: Math.max(1, max), calculable: false, orient: "horizontal", left: "center", bottom: 0, inRange: { color: ["#eef3fb", "#1f4e99"] } },
      series: [{ type: "heatmap", data, label: { show: true } }],
    });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}
