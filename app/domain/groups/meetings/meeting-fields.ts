// The group meeting forms' fields and words, shared by the routes (also in
// the browser bundle) and the use-cases. The date, place and time-zone fields
// are the reunion form's own: a group meeting is a reunion.
import { z } from "zod";
import { optionalId } from "../../../forms/field-schemas";
import { createReunionSchema, MAX_REPEATS } from "../../reunions/reunion-fields";

export const MAX_NOTE_LENGTH = 1000;
export const MAX_FOLLOW_UP_NOTE_LENGTH = 500;
export const MAX_MEETINGS_IN_SERIES = MAX_REPEATS;

export const FOLLOW_UPS = ["tried", "not_yet", "dropped"] as const;
export type FollowUp = (typeof FOLLOW_UPS)[number];
export const FOLLOW_UP_LABELS: Record<FollowUp, string> = {
  tried: "Tried it",
  not_yet: "Not yet",
  dropped: "Dropped it",
};

export const defaultMeetingTitle = (groupName: string) => `${groupName} monthly meeting`;

const reunion = createReunionSchema.innerType().shape;
const meetingCountMessage = `Enter how many monthly meetings to schedule, from 1 to ${MAX_MEETINGS_IN_SERIES}.`;

export const scheduleMeetingSchema = z
  .object({
    intent: z.literal("schedule"),
    title: reunion.title,
    date: reunion.date,
    startTime: reunion.startTime,
    endTime: reunion.endTime,
    timeZone: reunion.timeZone,
    location: reunion.location,
    onlineUrl: reunion.onlineUrl,
    // "1" is a single meeting; more is one a month, on the same day and time.
    repeatCount: z
      .string()
      .trim()
      .optional()
      .transform((v) => v || "1")
      .pipe(z.coerce.number({ invalid_type_error: meetingCountMessage }).int(meetingCountMessage).min(1, meetingCountMessage).max(MAX_MEETINGS_IN_SERIES, meetingCountMessage)),
    moduleId: optionalId,
  })
  .superRefine((v, ctx) => {
    if (!v.location && !v.onlineUrl) ctx.addIssue({ code: "custom", path: ["location"], message: "Say where the group meets: a place, an online link, or both." });
  });
export type ScheduleMeetingInput = z.output<typeof scheduleMeetingSchema>;

export const chooseModuleSchema = z.object({
  intent: z.literal("choose-module"),
  meetingId: z.string({ required_error: "That meeting is no longer there." }).uuid("That meeting is no longer there."),
  moduleId: optionalId,
});

const noteText = (what: string) =>
  z
    .string({ required_error: `Write the ${what} before saving it.` })
    .trim()
    .min(1, `Write the ${what} before saving it.`)
    .max(MAX_NOTE_LENGTH, `Keep the ${what} under ${MAX_NOTE_LENGTH.toLocaleString("en-GB")} characters.`);

export const takeawaySchema = z.object({ intent: z.literal("takeaway"), text: noteText("take-away") });
export const actionSchema = z.object({ intent: z.literal("action"), text: noteText("action"), ownerId: optionalId });

export const followUpSchema = z.object({
  intent: z.literal("follow-up"),
  noteId: z.string({ required_error: "That action is no longer there." }).uuid("That action is no longer there."),
  followUp: z.enum(FOLLOW_UPS, { errorMap: () => ({ message: "Say whether you tried it, not yet, or dropped it." }) }),
  followUpNote: z.string().trim().max(MAX_FOLLOW_UP_NOTE_LENGTH, `Keep the note under ${MAX_FOLLOW_UP_NOTE_LENGTH} characters.`).optional().default(""),
});
