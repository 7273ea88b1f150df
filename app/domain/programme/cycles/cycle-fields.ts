// The cycle page's forms, their fields and words, shared by the route (also
// in the browser bundle) and the use-cases. Forms are told apart by intent.
import { z } from "zod";
import { message } from "../../i18n/message";
import { checkbox } from "../../../forms/field-schemas";
import { onlineUrlField, reunionTimeZoneField } from "../../reunions/reunion-fields";
import { isValidLocalDate, isValidLocalTime } from "../../reunions/zoned-time";

export const MAX_GOAL_LENGTH = 500;
export const MAX_REFLECTION_LENGTH = 1000;

/** A goal counts as met in the cycle report when its owner rated their progress at least this. */
export const GOAL_MET_FROM = 4;

export const PROGRESS_LABELS: Record<number, string> = {
  1: "1 — no progress",
  2: "2 — a little",
  3: "3 — some",
  4: "4 — good progress",
  5: "5 — reached it",
};

export const CONTINUE_VOTE_LABELS = { continue: "Continue for another cycle", stop: "Stop after this cycle" } as const;

const text = (max: number, empty: string, long: string) => z.string({ required_error: empty }).trim().min(1, empty).max(max, long);
const optionalText = (max: number, long: string) => z.string().trim().max(max, long).optional().default("");

// Validation messages are catalogue keys (cohorts.json, cycle.errors), translated where shown.
const ratingMessage = "cohorts:cycle.errors.rating";
const rating = z
  .string({ required_error: ratingMessage })
  .trim()
  .pipe(z.coerce.number({ invalid_type_error: ratingMessage }).int(ratingMessage).min(1, ratingMessage).max(5, ratingMessage));

export const scheduleCycleSchema = z
  .object({
    intent: z.literal("schedule"),
    date: z.string({ required_error: "cohorts:cycle.errors.date" }).trim().refine(isValidLocalDate, "cohorts:cycle.errors.dateFormat"),
    startTime: z.string({ required_error: "cohorts:cycle.errors.startTime" }).trim().refine(isValidLocalTime, "cohorts:cycle.errors.startTime"),
    timeZone: reunionTimeZoneField,
    location: optionalText(300, message("cohorts:cycle.errors.locationTooLong", { max: 300 })),
    onlineUrl: onlineUrlField,
  })
  .superRefine((v, ctx) => {
    if (!v.location && !v.onlineUrl) ctx.addIssue({ code: "custom", path: ["location"], message: "cohorts:cycle.errors.where" });
  });
export type ScheduleCycleInput = z.output<typeof scheduleCycleSchema>;

export const goalSchema = z.object({
  intent: z.literal("goal"),
  text: text(MAX_GOAL_LENGTH, "cohorts:cycle.errors.goal", message("cohorts:cycle.errors.goalTooLong", { max: MAX_GOAL_LENGTH })),
  shared: checkbox,
});

export const rateGoalSchema = z.object({
  intent: z.literal("rate-goal"),
  progress: rating,
  whatHelped: optionalText(MAX_REFLECTION_LENGTH, message("cohorts:cycle.errors.whatHelpedTooLong", { max: MAX_REFLECTION_LENGTH })),
});

export const groupGoalSchema = z.object({
  intent: z.literal("group-goal"),
  groupGoal: text(MAX_GOAL_LENGTH, "cohorts:cycle.errors.groupGoal", message("cohorts:cycle.errors.groupGoalTooLong", { max: MAX_GOAL_LENGTH })),
  concerns: optionalText(MAX_REFLECTION_LENGTH, message("cohorts:cycle.errors.concernsTooLong", { max: MAX_REFLECTION_LENGTH })),
});

export const rateGroupGoalSchema = z.object({
  intent: z.literal("rate-group-goal"),
  rating,
  note: optionalText(MAX_REFLECTION_LENGTH, message("cohorts:cycle.errors.noteTooLong", { max: MAX_REFLECTION_LENGTH })),
});

export const continueVoteSchema = z.object({
  intent: z.literal("vote"),
  vote: z.enum(["continue", "stop"], { errorMap: () => ({ message: "cohorts:cycle.errors.vote" }) }),
});
