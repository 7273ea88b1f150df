// The distributions come from @stdlib, never from hand-written approximations.
import chisquareCdf from "@stdlib/stats-base-dists-chisquare-cdf";
import normalCdf from "@stdlib/stats-base-dists-normal-cdf";
import normalQuantile from "@stdlib/stats-base-dists-normal-quantile";
import tCdf from "@stdlib/stats-base-dists-t-cdf";
import tQuantile from "@stdlib/stats-base-dists-t-quantile";
import { CONFIDENCE } from "./interval";

const UPPER = 1 - (1 - CONFIDENCE) / 2;

/** Two-sided p of a t statistic with `df` degrees of freedom. */
export function tTwoSidedP(t: number, df: number): number {
  if (!Number.isFinite(t)) return 0;
  return Math.min(1, 2 * tCdf(-Math.abs(t), df));
}

/** Two-sided p of a standard normal statistic. */
export function normalTwoSidedP(z: number): number {
  if (!Number.isFinite(z)) return 0;
  return Math.min(1, 2 * normalCdf(-Math.abs(z), 0, 1));
}

/** Upper tail of a chi-square statistic. */
export function chiSquareUpperP(q: number, df: number): number {
  return Math.max(0, 1 - chisquareCdf(q, df));
}

/** The t quantile for a two-sided 95% interval. */
export function tCritical(df: number): number {
  return tQuantile(UPPER, df);
}

/** The normal quantile for a two-sided 95% interval (1.959963…). */
export function normalCritical(): number {
  return normalQuantile(UPPER, 0, 1);
}
