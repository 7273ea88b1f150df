// The reunion forms' fields and words, shared by the routes (also in the
// browser bundle) and the use-cases.
import { z } from "zod";
import { listOf } from "../../forms/field-schemas";
import { isKnownTimeZone } from "./zoned-time";
import { message } from "../i18n/message";

export const MAX_SLOTS = 6;
export const SLOT_NUMBERS = Array.from({ length: MAX_SLOTS }, (_, i) => i + 1);
export const MAX_REPEATS = 12;

export const REUNION_FORMATS = ["classic", "open_space"] as const;
export const SLOT_ANSWERS = ["yes", "if_need_be", "no"] as const;
export const RSVP_ANSWERS = ["going", "maybe", "not_going"] as const;

export const WHO_MAY_ORGANISE = "reunions:errors.whoMayOrganise";

const optionalText = (max: number, message: string) =>
  z.string().trim().max(max, message).optional().default("");

/** An optional whole number; "" means none. */
const optionalCount = (message: string) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : null))
    .pipe(
      z.coerce
        .number({ invalid_type_error: message })
        .int(message)
        .min(1, message)
        .max(100_000, message)
        .nullable()
    );

export const onlineUrlField = z
  .string()
  .trim()
  .max(500, message("reunions:errors.linkTooLong", { max: 500 }))
  .optional()
  .transform((v) => (v ? v : null))
  .refine(
    (v) => v === null || isHttpUrl(v),
    "reunions:errors.link"
  );

export function isHttpUrl(value: string) {
  try {
    const url = new URL(value);
    return (
      (url.protocol === "https:" || url.protocol === "http:") && !!url.hostname
    );
  } catch {
    return false;
  }
}

export const reunionTimeZoneField = z
  .string({ required_error: "reunions:errors.timeZone" })
  .trim()
  .refine(
    isKnownTimeZone,
    "reunions:errors.timeZoneUnknown"
  );

export const capacityField = optionalCount(
  "reunions:errors.capacity"
);

const placeFields = {
  location: optionalText(300, message("reunions:errors.placeTooLong", { max: 300 })),
  onlineUrl: onlineUrlField,
  capacity: capacityField,
};

const slotFields = Object.fromEntries(
  SLOT_NUMBERS.flatMap((n) =>
    [`slot${n}Date`, `slot${n}Start`, `slot${n}End`, `slot${n}Zone`].map(
      (k) => [k, z.string().trim().optional().default("")]
    )
  )
) as Record<
  `slot${number}${"Date" | "Start" | "End" | "Zone"}`,
  z.ZodDefault<z.ZodOptional<z.ZodString>>
>;

export const createReunionSchema = z
  .object({
    title: z
      .string({ required_error: "reunions:errors.title" })
      .trim()
      .min(1, "reunions:errors.title")
      .max(160, message("reunions:errors.titleTooLong", { max: 160 })),
    description: optionalText(4000, message("reunions:errors.descriptionTooLong", { max: 4000 })),
    format: z.enum(REUNION_FORMATS, {
      errorMap: () => ({
        message: "reunions:errors.format",
      }),
    }),
    ...placeFields,
    timeZone: reunionTimeZoneField,
    groupIds: listOf(z.string().uuid("reunions:errors.groups")),
    wholeOrganisation: z
      .string()
      .optional()
      .transform((v) => v === "on"),
    inviteEmails: optionalText(5000, message("reunions:errors.emailsTooLong", { max: 5000 })),
    schedule: z.enum(["poll", "fixed"], {
      errorMap: () => ({
        message: "reunions:errors.schedule",
      }),
    }),
    ...slotFields,
    deadline: z.string().trim().optional().default(""),
    date: z.string().trim().optional().default(""),
    startTime: z.string().trim().optional().default(""),
    endTime: z.string().trim().optional().default(""),
    repeatEveryMonths: optionalCount("reunions:errors.repeatEvery"),
    repeatCount: optionalCount(message("reunions:errors.repeatCount", { max: MAX_REPEATS })),
  })
  .superRefine((v, ctx) => {
    if (!v.location && !v.onlineUrl)
      ctx.addIssue({
        code: "custom",
        path: ["location"],
        message: "reunions:errors.where",
      });
    if ((v.repeatEveryMonths === null) !== (v.repeatCount === null))
      ctx.addIssue({
        code: "custom",
        path: [
          v.repeatEveryMonths === null ? "repeatEveryMonths" : "repeatCount",
        ],
        message: "reunions:errors.repeatBoth",
      });
    if (
      v.repeatCount !== null &&
      (v.repeatCount < 2 || v.repeatCount > MAX_REPEATS)
    )
      ctx.addIssue({
        code: "custom",
        path: ["repeatCount"],
        message: message("reunions:errors.repeatRange", { max: MAX_REPEATS }),
      });
    if (v.repeatEveryMonths !== null && v.repeatEveryMonths > 24)
      ctx.addIssue({
        code: "custom",
        path: ["repeatEveryMonths"],
        message: message("reunions:errors.repeatEveryMax", { max: 24 }),
      });
    if (v.repeatCount !== null && v.schedule === "poll")
      ctx.addIssue({
        code: "custom",
        path: ["repeatCount"],
        message: "reunions:errors.repeatNeedsDate",
      });
  });

export type CreateReunionInput = z.output<typeof createReunionSchema>;

/** The organiser's changes to one reunion (of a series: this one only). */
export const changeReunionSchema = z
  .object({
    intent: z.literal("change"),
    ...placeFields,
    date: z.string().trim().optional().default(""),
    startTime: z.string().trim().optional().default(""),
    endTime: z.string().trim().optional().default(""),
  })
  .superRefine((v, ctx) => {
    if (!v.location && !v.onlineUrl)
      ctx.addIssue({
        code: "custom",
        path: ["location"],
        message: "reunions:errors.where",
      });
  });
export type ChangeReunionInput = z.output<typeof changeReunionSchema>;

/** Of a series: this occurrence only, or this one and the rest of the series. */
export const CANCEL_SCOPES = ["one", "rest"] as const;
export type CancelScope = (typeof CANCEL_SCOPES)[number];

export const cancelReunionSchema = z.object({
  intent: z.literal("cancel"),
  reason: optionalText(500, message("reunions:errors.reasonTooLong", { max: 500 })),
  scope: z
    .enum(CANCEL_SCOPES, {
      errorMap: () => ({ message: "reunions:errors.cancelScope" }),
    })
    .optional()
    .default("one"),
});

export const rsvpSchema = z.object({
  intent: z.literal("rsvp"),
  answer: z.enum(RSVP_ANSWERS, {
    errorMap: () => ({ message: "reunions:errors.rsvp" }),
  }),
});

export const finaliseSchema = z.object({
  intent: z.literal("finalise"),
  slotId: z
    .string({ required_error: "reunions:errors.slot" })
    .uuid("reunions:errors.slotOffered"),
});

/** Votes arrive as `vote-<slotId>` = yes / if_need_be / no. */
export const voteSchema = z
  .object({ intent: z.literal("vote") })
  .passthrough()
  .transform((v, ctx) => {
    const answers: Record<string, (typeof SLOT_ANSWERS)[number]> = {};
    for (const [key, value] of Object.entries(v)) {
      if (!key.startsWith("vote-")) continue;
      if (
        typeof value !== "string" ||
        !(SLOT_ANSWERS as readonly string[]).includes(value)
      ) {
        ctx.addIssue({
          code: "custom",
          path: ["form"],
          message: "reunions:errors.voteAnswer",
        });
        return z.NEVER;
      }
      answers[key.slice("vote-".length)] =
        value as (typeof SLOT_ANSWERS)[number];
    }
    if (Object.keys(answers).length === 0) {
      ctx.addIssue({
        code: "custom",
        path: ["form"],
        message: "reunions:errors.voteNone",
      });
      return z.NEVER;
    }
    return answers;
  });

export const checkInSchema = z.object({
  intent: z.enum(["check-in", "undo-check-in"]),
  userId: z.string().uuid("reunions:errors.person"),
});
