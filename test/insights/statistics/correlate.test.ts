import { correlate } from "~/domain/insights/statistics";

describe("correlation across units", () => {
  // Expected: reference/correlate.py (scipy.stats.pearsonr, spearmanr, linregress).
  const x = [0.1, 0.15, 0.15, 0.22, 0.3, 0.3, 0.35, 0.41, 0.48, 0.55, 0.6, 0.72];
  const y = [101.0, 99.5, 104.0, 103.0, 108.5, 103.0, 110.0, 107.5, 112.0, 111.0, 118.0, 115.5];

  it("matches SciPy's Pearson and Spearman, their intervals and the fitted line", () => {
    const result = correlate(x, y);
    expect(result).not.toBeNull();
    if (!result) return;
    expect(result.n).toBe(12);
    expect(result.pearson.r).toBeCloseTo(0.9183638921618577, 12);
    expect(result.pearson.p).toBeCloseTo(2.4867733576721304e-5, 12);
    expect(result.pearson.ci.low).toBeCloseTo(0.7283278483127907, 10);
    expect(result.pearson.ci.high).toBeCloseTo(0.9772207841025152, 10);
    expect(result.spearman.rho).toBeCloseTo(0.9121279464306243, 12);
    expect(result.spearman.p).toBeCloseTo(3.5547985634409976e-5, 12);
    expect(result.spearman.ci.low).toBeCloseTo(0.7000556322039951, 10);
    expect(result.spearman.ci.high).toBeCloseTo(0.9763433915366073, 10);
    expect(result.line.slope).toBeCloseTo(27.24693085305535, 9);
    expect(result.line.intercept).toBeCloseTo(97.9183991171892, 9);
  });

  it("keeps its accuracy for values far from zero", () => {
    const result = correlate([0, 1, 2, 3, 4, 5, 6, 7].map((v) => 1e6 + v), [5.0, 4.0, 4.5, 3.0, 2.5, 2.0, 2.2, 0.5]);
    expect(result).not.toBeNull();
    if (!result) return;
    expect(result.pearson.r).toBeCloseTo(-0.9541718047090731, 10);
    expect(result.pearson.p).toBeCloseTo(0.00023242892438775584, 10);
    expect(result.pearson.ci.low).toBeCloseTo(-0.9919071535891132, 9);
    expect(result.pearson.ci.high).toBeCloseTo(-0.761547356930328, 9);
    expect(result.spearman.rho).toBeCloseTo(-0.9523809523809524, 12);
    expect(result.spearman.p).toBeCloseTo(0.000260400024387251, 10);
    expect(result.line.slope).toBeCloseTo(-0.5773809523809523, 8);
    expect(result.line.intercept / 577385.9357142857).toBeCloseTo(1, 10);
  });

  it("leaves out pairs with a missing value and says nothing below 4 pairs or without variance", () => {
    const withGaps = correlate([...x, Number.NaN, 3], [...y, 1, Number.POSITIVE_INFINITY]);
    expect(withGaps?.n).toBe(12);
    expect(withGaps?.pearson.r).toBeCloseTo(0.9183638921618577, 12);
    expect(correlate([1, 2, 3], [2, 4, 7])).toBeNull();
    expect(correlate([1, 2, 3, 4, Number.NaN], [2, 4, 7, 1, 3])).not.toBeNull();
    expect(correlate([1, 2, 3, Number.NaN], [2, 4, 7, 1])).toBeNull();
    expect(correlate([1, 1, 1, 1, 1], [1, 2, 3, 4, 5])).toBeNull();
    expect(correlate([1, 2, 3, 4, 5], [3, 3, 3, 3, 3])).toBeNull();
  });

  it("gives finite figures for a perfect line", () => {
    const result = correlate([1, 2, 3, 4, 5], [2, 4, 6, 8, 10]);
    expect(result?.pearson.r).toBeCloseTo(1, 12);
    expect(result?.pearson.p).toBeLessThan(1e-6);
    expect(result?.pearson.ci.low).toBeGreaterThan(0.999);
    expect(result?.pearson.ci.high).toBeLessThanOrEqual(1);
    expect(result?.spearman.rho).toBeCloseTo(1, 12);
    expect(result?.spearman.p).toBeLessThan(1e-6);
  });
});
