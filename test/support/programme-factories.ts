// Factories for the programme: cohorts, programme groups with a facilitator,
// and cycles of meetings written straight to the database, so each test
// builds exactly the history it needs. The rules themselves are tested
// through the domain.
import crypto from "node:crypto";
import type { Database } from "../../db/database";
import {
  cohortMembers,
  cohorts,
  cycleMeetings,
  cycles,
  groupMembers,
  groups,
  meetingAttendance,
  reunionAudience,
  reunions,
  reunionSeries,
  type Role,
} from "../../db/schema";
import { createOrg, createUser } from "./factories";

const MINUTE = 60_000;
const DAY = 86_400_000;

export async function createCohort(db: Database, { orgId, createdBy = null, ...overrides }: { orgId: string; createdBy?: string | null } & Partial<typeof cohorts.$inferInsert>) {
  const [cohort] = await db
    .insert(cohorts)
    .values({ orgId, name: `Cohort ${crypto.randomBytes(3).toString("hex")}`, timeZone: "Europe/Amsterdam", createdBy, ...overrides })
    .returning();
  return cohort!;
}

/** A group of a cohort: its members enrolled in the cohort, and a facilitator. */
export async function createProgrammeGroup(
  db: Database,
  { orgId, cohortId, facilitatorId, memberIds, name }: { orgId: string; cohortId: string; facilitatorId: string | null; memberIds: string[]; name?: string },
) {
  const [group] = await db
    .insert(groups)
    .values({ orgId, cohortId, kind: "programme", name: name ?? `Circle ${crypto.randomBytes(3).toString("hex")}` })
    .returning();
  if (memberIds.length) {
    await db.insert(cohortMembers).values(memberIds.map((userId) => ({ cohortId, userId }))).onConflictDoNothing();
    await db.insert(groupMembers).values(memberIds.map((userId) => ({ groupId: group!.id, userId, role: "member" as const })));
  }
  if (facilitatorId) await db.insert(groupMembers).values({ groupId: group!.id, userId: facilitatorId, role: "facilitator" });
  return group!;
}

export type MeetingPlan = { startsAt: Date; minutes?: number; cancelled?: boolean; moduleId?: string | null; hostId?: string | null };

/**
 * A cycle and its meetings (reunions with the group as audience, one
 * series), in the given state. Meetings default to monthly from `firstStart`.
 */
export async function createCycle(
  db: Database,
  {
    group,
    facilitatorId,
    number = 1,
    state = "running",
    meetings,
    meetingsPlanned,
    ...overrides
  }: {
    group: { id: string; orgId: string; name: string };
    facilitatorId: string;
    number?: number;
    state?: (typeof cycles.$inferInsert)["state"];
    meetings: MeetingPlan[];
    meetingsPlanned?: number;
  } & Partial<typeof cycles.$inferInsert>,
) {
  const [cycle] = await db
    .insert(cycles)
    .values({ groupId: group.id, number, state, meetingsPlanned: meetingsPlanned ?? meetings.length, ...overrides })
    .returning();
  const [series] = await db.insert(reunionSeries).values({ organiserId: facilitatorId, intervalMonths: 1 }).returning();
  const made: (typeof reunions.$inferSelect)[] = [];
  for (const [index, plan] of meetings.entries()) {
    const [meeting] = await db
      .insert(reunions)
      .values({
        orgId: group.orgId,
        organiserId: facilitatorId,
        title: `${group.name} · meeting ${index + 1} of ${meetings.length}`,
        status: plan.cancelled ? "cancelled" : "scheduled",
        location: "Room 4",
        timeZone: "Europe/Amsterdam",
        startsAt: plan.startsAt,
        endsAt: new Date(plan.startsAt.getTime() + (plan.minutes ?? 90) * MINUTE),
        seriesId: series!.id,
        occurrence: index + 1,
        groupId: group.id,
        moduleId: plan.moduleId ?? null,
      })
      .returning();
    await db.insert(reunionAudience).values({ reunionId: meeting!.id, kind: "group", groupId: group.id });
    await db.insert(cycleMeetings).values({ reunionId: meeting!.id, cycleId: cycle!.id, number: index + 1, hostId: plan.hostId === undefined ? facilitatorId : plan.hostId });
    made.push(meeting!);
  }
  return { cycle: cycle!, meetings: made };
}

/** Monthly meeting plans: `past` of them already held (the last ended a day ago), the rest to come. */
export function monthlyMeetings(count: number, past: number, now = new Date()): MeetingPlan[] {
  const lastPastStart = now.getTime() - DAY - 90 * MINUTE;
  return Array.from({ length: count }, (_, i) => ({ startsAt: new Date(lastPastStart + (i - (past - 1)) * 30 * DAY) }));
}

export async function recordAttendanceRows(db: Database, meetingId: string, statuses: Record<string, "present" | "excused" | "absent">, recordedBy: string | null = null) {
  const rows = Object.entries(statuses).map(([userId, status]) => ({ reunionId: meetingId, userId, status, recordedBy }));
  if (rows.length) await db.insert(meetingAttendance).values(rows);
}

/**
 * One organisation with an admin, a facilitator, six participants and a
 * cohort with one group, plus an outsider organisation with its own admin
 * and participant.
 */
export async function programmeSetting(db: Database, { members = 6 }: { members?: number } = {}) {
  const org = await createOrg(db);
  const other = await createOrg(db);
  const person = (roles: Role[], orgId = org.id) => createUser(db, { orgId, roles });
  const admin = await person(["org_admin"]);
  const facilitator = await person(["facilitator"]);
  const people = await Promise.all(Array.from({ length: members }, () => person(["participant"])));
  const outsiderAdmin = await person(["org_admin"], other.id);
  const outsider = await person(["participant"], other.id);
  const cohort = await createCohort(db, { orgId: org.id, createdBy: admin.id });
  const group = await createProgrammeGroup(db, { orgId: org.id, cohortId: cohort.id, facilitatorId: facilitator.id, memberIds: people.map((p) => p.id) });
  return { org, other, admin, facilitator, people, outsiderAdmin, outsider, cohort, group };
}
