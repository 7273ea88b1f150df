// The experiment form's rules, shared by the route (parsing) and the domain
// (saving). Not a .server file: the route builds it in the browser bundle too.
import { z } from "zod";
import { listOf } from "../../../forms/field-schemas";
import { addMonths, parsePeriod } from "../period";

export const EXPERIMENT_UNIT_KINDS = ["department", "site", "store", "cohort"] as const;
export type ExperimentUnitKind = (typeof EXPERIMENT_UNIT_KINDS)[number];
export const EXPERIMENT_OUTCOME_KINDS = ["kpi", "diagnostic"] as const;
export type ExperimentOutcomeKind = (typeof EXPERIMENT_OUTCOME_KINDS)[number];

export type Arm = "treatment" | "control";
export const ARM_LABELS: Record<Arm, string> = { treatment: "Treated arm", control: "Control arm" };

/** The one analysis Roundtable runs; registered with the experiment so a reader sees what was promised. */
export const PLANNED_ANALYSIS =
  "Difference in differences: per unit, the mean outcome in the outcome window minus its mean in the baseline window; the estimate is the treated arm's mean change minus the control arm's. p from a permutation test that re-draws the arms within the size strata; 95% interval from a cluster bootstrap that resamples whole units within each arm. Units with fewer than 5 people behind them are left out.";

/** Fewer than this many analysed units in an arm and the result says "not enough data" instead of a number. */
export const MIN_UNITS_PER_ARM = 3;
export const MIN_ELIGIBLE = 2 * MIN_UNITS_PER_ARM;
export const MAX_STRATA = 5;
export const MAX_WINDOW_MONTHS = 24;

const whole = (label: string, min: number, max: number) =>
  z.coerce
    .number({ invalid_type_error: `Enter ${label} as a number.` })
    .int(`Enter ${label} as a whole number.`)
    .min(min, `${label[0]!.toUpperCase()}${label.slice(1)} must be between ${min} and ${max}.`)
    .max(max, `${label[0]!.toUpperCase()}${label.slice(1)} must be between ${min} and ${max}.`);

const text = (what: string, max: number) =>
  z
    .string({ required_error: `Write ${what}.` })
    .trim()
    .min(1, `Write ${what}.`)
    .max(max, `Keep ${what} under ${max} characters.`);

export const experimentSchema = z
  .object({
    title: text("a title", 120),
    initiative: text("what the initiative is", 2000),
    hypothesis: text("the hypothesis", 2000),
    unitKind: z.enum(EXPERIMENT_UNIT_KINDS, { errorMap: () => ({ message: "Choose departments, sites, stores or cohorts." }) }),
    eligible: listOf(z.string().uuid("Choose units from the list.")).pipe(
      z.array(z.string()).min(MIN_ELIGIBLE, `Choose at least ${MIN_ELIGIBLE}, so that each arm has ${MIN_UNITS_PER_ARM}.`).max(500, "Choose at most 500."),
    ),
    outcomeKind: z.enum(EXPERIMENT_OUTCOME_KINDS, { errorMap: () => ({ message: "Choose a business figure (KPI) or a diagnostic score." }) }).default("kpi"),
    outcome: text("the outcome", 120),
    startsOn: z
      .string({ required_error: "Enter the month the initiative starts, for example 2026-03." })
      .transform((v, ctx) => {
        const period = parsePeriod(v);
        if (!period) {
          ctx.addIssue({ code: "custom", message: "Enter the month the initiative starts, for example 2026-03." });
          return z.NEVER;
        }
        return period;
      }),
    baselineMonths: whole("the baseline window", 1, MAX_WINDOW_MONTHS),
    outcomeMonths: whole("the outcome window", 1, MAX_WINDOW_MONTHS),
    strata: whole("the number of size bands", 1, MAX_STRATA),
  })
  .superRefine((v, ctx) => {
    const chosen = new Set(v.eligible).size;
    if (chosen !== v.eligible.length) ctx.addIssue({ code: "custom", path: ["eligible"], message: "Each unit can be chosen once." });
    if (v.strata * 2 > chosen && chosen >= MIN_ELIGIBLE)
      ctx.addIssue({ code: "custom", path: ["strata"], message: `With ${chosen} units there can be at most ${Math.floor(chosen / 2)} size bands: each band needs 2 units to split.` });
    if (v.unitKind === "cohort" && v.outcomeKind === "kpi")
      ctx.addIssue({ code: "custom", path: ["outcomeKind"], message: "Business figures are kept per department, site or store, not per cohort: measure cohorts by a diagnostic score." });
  });

export type ExperimentInput = z.output<typeof experimentSchema>;

/** The months of each window: the baseline just before the start, the outcome from it. */
export function experimentWindows(e: { startsOn: string; baselineMonths: number; outcomeMonths: number }) {
  return {
    baseline: { from: addMonths(e.startsOn, -e.baselineMonths), to: addMonths(e.startsOn, -1) },
    outcome: { from: e.startsOn, to: addMonths(e.startsOn, e.outcomeMonths - 1) },
  };
}
