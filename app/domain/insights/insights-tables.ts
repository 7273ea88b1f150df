// What each insights chart shows, as a table: the page prints it under the
// chart for screen readers, the CSV download is this table, and the chart is
// drawn from the same rows. Pure and shared by all three. The tables, and so
// the CSV downloads, are in the reader's language: they are written for people
// opening them in a spreadsheet (docs/decisions/037-languages.md).
import type { DensityReport } from "./density.server";
import type { SurveyReport } from "./insights-report.server";
import type { KpiAnalysis } from "./kpi-analysis";
import { wordsIn, type Words } from "./analysis-words";
import type { ParticipationStatus } from "./survey-analysis";
import { spreadsheetText, toCsvLine } from "../orgs/parse-csv";
import { INSIGHTS_PRIVACY_FLOOR } from "../privacy/privacy-floor";
import { periodLabel } from "./period";
import { unitRowName } from "./unit-row-names";

export type Cell = string | number | null;
export type DataTable = { title: string; columns: string[]; rows: Cell[][] };
export const INSIGHTS_TABLES = ["density", "scatter", "lags", "its", "survey", "retention"] as const;
export type InsightsTable = (typeof INSIGHTS_TABLES)[number];

const pct = (v: number) => Math.round(v * 1000) / 10;
const fixed = (v: number | null | undefined, digits = 3) => (v === null || v === undefined ? null : Math.round(v * 10 ** digits) / 10 ** digits);

export function densityTable(report: DensityReport, w: Words = wordsIn()): DataTable {
  const { t } = w;
  const rows: Cell[][] = [];
  for (const r of report.rows) {
    for (const c of r.cells) {
      if (!c.figure.shown) continue;
      rows.push([unitRowName(r.unitId, r.name, report.level, w), c.month.slice(0, 7), pct(c.figure.value.activeShare), pct(c.figure.value.completedShare), c.figure.value.headcount]);
    }
  }
  return { title: t("tables.density.title"), columns: [t("tables.unit"), t("tables.month"), t("tables.density.active"), t("tables.density.completed"), t("tables.density.headcount")], rows };
}

export function scatterTable(a: KpiAnalysis, w: Words = wordsIn()): DataTable {
  const { t } = w;
  return {
    title: t("tables.scatter.title", { metric: a.metric }),
    columns: [t("tables.unit"), t("tables.scatter.months"), t("tables.scatter.meanActive"), t("tables.scatter.meanMetric", { metric: a.metric })],
    rows: a.scatter.map((p) => [p.name, p.months, pct(p.density), fixed(p.kpi)]),
  };
}

export function lagTable(a: KpiAnalysis, w: Words = wordsIn()): DataTable {
  const { t } = w;
  return {
    title: t("tables.lags.title", { metric: a.metric }),
    columns: [t("tables.lags.k"), t("tables.lags.pairs"), t("tables.lags.units"), "r", t("tables.low"), t("tables.high")],
    rows: a.lags.map((l) => [l.lag, l.n, l.units, fixed(l.r), fixed(l.ci?.low), fixed(l.ci?.high)]),
  };
}

export function itsTable(a: KpiAnalysis, w: Words = wordsIn()): DataTable | null {
  const { t } = w;
  if (!a.its) return null;
  return {
    title: t("tables.its.title", { metric: a.metric, unit: a.its.name, start: periodLabel(a.its.start, w.language) }),
    columns: [t("tables.month"), a.metric, t("tables.its.fitted"), t("tables.its.started")],
    rows: a.its.series.map((p) => [p.month.slice(0, 7), fixed(p.value), fixed(p.fitted), p.month >= a.its!.start ? t("tables.yes") : t("tables.no")]),
  };
}

/** A participation status in words. */
export const statusLabel = (status: ParticipationStatus, w: Words = wordsIn()) => w.t(`statuses.${status}`);

/** Mean survey score by participation; a group below the floor is a row without figures. */
export function surveyTable(survey: SurveyReport, w: Words = wordsIn()): DataTable | null {
  const { t } = w;
  if (!survey.analysis || !survey.instrument) return null;
  const fewer = t("tables.fewerThan", { floor: INSIGHTS_PRIVACY_FLOOR });
  return {
    title: t("tables.survey.title", { instrument: survey.instrument }),
    columns: [t("tables.group"), t("tables.people"), t("tables.survey.mean"), t("tables.low"), t("tables.high")],
    rows: survey.analysis.byStatus.map((g) =>
      g.figure.shown
        ? [statusLabel(g.status, w), g.figure.people, fixed(g.figure.value.mean, 2), fixed(g.figure.value.ci.low, 2), fixed(g.figure.value.ci.high, 2)]
        : [statusLabel(g.status, w), fewer, null, null, null],
    ),
  };
}

/** Who stayed through the months: those who had taken part before them and the others. */
export function retentionTable(survey: SurveyReport, from: string, to: string, w: Words = wordsIn()): DataTable | null {
  const { t } = w;
  if (!survey.retention) return null;
  const row = (label: string, f: NonNullable<SurveyReport["retention"]>["participants"]): Cell[] =>
    f.shown ? [label, f.people, pct(f.value)] : [label, t("tables.fewerThan", { floor: INSIGHTS_PRIVACY_FLOOR }), null];
  return {
    title: t("tables.retention.title", { to: periodLabel(to, w.language), from: periodLabel(from, w.language) }),
    columns: [t("tables.group"), t("tables.people"), t("tables.retention.stayed")],
    rows: [row(t("tables.retention.tookPart"), survey.retention.participants), row(t("tables.retention.didNot"), survey.retention.others)],
  };
}

/** The table as CSV; a text cell a spreadsheet would read as a formula gets a leading quote mark. */
export function toCsv(table: DataTable): string {
  const cell = (v: Cell) => (v === null ? "" : typeof v === "string" ? spreadsheetText(v) : String(v));
  return [table.columns, ...table.rows].map((r) => toCsvLine(r.map(cell))).join("\r\n") + "\r\n";
}
