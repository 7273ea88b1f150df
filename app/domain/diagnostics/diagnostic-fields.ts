// The self-assessment form: which cycle and moment, and all ten statements
// answered 1–5. Each missing answer is named, so the person finds it.
import { z } from "zod";
import { ARC_STATEMENTS } from "./arc-self-assessment";
import { DIAGNOSTIC_MOMENTS } from "./diagnostic-moments";

const score = (n: number) =>
  z.coerce
    .number({ invalid_type_error: `Choose a number from 1 to 5 for statement ${n}.` })
    .int(`Choose a number from 1 to 5 for statement ${n}.`)
    .min(1, `Choose a number from 1 to 5 for statement ${n}.`)
    .max(5, `Choose a number from 1 to 5 for statement ${n}.`);

const required = (n: number) =>
  z.preprocess((v) => (v === "" || v === undefined ? undefined : v), z.unknown().refine((v) => v !== undefined, `Answer statement ${n}: all ten are needed.`).pipe(score(n)));

export const diagnosticAnswerSchema = z
  .object({
    cycleId: z.string({ required_error: "Choose which self-assessment you are answering." }).min(1, "Choose which self-assessment you are answering."),
    moment: z.enum(DIAGNOSTIC_MOMENTS, { errorMap: () => ({ message: "Choose which self-assessment you are answering." }) }),
    ...Object.fromEntries(ARC_STATEMENTS.map((s, i) => [s.id, required(i + 1)])),
  })
  .transform(({ cycleId, moment, ...rest }) => ({
    cycleId,
    moment,
    answers: Object.fromEntries(ARC_STATEMENTS.map((s) => [s.id, (rest as Record<string, number>)[s.id]!])),
  }));
