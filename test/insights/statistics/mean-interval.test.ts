import { meanInterval } from "~/domain/insights/statistics";

describe("a mean with its interval", () => {
  // Expected: reference/mean_interval.py (scipy.stats.t.interval).
  it("matches SciPy's t interval", () => {
    const result = meanInterval([3.2, 4.1, 3.8, 4.6, 2.9, 3.5, 4.0, 4.4, 3.1, 3.9, 4.2]);
    expect(result?.n).toBe(11);
    expect(result?.mean).toBeCloseTo(3.790909090909091, 12);
    expect(result?.sd).toBeCloseTo(0.5521857395017468, 12);
    expect(result?.ci.low).toBeCloseTo(3.41994566348902, 11);
    expect(result?.ci.high).toBeCloseTo(4.161872518329162, 11);
    const two = meanInterval([1, 2]);
    expect(two?.ci.low).toBeCloseTo(-4.853102368087347, 10);
    expect(two?.ci.high).toBeCloseTo(7.853102368087347, 10);
  });

  it("leaves out values that are not finite and says nothing below 2", () => {
    expect(meanInterval([1, Number.NaN, 2, Number.NEGATIVE_INFINITY])?.n).toBe(2);
    expect(meanInterval([1, Number.NaN])).toBeNull();
    expect(meanInterval([])).toBeNull();
  });
});
