// zod pieces for form fields, shared by routes. Not a .server file: route
// modules build their schemas at load time in the browser bundle too.
import { z } from "zod";

/** A field that may be sent several times (checkboxes): always an array. */
export function listOf<T extends z.ZodTypeAny>(item: T) {
  return z.preprocess((v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v]), z.array(item));
}

/** An optional <select> of ids: "" means none. */
export const optionalId = z
  .string()
  .optional()
  .transform((v) => (v ? v : null))
  .pipe(z.string().uuid("validation:option.unknown").nullable());

/** A checkbox: "on" when ticked, absent when not. */
export const checkbox = z
  .literal("on", { errorMap: () => ({ message: "validation:checkbox.invalid" }) })
  .optional()
  .transform((v) => v === "on");
