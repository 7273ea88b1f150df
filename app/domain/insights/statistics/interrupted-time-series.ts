import { chiSquareUpperP, tCritical, tTwoSidedP } from "./distributions";
import type { Interval } from "./interval";
import { invert } from "./least-squares";

type Coefficient = { estimate: number; se: number; ci: Interval; p: number };

export type InterruptedTimeSeries = {
  n: number;
  before: number;
  after: number;
  levelChange: Coefficient;
  slopeChange: Coefficient;
  preSlope: number;
  durbinWatson: number;
  ljungBox: { q: number; lag: number; p: number };
  autocorrelated: boolean;
  /** The Newey–West lag used, floor(4·(n/100)^(2/9)). */
  hacLag: number;
  df: number;
};

const MIN_SIDE = 3;
const MAX_LJUNG_BOX_LAG = 6;

/**
 * Segmented regression y = b0 + b1·t + b2·D + b3·(t − t0)·D, t = 0…n−1, D = [t ≥ t0].
 * Standard errors: Newey–West HAC (Bartlett kernel, lag floor(4·(n/100)^(2/9))), with
 * Stata's `newey` small-sample factor n/(n−4) and t with n−4 degrees of freedom.
 * Residual checks: Durbin–Watson and Ljung–Box Q at lag min(6, floor(n/4)), chi-square p.
 * null when a value is not finite (leaving it out would shift the months after it),
 * t0 is not a whole number, or fewer than 3 points lie on either side of t0.
 */
export function interruptedTimeSeries(ys: number[], t0: number): InterruptedTimeSeries | null {
  const n = ys.length;
  if (!Number.isInteger(t0) || !ys.every(Number.isFinite)) return null;
  const before = Math.max(0, Math.min(n, t0));
  const after = n - before;
  if (before < MIN_SIDE || after < MIN_SIDE) return null;

  const rows = ys.map((_, t) => (t >= t0 ? [1, t, 1, t - t0] : [1, t, 0, 0]));
  const k = 4;
  const xtx = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  const xty = new Array<number>(k).fill(0);
  rows.forEach((row, t) => {
    for (let i = 0; i < k; i++) {
      xty[i] = (xty[i] as number) + (row[i] as number) * (ys[t] as number);
      for (let j = 0; j < k; j++) (xtx[i] as number[])[j] = ((xtx[i] as number[])[j] as number) + (row[i] as number) * (row[j] as number);
    }
  });
  const bread = invert(xtx);
  if (!bread) return null;
  const beta = bread.map((row) => row.reduce((s, v, j) => s + v * (xty[j] as number), 0));
  const residuals = rows.map((row, t) => (ys[t] as number) - row.reduce((s, v, j) => s + v * (beta[j] as number), 0));

  const hacLag = Math.floor(4 * Math.pow(n / 100, 2 / 9));
  const scores = rows.map((row, t) => row.map((v) => v * (residuals[t] as number)));
  const meat = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let lag = 0; lag <= hacLag; lag++) {
    // Bartlett weights; lag 0 counts once, each other lag in both directions.
    const weight = lag === 0 ? 1 : 1 - lag / (hacLag + 1);
    for (let t = lag; t < n; t++) {
      const a = scores[t] as number[];
      const b = scores[t - lag] as number[];
      for (let i = 0; i < k; i++) {
        for (let j = 0; j < k; j++) {
          const term = lag === 0 ? (a[i] as number) * (b[j] as number) : (a[i] as number) * (b[j] as number) + (b[i] as number) * (a[j] as number);
          (meat[i] as number[])[j] = ((meat[i] as number[])[j] as number) + weight * term;
        }
      }
    }
  }
  const df = n - k;
  const covariance = sandwich(bread, meat).map((row) => row.map((v) => (v * n) / df));
  const critical = tCritical(df);
  const coefficient = (index: number): Coefficient => {
    const estimate = beta[index] as number;
    const se = Math.sqrt(Math.max(0, (covariance[index] as number[])[index] as number));
    return {
      estimate,
      se,
      ci: { low: estimate - critical * se, high: estimate + critical * se },
      p: se > 0 ? tTwoSidedP(estimate / se, df) : estimate === 0 ? 1 : 0,
    };
  };

  const ljungBox = ljungBoxQ(residuals, Math.min(MAX_LJUNG_BOX_LAG, Math.floor(n / 4)));
  return {
    n,
    before,
    after,
    levelChange: coefficient(2),
    slopeChange: coefficient(3),
    preSlope: beta[1] as number,
    durbinWatson: durbinWatson(residuals),
    ljungBox,
    autocorrelated: ljungBox.p < 0.05,
    hacLag,
    df,
  };
}

function sandwich(bread: number[][], meat: number[][]): number[][] {
  const multiply = (a: number[][], b: number[][]) =>
    a.map((row) => (b[0] as number[]).map((_, j) => row.reduce((s, v, m) => s + v * ((b[m] as number[])[j] as number), 0)));
  return multiply(multiply(bread, meat), bread);
}

/** Σ(e_t − e_{t−1})² / Σe_t²; near 2 without first-order autocorrelation. A perfect fit reads 2. */
function durbinWatson(e: number[]): number {
  let num = 0;
  let den = 0;
  e.forEach((v, t) => {
    den += v * v;
    if (t > 0) num += (v - (e[t - 1] as number)) ** 2;
  });
  return den > 0 ? num / den : 2;
}

/** Q = n(n+2) Σ_{k=1..h} r_k² / (n − k), r_k the residuals' autocorrelation about their mean; chi-square with h df. */
function ljungBoxQ(e: number[], lag: number): { q: number; lag: number; p: number } {
  const n = e.length;
  const mean = e.reduce((s, v) => s + v, 0) / n;
  const c = e.map((v) => v - mean);
  const c0 = c.reduce((s, v) => s + v * v, 0);
  if (!(c0 > 0)) return { q: 0, lag, p: 1 };
  let q = 0;
  for (let k = 1; k <= lag; k++) {
    let ck = 0;
    for (let t = k; t < n; t++) ck += (c[t] as number) * (c[t - k] as number);
    const r = ck / c0;
    q += (r * r) / (n - k);
  }
  q *= n * (n + 2);
  return { q, lag, p: chiSquareUpperP(q, lag) };
}
