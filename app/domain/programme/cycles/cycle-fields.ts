// The cycle page's forms, their fields and words, shared by the route (also
// in the browser bundle) and the use-cases. Forms are told apart by intent.
import { z } from "zod";
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

const ratingMessage = "Choose a rating from 1 to 5.";
const rating = z
  .string({ required_error: ratingMessage })
  .trim()
  .pipe(z.coerce.number({ invalid_type_error: ratingMessage }).int(ratingMessage).min(1, ratingMessage).max(5, ratingMessage));

export const scheduleCycleSchema = z
  .object({
    intent: z.literal("schedule"),
    date: z.string({ required_error: "Choose the date of the first meeting." }).trim().refine(isValidLocalDate, "Choose the date of the first meeting, such as 2027-02-01."),
    startTime: z.string({ required_error: "Choose the start time, such as 09:30." }).trim().refine(isValidLocalTime, "Choose the start time, such as 09:30."),
    timeZone: reunionTimeZoneField,
    location: optionalText(300, "Keep the place under 300 characters."),
    onlineUrl: onlineUrlField,
  })
  .superRefine((v, ctx) => {
    if (!v.location && !v.onlineUrl) ctx.addIssue({ code: "custom", path: ["location"], message: "Say where the group meets: a place, a video link, or both." });
  });
export type ScheduleCycleInput = z.output<typeof scheduleCycleSchema>;

export const goalSchema = z.object({
  intent: z.literal("goal"),
  text: text(MAX_GOAL_LENGTH, "Write your goal for this cycle.", `Keep your goal under ${MAX_GOAL_LENGTH} characters.`),
  shared: checkbox,
});

export const rateGoalSchema = z.object({
  intent: z.literal("rate-goal"),
  progress: rating,
  whatHelped: optionalText(MAX_REFLECTION_LENGTH, `Keep it under ${MAX_REFLECTION_LENGTH} characters.`),
});

export const groupGoalSchema = z.object({
  intent: z.literal("group-goal"),
  groupGoal: text(MAX_GOAL_LENGTH, "Write the group's goal for this cycle.", `Keep the group's goal under ${MAX_GOAL_LENGTH} characters.`),
  concerns: optionalText(MAX_REFLECTION_LENGTH, `Keep your concerns under ${MAX_REFLECTION_LENGTH} characters.`),
});

export const rateGroupGoalSchema = z.object({
  intent: z.literal("rate-group-goal"),
  rating,
  note: optionalText(MAX_REFLECTION_LENGTH, `Keep the note under ${MAX_REFLECTION_LENGTH} characters.`),
});

export const continueVoteSchema = z.object({
  intent: z.literal("vote"),
  vote: z.enum(["continue", "stop"], { errorMap: () => ({ message: "Choose to continue or to stop." }) }),
});
