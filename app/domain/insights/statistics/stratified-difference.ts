import { mean, sampleVariance } from "simple-statistics";
import { normalCritical, normalTwoSidedP } from "./distributions";
import type { Interval } from "./interval";

export type StratifiedDifference = {
  strataUsed: number;
  strataDropped: number;
  treated: number;
  control: number;
  difference: number;
  se: number;
  ci: Interval;
  p: number;
};

const MIN_PER_SIDE = 2;

/**
 * Participants against comparable others, matched exactly on stratum: the per-stratum
 * difference of means weighted by the stratum's share of the treated (the effect on the
 * treated), SE = √(Σ w_s² (var_t/n_t + var_c/n_c)) with sample variances, normal interval.
 * Rows with a non-finite value are left out; a stratum with fewer than 2 on either side
 * is dropped and counted. null when no stratum is left, or every stratum used has no
 * variance on either side (no standard error).
 */
export function stratifiedDifference(rows: { stratum: string; treated: boolean; value: number }[]): StratifiedDifference | null {
  const strata = new Map<string, { treated: number[]; control: number[] }>();
  for (const row of rows) {
    if (!Number.isFinite(row.value)) continue;
    const s = strata.get(row.stratum) ?? { treated: [], control: [] };
    (row.treated ? s.treated : s.control).push(row.value);
    strata.set(row.stratum, s);
  }
  const used = [...strata.values()].filter((s) => s.treated.length >= MIN_PER_SIDE && s.control.length >= MIN_PER_SIDE);
  if (used.length === 0) return null;

  const treated = used.reduce((n, s) => n + s.treated.length, 0);
  const control = used.reduce((n, s) => n + s.control.length, 0);
  let difference = 0;
  let variance = 0;
  for (const s of used) {
    const w = s.treated.length / treated;
    difference += w * (mean(s.treated) - mean(s.control));
    variance += w * w * (sampleVariance(s.treated) / s.treated.length + sampleVariance(s.control) / s.control.length);
  }
  const se = Math.sqrt(variance);
  if (!(se > 0)) return null;
  const half = normalCritical() * se;
  return {
    strataUsed: used.length,
    strataDropped: strata.size - used.length,
    treated,
    control,
    difference,
    se,
    ci: { low: difference - half, high: difference + half },
    p: normalTwoSidedP(difference / se),
  };
}
