// Participation density set against a business figure (docs/insights.md,
// "Density against a KPI"). Pure: the read model hands over the floored
// density cells and the imported KPI values, and every figure here is built
// only from cells that passed the privacy floor. The statistics themselves
// live in ./statistics; this module decides what is paired with what.
import { translatorFor } from "../i18n/translators";
import { OTHER_UNITS_ID, type DensityCell } from "./participation-density";
import { addMonths } from "./period";
import { correlate, interruptedTimeSeries, lagCorrelations, twoWayFixedEffects, type PanelObservation } from "./statistics";

export const MAX_LAG_MONTHS = 6;
/** Below these, a figure would say more about chance than about the units: the page says "not enough data" instead. */
export const MIN_UNITS = 5;
export const MIN_ITS_POINTS_EACH_SIDE = 3;
// Fixed, so the same data always gives the same bootstrap interval.
const LAG_BOOTSTRAP_SEED = 20_261_207;

export type KpiUnit = { unitId: string; name: string; cells: readonly DensityCell[] };

export type KpiAnalysisInput = {
  metric: string;
  /** The months of the analysis, ascending ("2026-03-01"). */
  months: readonly string[];
  /** Units with their floored density cells; the merged "Other units" row is left out (it mixes units whose KPIs cannot be mixed). */
  units: readonly KpiUnit[];
  /** Unit id → period → KPI value, including up to MAX_LAG_MONTHS months after the last month where imported. */
  kpi: ReadonlyMap<string, ReadonlyMap<string, number>>;
  /** The unit (and, optionally, start month) for the before-and-after view. */
  its?: { unitId: string; start?: string | null } | null;
};

export type ScatterPoint = { unitId: string; name: string; density: number; kpi: number; months: number };
export type ItsCandidate = { unitId: string; name: string; start: string };
export type ItsView = {
  unitId: string;
  name: string;
  start: string;
  startChosen: boolean;
  series: { month: string; value: number; fitted: number | null }[];
  result: ReturnType<typeof interruptedTimeSeries>;
  /** Why there is no result, in English (logs, tests); the page shows problemMessage in its language. */
  problem: string | null;
  problemMessage: { key: string; values: Record<string, string | number> } | null;
};

/** A problem as a message of the insights catalogue, and in English. */
function problemOf(key: string, values: Record<string, string | number> = {}) {
  return { result: null, problem: translatorFor("en", "insights")(key, values), problemMessage: { key, values } };
}

export type KpiAnalysis = {
  metric: string;
  observations: number;
  units: number;
  months: number;
  scatter: ScatterPoint[];
  crossSection: ReturnType<typeof correlate>;
  lags: ReturnType<typeof lagCorrelations>;
  fixedEffects: ReturnType<typeof twoWayFixedEffects>;
  itsCandidates: ItsCandidate[];
  its: ItsView | null;
  /** Units with a density but no KPI for this metric in these months, so they are out of the analysis. */
  unitsWithoutKpi: string[];
};

const shownActiveShare = (c: DensityCell) => (c.figure.shown ? c.figure.value.activeShare : null);

export function analyseKpi(input: KpiAnalysisInput): KpiAnalysis {
  const monthSet = new Set(input.months);
  const units = input.units.filter((u) => u.unitId !== OTHER_UNITS_ID);
  // Density of unit i in month t, only where shown (at or above the floor).
  const density = new Map<string, Map<string, number>>();
  for (const u of units) {
    const m = new Map<string, number>();
    for (const c of u.cells) {
      const share = shownActiveShare(c);
      if (share !== null && monthSet.has(c.month)) m.set(c.month, share);
    }
    if (m.size) density.set(u.unitId, m);
  }

  const obs: PanelObservation[] = [];
  const scatter: ScatterPoint[] = [];
  const unitsWithoutKpi: string[] = [];
  for (const u of units) {
    const d = density.get(u.unitId);
    if (!d) continue;
    const k = input.kpi.get(u.unitId);
    let sx = 0;
    let sy = 0;
    let n = 0;
    for (const [month, x] of d) {
      const y = k?.get(month);
      if (y === undefined) continue;
      obs.push({ unit: u.unitId, period: month, x, y });
      sx += x;
      sy += y;
      n++;
    }
    if (n) scatter.push({ unitId: u.unitId, name: u.name, density: sx / n, kpi: sy / n, months: n });
    else unitsWithoutKpi.push(u.name);
  }

  // Lag k pairs the share of month t with the KPI of month t + k, also past the range's last month where figures exist.
  const lags = Array.from({ length: MAX_LAG_MONTHS + 1 }, (_, k) => {
    const pairs = [...density].flatMap(([unit, d]) =>
      [...d].flatMap(([period, x]) => {
        const y = input.kpi.get(unit)?.get(addMonths(period, k));
        return y === undefined ? [] : [{ unit, period, x, y }];
      }),
    );
    return { ...lagCorrelations(pairs, 0, { seed: LAG_BOOTSTRAP_SEED })[0]!, lag: k };
  });

  const crossSection = scatter.length >= MIN_UNITS ? correlate(scatter.map((p) => p.density), scatter.map((p) => p.kpi)) : null;
  const fixedEffects = new Set(obs.map((o) => o.unit)).size >= MIN_UNITS ? twoWayFixedEffects(obs) : null;
  const itsCandidates = units.flatMap((u) => {
    const start = programmeStart(density.get(u.unitId));
    return start && input.kpi.get(u.unitId)?.size ? [{ unitId: u.unitId, name: u.name, start }] : [];
  });
  return {
    metric: input.metric,
    observations: obs.length,
    units: new Set(obs.map((o) => o.unit)).size,
    months: new Set(obs.map((o) => o.period)).size,
    scatter,
    crossSection,
    lags,
    fixedEffects,
    itsCandidates,
    its: itsView(input, itsCandidates),
    unitsWithoutKpi,
  };
}

/** The first month a unit's active share was above zero: when the programme reached it. */
function programmeStart(d: Map<string, number> | undefined): string | null {
  if (!d) return null;
  const months = [...d].filter(([, x]) => x > 0).map(([m]) => m).sort();
  return months[0] ?? null;
}

function itsView(input: KpiAnalysisInput, candidates: ItsCandidate[]): ItsView | null {
  const chosen = input.its ? candidates.find((c) => c.unitId === input.its!.unitId) : candidates[0];
  if (!chosen) return null;
  const startChosen = Boolean(input.its?.start && input.months.includes(input.its.start));
  const start = startChosen ? input.its!.start! : chosen.start;
  const k = input.kpi.get(chosen.unitId)!;
  const series = input.months.filter((m) => k.has(m)).map((month) => ({ month, value: k.get(month)!, fitted: null as number | null }));
  const base = { unitId: chosen.unitId, name: chosen.name, start, startChosen, series };
  // Segmented regression needs evenly spaced months: a gap would bend the time axis.
  const gap = series.findIndex((p, i) => i > 0 && p.month !== addMonths(series[i - 1]!.month, 1));
  if (gap > 0) return { ...base, ...problemOf("words.its.gap", { unit: chosen.name }) };
  const t0 = series.findIndex((p) => p.month >= start);
  const before = t0 < 0 ? series.length : t0;
  const after = series.length - before;
  if (before < MIN_ITS_POINTS_EACH_SIDE || after < MIN_ITS_POINTS_EACH_SIDE) {
    return { ...base, ...problemOf("words.its.notEnough", { min: MIN_ITS_POINTS_EACH_SIDE, before, after }) };
  }
  const result = interruptedTimeSeries(
    series.map((p) => p.value),
    t0,
  );
  if (!result) return { ...base, ...problemOf("words.its.cannotFit") };
  return { ...base, series: series.map((p, t) => ({ ...p, fitted: fittedAt(result, series.map((q) => q.value), t0, t) })), result, problem: null, problemMessage: null };
}

/**
 * The fitted value at t. The segmented model gives the months before t0 a line
 * of their own, so its intercept is that least-squares line's:
 * b0 = mean(y before) − b1 · mean(t before); after t0 the level and slope
 * changes are added.
 */
function fittedAt(r: NonNullable<ReturnType<typeof interruptedTimeSeries>>, ys: number[], t0: number, t: number): number {
  const meanT = (t0 - 1) / 2;
  const meanY = ys.slice(0, t0).reduce((s, y) => s + y, 0) / t0;
  const b0 = meanY - r.preSlope * meanT;
  return b0 + r.preSlope * t + (t >= t0 ? r.levelChange.estimate + r.slopeChange.estimate * (t - t0) : 0);
}
