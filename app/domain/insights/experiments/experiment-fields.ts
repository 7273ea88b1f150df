// The experiment form's rules, shared by the route (parsing) and the domain
// (saving). Not a .server file: the route builds it in the browser bundle too.
// Messages are keys of the insights catalogue (app/locales/<language>/insights.json).
import { z } from "zod";
import { message } from "../../i18n/message";
import { listOf } from "../../../forms/field-schemas";
import { addMonths, parsePeriod } from "../period";

export const EXPERIMENT_UNIT_KINDS = ["department", "site", "store", "cohort"] as const;
export type ExperimentUnitKind = (typeof EXPERIMENT_UNIT_KINDS)[number];
export const EXPERIMENT_OUTCOME_KINDS = ["kpi", "diagnostic"] as const;
export type ExperimentOutcomeKind = (typeof EXPERIMENT_OUTCOME_KINDS)[number];

export type Arm = "treatment" | "control";

/**
 * The one analysis Roundtable runs; registered with the experiment so a reader
 * sees what was promised. Stored in English as registered; a page shows
 * insights:experiments.plannedAnalysis, the same words in its language.
 */
export const PLANNED_ANALYSIS =
  "Difference in differences: per unit, the mean outcome in the outcome window minus its mean in the baseline window; the estimate is the treated arm's mean change minus the control arm's. p from a permutation test that re-draws the arms within the size strata; 95% interval from a cluster bootstrap that resamples whole units within each arm. Units with fewer than 5 people behind them are left out.";

/** The domain's refusals, as messages the page says in the reader's language. */
export const REGISTERED_TEXT = "insights:experiments.errors.registered";
export const NOT_REGISTERED_TEXT = "insights:experiments.errors.notRegistered";
export const ALREADY_ASSIGNED_TEXT = "insights:experiments.errors.alreadyAssigned";

/** Fewer than this many analysed units in an arm and the result says "not enough data" instead of a number. */
export const MIN_UNITS_PER_ARM = 3;
export const MIN_ELIGIBLE = 2 * MIN_UNITS_PER_ARM;
export const MAX_STRATA = 5;
export const MAX_WINDOW_MONTHS = 24;

const whole = (field: "baselineMonths" | "outcomeMonths" | "strata", min: number, max: number) =>
  z.coerce
    .number({ invalid_type_error: `insights:experiments.errors.${field}.notANumber` })
    .int(`insights:experiments.errors.${field}.wholeNumber`)
    .min(min, message(`insights:experiments.errors.${field}.range`, { min, max }))
    .max(max, message(`insights:experiments.errors.${field}.range`, { min, max }));

const text = (field: "title" | "initiative" | "hypothesis" | "outcome", max: number) =>
  z
    .string({ required_error: `insights:experiments.errors.${field}.missing` })
    .trim()
    .min(1, `insights:experiments.errors.${field}.missing`)
    .max(max, message(`insights:experiments.errors.${field}.tooLong`, { max }));

export const experimentSchema = z
  .object({
    title: text("title", 120),
    initiative: text("initiative", 2000),
    hypothesis: text("hypothesis", 2000),
    unitKind: z.enum(EXPERIMENT_UNIT_KINDS, { errorMap: () => ({ message: "insights:experiments.errors.unitKind" }) }),
    eligible: listOf(z.string().uuid("insights:experiments.errors.eligible.fromList")).pipe(
      z
        .array(z.string())
        .min(MIN_ELIGIBLE, message("insights:experiments.errors.eligible.tooFew", { min: MIN_ELIGIBLE, perArm: MIN_UNITS_PER_ARM }))
        .max(500, message("insights:experiments.errors.eligible.tooMany", { max: 500 })),
    ),
    outcomeKind: z.enum(EXPERIMENT_OUTCOME_KINDS, { errorMap: () => ({ message: "insights:experiments.errors.outcomeKind" }) }).default("kpi"),
    outcome: text("outcome", 120),
    startsOn: z
      .string({ required_error: "insights:experiments.errors.startsOn" })
      .transform((v, ctx) => {
        const period = parsePeriod(v);
        if (!period) {
          ctx.addIssue({ code: "custom", message: "insights:experiments.errors.startsOn" });
          return z.NEVER;
        }
        return period;
      }),
    baselineMonths: whole("baselineMonths", 1, MAX_WINDOW_MONTHS),
    outcomeMonths: whole("outcomeMonths", 1, MAX_WINDOW_MONTHS),
    strata: whole("strata", 1, MAX_STRATA),
  })
  .superRefine((v, ctx) => {
    const chosen = new Set(v.eligible).size;
    if (chosen !== v.eligible.length) ctx.addIssue({ code: "custom", path: ["eligible"], message: "insights:experiments.errors.eligible.twice" });
    if (v.strata * 2 > chosen && chosen >= MIN_ELIGIBLE)
      ctx.addIssue({ code: "custom", path: ["strata"], message: message("insights:experiments.errors.strata.tooMany", { units: chosen, max: Math.floor(chosen / 2) }) });
    if (v.unitKind === "cohort" && v.outcomeKind === "kpi")
      ctx.addIssue({ code: "custom", path: ["outcomeKind"], message: "insights:experiments.errors.cohortKpi" });
  });

export type ExperimentInput = z.output<typeof experimentSchema>;

/** The months of each window: the baseline just before the start, the outcome from it. */
export function experimentWindows(e: { startsOn: string; baselineMonths: number; outcomeMonths: number }) {
  return {
    baseline: { from: addMonths(e.startsOn, -e.baselineMonths), to: addMonths(e.startsOn, -1) },
    outcome: { from: e.startsOn, to: addMonths(e.startsOn, e.outcomeMonths - 1) },
  };
}
