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

// The ratings' and the vote's words are in the catalogues (groups:cycle.progress.<n>, groups:cycle.voteOptions.<vote>).

const text = (max: number, empty: string, long: string) => z.string({ required_error: empty }).trim().min(1, empty).max(max, long);
const optionalText = (max: number, long: string) => z.string().trim().max(max, long).optional().default("");

const ratingMessage = "groups:cycle.errors.rating";
const rating = z
  .string({ required_error: ratingMessage })
  .trim()
  .pipe(z.coerce.number({ invalid_type_error: ratingMessage }).int(ratingMessage).min(1, ratingMessage).max(5, ratingMessage));

export const scheduleCycleSchema = z
  .object({
    intent: z.literal("schedule"),
    date: z.string({ required_error: "groups:cycle.errors.dateMissing" }).trim().refine(isValidLocalDate, "groups:cycle.errors.date"),
    startTime: z.string({ required_error: "groups:cycle.errors.startTime" }).trim().refine(isValidLocalTime, "groups:cycle.errors.startTime"),
    timeZone: reunionTimeZoneField,
    location: optionalText(300, message("groups:cycle.errors.placeTooLong", { max: 300 })),
    onlineUrl: onlineUrlField,
  })
  .superRefine((v, ctx) => {
    if (!v.location && !v.onlineUrl) ctx.addIssue({ code: "custom", path: ["location"], message: "groups:cycle.errors.where" });
  });
export type ScheduleCycleInput = z.output<typeof scheduleCycleSchema>;

export const goalSchema = z.object({
  intent: z.literal("goal"),
  text: text(MAX_GOAL_LENGTH, "groups:cycle.errors.goalEmpty", message("groups:cycle.errors.goalTooLong", { max: MAX_GOAL_LENGTH })),
  shared: checkbox,
});

export const rateGoalSchema = z.object({
  intent: z.literal("rate-goal"),
  progress: rating,
  whatHelped: optionalText(MAX_REFLECTION_LENGTH, message("groups:cycle.errors.whatHelpedTooLong", { max: MAX_REFLECTION_LENGTH })),
});

export const groupGoalSchema = z.object({
  intent: z.literal("group-goal"),
  groupGoal: text(MAX_GOAL_LENGTH, "groups:cycle.errors.groupGoalEmpty", message("groups:cycle.errors.groupGoalTooLong", { max: MAX_GOAL_LENGTH })),
  concerns: optionalText(MAX_REFLECTION_LENGTH, message("groups:cycle.errors.concernsTooLong", { max: MAX_REFLECTION_LENGTH })),
});

export const rateGroupGoalSchema = z.object({
  intent: z.literal("rate-group-goal"),
  rating,
  note: optionalText(MAX_REFLECTION_LENGTH, message("groups:cycle.errors.noteTooLong", { max: MAX_REFLECTION_LENGTH })),
});

export const continueVoteSchema = z.object({
  intent: z.literal("vote"),
  vote: z.enum(["continue", "stop"], { errorMap: () => ({ message: "groups:cycle.errors.vote" }) }),
});
