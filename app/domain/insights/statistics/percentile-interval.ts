import { quantileSorted } from "simple-statistics";
import { CONFIDENCE, type Interval } from "./interval";

/** The percentile interval of bootstrap replicates (linear interpolation, type 7 as NumPy and R). */
export function percentileInterval(replicates: number[]): Interval {
  const sorted = replicates.slice().sort((a, b) => a - b);
  const tail = (1 - CONFIDENCE) / 2;
  return { low: quantileSorted(sorted, tail), high: quantileSorted(sorted, 1 - tail) };
}
