// The organisation's cohorts for the admin's list: each with the people
// enrolled, its groups, where their current cycles stand and whether it is
// still sponsored. A fixed number of grouped queries, whatever the size.
import { and, asc, count, desc, eq, inArray, sql } from "drizzle-orm";
import type { Database } from "../../../../db/database";
import { cohortMembers, cohorts, cycles, groups } from "../../../../db/schema";
import { ForbiddenError } from "../../http-errors";
import { canManageCohorts, type Actor } from "../../policy";
import type { CycleState } from "../cycle-lifecycle";

export async function listCohorts(db: Database, actor: Actor, orgId: string) {
  if (!canManageCohorts(actor, orgId)) throw new ForbiddenError("cohorts:errors.adminsOnly");
  const rows = await db
    .select({ id: cohorts.id, name: cohorts.name, createdAt: cohorts.createdAt, sponsorshipEndedAt: cohorts.sponsorshipEndedAt })
    .from(cohorts)
    .where(eq(cohorts.orgId, orgId))
    .orderBy(desc(cohorts.createdAt), asc(cohorts.name));
  const ids = rows.map((r) => r.id);
  if (ids.length === 0) return [];
  const [enrolled, groupCounts, latest] = await Promise.all([
    db.select({ cohortId: cohortMembers.cohortId, n: count() }).from(cohortMembers).where(inArray(cohortMembers.cohortId, ids)).groupBy(cohortMembers.cohortId),
    db.select({ cohortId: groups.cohortId, n: count() }).from(groups).where(and(inArray(groups.cohortId, ids), eq(groups.kind, "programme"))).groupBy(groups.cohortId),
    // Each programme group's latest cycle, counted by state.
    db
      .select({ cohortId: sql<string>`latest.cohort_id`, state: sql<CycleState>`latest.state`, n: sql<number>`count(*)::int` })
      .from(
        sql`(select distinct on (${cycles.groupId}) ${groups.cohortId} as cohort_id, ${cycles.state} as state
             from ${cycles} join ${groups} on ${groups.id} = ${cycles.groupId}
             where ${inArray(groups.cohortId, ids)} and ${groups.kind} = 'programme'
             order by ${cycles.groupId}, ${cycles.number} desc) as latest`,
      )
      .groupBy(sql`latest.cohort_id`, sql`latest.state`),
  ]);
  const enrolledBy = new Map(enrolled.map((r) => [r.cohortId, r.n]));
  const groupsBy = new Map(groupCounts.map((r) => [r.cohortId, r.n]));
  return rows.map((row) => {
    const states = latest.filter((l) => l.cohortId === row.id);
    const withCycle = states.reduce((sum, s) => sum + s.n, 0);
    const groupsTotal = groupsBy.get(row.id) ?? 0;
    // How many groups are in each cycle state, and how many have no cycle yet; the page words them.
    const progress: { state: CycleState | "unscheduled"; n: number }[] = [
      ...states.map((s) => ({ state: s.state, n: s.n })),
      ...(groupsTotal > withCycle ? [{ state: "unscheduled" as const, n: groupsTotal - withCycle }] : []),
    ];
    return { ...row, enrolled: enrolledBy.get(row.id) ?? 0, groups: groupsTotal, progress, sponsored: row.sponsorshipEndedAt === null };
  });
}
