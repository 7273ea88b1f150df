// The self-assessment form: which cycle and moment, and all ten statements
// answered 1–5. Each missing answer is named, so the person finds it.
import { z } from "zod";
import { ARC_STATEMENTS } from "./arc-self-assessment";
import { message } from "../i18n/message";
import { DIAGNOSTIC_MOMENTS } from "./diagnostic-moments";

const score = (n: number) => {
  const outOfRange = message("programme:diagnostics.errors.outOfRange", { number: n });
  return z.coerce.number({ invalid_type_error: outOfRange }).int(outOfRange).min(1, outOfRange).max(5, outOfRange);
};

const required = (n: number) =>
  z.preprocess((v) => (v === "" || v === undefined ? undefined : v), z.unknown().refine((v) => v !== undefined, message("programme:diagnostics.errors.unanswered", { number: n })).pipe(score(n)));

const WHICH = "programme:diagnostics.errors.which";

export const diagnosticAnswerSchema = z
  .object({
    cycleId: z.string({ required_error: WHICH }).min(1, WHICH),
    moment: z.enum(DIAGNOSTIC_MOMENTS, { errorMap: () => ({ message: WHICH }) }),
    ...Object.fromEntries(ARC_STATEMENTS.map((s, i) => [s.id, required(i + 1)])),
  })
  .transform(({ cycleId, moment, ...rest }) => ({
    cycleId,
    moment,
    answers: Object.fromEntries(ARC_STATEMENTS.map((s) => [s.id, (rest as Record<string, number>)[s.id]!])),
  }));
