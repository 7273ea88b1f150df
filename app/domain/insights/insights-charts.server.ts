// The insights page's charts as base64 SVG for <img> tags, in the page's
// language. Drawing 60 lines over 36 months takes ECharts about half a second,
// so the drawings are kept with the cached report they were drawn from, per
// language (a WeakMap: they go when the report does).
import type { Language } from "../i18n/languages";
import { itsChartSvg, lagChartSvg, scatterChartSvg } from "./analysis-charts.server";
import { wordsIn } from "./analysis-words";
import { densityChartSvg } from "./density-chart.server";
import type { InsightsReport } from "./insights-report.server";
import { periodLabel } from "./period";
import { unitRowName } from "./unit-row-names";

export type InsightsCharts = { active: string | null; completed: string | null; scatter: string | null; lags: string | null; its: string | null };

const drawn = new WeakMap<InsightsReport, Map<Language, InsightsCharts>>();
const base64 = (svg: string) => Buffer.from(svg).toString("base64");

export function insightsCharts(report: InsightsReport, language: Language = "en"): InsightsCharts {
  const known = drawn.get(report)?.get(language);
  if (known) return known;
  const w = wordsIn(language);
  const { density, analysis } = report;
  const labels = density.months.map((m) => periodLabel(m, language));
  const line = (pick: "activeShare" | "completedShare") =>
    density.rows.length
      ? base64(
          densityChartSvg(
            labels,
            density.rows.map((r) => ({ name: unitRowName(r.unitId, r.name, density.level, w), values: density.months.map((m) => r.cells.find((c) => c.month === m)?.figure.value?.[pick] ?? null) })),
          ),
        )
      : null;
  const charts: InsightsCharts = {
    active: line("activeShare"),
    completed: line("completedShare"),
    scatter: analysis?.scatter.length ? base64(scatterChartSvg(analysis.metric, analysis.scatter, analysis.crossSection?.line ?? null, w)) : null,
    lags: analysis?.lags.some((l) => l.r !== null) ? base64(lagChartSvg(analysis.lags.map((l) => ({ lag: l.lag, r: l.r, low: l.ci?.low ?? null, high: l.ci?.high ?? null })), w)) : null,
    its:
      analysis?.its?.result
        ? base64(itsChartSvg(analysis.metric, analysis.its.series.map((p) => ({ label: periodLabel(p.month, language), value: p.value, fitted: p.fitted })), periodLabel(analysis.its.start, language), w))
        : null,
  };
  const byLanguage = drawn.get(report) ?? new Map<Language, InsightsCharts>();
  byLanguage.set(language, charts);
  drawn.set(report, byLanguage);
  return charts;
}
