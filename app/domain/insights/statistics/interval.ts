export type Interval = { low: number; high: number };

/** 95% everywhere: the page states one level, and every interval here uses it. */
export const CONFIDENCE = 0.95;
