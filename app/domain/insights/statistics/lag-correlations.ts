import { centredSums } from "./correlate";
import type { Interval } from "./interval";
import { finiteObservations, type PanelObservation } from "./panel";
import { percentileInterval } from "./percentile-interval";
import { randomIndex, seededRandom } from "./seeded-random";

export type LagCorrelation = { lag: number; n: number; units: number; r: number | null; ci: Interval | null };

const MIN_UNITS = 4;
const MIN_PAIRS = 10;
const DEFAULT_SEED = 1;
const DEFAULT_REPLICATES = 999;
const PERIOD = /^(\d{4})-(\d{2})(?:-01)?$/;

type Pairs = { x: number[]; y: number[] };

/**
 * For each lag k = 0…maxLag: Pearson r over all pairs (x of a unit in month t, y of the
 * same unit in month t + k), and a 95% percentile interval from a cluster bootstrap that
 * resamples whole units (their pairs together), seeded. Observations with a non-finite
 * x or y or a period that is not a month are left out; two of the same unit and month are
 * averaged. r and ci are null below 4 units or 10 pairs, or without variance; ci is null
 * when fewer than half the bootstrap replicates have variance in both x and y.
 */
export function lagCorrelations(
  obs: PanelObservation[],
  maxLag: number,
  opts: { seed?: number; replicates?: number } = {},
): LagCorrelation[] {
  if (!Number.isInteger(maxLag) || maxLag < 0) throw new RangeError("the largest lag must be a whole number of months, 0 or more");
  const replicates = opts.replicates ?? DEFAULT_REPLICATES;
  if (!Number.isInteger(replicates) || replicates < 1) throw new RangeError("the count of replicates must be a positive whole number");
  const random = seededRandom(opts.seed ?? DEFAULT_SEED);
  const byUnit = monthlyValues(obs);

  const out: LagCorrelation[] = [];
  for (let lag = 0; lag <= maxLag; lag++) {
    const perUnit: Pairs[] = [];
    for (const months of byUnit.values()) {
      const pairs: Pairs = { x: [], y: [] };
      for (const [month, value] of months) {
        const later = months.get(month + lag);
        if (later) {
          pairs.x.push(value.x);
          pairs.y.push(later.y);
        }
      }
      if (pairs.x.length > 0) perUnit.push(pairs);
    }
    const n = perUnit.reduce((s, p) => s + p.x.length, 0);
    const units = perUnit.length;
    const r = units >= MIN_UNITS && n >= MIN_PAIRS ? pearson(perUnit) : null;
    out.push({ lag, n, units, r, ci: r === null ? null : clusterBootstrap(perUnit, replicates, random) });
  }
  return out;
}

function monthlyValues(obs: PanelObservation[]): Map<string, Map<number, { x: number; y: number }>> {
  const sums = new Map<string, Map<number, { x: number; y: number; count: number }>>();
  for (const o of finiteObservations(obs)) {
    const match = PERIOD.exec(o.period);
    if (!match) continue;
    const month = Number(match[1]) * 12 + Number(match[2]) - 1;
    if (Number(match[2]) < 1 || Number(match[2]) > 12) continue;
    const months = sums.get(o.unit) ?? new Map();
    const cell = months.get(month) ?? { x: 0, y: 0, count: 0 };
    cell.x += o.x;
    cell.y += o.y;
    cell.count += 1;
    months.set(month, cell);
    sums.set(o.unit, months);
  }
  const out = new Map<string, Map<number, { x: number; y: number }>>();
  for (const [unit, months] of sums) {
    out.set(unit, new Map([...months].map(([m, c]) => [m, { x: c.x / c.count, y: c.y / c.count }])));
  }
  return out;
}

function pearson(perUnit: Pairs[]): number | null {
  const x = perUnit.flatMap((p) => p.x);
  const y = perUnit.flatMap((p) => p.y);
  const { sxx, syy, sxy } = centredSums(x, y);
  if (!(sxx > 0) || !(syy > 0)) return null;
  return Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
}

/**
 * Each replicate draws whole units with replacement. Its r comes from the
 * drawn units' sums (count, Σx, Σy, Σx², Σy², Σxy), kept about the pooled
 * means so the sums of squares do not cancel: O(units) per replicate instead
 * of O(pairs), which keeps the page's seven lags × 999 replicates fast.
 */
function clusterBootstrap(perUnit: Pairs[], replicates: number, random: () => number): Interval | null {
  const all = { x: perUnit.flatMap((p) => p.x), y: perUnit.flatMap((p) => p.y) };
  const { meanX, meanY } = centredSums(all.x, all.y);
  const sums = perUnit.map((p) => {
    const s = { n: p.x.length, x: 0, y: 0, xx: 0, yy: 0, xy: 0 };
    for (let i = 0; i < p.x.length; i++) {
      const dx = (p.x[i] as number) - meanX;
      const dy = (p.y[i] as number) - meanY;
      s.x += dx;
      s.y += dy;
      s.xx += dx * dx;
      s.yy += dy * dy;
      s.xy += dx * dy;
    }
    return s;
  });
  const values: number[] = [];
  for (let b = 0; b < replicates; b++) {
    let n = 0;
    let sx = 0;
    let sy = 0;
    let sxx = 0;
    let syy = 0;
    let sxy = 0;
    for (let k = 0; k < sums.length; k++) {
      const u = sums[randomIndex(random, sums.length)]!;
      n += u.n;
      sx += u.x;
      sy += u.y;
      sxx += u.xx;
      syy += u.yy;
      sxy += u.xy;
    }
    const cxx = sxx - (sx * sx) / n;
    const cyy = syy - (sy * sy) / n;
    const cxy = sxy - (sx * sy) / n;
    // As pearson(): no variance (within rounding) in a replicate gives no r for it.
    if (!(cxx > 1e-12 * Math.max(1, sxx)) || !(cyy > 1e-12 * Math.max(1, syy))) continue;
    values.push(Math.max(-1, Math.min(1, cxy / Math.sqrt(cxx * cyy))));
  }
  return values.length * 2 >= replicates ? percentileInterval(values) : null;
}
