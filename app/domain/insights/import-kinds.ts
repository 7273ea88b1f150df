// What the insights import takes: plain data, so route modules can build
// their form schemas from it in the browser bundle too.
export const INSIGHTS_IMPORT_KINDS = ["kpis", "headcounts", "survey_scores", "people"] as const;
export type InsightsImportKind = (typeof INSIGHTS_IMPORT_KINDS)[number];
export const UNIT_LEVELS = ["department", "site", "store"] as const;
export type UnitLevel = (typeof UNIT_LEVELS)[number];

export const INSIGHTS_IMPORT_COLUMNS = {
  kpis: ["unit", "period", "metric", "value"],
  headcounts: ["unit", "period", "headcount"],
  survey_scores: ["email", "period", "instrument", "score"],
  people: ["email", "level", "started", "left"],
} as const satisfies Record<InsightsImportKind, readonly string[]>;
