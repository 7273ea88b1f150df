// Revision numbers as typed in an address or the compare form, shared by the
// pages (which build their schemas when they load, in the browser too) and the server.
import { z } from "zod";

/** A revision number as typed in a URL or form: 1, 2, 3… */
export const revisionNumberField = (what: string) =>
  z
    .string({ required_error: `Choose the ${what} revision.`, invalid_type_error: `Choose one ${what} revision.` })
    .trim()
    .min(1, `Choose the ${what} revision.`)
    .regex(/^[0-9]{1,6}$/, `The ${what} revision should be a number such as 1, 2 or 3.`)
    .transform(Number)
    .refine((n) => n >= 1, `Revisions are numbered from 1, so the ${what} revision cannot be 0.`);
