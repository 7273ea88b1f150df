// What "Density against a KPI" pairs with what: the pure analysis on small
// panels whose answers are worked out by hand (the statistics themselves are
// tested against NumPy/SciPy in test/insights/statistics).
import { analyseKpi, type KpiUnit } from "../../app/domain/insights/kpi-analysis";
import { caveats, crossSectionWords, fixedEffectsWords } from "../../app/domain/insights/analysis-words";
import { OTHER_UNITS_ID, type DensityCell } from "../../app/domain/insights/participation-density";
import { addMonths } from "../../app/domain/insights/period";

const MONTHS = Array.from({ length: 12 }, (_, i) => addMonths("2025-01-01", i));
const shown = (unitId: string, month: string, activeShare: number): DensityCell => ({
  unitId,
  month,
  mergedUnits: 1,
  figure: { shown: true, people: 10, value: { activeShare, completedShare: 0, headcount: 10, headcountSource: "roundtable" } },
});
const withheld = (unitId: string, month: string): DensityCell => ({ unitId, month, mergedUnits: 1, figure: { shown: false, people: null, value: null } });

/** Unit i's active share in month t: (i + 1)/20 + ((7t) mod 5)/100, so units differ and change over time, not in a straight line. */
const share = (i: number, t: number) => (i + 1) / 20 + ((t * 7) % 5) / 100;
function units(n: number): KpiUnit[] {
  return Array.from({ length: n }, (_, i) => ({ unitId: `u${i}`, name: `Unit ${i}`, cells: MONTHS.map((m, t) => shown(`u${i}`, m, share(i, t))) }));
}
/** KPI = f(unit, t) over the months given. */
function kpi(n: number, months: readonly string[], f: (i: number, t: number) => number) {
  return new Map(Array.from({ length: n }, (_, i) => [`u${i}`, new Map(months.map((m) => [m, f(i, MONTHS.indexOf(m) >= 0 ? MONTHS.indexOf(m) : MONTHS.length + (Number(m.slice(5, 7)) - 1))]))]));
}

describe("density against a KPI", () => {
  test("one scatter point per unit: the mean active share and the mean KPI over the months both are known", () => {
    const a = analyseKpi({ metric: "Margin", months: MONTHS, units: units(6), kpi: kpi(6, MONTHS, (i, t) => 10 + i + t) });
    expect(a.scatter).toHaveLength(6);
    // Unit 2: shares 0.15 + (0,2,4,1,3,0,2,4,1,3,0,2)/100 → mean 0.15 + 22/1200; KPI 12 + t → mean 17.5.
    const u2 = a.scatter.find((p) => p.unitId === "u2")!;
    expect(u2.density).toBeCloseTo(0.15 + 22 / 1200, 12);
    expect(u2.kpi).toBeCloseTo(17.5, 12);
    expect(u2.months).toBe(12);
    expect(a.observations).toBe(72);
    expect(a.units).toBe(6);
    expect(a.months).toBe(12);
    // Mean share rises by 0.05 and mean KPI by 1 per unit: a perfect line of slope 20.
    expect(a.crossSection!.pearson.r).toBeCloseTo(1, 12);
    expect(a.crossSection!.line.slope).toBeCloseTo(20, 9);
  });

  test("withheld months and the merged Other units take no part; units without the KPI are named", () => {
    const list = units(6);
    list[0] = { ...list[0]!, cells: MONTHS.map((m, t) => (t < 6 ? withheld("u0", m) : shown("u0", m, share(0, t)))) };
    list.push({ unitId: OTHER_UNITS_ID, name: "Other units", cells: MONTHS.map((m) => shown(OTHER_UNITS_ID, m, 0.9)) });
    list.push({ unitId: "nokpi", name: "No figures", cells: MONTHS.map((m) => shown("nokpi", m, 0.3)) });
    const k = kpi(6, MONTHS, (i, t) => i + t);
    k.set(OTHER_UNITS_ID, new Map(MONTHS.map((m) => [m, 1000])));
    const a = analyseKpi({ metric: "Margin", months: MONTHS, units: list, kpi: k });
    expect(a.scatter.map((p) => p.unitId)).toEqual(["u0", "u1", "u2", "u3", "u4", "u5"]);
    expect(a.scatter[0]!.months).toBe(6);
    expect(a.observations).toBe(66);
    expect(a.unitsWithoutKpi).toEqual(["No figures"]);
  });

  test("lag k pairs the active share in month t with the KPI in month t + k, reaching past the range where figures exist", () => {
    // KPI(t) = share(t − 2): the share two months earlier, exactly.
    const after = [addMonths(MONTHS.at(-1)!, 1), addMonths(MONTHS.at(-1)!, 2)];
    const k = kpi(6, [...MONTHS, ...after], (i, t) => share(i, t - 2));
    const a = analyseKpi({ metric: "Margin", months: MONTHS, units: units(6), kpi: k });
    const lag2 = a.lags.find((l) => l.lag === 2)!;
    expect(lag2.r).toBeCloseTo(1, 12);
    // 12 months of share per unit, each paired with the KPI two months on (the last two from after the range).
    expect(lag2.n).toBe(72);
    expect(lag2.units).toBe(6);
    expect(a.lags.find((l) => l.lag === 0)!.r!).toBeLessThan(1);
    expect(a.lags.map((l) => l.lag)).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  test("fewer than 5 units: no correlation and no within-unit estimate, and the words say why", () => {
    const a = analyseKpi({ metric: "Margin", months: MONTHS, units: units(4), kpi: kpi(4, MONTHS, (i, t) => i * 2 + t) });
    expect(a.crossSection).toBeNull();
    expect(a.fixedEffects).toBeNull();
    expect(crossSectionWords(a, "department")).toMatch(/^Not enough data: this needs at least 5 departments/);
    expect(fixedEffectsWords(a, "department")).toMatch(/^Not enough data/);
    expect(caveats(a, "department")[1]).toMatch(/too few departments to say anything/);
  });

  test("before and after: the first month with active people is the start; a gap or too few months is explained, not fitted", () => {
    const list = units(6).map((u) => ({ ...u, cells: u.cells.map((c, t) => shown(u.unitId, c.month, t < 5 ? 0 : 0.3)) }));
    const a = analyseKpi({ metric: "Margin", months: MONTHS, units: list, kpi: kpi(6, MONTHS, (i, t) => 5 + 0.1 * t + (t >= 5 ? 1 : 0) + ((t * 7) % 3) * 0.01) });
    expect(a.its!.start).toBe("2025-06-01");
    expect(a.its!.result!.before).toBe(5);
    expect(a.its!.result!.levelChange.estimate).toBeGreaterThan(0.9);
    // Exactly two lines (5 + 0.1t before, 6.5 + 0.3(t − 5) from June): the fitted values are the series itself.
    const exact = analyseKpi({ metric: "Margin", months: MONTHS, units: list, kpi: kpi(6, MONTHS, (i, t) => (t < 5 ? 5 + 0.1 * t : 6.5 + 0.3 * (t - 5))) });
    for (const p of exact.its!.series) expect(p.fitted!).toBeCloseTo(p.value, 9);
    expect(exact.its!.result!.levelChange.estimate).toBeCloseTo(1, 9);
    expect(exact.its!.result!.slopeChange.estimate).toBeCloseTo(0.2, 9);
    const late = analyseKpi({ metric: "Margin", months: MONTHS, units: list, kpi: kpi(6, MONTHS, () => 1), its: { unitId: "u1", start: "2025-11-01" } });
    expect(late.its!.result).toBeNull();
    expect(late.its!.problem).toMatch(/Not enough data: this needs at least 3 months .* \(here 10 and 2\)/);
    const gappy = kpi(6, MONTHS.filter((_, t) => t !== 3), () => 1);
    const gap = analyseKpi({ metric: "Margin", months: MONTHS, units: list, kpi: gappy });
    expect(gap.its!.problem).toMatch(/no figure for some months/);
  });
});
