import { stratifiedDifference } from "~/domain/insights/statistics";

// Rows and expected values: reference/stratified_difference.py.
const raw: [string, boolean, number][] = [
  ["sales|junior", true, 3.8], ["sales|junior", true, 4.1], ["sales|junior", true, 3.6],
  ["sales|junior", false, 3.4], ["sales|junior", false, 3.9], ["sales|junior", false, 3.1], ["sales|junior", false, 3.5],
  ["sales|senior", true, 4.4], ["sales|senior", true, 4.0],
  ["sales|senior", false, 3.7], ["sales|senior", false, 4.1], ["sales|senior", false, 3.6],
  ["ops|junior", true, 3.0], ["ops|junior", true, 3.3], ["ops|junior", true, 3.9], ["ops|junior", true, 3.5],
  ["ops|junior", false, 3.2], ["ops|junior", false, 2.8],
  ["ops|senior", true, 4.5], ["ops|senior", false, 4.0], ["ops|senior", false, 3.8],
  ["it|junior", false, 3.3], ["it|junior", false, 3.6],
];
const rows = raw.map(([stratum, treated, value]) => ({ stratum, treated, value }));

describe("participants beside comparable others", () => {
  it("matches the reference effect on the treated, dropping strata without two on each side", () => {
    const result = stratifiedDifference(rows);
    expect(result).toMatchObject({ strataUsed: 3, strataDropped: 2, treated: 9, control: 9 });
    expect(result?.difference).toBeCloseTo(0.3972222222222221, 12);
    expect(result?.se).toBeCloseTo(0.15311410791025193, 12);
    expect(result?.ci.low).toBeCloseTo(0.09712408519314891, 11);
    expect(result?.ci.high).toBeCloseTo(0.6973203592512953, 11);
    expect(result?.p).toBeCloseTo(0.00947868169523587, 11);
  });

  it("leaves out values that are not finite and says nothing without a usable stratum", () => {
    expect(stratifiedDifference([...rows, { stratum: "sales|junior", treated: true, value: Number.NaN }])?.treated).toBe(9);
    expect(stratifiedDifference(rows.filter((r) => r.stratum.startsWith("it") || r.stratum === "ops|senior"))).toBeNull();
    expect(stratifiedDifference([])).toBeNull();
  });
});
