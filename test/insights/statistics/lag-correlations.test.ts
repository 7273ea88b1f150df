import { lagCorrelations, type PanelObservation } from "~/domain/insights/statistics";
import panel from "./reference/lag_correlations.json";

// Data and expected values: reference/lag_correlations.py (a dictionary join on dates, numpy.corrcoef,
// and a 100,000-replicate cluster bootstrap by unit; `sd` is that bootstrap's SD of r).
const expected = [
  { lag: 0, n: 96, r: 0.922108651622747, low: 0.7092185603170995, high: 0.9610425495292071, sd: 0.07941753078873476 },
  { lag: 1, n: 78, r: 0.9442732895193011, low: 0.7839975362135672, high: 0.9681807187896195, sd: 0.05833726073396838 },
  { lag: 2, n: 70, r: 0.9818476168072584, low: 0.9412024517533084, high: 0.9882008151948821, sd: 0.014416950876291105 },
  { lag: 3, n: 65, r: 0.9502327572396505, low: 0.7923961003183992, high: 0.9727463474677296, sd: 0.053525015204871955 },
  { lag: 4, n: 58, r: 0.9158099188125008, low: 0.6773243462167136, high: 0.95903620151804, sd: 0.08440936242292091 },
  { lag: 5, n: 52, r: 0.9007539075021949, low: 0.5610967271834748, high: 0.9506180955937793, sd: 0.11179232860593603 },
  { lag: 6, n: 46, r: 0.8657259377196722, low: 0.34443535182821255, high: 0.9396559039257721, sd: 0.1610441947682726 },
];

describe("correlation at a lag", () => {
  it("pairs each month's x with y k months later, across a year end, as the reference does", () => {
    const result = lagCorrelations(panel as PanelObservation[], 6, { seed: 3 });
    expect(result).toHaveLength(7);
    for (const [i, want] of expected.entries()) {
      const got = result[i];
      expect(got).toMatchObject({ lag: want.lag, n: want.n, units: 8 });
      expect(got?.r).toBeCloseTo(want.r, 12);
      // 999 replicates against 100,000: within 0.75 bootstrap SD, at least 3.5 times the spread
      // of a 999-replicate bound over seeds (at 100,000 replicates the two agree to 0.01).
      expect(Math.abs((got?.ci?.low ?? Number.NaN) - want.low)).toBeLessThan(want.sd * 0.75);
      expect(Math.abs((got?.ci?.high ?? Number.NaN) - want.high)).toBeLessThan(want.sd * 0.75);
    }
  });

  it("reproduces its intervals from the seed", () => {
    const data = panel as PanelObservation[];
    expect(lagCorrelations(data, 2, { seed: 9, replicates: 199 })).toEqual(lagCorrelations(data, 2, { seed: 9, replicates: 199 }));
  });

  it("says nothing below 4 units or 10 pairs, and leaves out what is not a finite value in a month", () => {
    const data = panel as PanelObservation[];
    const threeUnits = data.filter((o) => ["store-0", "store-1", "store-2"].includes(o.unit));
    expect(lagCorrelations(threeUnits, 0, { replicates: 99 })[0]).toMatchObject({ units: 3, r: null, ci: null });
    const fewMonths = data.filter((o) => o.period <= "2023-12-01");
    expect(lagCorrelations(fewMonths, 1, { replicates: 99 }).map((l) => l.r)).toEqual([expect.any(Number), null]);
    const noisy = [...data, { unit: "store-0", period: "2024-13-01", x: 1, y: 1 }, { unit: "store-0", period: "2030-01-01", x: Number.NaN, y: 1 }];
    expect(lagCorrelations(noisy, 0, { replicates: 99 })[0]?.n).toBe(96);
    expect(() => lagCorrelations(data, -1)).toThrow(RangeError);
  });
});
