// The forms of a cycle meeting and its one-minute evaluation. Not a .server
// file: the routes build these schemas in the browser bundle too.
import { z } from "zod";
import { listOf } from "../../../forms/field-schemas";
import { message } from "../../i18n/message";

export const ATTENDANCE_STATUSES = ["present", "excused", "absent"] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];

/** A member may check in from this long before the start until the end. */
export const CHECK_IN_OPENS_MINUTES = 15;
export const MAX_RECAP_LENGTH = 2000;
export const MAX_COMMENT_LENGTH = 1000;

const id = (message: string) => z.string({ required_error: message }).uuid(message);
const score = (message: string) => z.coerce.number({ invalid_type_error: message, required_error: message }).int(message).min(1, message).max(5, message);
const scoreField = (message: string) => z.preprocess((v) => (v === "" ? undefined : v), score(message));

export const voteSchema = z.object({ moduleId: id("programme:meeting.errors.chooseModule") });
export const confirmModuleSchema = z.object({ moduleId: id("programme:meeting.errors.chooseConfirmModule") });
export const handOverSchema = z.object({
  hostId: z
    .string({ required_error: "programme:meeting.errors.chooseHost" })
    .min(1, "programme:meeting.errors.chooseHost")
    .uuid("programme:meeting.errors.hostFromList"),
});
export const hostRatingSchema = z.object({ hostRating: scoreField("programme:meeting.errors.rating") });
export const recapSchema = z.object({
  recap: z
    .string({ required_error: "programme:meeting.errors.recapEmpty" })
    .trim()
    .min(1, "programme:meeting.errors.recapEmpty")
    .max(MAX_RECAP_LENGTH, message("programme:meeting.errors.recapTooLong", { max: MAX_RECAP_LENGTH })),
});

/** Attendance posted as one select per member: `status.<userId>` = present | excused | absent | "" (not recorded). */
export function attendanceFromForm(raw: Record<string, unknown>) {
  const entries: { userId: string; status: AttendanceStatus }[] = [];
  const errors: Record<string, string> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (!key.startsWith("status.")) continue;
    const userId = key.slice("status.".length);
    if (value === "" || value === undefined) continue;
    if (!z.string().uuid().safeParse(userId).success || !ATTENDANCE_STATUSES.includes(value as AttendanceStatus)) {
      errors[key] = "programme:meeting.errors.attendanceStatus";
      continue;
    }
    entries.push({ userId, status: value as AttendanceStatus });
  }
  return { entries, errors };
}

export const attendanceSchema = z
  .record(z.unknown())
  .transform((raw, ctx) => {
    const { entries, errors } = attendanceFromForm(raw);
    for (const [path, message] of Object.entries(errors)) ctx.addIssue({ code: "custom", path: [path], message });
    if (!entries.length && !Object.keys(errors).length) ctx.addIssue({ code: "custom", path: ["form"], message: "programme:meeting.errors.attendanceNone" });
    return entries;
  });

/** Session mode's "who is here": the ticked members are present. */
export const whoIsHereSchema = z.object({ present: listOf(z.string().uuid("programme:meeting.errors.tickMembers")) });

export const evaluationSchema = z.object({
  usefulness: scoreField("programme:evaluate.errors.usefulness"),
  safety: scoreField("programme:evaluate.errors.safety"),
  willTry: z.enum(["yes", "not_yet"], { errorMap: () => ({ message: "programme:evaluate.errors.willTry" }) }),
  comment: z
    .string()
    .optional()
    .transform((v) => (v ?? "").trim())
    .pipe(z.string().max(MAX_COMMENT_LENGTH, message("programme:evaluate.errors.commentTooLong", { max: MAX_COMMENT_LENGTH }))),
});
export type EvaluationInput = z.output<typeof evaluationSchema>;

export const SCORE_OPTIONS = [1, 2, 3, 4, 5].map((n) => ({ value: String(n), label: String(n) }));
