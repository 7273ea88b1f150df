import type { Interval } from "./interval";
import { percentileInterval } from "./percentile-interval";
import { randomIndex, seededRandom } from "./seeded-random";

export type ExperimentUnit = { unit: string; stratum: string; treated: boolean; before: number; after: number };

export type DifferenceInDifferences = {
  estimate: number;
  ci: Interval;
  p: number;
  treatedUnits: number;
  controlUnits: number;
  permutations: number;
};

export const DEFAULT_SEED = 1;
const DEFAULT_PERMUTATIONS = 4999;
const DEFAULT_REPLICATES = 1999;

/**
 * Difference-in-differences of a cluster-randomised experiment, one row per unit:
 * mean(after − before | treated) − mean(after − before | control).
 * p is a permutation test that re-draws the assignment within strata (same counts
 * per stratum, as the randomisation did); the interval is a percentile cluster
 * bootstrap by unit, resampling within arm. Units with a non-finite before or
 * after are left out. null when an arm has fewer than 2 units.
 */
export function differenceInDifferences(
  units: ExperimentUnit[],
  opts: { seed?: number; permutations?: number; replicates?: number } = {},
): DifferenceInDifferences | null {
  const kept = units.filter((u) => Number.isFinite(u.before) && Number.isFinite(u.after));
  const change = kept.map((u) => u.after - u.before);
  const treatedChange = change.filter((_, i) => (kept[i] as ExperimentUnit).treated);
  const controlChange = change.filter((_, i) => !(kept[i] as ExperimentUnit).treated);
  if (treatedChange.length < 2 || controlChange.length < 2) return null;

  const permutations = positiveCount(opts.permutations, DEFAULT_PERMUTATIONS);
  const replicates = positiveCount(opts.replicates, DEFAULT_REPLICATES);
  const random = seededRandom(opts.seed ?? DEFAULT_SEED);

  const estimate = mean(treatedChange) - mean(controlChange);
  const p = permutationP(kept, change, estimate, permutations, random);
  const ci = percentileInterval(
    Array.from({ length: replicates }, () => mean(resample(treatedChange, random)) - mean(resample(controlChange, random))),
  );
  return { estimate, ci, p, treatedUnits: treatedChange.length, controlUnits: controlChange.length, permutations };
}

function permutationP(
  units: ExperimentUnit[],
  change: number[],
  observed: number,
  permutations: number,
  random: () => number,
): number {
  const strata = new Map<string, { members: number[]; treated: number }>();
  units.forEach((u, i) => {
    const stratum = strata.get(u.stratum) ?? { members: [], treated: 0 };
    stratum.members.push(i);
    if (u.treated) stratum.treated += 1;
    strata.set(u.stratum, stratum);
  });
  const groups = [...strata.values()];
  const treatedCount = groups.reduce((s, g) => s + g.treated, 0);
  const controlCount = units.length - treatedCount;
  const total = change.reduce((s, c) => s + c, 0);
  // Ties with the observed statistic count as "at least as extreme"; the tolerance keeps
  // the identity permutation from falling short of itself by rounding.
  const threshold = Math.abs(observed) * (1 - 1e-12) - 1e-12;

  let extreme = 0;
  for (let k = 0; k < permutations; k++) {
    let treatedSum = 0;
    for (const group of groups) {
      const members = group.members;
      // A partial Fisher–Yates: the first `treated` places get a uniform draw of the stratum.
      for (let i = 0; i < group.treated; i++) {
        const j = i + randomIndex(random, members.length - i);
        const held = members[i] as number;
        members[i] = members[j] as number;
        members[j] = held;
        treatedSum += change[members[i] as number] as number;
      }
    }
    const statistic = treatedSum / treatedCount - (total - treatedSum) / controlCount;
    if (Math.abs(statistic) >= threshold) extreme += 1;
  }
  return (1 + extreme) / (1 + permutations);
}

function resample(values: number[], random: () => number): number[] {
  return values.map(() => values[randomIndex(random, values.length)] as number);
}

function mean(values: number[]): number {
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

function positiveCount(value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1) throw new RangeError("the count of permutations or replicates must be a positive whole number");
  return value;
}
