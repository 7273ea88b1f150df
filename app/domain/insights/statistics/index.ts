// The insights statistics engine: pure functions, no I/O. Methods in docs/insights.md#methods.
export type { Interval } from "./interval";
export { correlate, type Correlation } from "./correlate";
export { seededRandom, seededShuffle } from "./seeded-random";
export {
  differenceInDifferences,
  type DifferenceInDifferences,
  type ExperimentUnit,
} from "./difference-in-differences";
export type { PanelObservation } from "./panel";
export { twoWayFixedEffects, type TwoWayFixedEffects } from "./two-way-fixed-effects";
export { interruptedTimeSeries, type InterruptedTimeSeries } from "./interrupted-time-series";
export { meanInterval } from "./mean-interval";
export { stratifiedDifference, type StratifiedDifference } from "./stratified-difference";
export { lagCorrelations, type LagCorrelation } from "./lag-correlations";
