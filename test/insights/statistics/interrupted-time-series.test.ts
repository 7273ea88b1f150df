import { interruptedTimeSeries } from "~/domain/insights/statistics";

// Series and expected values: reference/interrupted_time_series.py.
const ys = [
  100.31, 100.76, 99.84, 100.89, 101.9, 102.67, 102.71, 103.0, 102.74, 104.34, 106.8, 105.78, 106.15, 107.16, 104.86,
  104.78, 104.06, 106.77, 112.48, 114.04, 114.27, 114.69, 116.06, 114.98, 118.51, 117.85, 116.28, 119.35, 118.43, 118.95,
];
const sine = [
  50.0, 51.636, 53.092, 54.207, 54.86, 54.977, 54.546, 53.615, 52.286, 50.706, 49.047, 47.494, 46.216, 45.355, 45.005,
  45.205, 45.933, 47.109, 48.603, 50.251, 51.871, 53.285, 54.337, 54.913,
];

describe("interrupted time series", () => {
  it("matches the reference level and slope change with Newey–West errors and the residual checks", () => {
    const result = interruptedTimeSeries(ys, 18);
    expect(result).not.toBeNull();
    if (!result) return;
    expect(result).toMatchObject({ n: 30, before: 18, after: 12, hacLag: 3, df: 26, autocorrelated: false });
    expect(result.preSlope).toBeCloseTo(0.379009287925696, 10);
    expect(result.levelChange.estimate).toBeCloseTo(5.947232277526394, 9);
    expect(result.levelChange.se).toBeCloseTo(0.9258588088483458, 9);
    expect(result.levelChange.ci.low).toBeCloseTo(4.044102239911794, 9);
    expect(result.levelChange.ci.high).toBeCloseTo(7.850362315140995, 9);
    expect(result.levelChange.p).toBeCloseTo(8.333081033300309e-7, 12);
    expect(result.slopeChange.estimate).toBeCloseTo(0.19123546731906266, 10);
    expect(result.slopeChange.se).toBeCloseTo(0.08820067004633837, 10);
    expect(result.slopeChange.ci.low).toBeCloseTo(0.00993639353078743, 9);
    expect(result.slopeChange.ci.high).toBeCloseTo(0.37253454110733786, 9);
    expect(result.slopeChange.p).toBeCloseTo(0.03948086987594381, 9);
    expect(result.durbinWatson).toBeCloseTo(1.5676545426519533, 10);
    expect(result.ljungBox.lag).toBe(6);
    expect(result.ljungBox.q).toBeCloseTo(8.568195715244034, 9);
    expect(result.ljungBox.p).toBeCloseTo(0.199357975248886, 9);
  });

  it("flags autocorrelated residuals", () => {
    const result = interruptedTimeSeries(sine, 12);
    expect(result).not.toBeNull();
    if (!result) return;
    expect(result.hacLag).toBe(2);
    expect(result.levelChange.estimate).toBeCloseTo(-6.777696969696946, 9);
    expect(result.levelChange.se).toBeCloseTo(2.6756667967547085, 9);
    expect(result.slopeChange.se).toBeCloseTo(0.2752604711271342, 9);
    expect(result.durbinWatson).toBeCloseTo(0.7960541151195694, 10);
    expect(result.ljungBox.q).toBeCloseTo(15.594135371572541, 9);
    expect(result.ljungBox.p).toBeCloseTo(0.016106394518212438, 9);
    expect(result.autocorrelated).toBe(true);
  });

  it("says nothing with fewer than 3 months on a side, a missing month or a start that is not a month", () => {
    expect(interruptedTimeSeries(ys.slice(0, 20), 18)).toBeNull();
    expect(interruptedTimeSeries(ys, 2)).toBeNull();
    expect(interruptedTimeSeries(ys.slice(0, 21), 18)).not.toBeNull();
    expect(interruptedTimeSeries([...ys.slice(0, 5), Number.NaN, ...ys.slice(6)], 18)).toBeNull();
    expect(interruptedTimeSeries(ys, 17.5)).toBeNull();
  });
});
