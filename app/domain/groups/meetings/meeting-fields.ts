// The group meeting forms' fields and words, shared by the routes (also in
// the browser bundle) and the use-cases. The date, place and time-zone fields
// are the reunion form's own: a group meeting is a reunion.
import { z } from "zod";
import { message } from "../../i18n/message";
import { optionalId } from "../../../forms/field-schemas";
import { createReunionSchema, MAX_REPEATS } from "../../reunions/reunion-fields";

export const MAX_NOTE_LENGTH = 1000;
export const MAX_FOLLOW_UP_NOTE_LENGTH = 500;
export const MAX_MEETINGS_IN_SERIES = MAX_REPEATS;

export const FOLLOW_UPS = ["tried", "not_yet", "dropped"] as const;
export type FollowUp = (typeof FOLLOW_UPS)[number];
// Their words are in the catalogues: programme:followUp.answers.<answer>.

const reunion = createReunionSchema.innerType().shape;
const meetingCountMessage = message("groups:meetings.errors.repeatCount", { max: MAX_MEETINGS_IN_SERIES });

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
    if (!v.location && !v.onlineUrl) ctx.addIssue({ code: "custom", path: ["location"], message: "groups:meetings.errors.where" });
  });
export type ScheduleMeetingInput = z.output<typeof scheduleMeetingSchema>;

export const chooseModuleSchema = z.object({
  intent: z.literal("choose-module"),
  meetingId: z.string({ required_error: "groups:meetings.errors.meetingGone" }).uuid("groups:meetings.errors.meetingGone"),
  moduleId: optionalId,
});

const noteText = (what: "takeaway" | "action") =>
  z
    .string({ required_error: `groups:meeting.errors.${what}Empty` })
    .trim()
    .min(1, `groups:meeting.errors.${what}Empty`)
    .max(MAX_NOTE_LENGTH, message(`groups:meeting.errors.${what}TooLong`, { max: MAX_NOTE_LENGTH }));

export const takeawaySchema = z.object({ intent: z.literal("takeaway"), text: noteText("takeaway") });
export const actionSchema = z.object({ intent: z.literal("action"), text: noteText("action"), ownerId: optionalId });

export const followUpSchema = z.object({
  intent: z.literal("follow-up"),
  noteId: z.string({ required_error: "groups:meeting.errors.actionGone" }).uuid("groups:meeting.errors.actionGone"),
  followUp: z.enum(FOLLOW_UPS, { errorMap: () => ({ message: "programme:followUp.errors.choose" }) }),
  followUpNote: z.string().trim().max(MAX_FOLLOW_UP_NOTE_LENGTH, message("groups:meeting.errors.followUpNoteTooLong", { max: MAX_FOLLOW_UP_NOTE_LENGTH })).optional().default(""),
});
