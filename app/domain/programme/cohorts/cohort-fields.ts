// The cohort form's rules, shared by the route (parsing) and the domain
// (creating): the defaults of decision 024 and the ranges that keep a cohort
// runnable. Not a .server file: the route builds it in the browser bundle too.
import { z } from "zod";
import { message } from "../../i18n/message";
import { timeZoneField } from "../../accounts/account-fields";

export const COHORT_DEFAULTS = {
  meetingsPerCycle: 6,
  intervalMonths: 1,
  meetingMinutes: 90,
  groupSizeMin: 5,
  groupSizeMax: 8,
  alumniThreshold: 4,
  handoverFromMeeting: 4,
} as const;

// Messages are catalogue keys (cohorts.json, fields.errors.<field>), translated where shown.
const whole = (field: string, min: number, max: number) =>
  z.coerce
    .number({ invalid_type_error: `cohorts:fields.errors.${field}.number` })
    .int(`cohorts:fields.errors.${field}.whole`)
    .min(min, message(`cohorts:fields.errors.${field}.range`, { min, max }))
    .max(max, message(`cohorts:fields.errors.${field}.range`, { min, max }));

export const cohortSettingsSchema = z
  .object({
    name: z
      .string({ required_error: "cohorts:fields.errors.name.missing" })
      .trim()
      .min(1, "cohorts:fields.errors.name.missing")
      .max(120, message("cohorts:fields.errors.name.tooLong", { max: 120 })),
    meetingsPerCycle: whole("meetingsPerCycle", 1, 24),
    intervalMonths: whole("intervalMonths", 1, 12),
    meetingMinutes: whole("meetingMinutes", 15, 480),
    groupSizeMin: whole("groupSizeMin", 2, 50),
    groupSizeMax: whole("groupSizeMax", 2, 50),
    alumniThreshold: whole("alumniThreshold", 1, 24),
    handoverFromMeeting: whole("handoverFromMeeting", 1, 24),
    timeZone: timeZoneField,
  })
  .superRefine((v, ctx) => {
    if (v.groupSizeMin > v.groupSizeMax)
      ctx.addIssue({ code: "custom", path: ["groupSizeMax"], message: "cohorts:fields.errors.maxBelowMin" });
    if (v.alumniThreshold > v.meetingsPerCycle)
      ctx.addIssue({ code: "custom", path: ["alumniThreshold"], message: message("cohorts:fields.errors.alumniThresholdAboveMeetings", { count: v.meetingsPerCycle }) });
    if (v.handoverFromMeeting > v.meetingsPerCycle)
      ctx.addIssue({ code: "custom", path: ["handoverFromMeeting"], message: message("cohorts:fields.errors.handoverAboveMeetings", { count: v.meetingsPerCycle }) });
  });

export type CohortSettings = z.output<typeof cohortSettingsSchema>;
