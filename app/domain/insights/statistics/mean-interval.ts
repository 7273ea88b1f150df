import { mean, sampleStandardDeviation } from "simple-statistics";
import { tCritical } from "./distributions";
import type { Interval } from "./interval";

/** Mean with a t interval (n − 1 df). Non-finite values are left out; null when fewer than 2 remain. */
export function meanInterval(values: number[]): { n: number; mean: number; sd: number; ci: Interval } | null {
  const kept = values.filter(Number.isFinite);
  const n = kept.length;
  if (n < 2) return null;
  const m = mean(kept);
  const sd = sampleStandardDeviation(kept);
  const half = (tCritical(n - 1) * sd) / Math.sqrt(n);
  return { n, mean: m, sd, ci: { low: m - half, high: m + half } };
}
