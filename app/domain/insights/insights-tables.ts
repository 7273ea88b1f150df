// What each insights chart shows, as a table: the page prints it under the
// chart for screen readers, the CSV download is exactly this table, and the
// chart is drawn from the same rows. Pure and shared by all three.
import type { DensityReport } from "./density.server";
import type { SurveyReport } from "./insights-report.server";
import type { KpiAnalysis } from "./kpi-analysis";
import { STATUS_LABELS } from "./survey-analysis";
import { spreadsheetText, toCsvLine } from "../orgs/parse-csv";
import { INSIGHTS_PRIVACY_FLOOR } from "../privacy/privacy-floor";
import { periodLabel } from "./period";

export type Cell = string | number | null;
export type DataTable = { title: string; columns: string[]; rows: Cell[][] };
export const INSIGHTS_TABLES = ["density", "scatter", "lags", "its", "survey", "retention"] as const;
export type InsightsTable = (typeof INSIGHTS_TABLES)[number];

const pct = (v: number) => Math.round(v * 1000) / 10;
const fixed = (v: number | null | undefined, digits = 3) => (v === null || v === undefined ? null : Math.round(v * 10 ** digits) / 10 ** digits);

export function densityTable(report: DensityReport): DataTable {
  const rows: Cell[][] = [];
  for (const r of report.rows) {
    for (const c of r.cells) {
      if (!c.figure.shown) continue;
      rows.push([r.name, c.month.slice(0, 7), pct(c.figure.value.activeShare), pct(c.figure.value.completedShare), c.figure.value.headcount]);
    }
  }
  return { title: "Participation density", columns: ["Unit", "Month", "Active share (%)", "Completed share (%)", "Headcount"], rows };
}

export function scatterTable(a: KpiAnalysis): DataTable {
  return {
    title: `Active share and ${a.metric} per unit`,
    columns: ["Unit", "Months", "Mean active share (%)", `Mean ${a.metric}`],
    rows: a.scatter.map((p) => [p.name, p.months, pct(p.density), fixed(p.kpi)]),
  };
}

export function lagTable(a: KpiAnalysis): DataTable {
  return {
    title: `Correlation of the active share in a month with ${a.metric} k months later`,
    columns: ["k (months)", "Pairs", "Units", "r", "95% interval, low", "95% interval, high"],
    rows: a.lags.map((l) => [l.lag, l.n, l.units, fixed(l.r), fixed(l.ci?.low), fixed(l.ci?.high)]),
  };
}

export function itsTable(a: KpiAnalysis): DataTable | null {
  if (!a.its) return null;
  return {
    title: `${a.metric} in ${a.its.name}, before and after ${periodLabel(a.its.start)}`,
    columns: ["Month", a.metric, "Fitted", "Programme started"],
    rows: a.its.series.map((p) => [p.month.slice(0, 7), fixed(p.value), fixed(p.fitted), p.month >= a.its!.start ? "yes" : "no"]),
  };
}

/** Mean survey score by participation; a group below the floor is a row without figures. */
export function surveyTable(survey: SurveyReport): DataTable | null {
  if (!survey.analysis || !survey.instrument) return null;
  return {
    title: `${survey.instrument}: mean score by participation`,
    columns: ["Group", "People", "Mean score", "95% interval, low", "95% interval, high"],
    rows: survey.analysis.byStatus.map((g) =>
      g.figure.shown
        ? [STATUS_LABELS[g.status], g.figure.people, fixed(g.figure.value.mean, 2), fixed(g.figure.value.ci.low, 2), fixed(g.figure.value.ci.high, 2)]
        : [STATUS_LABELS[g.status], `fewer than ${INSIGHTS_PRIVACY_FLOOR}`, null, null, null],
    ),
  };
}

/** Who stayed through the months: those who had taken part before them and the others. */
export function retentionTable(survey: SurveyReport, from: string, to: string): DataTable | null {
  if (!survey.retention) return null;
  const row = (label: string, f: NonNullable<SurveyReport["retention"]>["participants"]): Cell[] =>
    f.shown ? [label, f.people, pct(f.value)] : [label, `fewer than ${INSIGHTS_PRIVACY_FLOOR}`, null];
  return {
    title: `Still employed in ${periodLabel(to)}, of those employed in ${periodLabel(from)}`,
    columns: ["Group", "People", "Stayed (%)"],
    rows: [row("Had taken part before", survey.retention.participants), row("Had not taken part", survey.retention.others)],
  };
}

/** The table as CSV; a text cell a spreadsheet would read as a formula gets a leading quote mark. */
export function toCsv(table: DataTable): string {
  const cell = (v: Cell) => (v === null ? "" : typeof v === "string" ? spreadsheetText(v) : String(v));
  return [table.columns, ...table.rows].map((r) => toCsvLine(r.map(cell))).join("\r\n") + "\r\n";
}
