// Randomised assignment stratified by size: units sorted by size are cut into
// bands of equal count, and each band is shuffled with the recorded seed and
// split between the arms. Pure: the same units, bands and seed always give the
// same assignment, which is how a reader reproduces it.
import type { ExperimentAssignment } from "../../../../db/schema";
import { seededShuffle } from "../statistics";

export type SizedUnit = { unitId: string; size: number };

/** Band of each unit (0 = smallest): sorted by size, then id, so ties never depend on the order given. */
export function sizeBands(units: readonly SizedUnit[], strata: number): Map<string, number> {
  const sorted = [...units].sort((a, b) => a.size - b.size || (a.unitId < b.unitId ? -1 : a.unitId > b.unitId ? 1 : 0));
  const bands = Math.max(1, Math.min(strata, Math.floor(sorted.length / 2) || 1));
  return new Map(sorted.map((u, i) => [u.unitId, Math.floor((i * bands) / sorted.length)]));
}

// Each band gets its own stream from the one recorded seed.
const bandSeed = (seed: number, band: number) => (seed + Math.imul(band, 0x9e3779b1)) >>> 0;

export function assignArms(units: readonly SizedUnit[], strata: number, seed: number): ExperimentAssignment {
  const band = sizeBands(units, strata);
  const byBand = new Map<number, SizedUnit[]>();
  for (const u of [...units].sort((a, b) => (a.unitId < b.unitId ? -1 : 1))) byBand.set(band.get(u.unitId)!, [...(byBand.get(band.get(u.unitId)!) ?? []), u]);
  const out: ExperimentAssignment = [];
  // An odd band's spare unit goes to the arm that is smaller so far (treatment on a tie), so the arms differ by at most one.
  let lead = 0;
  for (const b of [...byBand.keys()].sort((x, y) => x - y)) {
    const shuffled = seededShuffle(byBand.get(b)!, bandSeed(seed, b));
    const half = shuffled.length / 2;
    const treated = Number.isInteger(half) ? half : lead <= 0 ? Math.ceil(half) : Math.floor(half);
    lead += 2 * treated - shuffled.length;
    shuffled.forEach((u, i) => out.push({ unitId: u.unitId, size: u.size, stratum: b + 1, arm: i < treated ? "treatment" : "control" }));
  }
  return out;
}
