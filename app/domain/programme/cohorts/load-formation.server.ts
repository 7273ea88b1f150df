// A cohort's groups as they stand, as a Formation (formation.ts), with what
// the hand-made formation screen shows beside it: each enrolled person's
// department and site, the organisation's facilitators, and the check's
// warnings. Grouped queries only.
import { and, asc, eq } from "drizzle-orm";
import type { Database } from "../../../../db/database";
import { cohortMembers, cycles, departments, groupMembers, groups, sites, userRoles, users } from "../../../../db/schema";
import type { Actor } from "../../policy";
import { checkFormation, type Formation } from "../formation";
import { findCohort } from "./find-cohort.server";

type Cohort = Awaited<ReturnType<typeof findCohort>>;

/** What applyFormation and the screen both need, read in one pass. */
export async function readFormation(db: Database, cohort: Cohort) {
  const [groupRows, memberRows, enrolledRows, facilitatorRows, cycleRows] = await Promise.all([
    db.select({ id: groups.id, name: groups.name }).from(groups).where(and(eq(groups.cohortId, cohort.id), eq(groups.kind, "programme"))).orderBy(asc(groups.createdAt), asc(groups.name)),
    db
      .select({ groupId: groupMembers.groupId, userId: groupMembers.userId, role: groupMembers.role })
      .from(groupMembers)
      .innerJoin(groups, eq(groups.id, groupMembers.groupId))
      .where(and(eq(groups.cohortId, cohort.id), eq(groups.kind, "programme"))),
    db
      // Manager and time zone too: the formation engine's rules read them from here.
      .select({ id: users.id, name: users.name, department: departments.name, site: sites.name, managerId: users.managerId, timeZone: users.timeZone })
      .from(cohortMembers)
      .innerJoin(users, eq(users.id, cohortMembers.userId))
      .leftJoin(departments, eq(departments.id, users.departmentId))
      .leftJoin(sites, eq(sites.id, users.siteId))
      .where(eq(cohortMembers.cohortId, cohort.id))
      .orderBy(asc(users.name)),
    db
      .select({ id: users.id, name: users.name })
      .from(userRoles)
      .innerJoin(users, eq(users.id, userRoles.userId))
      .where(and(eq(userRoles.role, "facilitator"), eq(users.orgId, cohort.orgId)))
      .orderBy(asc(users.name)),
    db
      .select({ groupId: cycles.groupId, number: cycles.number, state: cycles.state })
      .from(cycles)
      .innerJoin(groups, eq(groups.id, cycles.groupId))
      .where(eq(groups.cohortId, cohort.id)),
  ]);
  // A group whose latest cycle ended (its vote failed, or sponsorship ended) is finished: its
  // people are free to be formed anew, and it stays as it was, with its members and history.
  const latest = new Map<string, { number: number; state: string }>();
  for (const c of cycleRows) if ((latest.get(c.groupId)?.number ?? -1) < c.number) latest.set(c.groupId, c);
  const finishedGroups = new Set([...latest].filter(([, c]) => c.state === "ended").map(([id]) => id));
  const formation: Formation = {
    groups: groupRows.filter((g) => !finishedGroups.has(g.id)).map((g) => ({
      groupId: g.id,
      name: g.name,
      facilitatorId: memberRows.find((m) => m.groupId === g.id && m.role === "facilitator")?.userId ?? null,
      memberIds: memberRows.filter((m) => m.groupId === g.id && m.role === "member").map((m) => m.userId),
    })),
  };
  const people = new Map(enrolledRows.map((p) => [p.id, p]));
  const facilitators = new Map(facilitatorRows.map((f) => [f.id, f.name]));
  const names = new Map<string, string>([...facilitators, ...enrolledRows.map((p) => [p.id, p.name] as const)]);
  return {
    formation,
    people,
    facilitators,
    names,
    memberRows: memberRows.filter((m) => !finishedGroups.has(m.groupId)),
    groupsWithCycles: new Set(latest.keys()),
    finishedGroups: groupRows
      .filter((g) => finishedGroups.has(g.id))
      .map((g) => ({ id: g.id, name: g.name, members: memberRows.filter((m) => m.groupId === g.id && m.role === "member").length })),
  };
}

export type FormationState = Awaited<ReturnType<typeof readFormation>>;

export function checkAgainst(state: FormationState, cohort: Cohort, formation: Formation) {
  return checkFormation(
    formation,
    new Set(state.people.keys()),
    { min: cohort.groupSizeMin, max: cohort.groupSizeMax },
    (id) => state.names.get(id) ?? "cohorts:groups.someoneOutside",
    new Set(state.facilitators.keys()),
  );
}

/** The formation screen: each group with its members and their departments and sites counted, and who is not placed. */
export async function loadFormationScreen(db: Database, actor: Actor, cohortId: string) {
  const cohort = await findCohort(db, actor, cohortId);
  const state = await readFormation(db, cohort);
  const placed = new Set(state.formation.groups.flatMap((g) => g.memberIds));
  const tally = (values: (string | null)[], none: string) => {
    const counts = new Map<string, number>();
    for (const v of values) counts.set(v ?? none, (counts.get(v ?? none) ?? 0) + 1);
    return [...counts].map(([name, n]) => ({ name, n })).sort((a, b) => b.n - a.n || a.name.localeCompare(b.name));
  };
  const person = (id: string) => state.people.get(id) ?? { id, name: state.names.get(id) ?? "cohorts:groups.someone", department: null, site: null };
  return {
    cohort: { id: cohort.id, name: cohort.name, groupSizeMin: cohort.groupSizeMin, groupSizeMax: cohort.groupSizeMax },
    groups: state.formation.groups.map((g) => {
      const members = g.memberIds.map(person).sort((a, b) => a.name.localeCompare(b.name));
      return {
        id: g.groupId!,
        name: g.name,
        facilitatorId: g.facilitatorId,
        members,
        departments: tally(members.map((m) => m.department), "cohorts:groups.noDepartment"),
        sites: tally(members.map((m) => m.site), "cohorts:groups.noSite"),
      };
    }),
    unplaced: [...state.people.values()].filter((p) => !placed.has(p.id)),
    finished: state.finishedGroups,
    sponsorshipEnded: cohort.sponsorshipEndedAt !== null,
    facilitators: [...state.facilitators].map(([id, name]) => ({ id, name })),
    check: checkAgainst(state, cohort, state.formation),
  };
}


