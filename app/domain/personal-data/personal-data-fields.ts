// zod for the forms about people's data (confirming a deletion, an
// organisation's cooling-off and retention periods) and the link's lifetime
// the pages state. Not a .server file: the
// routes build these schemas in the browser bundle too. Messages are
// catalogue keys (app/locales/<language>/privacy.json), one per field, so
// each language words the whole sentence.
import { z } from "zod";
import { message } from "../i18n/message";

/** How long an export's download link works. */
export const EXPORT_LINK_DAYS = 7;
export const MAX_RETENTION_DAYS = 3650;
export const MAX_COOLING_OFF_DAYS = 365;

export const confirmDeletion = z.object({
  confirm: z.literal("on", { errorMap: () => ({ message: "privacy:errors.confirmDeletion" }) }),
});

type DaysField = "coolingOff" | "privateNotes" | "evaluationComments" | "surveys";

const wholeDays = (field: DaysField, max: number) =>
  z
    .string()
    .trim()
    .regex(/^-?\d+$/, `privacy:errors.days.${field}.wholeNumber`)
    .transform(Number)
    .pipe(z.number().int().min(1, `privacy:errors.days.${field}.atLeastOne`).max(max, message(`privacy:errors.days.${field}.atMost`, { max })));

/** Empty keeps the rows until the person's account is deleted. */
const optionalDays = (field: DaysField) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : null))
    .pipe(wholeDays(field, MAX_RETENTION_DAYS).nullable());

export const dataSettingsSchema = z.object({
  deletionCoolingOffDays: z.string({ required_error: "privacy:errors.days.coolingOff.missing" }).pipe(wholeDays("coolingOff", MAX_COOLING_OFF_DAYS)),
  privateNotesRetentionDays: optionalDays("privateNotes"),
  evaluationCommentsRetentionDays: optionalDays("evaluationComments"),
  surveyRetentionDays: optionalDays("surveys"),
});
