// What an admin chooses before forming a cohort's groups, in plain words:
// how strongly to mix each attribute, and which hard rules apply. Saved on
// the cohort (cohorts.formation_settings) so the set-up is never lost; read
// back through `readSettings`, which falls back to the defaults for anything
// missing or out of date.
import { z } from "zod";
import { message } from "../i18n/message";

export const MIX_LEVELS = ["off", "a_little", "strongly"] as const;
export type MixLevel = (typeof MIX_LEVELS)[number];

/** Catalogue keys of the levels' names. */
export const MIX_LABELS: Record<MixLevel, string> = { off: "cohorts:setup.mix.off", a_little: "cohorts:setup.mix.aLittle", strongly: "cohorts:setup.mix.strongly" };

/** The weight of each level in the objective; "strongly" counts three times "a little". */
export const MIX_WEIGHTS: Record<MixLevel, number> = { off: 0, a_little: 1, strongly: 3 };

/** A wish to meet someone counts like one "a little"; a soft "rather not" takes that much away. */
export const PREFERENCE_WEIGHT = 1;

export const MAX_SECONDS = 60;

export type FormationSettings = {
  groupSizeMin: number;
  groupSizeMax: number;
  mix: { department: MixLevel; site: MixLevel; newTies: MixLevel };
  /** A manager and their direct report never share a group. */
  managerApart: boolean;
  /** At most this many people of one department in a group; null for no cap. */
  maxPerDepartment: number | null;
  /** People share a group only if their time zones fall in the same meeting band. */
  sameTimeBand: boolean;
  /** Turn people's "rather not" wishes into a hard rule. */
  ratherNotIsHard: boolean;
  /** Pairs of people (user ids) the admin keeps together, or apart. */
  keepTogether: [string, string][];
  keepApart: [string, string][];
  /** The engine's time budget. */
  seconds: number;
};

export function defaultSettings(cohort: { groupSizeMin: number; groupSizeMax: number }): FormationSettings {
  return {
    groupSizeMin: cohort.groupSizeMin,
    groupSizeMax: cohort.groupSizeMax,
    mix: { department: "strongly", site: "a_little", newTies: "strongly" },
    managerApart: true,
    maxPerDepartment: 2,
    sameTimeBand: true,
    ratherNotIsHard: false,
    keepTogether: [],
    keepApart: [],
    seconds: 10,
  };
}

const pair = z.tuple([z.string().uuid(), z.string().uuid()]);
const stored = z.object({
  groupSizeMin: z.number().int().min(2).max(50),
  groupSizeMax: z.number().int().min(2).max(50),
  mix: z.object({ department: z.enum(MIX_LEVELS), site: z.enum(MIX_LEVELS), newTies: z.enum(MIX_LEVELS) }),
  managerApart: z.boolean(),
  maxPerDepartment: z.number().int().min(1).max(50).nullable(),
  sameTimeBand: z.boolean(),
  ratherNotIsHard: z.boolean(),
  keepTogether: z.array(pair).max(500),
  keepApart: z.array(pair).max(500),
  seconds: z.number().int().min(1).max(MAX_SECONDS),
});

/** The saved set-up, or the defaults where it is missing or no longer valid. */
export function readSettings(saved: unknown, cohort: { groupSizeMin: number; groupSizeMax: number }): FormationSettings {
  const defaults = defaultSettings(cohort);
  if (saved === null || typeof saved !== "object") return defaults;
  const parsed = stored.partial().safeParse(saved);
  if (!parsed.success) return defaults;
  return { ...defaults, ...parsed.data, mix: { ...defaults.mix, ...parsed.data.mix } };
}

export const storedSettingsSchema = stored;

/**
 * How many groups of min..max members n people make: as many as keeps every
 * group near the middle of the range, or null when no split exists.
 */
export function groupCountFor(n: number, min: number, max: number): number | null {
  if (n <= 0 || min > max) return null;
  const fewest = Math.ceil(n / max);
  const most = Math.floor(n / min);
  if (fewest > most) return null;
  const aim = Math.round(n / ((min + max) / 2));
  return Math.min(most, Math.max(fewest, aim));
}

/** Why n people cannot be split into groups of min..max, as a message (message.ts); null when they can. */
export function sizeProblem(n: number, min: number, max: number): string | null {
  if (min > max) return message("cohorts:setup.errors.minAboveMax", { min, max });
  if (n === 0) return "cohorts:setup.errors.nobodyEnrolled";
  if (groupCountFor(n, min, max) !== null) return null;
  const fewest = Math.ceil(n / max);
  if (n < min) return message("cohorts:setup.errors.fewerThanSmallest", { count: n, min });
  return message("cohorts:setup.errors.cannotSplit", { people: n, min, max, fewer: fewest - 1, fewerHold: (fewest - 1) * max, fewest, fewestNeed: fewest * min });
}

/** The groups' sizes: as even as possible (they differ by at most one). */
export function groupSizes(n: number, count: number): number[] {
  const base = Math.floor(n / count);
  return Array.from({ length: count }, (_, g) => base + (g < n % count ? 1 : 0));
}
