// Revision numbers as typed in an address or the compare form, shared by the
// pages (which build their schemas when they load, in the browser too) and the server.
import { z } from "zod";

/** A revision number as typed in a URL or form: 1, 2, 3… The messages name the first or the second of a comparison. */
export const revisionNumberField = (what: string) => {
  const which = what === "second" ? "second" : "first";
  const key = (kind: string) => `modules:compare.errors.${which}.${kind}`;
  return z
    .string({ required_error: key("missing"), invalid_type_error: key("one") })
    .trim()
    .min(1, key("missing"))
    .regex(/^[0-9]{1,6}$/, key("number"))
    .transform(Number)
    .refine((n) => n >= 1, key("zero"));
};
