import { differenceInDifferences, type ExperimentUnit } from "~/domain/insights/statistics";

// Data and expected values: reference/difference_in_differences.py.
const before = [50, 52, 47, 51, 49, 53, 60, 58, 63, 61, 59, 62, 70, 72, 69, 71, 68, 73];
const after = [52.5, 53, 47.5, 52, 50.5, 54, 61, 59.5, 64, 61, 60.5, 62.5, 71, 74.5, 69, 71.5, 70, 73];
const strata = ["small", "medium", "large"];
const units: ExperimentUnit[] = before.map((b, i) => ({
  unit: `u${i}`,
  stratum: strata[Math.floor(i / 6)] as string,
  treated: i % 6 < 3,
  before: b,
  after: after[i] as number,
}));

describe("difference-in-differences of a cohort experiment", () => {
  it("estimates the difference of changes, with a permutation p near the exact one and a bootstrap interval", () => {
    const result = differenceInDifferences(units, { seed: 11 });
    expect(result).not.toBeNull();
    if (!result) return;
    expect(result.estimate).toBeCloseTo(0.3333333333333335, 12);
    expect(result.treatedUnits).toBe(9);
    expect(result.controlUnits).toBe(9);
    expect(result.permutations).toBe(4999);
    // Exact p over all 8000 within-stratum assignments: 0.472; Monte Carlo SE ≈ 0.007.
    expect(Math.abs(result.p - 0.472)).toBeLessThan(0.03);
    // 400,000-replicate interval [-0.3333, 1.0], bootstrap SD 0.341; 1999 replicates land within half an SD.
    expect(Math.abs(result.ci.low - -0.33333333333333326)).toBeLessThan(0.17);
    expect(Math.abs(result.ci.high - 1.0)).toBeLessThan(0.17);
  });

  it("reproduces its p and interval from the seed", () => {
    const a = differenceInDifferences(units, { seed: 5, permutations: 499, replicates: 499 });
    const b = differenceInDifferences(units, { seed: 5, permutations: 499, replicates: 499 });
    expect(a).toEqual(b);
    expect(a?.permutations).toBe(499);
  });

  it("finds a clear effect with the smallest p the permutations allow", () => {
    const boosted = units.map((u) => (u.treated ? { ...u, after: u.after + 10 } : u));
    const result = differenceInDifferences(boosted, { seed: 3, permutations: 999 });
    expect(result?.p).toBe(1 / 1000);
    expect(result?.ci.low).toBeGreaterThan(9);
  });

  it("leaves out units with a missing value and says nothing with fewer than 2 units in an arm", () => {
    const gap = [...units, { unit: "x", stratum: "small", treated: true, before: Number.NaN, after: 3 }];
    expect(differenceInDifferences(gap, { permutations: 99, replicates: 99 })?.treatedUnits).toBe(9);
    const lonely = units.filter((u) => !u.treated || u.unit === "u0");
    expect(differenceInDifferences(lonely)).toBeNull();
  });
});
