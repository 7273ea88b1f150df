import normalQuantile from "@stdlib/stats-base-dists-normal-quantile";
import {
  correlate,
  differenceInDifferences,
  seededRandom,
  seededShuffle,
  twoWayFixedEffects,
  type PanelObservation,
} from "~/domain/insights/statistics";

// Bands: reference/false_positive_band.py, the central 99.9% of Binomial(m, 0.05).
const BAND_400 = { low: 7, high: 36 };
const BAND_200 = { low: 2, high: 21 };

/** A standard normal draw by inversion of @stdlib's normal quantile. */
function normalFrom(random: () => number) {
  return () => normalQuantile(random(), 0, 1);
}

/**
 * A panel in which bigger, richer units have both more participation and a higher KPI
 * (the confounder), a company-wide trend moves both, and x adds `effect` to y within
 * units. About 1 observation in 10 is missing.
 */
function generatedPanel(seed: number, effect: number, units = 20, months = 24): PanelObservation[] {
  const random = seededRandom(seed);
  const normal = normalFrom(random);
  const rows: PanelObservation[] = [];
  const trend = Array.from({ length: months }, (_, t) => 0.05 * t + 0.3 * normal());
  for (let u = 0; u < units; u++) {
    const size = normal();
    let x = 0.3 + 0.1 * size;
    for (let t = 0; t < months; t++) {
      x += 0.03 * normal() + 0.002;
      const y = 10 + 2 * size + trend[t]! + effect * x + 0.5 * normal();
      if (random() < 0.1) continue;
      rows.push({ unit: `u${u}`, period: `${2024 + Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, "0")}-01`, x, y });
    }
  }
  return rows;
}

describe("inference on generated data", () => {
  it("the fixed-effects estimate recovers a planted effect where a pooled line is confounded", () => {
    const planted = 4;
    const panel = generatedPanel(101, planted);
    const result = twoWayFixedEffects(panel);
    expect(result).not.toBeNull();
    if (!result) return;
    expect(result.ci.low).toBeLessThan(planted);
    expect(result.ci.high).toBeGreaterThan(planted);
    expect(result.ci.low).toBeGreaterThan(0);
    const pooled = correlate(panel.map((o) => o.x), panel.map((o) => o.y));
    expect(Math.abs((pooled?.line.slope ?? planted) - planted)).toBeGreaterThan(4);
  });

  it("the fixed-effects interval covers a planted effect about 95% of the time over 200 panels", () => {
    const planted = 4;
    let misses = 0;
    for (let seed = 1; seed <= 200; seed++) {
      const result = twoWayFixedEffects(generatedPanel(10_000 + seed, planted));
      if (!result || result.ci.low > planted || result.ci.high < planted) misses += 1;
    }
    expect(misses).toBeGreaterThanOrEqual(BAND_200.low);
    expect(misses).toBeLessThanOrEqual(BAND_200.high);
  });

  it("the fixed-effects test finds an effect where there is none about 5% of the time over 400 panels", () => {
    let rejections = 0;
    for (let seed = 1; seed <= 400; seed++) {
      const result = twoWayFixedEffects(generatedPanel(seed, 0));
      if (!result || result.p < 0.05) rejections += 1;
    }
    expect(rejections).toBeGreaterThanOrEqual(BAND_400.low);
    expect(rejections).toBeLessThanOrEqual(BAND_400.high);
  });

  it("the experiment's permutation test finds an effect where there is none about 5% of the time over 400 experiments", () => {
    let rejections = 0;
    for (let seed = 1; seed <= 400; seed++) {
      const random = seededRandom(50_000 + seed);
      const normal = normalFrom(random);
      const ids = Array.from({ length: 24 }, (_, i) => i);
      // Two size strata of 12, 6 treated in each, assigned at random; no effect, skewed unit changes.
      const treated = new Set([...seededShuffle(ids.slice(0, 12), seed).slice(0, 6), ...seededShuffle(ids.slice(12), seed + 1).slice(0, 6)]);
      const units = ids.map((i) => {
        const before = 50 + (i < 12 ? 0 : 10) + 3 * normal();
        const change = Math.exp(normal()) - 1 + (i < 12 ? 0 : 2);
        return { unit: `u${i}`, stratum: i < 12 ? "small" : "large", treated: treated.has(i), before, after: before + change };
      });
      const result = differenceInDifferences(units, { seed, permutations: 199, replicates: 1 });
      if (!result || result.p <= 0.05) rejections += 1;
    }
    expect(rejections).toBeGreaterThanOrEqual(BAND_400.low);
    expect(rejections).toBeLessThanOrEqual(BAND_400.high);
  });
});
