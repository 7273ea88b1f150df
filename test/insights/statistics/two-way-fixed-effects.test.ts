import { twoWayFixedEffects, type PanelObservation } from "~/domain/insights/statistics";
import panel from "./reference/two_way_fixed_effects.json";

describe("two-way fixed effects", () => {
  // Data and expected values: reference/two_way_fixed_effects.py (full dummy-variable OLS with
  // numpy.linalg.lstsq and the CR1 sandwich on the full design).
  it("matches a dummy-variable regression with cluster-robust errors on an unbalanced panel", () => {
    const result = twoWayFixedEffects(panel as PanelObservation[]);
    expect(result).not.toBeNull();
    if (!result) return;
    expect(result).toMatchObject({ n: 75, units: 9, periods: 10, df: 8, singletonsDropped: 2 });
    expect(result.estimate).toBeCloseTo(2.9915453519306103, 9);
    expect(result.se).toBeCloseTo(0.550356804001262, 9);
    expect(result.t).toBeCloseTo(5.435647075099576, 8);
    expect(result.p).toBeCloseTo(0.0006191685465418232, 10);
    expect(result.ci.low).toBeCloseTo(1.7224202860659517, 8);
    expect(result.ci.high).toBeCloseTo(4.260670417795269, 8);
    expect(result.withinR2).toBeCloseTo(0.10689143015029257, 9);
  });

  it("leaves out observations with a missing value", () => {
    const withGaps = [...(panel as PanelObservation[]), { unit: "unit-1", period: "2024-02-01", x: Number.NaN, y: 3 }];
    expect(twoWayFixedEffects(withGaps)?.estimate).toBeCloseTo(2.9915453519306103, 9);
  });

  it("says nothing when x does not vary within units, or with too few units or months", () => {
    const additive: PanelObservation[] = [];
    for (let u = 0; u < 5; u++) {
      for (let t = 1; t <= 6; t++) {
        additive.push({ unit: `u${u}`, period: `2024-0${t}-01`, x: u * 0.1 + t * 0.02, y: u + Math.sin(t * u) });
      }
    }
    expect(twoWayFixedEffects(additive)).toBeNull();
    const data = panel as PanelObservation[];
    const threeUnits = data.filter((o) => ["unit-0", "unit-1", "unit-2"].includes(o.unit));
    expect(twoWayFixedEffects(threeUnits)).toBeNull();
    const twoMonths = data.filter((o) => ["2024-01-01", "2024-02-01"].includes(o.period));
    expect(twoWayFixedEffects(twoMonths)).toBeNull();
  });
});
