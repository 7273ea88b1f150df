// Everything a formation run of one cohort needs, read in one pass: which
// kind of run the cohort is ready for, who is placed, into which groups, who
// met whom before, and people's wishes. The three kinds:
//   form          no group has met yet: everyone enrolled, into new groups
//                 (groups made by hand that never met are reused);
//   re_form       some groups finished (their vote did not carry): their
//                 people and anyone unplaced form new groups; groups that
//                 continue stay exactly as they are;
//   late_joiners  groups are meeting and none finished: the unplaced join
//                 existing groups and nobody else moves.
import { and, eq, inArray } from "drizzle-orm";
import type { Database } from "../../../../db/database";
import { cohorts, formationPlans, groupMembers, groups, organisations } from "../../../../db/schema";
import type { CohortPerson, Preference } from "../../formation/cohort-problem";
import { readSettings, type FormationSettings } from "../../formation/formation-settings";
import type { GroupBounds } from "../../formation/problem";
import { NotFoundError } from "../../http-errors";
import { canFormGroups, type Actor } from "../../policy";
import { isUuid } from "../../uuid";
import { readFormationPreferences } from "../cohorts/formation-preferences.server";
import { readFormation, type FormationState } from "../cohorts/load-formation.server";

export type FormationKind = "form" | "re_form" | "late_joiners";

export const notFoundFormation = () => new NotFoundError("cohorts:errors.notFound");

/** The cohort, for its own organisation's admins only; anyone else gets a 404 (the pages show people's wishes). */
export async function findCohortForFormation(db: Database, actor: Actor, cohortId: string) {
  if (!isUuid(cohortId)) throw notFoundFormation();
  const [cohort] = await db.select().from(cohorts).where(eq(cohorts.id, cohortId));
  if (!cohort || !canFormGroups(actor, cohort.orgId)) throw notFoundFormation();
  return cohort;
}

export type Cohort = Awaited<ReturnType<typeof findCohortForFormation>>;

/** A group the run places people into: an existing programme group, or a new one. */
export type PlanSlot = { groupId: string | null; name: string };

export type FormationContext = {
  kind: FormationKind;
  /** The cohort's groups as readFormation read them (active and finished), for names. */
  state: FormationState;
  settings: FormationSettings;
  /** Who the run places, in problem order. */
  people: CohortPerson[];
  /** late_joiners: the groups to join, with their members fixed; empty for form and re_form (the count follows the sizes). */
  slots: PlanSlot[];
  /** late_joiners: each person's current group index, -1 for the new. */
  start: number[] | null;
  /** late_joiners: each group's size bounds (its members stay, so it may already be full). */
  bounds: GroupBounds[] | null;
  /** Groups made by hand that never met, reused in order by a new formation. */
  reusable: PlanSlot[];
  /** Groups that stay as they are (re_form, late_joiners). */
  kept: { groupId: string; name: string; size: number }[];
  metBefore: [string, string][];
  preferences: Preference[];
  preferencesOn: boolean;
  enrolled: number;
  unplaced: number;
};

export async function readFormationContext(db: Database, cohort: Cohort): Promise<FormationContext> {
  const state = await readFormation(db, cohort);
  const settings = readSettings(cohort.formationSettings, cohort);
  // The people as readFormation read them, with their manager and time zone.
  const personRows: CohortPerson[] = [...state.people.values()];
  // Problem order is by name, so a run's lists read alphabetically and a seed repeats the same run.
  personRows.sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  const byId = new Map(personRows.map((p) => [p.id, p]));

  const active = state.formation.groups;
  const placed = new Set(active.flatMap((g) => g.memberIds));
  const unplaced = personRows.filter((p) => !placed.has(p.id));
  const anyMet = active.some((g) => state.groupsWithCycles.has(g.groupId!));
  const kind: FormationKind = !anyMet ? "form" : state.finishedGroups.length > 0 ? "re_form" : "late_joiners";

  let people: CohortPerson[];
  let slots: PlanSlot[] = [];
  let start: number[] | null = null;
  let bounds: GroupBounds[] | null = null;
  const kept = kind === "form" ? [] : active.map((g) => ({ groupId: g.groupId!, name: g.name, size: g.memberIds.length }));
  if (kind === "form") {
    people = personRows;
  } else if (kind === "re_form") {
    people = unplaced;
  } else {
    // Existing members first, in their groups' order; then the new people.
    const members = active.flatMap((g, index) => g.memberIds.filter((id) => byId.has(id)).map((id) => ({ person: byId.get(id)!, index })));
    people = [...members.map((m) => m.person), ...unplaced];
    start = [...members.map((m) => m.index), ...unplaced.map(() => -1)];
    slots = active.map((g) => ({ groupId: g.groupId!, name: g.name }));
    bounds = active.map((g) => ({ min: 0, max: Math.max(settings.groupSizeMax, g.memberIds.length) }));
  }

  const [metBefore, preferences, [org]] = await Promise.all([
    readMetBefore(db, cohort.orgId, people.map((p) => p.id)),
    readFormationPreferences(db, cohort.id),
    db.select({ preferencesOn: organisations.formationPreferences }).from(organisations).where(eq(organisations.id, cohort.orgId)),
  ]);
  return {
    kind,
    settings,
    state,
    people,
    slots,
    start,
    bounds,
    reusable: kind === "form" ? active.map((g) => ({ groupId: g.groupId!, name: g.name })) : [],
    kept,
    metBefore,
    preferences,
    preferencesOn: org?.preferencesOn ?? false,
    enrolled: personRows.length,
    unplaced: unplaced.length,
  };
}

/**
 * Pairs of these people who shared a group before: every group of the
 * organisation (programme or peer, finished or not) and every published
 * formation, so a re-formed cohort meets new people.
 */
export async function readMetBefore(db: Database, orgId: string, userIds: string[]): Promise<[string, string][]> {
  if (userIds.length < 2) return [];
  const wanted = new Set(userIds);
  const [memberships, published] = await Promise.all([
    db
      .select({ groupId: groupMembers.groupId, userId: groupMembers.userId })
      .from(groupMembers)
      .innerJoin(groups, eq(groups.id, groupMembers.groupId))
      .where(and(eq(groups.orgId, orgId), inArray(groupMembers.userId, userIds))),
    db
      .select({ people: formationPlans.people, assignment: formationPlans.assignment })
      .from(formationPlans)
      .where(and(eq(formationPlans.orgId, orgId), eq(formationPlans.status, "published"))),
  ]);
  const together = new Map<string, string[]>();
  const add = (key: string, id: string) => {
    if (!wanted.has(id)) return;
    const list = together.get(key);
    if (list) list.push(id);
    else together.set(key, [id]);
  };
  for (const m of memberships) add(`g:${m.groupId}`, m.userId);
  published.forEach((plan, p) => plan.assignment?.forEach((g, i) => add(`p:${p}:${g}`, plan.people[i]!)));
  const pairs = new Set<string>();
  for (const ids of together.values()) {
    const unique = [...new Set(ids)].sort();
    for (let a = 0; a < unique.length; a++) for (let b = a + 1; b < unique.length; b++) pairs.add(`${unique[a]}|${unique[b]}`);
  }
  return [...pairs].map((key) => key.split("|") as [string, string]);
}
