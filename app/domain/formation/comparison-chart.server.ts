// The compare screen's small chart: the proposal and the baselines side by
// side, drawn on the server by ECharts' SSR renderer (decision 025), so the
// browser loads no charting code. The page shows the SVG inside an
// <img src="data:image/svg+xml;base64,..."> with an alt text and a table of
// the same numbers: an image's SVG can never run scripts, whatever a label says.
import * as echarts from "echarts/core";
import { BarChart } from "echarts/charts";
import { GridComponent, LegendComponent } from "echarts/components";
import { SVGRenderer } from "echarts/renderers";
import type { Language } from "../i18n/languages";
import { translatorFor } from "../i18n/translators";

echarts.use([BarChart, GridComponent, LegendComponent, SVGRenderer]);

export type ComparisonRow = { label: string; crossDepartmentTies: number; crossSiteTies: number; repeats: number; violations: number };

/** The four measures' names, as catalogue keys (cohorts.json). */
export const COMPARISON_CATEGORIES = ["cohorts:plan.compare.crossDepartment", "cohorts:plan.compare.crossSite", "cohorts:plan.compare.repeats", "cohorts:plan.compare.violations"] as const;

// The proposal in the site's accent colour, the baselines in quieter tones.
const COLOURS = ["#1f5f8b", "#9aa3ad", "#c9a66b", "#5a6473"];

const WIDTH = 640;
const HEIGHT = 300;

/** The chart with its rows' labels as given and the measures' names in `language`. */
export function comparisonChartSvg(rows: ComparisonRow[], language: Language = "en"): string {
  const t = translatorFor(language);
  const chart = echarts.init(null, null, { renderer: "svg", ssr: true, width: WIDTH, height: HEIGHT });
  try {
    chart.setOption({
      animation: false,
      color: COLOURS,
      textStyle: { fontFamily: "system-ui, sans-serif", color: "#1d2430" },
      legend: { top: 0, itemGap: 24 },
      // A fixed margin for the category names: without a canvas the server only estimates text widths.
      grid: { left: 190, right: 40, top: 36, bottom: 28, outerBoundsMode: "none" },
      // Horizontal bars: the categories' long names read on the left instead of colliding under the bars.
      yAxis: { type: "category", inverse: true, data: COMPARISON_CATEGORIES.map((key) => t(key)) },
      xAxis: { type: "value", minInterval: 1 },
      series: rows.map((row) => ({
        name: row.label,
        type: "bar",
        label: { show: true, position: "right" },
        data: [row.crossDepartmentTies, row.crossSiteTies, row.repeats, row.violations],
      })),
    });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}
