import { tCritical, tTwoSidedP } from "./distributions";
import type { Interval } from "./interval";
import { finiteObservations, type PanelObservation } from "./panel";

export type TwoWayFixedEffects = {
  n: number;
  units: number;
  periods: number;
  estimate: number;
  se: number;
  ci: Interval;
  t: number;
  df: number;
  p: number;
  withinR2: number;
  /** Observations left out as the only one of their unit or period (they carry no within information). */
  singletonsDropped: number;
};

const MIN_UNITS = 4;
const MIN_PERIODS = 3;
const MAX_SWEEPS = 10_000;
const TOLERANCE = 1e-13;

/**
 * y_it = a_i + g_t + b·x_it + e_it by least squares, unbalanced panels allowed.
 * x and y are swept of unit and period means alternately until they stop changing
 * (the Frisch–Waugh–Lovell route, as fixest and reghdfe take), then b = Σx̃ỹ / Σx̃².
 * Standard error: cluster-robust by unit (CR1), small-sample factor
 * G/(G−1)·(N−1)/(N−K) with K = 1 + (T−1), t with G−1 degrees of freedom.
 *
 * Observations with a non-finite x or y are left out, then singletons (the only
 * observation of a unit or a period) repeatedly, as reghdfe does. null when fewer
 * than 4 units or 3 periods remain, x has no within variation, or the fit is exact
 * (no residual variation, so no standard error).
 */
export function twoWayFixedEffects(obs: PanelObservation[]): TwoWayFixedEffects | null {
  const finite = finiteObservations(obs);
  const kept = dropSingletons(finite);
  const unitIndex = indexOf(kept.map((o) => o.unit));
  const periodIndex = indexOf(kept.map((o) => o.period));
  const G = unitIndex.size;
  const T = periodIndex.size;
  const N = kept.length;
  if (G < MIN_UNITS || T < MIN_PERIODS) return null;
  const K = 1 + (T - 1);
  if (N - K < 1) return null;

  const unitOf = Int32Array.from(kept, (o) => unitIndex.get(o.unit) as number);
  const periodOf = Int32Array.from(kept, (o) => periodIndex.get(o.period) as number);
  const x = centred(kept.map((o) => o.x));
  const y = centred(kept.map((o) => o.y));
  const totalXX = sumOfSquares(x);
  if (!(totalXX > 0)) return null;

  const xt = sweepEffects(x, unitOf, G, periodOf, T);
  const yt = sweepEffects(y, unitOf, G, periodOf, T);
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < N; i++) {
    sxx += (xt[i] as number) * (xt[i] as number);
    sxy += (xt[i] as number) * (yt[i] as number);
  }
  // Within variation below rounding noise of the sweep means x is explained by the effects.
  if (!(sxx > 1e-10 * totalXX)) return null;
  const estimate = sxy / sxx;

  const score = new Float64Array(G);
  let sse = 0;
  for (let i = 0; i < N; i++) {
    const e = (yt[i] as number) - estimate * (xt[i] as number);
    sse += e * e;
    const g = unitOf[i] as number;
    score[g] = (score[g] as number) + (xt[i] as number) * e;
  }
  let meat = 0;
  for (const s of score) meat += s * s;
  const factor = (G / (G - 1)) * ((N - 1) / (N - K));
  const se = Math.sqrt((factor * meat) / (sxx * sxx));
  if (!(se > 0) || !Number.isFinite(se)) return null;

  const df = G - 1;
  const t = estimate / se;
  const half = tCritical(df) * se;
  const syy = sumOfSquares(yt);
  return {
    n: N,
    units: G,
    periods: T,
    estimate,
    se,
    ci: { low: estimate - half, high: estimate + half },
    t,
    df,
    p: tTwoSidedP(t, df),
    withinR2: syy > 0 ? 1 - sse / syy : 0,
    singletonsDropped: finite.length - N,
  };
}

/** Alternating projections: subtract unit means, then period means, until the unit means are zero too. */
function sweepEffects(values: Float64Array, unitOf: Int32Array, G: number, periodOf: Int32Array, T: number): Float64Array {
  const v = Float64Array.from(values);
  let scale = 0;
  for (const a of v) scale = Math.max(scale, Math.abs(a));
  if (scale === 0) return v;
  const unitCount = counts(unitOf, G);
  const periodCount = counts(periodOf, T);
  for (let sweep = 0; sweep < MAX_SWEEPS; sweep++) {
    const unitMean = groupMeans(v, unitOf, G, unitCount);
    let largest = 0;
    for (const m of unitMean) largest = Math.max(largest, Math.abs(m));
    if (sweep > 0 && largest <= TOLERANCE * scale) break;
    for (let i = 0; i < v.length; i++) v[i] = (v[i] as number) - (unitMean[unitOf[i] as number] as number);
    const periodMean = groupMeans(v, periodOf, T, periodCount);
    for (let i = 0; i < v.length; i++) v[i] = (v[i] as number) - (periodMean[periodOf[i] as number] as number);
  }
  return v;
}

function groupMeans(v: Float64Array, groupOf: Int32Array, groups: number, count: Float64Array): Float64Array {
  const sum = new Float64Array(groups);
  for (let i = 0; i < v.length; i++) {
    const g = groupOf[i] as number;
    sum[g] = (sum[g] as number) + (v[i] as number);
  }
  for (let g = 0; g < groups; g++) sum[g] = (sum[g] as number) / (count[g] as number);
  return sum;
}

function counts(groupOf: Int32Array, groups: number): Float64Array {
  const count = new Float64Array(groups);
  for (const g of groupOf) count[g] = (count[g] as number) + 1;
  return count;
}

function dropSingletons(obs: PanelObservation[]): PanelObservation[] {
  let current = obs;
  for (;;) {
    const perUnit = tally(current.map((o) => o.unit));
    const perPeriod = tally(current.map((o) => o.period));
    const next = current.filter((o) => (perUnit.get(o.unit) as number) > 1 && (perPeriod.get(o.period) as number) > 1);
    if (next.length === current.length) return current;
    current = next;
  }
}

function tally(keys: string[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const k of keys) out.set(k, (out.get(k) ?? 0) + 1);
  return out;
}

function indexOf(keys: string[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const k of keys) if (!out.has(k)) out.set(k, out.size);
  return out;
}

function centred(values: number[]): Float64Array {
  const v = Float64Array.from(values);
  let mean = 0;
  for (const a of v) mean += a;
  mean /= v.length;
  for (let i = 0; i < v.length; i++) v[i] = (v[i] as number) - mean;
  return v;
}

function sumOfSquares(v: Float64Array): number {
  let s = 0;
  for (const a of v) s += a * a;
  return s;
}
