// A cohort's formation as the engine's problem: people with their attributes,
// the admin's set-up (formation-settings.ts) turned into weights and hard
// rules, earlier pairs and people's wishes. Pure, so the server builds the
// run from it and the browser recomputes scores from the same problem while
// the admin adjusts a plan.
import { nestedMessage as say } from "../i18n/nested-message";
import type { FormationProblem, GroupBounds, PersonAttributes } from "./problem";
import { MIX_WEIGHTS, type FormationSettings } from "./formation-settings";

export type CohortPerson = {
  id: string;
  name: string;
  department: string | null;
  site: string | null;
  managerId: string | null;
  timeZone: string | null;
};

export type Preference = { userId: string; targetId: string; kind: "want" | "rather_not" };

export type CohortFormationInput = {
  /** The people to place, in problem order. */
  people: readonly CohortPerson[];
  settings: FormationSettings;
  groupCount: number;
  /** Pairs of user ids who have shared a group before. */
  metBefore: ReadonlyArray<readonly [string, string]>;
  preferences: readonly Preference[];
  /** User id → group index the admin pinned. */
  pins: Readonly<Record<string, number>>;
  /** Late joiners: the size each existing group already has is its floor; group bounds come from here instead. */
  bounds?: readonly GroupBounds[];
  /** When the time zones' offsets are read (daylight saving moves them). */
  at: Date;
};

/** A wish to meet someone adds this to the pair; a soft "rather not" takes it away. */
export const WISH_WEIGHT = 2;

/** The meeting bands, named by their catalogue keys: they reach the engine's messages, which are translated where shown. */
export const BANDS = ["cohorts:bands.americas", "cohorts:bands.europeAfrica", "cohorts:bands.asiaPacific"] as const;

// Building a formatter costs far more than using one, and a cohort has few distinct zones.
const offsetFormats = new Map<string, Intl.DateTimeFormat | null>();
function offsetFormat(timeZone: string): Intl.DateTimeFormat | null {
  let format = offsetFormats.get(timeZone);
  if (format === undefined) {
    try {
      format = new Intl.DateTimeFormat("en-GB", { timeZone, timeZoneName: "longOffset" });
    } catch {
      format = null;
    }
    offsetFormats.set(timeZone, format);
  }
  return format;
}

/** The meeting band of a time zone: people share a group only within one band. Unknown or invalid zones have none. */
export function bandOf(timeZone: string | null, at: Date): string | null {
  if (!timeZone) return null;
  const offset = offsetFormat(timeZone)
    ?.formatToParts(at)
    .find((p) => p.type === "timeZoneName")?.value;
  const match = /GMT(?:([+-−])(\d{1,2})(?::(\d{2}))?)?/.exec(offset ?? "");
  if (!match) return null;
  const hours = match[1] ? (match[1] === "+" ? 1 : -1) * (Number(match[2]) + Number(match[3] ?? 0) / 60) : 0;
  if (hours < -2.5) return BANDS[0];
  if (hours <= 4.5) return BANDS[1];
  return BANDS[2];
}

/**
 * Group sizes. The objective counts pairs, so left free inside the admin's
 * range it would make some groups big and others small; sizes are kept as
 * even as possible (they differ by at most one). With several meeting bands
 * a band's people may not divide evenly, so each size may then move one
 * further, still inside the admin's range.
 */
export function evenBounds(n: number, groupCount: number, min: number, max: number, { bands = 1 } = {}): GroupBounds {
  const slack = bands > 1 ? 1 : 0;
  return { min: Math.max(min, Math.floor(n / groupCount) - slack), max: Math.min(max, Math.ceil(n / groupCount) + slack) };
}

/** bandOf for one moment, each zone worked out once. */
function bandsAt(at: Date): (timeZone: string | null) => string | null {
  const known = new Map<string | null, string | null>();
  return (timeZone) => {
    if (!known.has(timeZone)) known.set(timeZone, bandOf(timeZone, at));
    return known.get(timeZone)!;
  };
}

export type CohortProblem = { problem: FormationProblem; index: Map<string, number> };

export function buildCohortProblem(input: CohortFormationInput): CohortProblem {
  const { people, settings } = input;
  const n = people.length;
  const index = new Map(people.map((p, i) => [p.id, i]));
  const pairOf = (a: string, b: string): [number, number] | null => {
    const i = index.get(a);
    const j = index.get(b);
    return i === undefined || j === undefined || i === j ? null : [i, j];
  };
  const band = bandsAt(input.at);
  const attributes: PersonAttributes[] = people.map((p) => ({
    name: p.name,
    department: p.department,
    site: p.site,
    band: settings.sameTimeBand ? band(p.timeZone) : null,
  }));

  const never: [number, number][] = [];
  if (settings.managerApart) {
    for (const p of people) {
      const pair = p.managerId ? pairOf(p.id, p.managerId) : null;
      if (pair) never.push(pair);
    }
  }
  for (const [a, b] of settings.keepApart) {
    const pair = pairOf(a, b);
    if (pair) never.push(pair);
  }
  const adjust: [number, number, number][] = [];
  for (const wish of input.preferences) {
    const pair = pairOf(wish.userId, wish.targetId);
    if (!pair) continue;
    if (wish.kind === "want") adjust.push([...pair, WISH_WEIGHT]);
    else if (settings.ratherNotIsHard) never.push(pair);
    else adjust.push([...pair, -WISH_WEIGHT]);
  }
  const together = settings.keepTogether.map(([a, b]) => pairOf(a, b)).filter((p): p is [number, number] => p !== null);
  const metBefore = input.metBefore.map(([a, b]) => pairOf(a, b)).filter((p): p is [number, number] => p !== null);
  const pins = Object.entries(input.pins)
    .map(([id, g]) => [index.get(id), g] as const)
    .filter((p): p is readonly [number, number] => p[0] !== undefined);
  const bands = new Set(attributes.map((a) => a.band).filter(Boolean)).size;
  const bounds = input.bounds ?? Array.from({ length: input.groupCount }, () => evenBounds(n, input.groupCount, settings.groupSizeMin, settings.groupSizeMax, { bands }));

  return {
    index,
    problem: {
      n,
      groups: bounds,
      people: attributes,
      diversity: {
        kind: "attributes",
        weights: { department: MIX_WEIGHTS[settings.mix.department], site: MIX_WEIGHTS[settings.mix.site], notMetBefore: MIX_WEIGHTS[settings.mix.newTies] },
        metBefore,
        adjust,
      },
      rules: {
        neverTogether: never,
        alwaysTogether: together,
        maxPerDepartment: settings.maxPerDepartment ?? undefined,
        pins,
      },
    },
  };
}

/** `label` and `detail` are messages (i18n/nested-message.ts), translated where shown. */
export type RuleReach = { rule: string; label: string; people: number; detail?: string };

/** How many people each rule touches, shown before a run so the admin sees what they are asking. */
export function ruleReach(input: Omit<CohortFormationInput, "groupCount" | "metBefore">, preferencesOn: boolean): RuleReach[] {
  const { people, settings } = input;
  const ids = new Set(people.map((p) => p.id));
  const out: RuleReach[] = [];
  if (settings.managerApart) {
    const touched = new Set<string>();
    for (const p of people) if (p.managerId && ids.has(p.managerId)) touched.add(p.id).add(p.managerId);
    out.push({ rule: "managerApart", label: say("cohorts:reach.managerApart"), people: touched.size });
  }
  if (settings.maxPerDepartment !== null) {
    const byDept = new Map<string, number>();
    for (const p of people) if (p.department) byDept.set(p.department, (byDept.get(p.department) ?? 0) + 1);
    const over = [...byDept].filter(([, c]) => c > settings.maxPerDepartment!);
    out.push({
      rule: "maxPerDepartment",
      label: say("cohorts:reach.maxPerDepartment", { max: settings.maxPerDepartment }),
      people: over.reduce((s, [, c]) => s + c, 0),
      detail: over.length ? say("cohorts:reach.departmentsOver", { count: over.length, max: settings.maxPerDepartment }) : undefined,
    });
  }
  if (settings.sameTimeBand) {
    const byBand = new Map<string, number>();
    const bandAt = bandsAt(input.at);
    for (const p of people) {
      const band = bandAt(p.timeZone);
      if (band) byBand.set(band, (byBand.get(band) ?? 0) + 1);
    }
    const sorted = [...byBand].sort((a, b) => b[1] - a[1]);
    out.push({
      rule: "sameTimeBand",
      label: say("cohorts:reach.sameTimeBand"),
      people: sorted.slice(1).reduce((s, [, c]) => s + c, 0),
      detail: sorted.length > 1 ? say("cohorts:reach.bands", { bands: sorted.map(([band, c]) => say("cohorts:reach.band", { band, count: c })) }) : say("cohorts:reach.oneBand"),
    });
  }
  const inPairs = (pairs: [string, string][]) => new Set(pairs.flat().filter((id) => ids.has(id))).size;
  if (settings.keepTogether.length) out.push({ rule: "keepTogether", label: say("cohorts:reach.keepTogether"), people: inPairs(settings.keepTogether) });
  if (settings.keepApart.length) out.push({ rule: "keepApart", label: say("cohorts:reach.keepApart"), people: inPairs(settings.keepApart) });
  if (preferencesOn) {
    const wishes = input.preferences.filter((w) => ids.has(w.userId) && ids.has(w.targetId));
    const ratherNot = wishes.filter((w) => w.kind === "rather_not");
    out.push({
      rule: "ratherNot",
      label: say(settings.ratherNotIsHard ? "cohorts:reach.ratherNotHard" : "cohorts:reach.ratherNotSoft"),
      people: new Set(ratherNot.map((w) => w.userId)).size,
    });
    out.push({ rule: "wants", label: say("cohorts:reach.wants"), people: new Set(wishes.filter((w) => w.kind === "want").map((w) => w.userId)).size });
  }
  const pinned = Object.keys(input.pins).filter((id) => ids.has(id)).length;
  if (pinned) out.push({ rule: "pins", label: say("cohorts:reach.pins"), people: pinned });
  return out;
}
