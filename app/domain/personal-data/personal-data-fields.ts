// zod for the forms about people's data (confirming a deletion, an
// organisation's cooling-off and retention periods) and the link's lifetime
// the pages state. Not a .server file: the
// routes build these schemas in the browser bundle too.
import { z } from "zod";

/** How long an export's download link works. */
export const EXPORT_LINK_DAYS = 7;
export const MAX_RETENTION_DAYS = 3650;
export const MAX_COOLING_OFF_DAYS = 365;

export const confirmDeletion = z.object({
  confirm: z.literal("on", { errorMap: () => ({ message: "Tick the box to confirm that the account should be deleted." }) }),
});

const wholeDays = (what: string, max: number) =>
  z
    .string()
    .trim()
    .regex(/^-?\d+$/, `Enter ${what} as a whole number of days, such as 30.`)
    .transform(Number)
    .pipe(z.number().int().min(1, `${what[0]!.toUpperCase()}${what.slice(1)} must be at least 1 day.`).max(max, `${what[0]!.toUpperCase()}${what.slice(1)} can be at most ${max} days.`));

/** Empty keeps the rows until the person's account is deleted. */
const optionalDays = (what: string) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : null))
    .pipe(wholeDays(what, MAX_RETENTION_DAYS).nullable());

export const dataSettingsSchema = z.object({
  deletionCoolingOffDays: z.string({ required_error: "Enter the cooling-off period in days." }).pipe(wholeDays("the cooling-off period", MAX_COOLING_OFF_DAYS)),
  privateNotesRetentionDays: optionalDays("how long private notes are kept"),
  evaluationCommentsRetentionDays: optionalDays("how long evaluation comments are kept"),
  surveyRetentionDays: optionalDays("how long survey rows are kept"),
});
