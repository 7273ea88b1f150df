// The cohort form's rules, shared by the route (parsing) and the domain
// (creating): the defaults of decision 024 and the ranges that keep a cohort
// runnable. Not a .server file: the route builds it in the browser bundle too.
import { z } from "zod";
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

const whole = (label: string, min: number, max: number) =>
  z.coerce
    .number({ invalid_type_error: `Enter ${label} as a number.` })
    .int(`Enter ${label} as a whole number.`)
    .min(min, `${label[0]!.toUpperCase()}${label.slice(1)} must be between ${min} and ${max}.`)
    .max(max, `${label[0]!.toUpperCase()}${label.slice(1)} must be between ${min} and ${max}.`);

export const cohortSettingsSchema = z
  .object({
    name: z.string({ required_error: "Give the cohort a name." }).trim().min(1, "Give the cohort a name.").max(120, "Keep the name under 120 characters."),
    meetingsPerCycle: whole("the meetings per cycle", 1, 24),
    intervalMonths: whole("the months between meetings", 1, 12),
    meetingMinutes: whole("the meeting length in minutes", 15, 480),
    groupSizeMin: whole("the smallest group size", 2, 50),
    groupSizeMax: whole("the largest group size", 2, 50),
    alumniThreshold: whole("the meetings that make an alumnus", 1, 24),
    handoverFromMeeting: whole("the meeting from which a member may host", 1, 24),
    timeZone: timeZoneField,
  })
  .superRefine((v, ctx) => {
    if (v.groupSizeMin > v.groupSizeMax)
      ctx.addIssue({ code: "custom", path: ["groupSizeMax"], message: "The largest group size cannot be below the smallest." });
    if (v.alumniThreshold > v.meetingsPerCycle)
      ctx.addIssue({ code: "custom", path: ["alumniThreshold"], message: `Nobody could become an alumnus: a cycle has only ${v.meetingsPerCycle} meetings.` });
    if (v.handoverFromMeeting > v.meetingsPerCycle)
      ctx.addIssue({ code: "custom", path: ["handoverFromMeeting"], message: `A cycle has only ${v.meetingsPerCycle} meetings; choose one of them.` });
  });

export type CohortSettings = z.output<typeof cohortSettingsSchema>;
