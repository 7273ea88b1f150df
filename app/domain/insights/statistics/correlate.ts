import { sampleCorrelation, sampleRankCorrelation } from "simple-statistics";
import { normalCritical, tTwoSidedP } from "./distributions";
import type { Interval } from "./interval";

export type Correlation = {
  n: number;
  pearson: { r: number; ci: Interval; p: number };
  spearman: { rho: number; ci: Interval; p: number };
  line: { slope: number; intercept: number };
};

const MIN_POINTS = 4;

/**
 * Pearson and Spearman correlation of paired values, one pair per unit.
 * Pairs with a non-finite value are left out. null when fewer than 4 pairs
 * remain or either variable has no variance.
 */
export function correlate(xs: number[], ys: number[]): Correlation | null {
  const x: number[] = [];
  const y: number[] = [];
  const length = Math.min(xs.length, ys.length);
  for (let i = 0; i < length; i++) {
    const a = xs[i] as number;
    const b = ys[i] as number;
    if (Number.isFinite(a) && Number.isFinite(b)) {
      x.push(a);
      y.push(b);
    }
  }
  const n = x.length;
  if (n < MIN_POINTS) return null;

  const { sxx, syy, sxy, meanX, meanY } = centredSums(x, y);
  if (!(sxx > 0) || !(syy > 0)) return null;

  const r = clampUnit(sampleCorrelation(x, y));
  const rho = clampUnit(sampleRankCorrelation(x, y));
  const slope = sxy / sxx;

  return {
    n,
    pearson: { r, ci: fisherInterval(r, 1 / Math.sqrt(n - 3)), p: correlationP(r, n) },
    // Fieller, Hartley and Pearson (1957): the Fisher z of Spearman's rho has SE ≈ √(1.06 / (n − 3)).
    spearman: { rho, ci: fisherInterval(rho, Math.sqrt(1.06 / (n - 3))), p: correlationP(rho, n) },
    line: { slope, intercept: meanY - slope * meanX },
  };
}

/** Sums of squares and products about the means (centred first, for accuracy). */
export function centredSums(x: number[], y: number[]) {
  const n = x.length;
  let meanX = 0;
  let meanY = 0;
  for (let i = 0; i < n; i++) {
    meanX += x[i] as number;
    meanY += y[i] as number;
  }
  meanX /= n;
  meanY /= n;
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    const dx = (x[i] as number) - meanX;
    const dy = (y[i] as number) - meanY;
    sxx += dx * dx;
    syy += dy * dy;
    sxy += dx * dy;
  }
  return { sxx, syy, sxy, meanX, meanY };
}

/** Fisher's z = atanh(r) is close to normal; the interval is mapped back with tanh. */
function fisherInterval(r: number, se: number): Interval {
  const z = Math.atanh(r);
  const half = normalCritical() * se;
  return { low: Math.tanh(z - half), high: Math.tanh(z + half) };
}

/** t = r √((n − 2) / (1 − r²)) with n − 2 degrees of freedom. */
function correlationP(r: number, n: number): number {
  if (Math.abs(r) >= 1) return 0;
  return tTwoSidedP(r * Math.sqrt((n - 2) / (1 - r * r)), n - 2);
}

function clampUnit(r: number): number {
  return Math.max(-1, Math.min(1, r));
}
