// The insights page's charts as base64 SVG for <img> tags. Drawing 60 lines
// over 36 months takes ECharts about half a second, so the drawings are kept
// with the cached report they were drawn from (a WeakMap: they go when it does).
import { itsChartSvg, lagChartSvg, scatterChartSvg } from "./analysis-charts.server";
import { densityChartSvg } from "./density-chart.server";
import type { InsightsReport } from "./insights-report.server";
import { periodLabel } from "./period";

export type InsightsCharts = { active: string | null; completed: string | null; scatter: string | null; lags: string | null; its: string | null };

const drawn = new WeakMap<InsightsReport, InsightsCharts>();
const base64 = (svg: string) => Buffer.from(svg).toString("base64");

export function insightsCharts(report: InsightsReport): InsightsCharts {
  const known = drawn.get(report);
  if (known) return known;
  const { density, analysis } = report;
  const labels = density.months.map(periodLabel);
  const line = (pick: "activeShare" | "completedShare") =>
    density.rows.length
      ? base64(densityChartSvg(labels, density.rows.map((r) => ({ name: r.name, values: density.months.map((m) => r.cells.find((c) => c.month === m)?.figure.value?.[pick] ?? null) }))))
      : null;
  const charts: InsightsCharts = {
    active: line("activeShare"),
    completed: line("completedShare"),
    scatter: analysis?.scatter.length ? base64(scatterChartSvg(analysis.metric, analysis.scatter, analysis.crossSection?.line ?? null)) : null,
    lags: analysis?.lags.some((l) => l.r !== null) ? base64(lagChartSvg(analysis.lags.map((l) => ({ lag: l.lag, r: l.r, low: l.ci?.low ?? null, high: l.ci?.high ?? null })))) : null,
    its:
      analysis?.its?.result
        ? base64(itsChartSvg(analysis.metric, analysis.its.series.map((p) => ({ label: periodLabel(p.month), value: p.value, fitted: p.fitted })), periodLabel(analysis.its.start)))
        : null,
  };
  drawn.set(report, charts);
  return charts;
}
