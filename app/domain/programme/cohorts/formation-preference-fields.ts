// The preferences form's shape, shared by the route (parsing) and the domain
// (the rules: at most MAX_CHOICES, colleagues of the cohort, no one twice).
// Not a .server file: the route builds it in the browser bundle too.
import { z } from "zod";
import { listOf } from "../../../forms/field-schemas";

export const MAX_CHOICES = 3;

// Each list is MAX_CHOICES selects; the ones left at "No one" send "".
const colleagues = listOf(z.string())
  .transform((ids) => ids.filter(Boolean))
  .pipe(z.array(z.string().uuid("programme:preferences.errors.fromList").toLowerCase()));

export const preferenceChoicesSchema = z.object({ want: colleagues, ratherNot: colleagues });
export type PreferenceChoices = z.output<typeof preferenceChoicesSchema>;
