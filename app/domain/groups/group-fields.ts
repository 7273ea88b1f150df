// What a peer group's founder and conveners set, in the words of the forms,
// and the limits the forms check. Shared by the routes (also in the browser
// bundle) and the use-cases.
import { z } from "zod";
import { message } from "../i18n/message";

export const MAX_GROUP_NAME_LENGTH = 80;
export const MAX_GROUP_FIELD_LENGTH = 80;
export const MAX_CHARTER_LENGTH = 2000;
export const MIN_SIZE_CAP = 2;
export const MAX_SIZE_CAP = 500;
export const DEFAULT_SIZE_CAP = 12;
export const MAX_VOTE_WINDOW_HOURS = 30 * 24;
export const DEFAULT_VOTE_WINDOW_HOURS = 72;
export const MAX_DECLINE_REASON_LENGTH = 1000;
export const DIRECTORY_LIMIT = 100;

export const JOIN_POLICIES = ["open", "request", "invite"] as const;
export type JoinPolicy = (typeof JOIN_POLICIES)[number];

export const JOIN_DECISIONS = ["conveners", "vote"] as const;
export type JoinDecision = (typeof JOIN_DECISIONS)[number];

export const WINDOW_UNITS = ["hours", "days"] as const;

/** The roles a person has in a group; pages name them with groups:roles.* and people:card.groupRoles.*. */
export const GROUP_ROLES = ["convener", "member", "mentor", "facilitator"] as const;

// A catalogue key: the 403 page translates it.
export const WHO_MAY_FOUND = "groups:found.whoMay";

/** One line of text: trimmed, inner whitespace collapsed. */
const line = (max: number, missing: string, tooLong: string) =>
  z
    .string()
    .default("")
    .transform((v) => v.trim().replace(/\s+/g, " "))
    .pipe(z.string().min(1, missing).max(max, tooLong));

/** A whole number typed in a form; "" is null. */
const wholeNumber = (message: string) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : null))
    .pipe(z.string().regex(/^\d{1,6}$/, message).transform(Number).nullable());

/** The decision window in hours, or null when it is missing or out of bounds. */
function windowHours({ voteWindow, voteWindowUnit }: { voteWindow: number | null; voteWindowUnit: (typeof WINDOW_UNITS)[number] }) {
  const hours = voteWindow === null ? null : voteWindowUnit === "days" ? voteWindow * 24 : voteWindow;
  return hours !== null && hours >= 1 && hours <= MAX_VOTE_WINDOW_HOURS ? hours : null;
}

const sizeCapMessage = message("groups:settings.errors.sizeCap", { min: MIN_SIZE_CAP, max: MAX_SIZE_CAP });

/** The settings a founder chooses and conveners change later. */
export const groupSettingsSchema = z
  .object({
    name: line(MAX_GROUP_NAME_LENGTH, "groups:settings.errors.name", message("groups:settings.errors.nameTooLong", { max: MAX_GROUP_NAME_LENGTH })),
    field: line(MAX_GROUP_FIELD_LENGTH, "groups:settings.errors.field", message("groups:settings.errors.fieldTooLong", { max: MAX_GROUP_FIELD_LENGTH })),
    charter: z
      .string()
      .default("")
      .transform((v) => v.trim())
      .pipe(z.string().min(1, "groups:settings.errors.charter").max(MAX_CHARTER_LENGTH, message("groups:settings.errors.charterTooLong", { max: MAX_CHARTER_LENGTH.toLocaleString("en-GB") }))),
    joinPolicy: z.enum(JOIN_POLICIES, { errorMap: () => ({ message: "groups:settings.errors.joinPolicy" }) }),
    joinDecision: z.enum(JOIN_DECISIONS, { errorMap: () => ({ message: "groups:settings.errors.joinDecision" }) }).default("conveners"),
    voteQuorum: wholeNumber("groups:settings.errors.quorumNumber"),
    voteWindow: wholeNumber("groups:settings.errors.windowNumber"),
    voteWindowUnit: z.enum(WINDOW_UNITS, { errorMap: () => ({ message: "groups:settings.errors.windowUnit" }) }).default("days"),
    crossOrg: z
      .string()
      .optional()
      .transform((v) => v === "on" || v === "true"),
    sizeCap: wholeNumber(sizeCapMessage).refine((v): v is number => v !== null && v >= MIN_SIZE_CAP && v <= MAX_SIZE_CAP, sizeCapMessage),
  })
  .superRefine((v, ctx) => {
    if (v.joinDecision !== "vote") return;
    const issue = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
    if (v.voteQuorum === null || v.voteQuorum < 1) issue("voteQuorum", "groups:settings.errors.quorumMissing");
    else if (v.voteQuorum > v.sizeCap) issue("voteQuorum", message("groups:settings.errors.quorumAboveCap", { cap: v.sizeCap }));
    if (windowHours(v) === null) issue("voteWindow", "groups:settings.errors.window");
  })
  .transform(({ voteWindow, voteWindowUnit, voteQuorum, ...v }) => ({
    ...v,
    // Only used when members vote; a window left blank keeps the default.
    voteQuorum: v.joinDecision === "vote" ? voteQuorum : null,
    voteWindowHours: windowHours({ voteWindow, voteWindowUnit }) ?? DEFAULT_VOTE_WINDOW_HOURS,
  }));

export type GroupSettingsInput = z.output<typeof groupSettingsSchema>;

/** The decision window in the unit a person would type it in. */
export function windowForForm(hours: number): { voteWindow: string; voteWindowUnit: (typeof WINDOW_UNITS)[number] } {
  return hours % 24 === 0 ? { voteWindow: String(hours / 24), voteWindowUnit: "days" } : { voteWindow: String(hours), voteWindowUnit: "hours" };
}

/** "gathering interest: 3 of 4 people, 1 of 2 departments", for whatever the organisation requires. */
export function gatheringProgress(g: { interestedPeople: number; interestedDepartments: number; minPeople: number | null; minDepartments: number | null }) {
  // One sentence per combination of thresholds (groups.json, gathering), so each language orders it its own way.
  const key = `groups:gathering.${g.minPeople ? "ofMinPeople" : "people"}${g.minDepartments ? "AndDepartments" : ""}`;
  return message(key, { count: g.interestedPeople, min: g.minPeople ?? 0, departments: g.interestedDepartments, minDepartments: g.minDepartments ?? 0 });
}
