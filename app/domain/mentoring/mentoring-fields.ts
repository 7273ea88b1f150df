// The mentoring forms' fields and limits, shared by the routes (also in the
// browser bundle) and the use-cases; their messages are catalogue keys
// (app/locales/<language>/mentoring.json). Not a .server file.
import { z } from "zod";
import { onlineUrlField, reunionTimeZoneField } from "../reunions/reunion-fields";
import { message } from "../i18n/message";

export const MAX_TOPICS = 12;
export const MAX_TOPIC_LENGTH = 40;
export const MAX_CAPACITY = 10;
export const MAX_FORMAT_LENGTH = 200;
export const MIN_GOAL_LENGTH = 10;
export const MAX_GOAL_LENGTH = 1000;
export const MAX_MESSAGE_LENGTH = 1000;
export const MAX_REASON_LENGTH = 500;
export const MAX_SHARED_GOAL_LENGTH = 300;
export const MAX_NOTE_LENGTH = 4000;
export const MAX_REFLECTION_LENGTH = 2000;
export const MAX_CHECK_INS = 12;

export const WHO_MAY_OFFER = "mentoring:errors.whoMayOffer";

export const MENTORING_SCOPES = ["own_org", "any_org"] as const;
export type MentoringScope = (typeof MENTORING_SCOPES)[number];
export const CROSS_ORG_REFUSED = "mentoring:errors.crossOrgRefused";

/** Topics typed as "a, b, c": trimmed, each once (whatever the case), in the order typed. */
export const topicsField = z
  .string()
  .default("")
  .transform((v) => {
    const seen = new Set<string>();
    return v
      .split(",")
      .map((t) => t.trim().replace(/\s+/g, " "))
      .filter((t) => t && !seen.has(t.toLowerCase()) && seen.add(t.toLowerCase()));
  })
  .superRefine((topics, ctx) => {
    if (topics.length === 0) ctx.addIssue({ code: "custom", message: "mentoring:errors.noTopic" });
    if (topics.length > MAX_TOPICS) ctx.addIssue({ code: "custom", message: message("mentoring:errors.tooManyTopics", { max: MAX_TOPICS, count: topics.length }) });
    const long = topics.find((t) => t.length > MAX_TOPIC_LENGTH);
    if (long) ctx.addIssue({ code: "custom", message: message("mentoring:errors.topicTooLong", { topic: long.slice(0, MAX_TOPIC_LENGTH), max: MAX_TOPIC_LENGTH }) });
  });

const scopeField = (message: string) => z.enum(MENTORING_SCOPES, { errorMap: () => ({ message }) });

const text = (min: number, max: number, tooShort: string, tooLong: string) =>
  z
    .string()
    .default("")
    .transform((v) => v.trim())
    .pipe(z.string().min(min, tooShort).max(max, tooLong));

const optionalText = (max: number, tooLong: string) => z.string().trim().max(max, tooLong).optional().default("");

export const offerSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("save"),
    topics: topicsField,
    capacity: z.coerce
      .number({ invalid_type_error: message("mentoring:errors.capacity", { max: MAX_CAPACITY }) })
      .int(message("mentoring:errors.capacityWhole", { max: MAX_CAPACITY }))
      .min(1, message("mentoring:errors.capacity", { max: MAX_CAPACITY }))
      .max(MAX_CAPACITY, message("mentoring:errors.capacityMax", { max: MAX_CAPACITY })),
    format: text(1, MAX_FORMAT_LENGTH, "mentoring:errors.format", message("mentoring:errors.formatTooLong", { max: MAX_FORMAT_LENGTH })),
    scope: scopeField("mentoring:errors.offerScope"),
  }),
  z.object({ intent: z.literal("pause") }),
  z.object({ intent: z.literal("resume") }),
], { errorMap: (issue, ctx) => ({ message: issue.code === "invalid_union_discriminator" ? "org:settings.errors.unknownIntent" : ctx.defaultError }) });
export type OfferInput = Extract<z.output<typeof offerSchema>, { intent: "save" }>;

export const requestSchema = z.object({
  goal: text(MIN_GOAL_LENGTH, MAX_GOAL_LENGTH, message("mentoring:errors.goalTooShort", { min: MIN_GOAL_LENGTH }), message("mentoring:errors.goalTooLong", { max: MAX_GOAL_LENGTH })),
  topics: topicsField,
  scope: scopeField("mentoring:errors.requestScope"),
});
export type RequestInput = z.output<typeof requestSchema>;

const pickedId = (message: string) => z.string({ required_error: message }).uuid(message);
const intentErrors = { errorMap: (issue: z.ZodIssueOptionalMessage, ctx: { defaultError: string }) => ({ message: issue.code === "invalid_union_discriminator" ? "org:settings.errors.unknownIntent" : ctx.defaultError }) };

/** The mentee's request page: ask a suggested mentor, or close the request. */
export const requestPageSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({
      intent: z.literal("ask"),
      mentorId: pickedId("mentoring:errors.pickMentor"),
      message: optionalText(MAX_MESSAGE_LENGTH, message("mentoring:errors.messageTooLong", { max: MAX_MESSAGE_LENGTH })),
    }),
    z.object({ intent: z.literal("close") }),
  ],
  intentErrors,
);

/** /mentoring: the mentor answers an ask; the mentee withdraws one. */
export const answerSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("accept"), askId: pickedId("mentoring:errors.askGone") }),
    z.object({
      intent: z.literal("decline"),
      askId: pickedId("mentoring:errors.askGone"),
      reason: optionalText(MAX_REASON_LENGTH, message("mentoring:errors.reasonTooLong", { max: MAX_REASON_LENGTH })),
    }),
    z.object({ intent: z.literal("withdraw"), askId: pickedId("mentoring:errors.askGone") }),
  ],
  intentErrors,
);

export const reflectionField = text(1, MAX_REFLECTION_LENGTH, "mentoring:errors.reflection", message("mentoring:errors.reflectionTooLong", { max: MAX_REFLECTION_LENGTH }));

/** How many check-ins in all, one a month; "" means one. */
const checkInCountField = z
  .string()
  .trim()
  .optional()
  .transform((v) => v || "1")
  .pipe(
    z.coerce
      .number({ invalid_type_error: message("mentoring:errors.checkInCount", { max: MAX_CHECK_INS }) })
      .int(message("mentoring:errors.checkInCountWhole", { max: MAX_CHECK_INS }))
      .min(1, message("mentoring:errors.checkInCount", { max: MAX_CHECK_INS }))
      .max(MAX_CHECK_INS, message("mentoring:errors.checkInCountMax", { max: MAX_CHECK_INS })),
  );

export const checkInFields = {
  date: z.string().trim().optional().default(""),
  startTime: z.string().trim().optional().default(""),
  endTime: z.string().trim().optional().default(""),
  timeZone: reunionTimeZoneField,
  location: optionalText(300, message("reunions:errors.placeTooLong", { max: 300 })),
  onlineUrl: onlineUrlField,
  count: checkInCountField,
};
export type CheckInInput = { date: string; startTime: string; endTime: string; timeZone: string; location: string; onlineUrl: string | null; count: number };

/** The pair space: goals, notes, check-ins, the end date, ending and reflecting. */
export const pairSpaceSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("add-goal"), goal: text(1, MAX_SHARED_GOAL_LENGTH, "mentoring:errors.sharedGoal", message("mentoring:errors.sharedGoalTooLong", { max: MAX_SHARED_GOAL_LENGTH })) }),
    z.object({ intent: z.literal("goal-done"), goalId: pickedId("mentoring:errors.goalGone") }),
    z.object({ intent: z.literal("goal-undone"), goalId: pickedId("mentoring:errors.goalGone") }),
    z.object({ intent: z.literal("add-note"), note: text(1, MAX_NOTE_LENGTH, "mentoring:errors.note", message("mentoring:errors.noteTooLong", { max: MAX_NOTE_LENGTH })) }),
    // Where they meet (a place or a link) is checked by scheduleCheckIn: a discriminated union takes no refinements.
    z.object({ intent: z.literal("check-in"), ...checkInFields }),
    z.object({ intent: z.literal("ends-on"), endsOn: z.string().trim().optional().default("") }),
    z.object({ intent: z.literal("end"), reflection: reflectionField }),
    z.object({ intent: z.literal("reflect"), reflection: reflectionField }),
  ],
  intentErrors,
);

/** A mentor's places are held by running pairs and by asks still waiting for an answer (docs/decisions/017-mentoring.md). */
export const HOLDS_A_PLACE = ["asked", "active"] as const;
