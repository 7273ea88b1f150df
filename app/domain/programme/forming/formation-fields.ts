// The formation pages' forms: the set-up, a pair rule, a proposal's
// adjustments. Not a .server file: the plan page's drag and drop posts the
// same fields from the browser.
import { z } from "zod";
import { MAX_SECONDS, MIX_LEVELS } from "../../formation/formation-settings";
import { checkbox } from "../../../forms/field-schemas";

const whole = (label: string, min: number, max: number) =>
  z.coerce
    .number({ invalid_type_error: `Enter ${label} as a number.` })
    .int(`Enter ${label} as a whole number.`)
    .min(min, `Enter ${label} from ${min} to ${max}.`)
    .max(max, `Enter ${label} from ${min} to ${max}.`);

const mix = z.enum(MIX_LEVELS, { errorMap: () => ({ message: "Choose how strongly to mix." }) });

export const setupSchema = z
  .object({
    intent: z.enum(["setup", "propose"]),
    groupSizeMin: whole("the smallest group", 2, 50),
    groupSizeMax: whole("the largest group", 2, 50),
    mixDepartment: mix,
    mixSite: mix,
    mixNewTies: mix,
    managerApart: checkbox,
    maxPerDepartment: z
      .string()
      .trim()
      .optional()
      .transform((v) => (v ? v : null))
      .pipe(whole("the most people from one department", 1, 50).nullable()),
    sameTimeBand: checkbox,
    ratherNotIsHard: checkbox,
    seconds: whole("the seconds to search", 1, MAX_SECONDS),
  })
  .superRefine((v, ctx) => {
    if (v.groupSizeMin > v.groupSizeMax) ctx.addIssue({ code: "custom", path: ["groupSizeMax"], message: "The largest group cannot be smaller than the smallest." });
  });

const person = (field: string) => z.string({ required_error: `Choose the ${field} person.` }).uuid(`Choose the ${field} person from the list.`);

export const pairSchema = z.object({
  intent: z.enum(["add-pair", "remove-pair"]),
  rule: z.enum(["together", "apart"], { errorMap: () => ({ message: "Choose whether to keep them together or apart." }) }),
  a: person("first"),
  b: person("second"),
});

const userId = z.string({ required_error: "Choose a person." }).uuid("Choose a person from the proposal.");

export const planEditSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("move"), userId, toGroup: z.coerce.number({ invalid_type_error: "Choose a group." }).int("Choose a group.") }),
    z.object({ intent: z.literal("swap"), userId, otherId: userId }),
    z.object({ intent: z.literal("pin"), userId, pinned: checkbox }),
    z.object({ intent: z.literal("rerun") }),
    z.object({ intent: z.literal("cancel") }),
    z.object({ intent: z.literal("publish") }),
  ],
  { errorMap: () => ({ message: "Choose what to do from the page." }) },
);
