// The formation pages' forms: the set-up, a pair rule, a proposal's
// adjustments. Not a .server file: the plan page's drag and drop posts the
// same fields from the browser.
import { z } from "zod";
import { message } from "../../i18n/message";
import { MAX_SECONDS, MIX_LEVELS } from "../../formation/formation-settings";
import { checkbox } from "../../../forms/field-schemas";

// Messages are catalogue keys (cohorts.json, setup.errors.<field>), translated where shown.
const whole = (field: string, min: number, max: number) =>
  z.coerce
    .number({ invalid_type_error: `cohorts:setup.errors.${field}.number` })
    .int(`cohorts:setup.errors.${field}.whole`)
    .min(min, message(`cohorts:setup.errors.${field}.range`, { min, max }))
    .max(max, message(`cohorts:setup.errors.${field}.range`, { min, max }));

const mix = z.enum(MIX_LEVELS, { errorMap: () => ({ message: "cohorts:setup.errors.mix" }) });

export const setupSchema = z
  .object({
    intent: z.enum(["setup", "propose"]),
    groupSizeMin: whole("groupSizeMin", 2, 50),
    groupSizeMax: whole("groupSizeMax", 2, 50),
    mixDepartment: mix,
    mixSite: mix,
    mixNewTies: mix,
    managerApart: checkbox,
    maxPerDepartment: z
      .string()
      .trim()
      .optional()
      .transform((v) => (v ? v : null))
      .pipe(whole("maxPerDepartment", 1, 50).nullable()),
    sameTimeBand: checkbox,
    ratherNotIsHard: checkbox,
    seconds: whole("seconds", 1, MAX_SECONDS),
  })
  .superRefine((v, ctx) => {
    if (v.groupSizeMin > v.groupSizeMax) ctx.addIssue({ code: "custom", path: ["groupSizeMax"], message: "cohorts:setup.errors.maxBelowMin" });
  });

const person = (field: "first" | "second") =>
  z.string({ required_error: `cohorts:setup.errors.${field}Person.missing` }).uuid(`cohorts:setup.errors.${field}Person.fromList`);

export const pairSchema = z.object({
  intent: z.enum(["add-pair", "remove-pair"]),
  rule: z.enum(["together", "apart"], { errorMap: () => ({ message: "cohorts:setup.errors.pairRule" }) }),
  a: person("first"),
  b: person("second"),
});

const userId = z.string({ required_error: "cohorts:plan.errors.person" }).uuid("cohorts:plan.errors.personFromProposal");

export const planEditSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("move"), userId, toGroup: z.coerce.number({ invalid_type_error: "cohorts:plan.errors.group" }).int("cohorts:plan.errors.group") }),
    z.object({ intent: z.literal("swap"), userId, otherId: userId }),
    z.object({ intent: z.literal("pin"), userId, pinned: checkbox }),
    z.object({ intent: z.literal("rerun") }),
    z.object({ intent: z.literal("cancel") }),
    z.object({ intent: z.literal("publish") }),
  ],
  { errorMap: () => ({ message: "cohorts:errors.unknownIntent" }) },
);
