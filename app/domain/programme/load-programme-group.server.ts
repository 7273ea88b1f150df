// Loading a programme group and one meeting of its cycle the way every
// programme use-case starts: scoped to the caller (the group's members and
// its facilitator; a 404 for everyone else, the organisation's admins
// included, who see the programme in aggregate only), with the cohort, the
// cycles and the caller's part in them.
import { and, desc, eq } from "drizzle-orm";
import type { Database } from "../../../db/database";
import { cohorts, cycleMeetings, cycles, reunions } from "../../../db/schema";
import { findGroupSpace, notFoundGroup } from "../groups/load-group.server";
import { NotFoundError } from "../http-errors";
import type { Actor } from "../policy";
import { isUuid } from "../uuid";

export type Cohort = typeof cohorts.$inferSelect;
export type Cycle = typeof cycles.$inferSelect;

/** A group of a cohort, with its cohort and its latest cycle (null before the first is planned). */
export async function findProgrammeGroup(db: Database, actor: Actor, groupId: string) {
  const group = await findGroupSpace(db, actor, groupId);
  if (!group.cohortId) throw notFoundGroup();
  const [[cohort], [cycle]] = await Promise.all([
    db.select().from(cohorts).where(eq(cohorts.id, group.cohortId)),
    db.select().from(cycles).where(eq(cycles.groupId, group.id)).orderBy(desc(cycles.number)).limit(1),
  ]);
  if (!cohort) throw notFoundGroup();
  return { ...group, cohort, cycle: cycle ?? null };
}

export type ProgrammeGroup = Awaited<ReturnType<typeof findProgrammeGroup>>;

export const notFoundMeeting = () => new NotFoundError("cohorts:errors.meetingNotFound");

/** One meeting of a cycle, with its group (scoped as above), cycle and cohort. */
export async function findCycleMeeting(db: Database, actor: Actor, reunionId: string) {
  if (!isUuid(reunionId)) throw notFoundMeeting();
  const [row] = await db
    .select({ meeting: reunions, cycleMeeting: cycleMeetings, cycle: cycles })
    .from(cycleMeetings)
    .innerJoin(reunions, eq(reunions.id, cycleMeetings.reunionId))
    .innerJoin(cycles, eq(cycles.id, cycleMeetings.cycleId))
    .where(and(eq(cycleMeetings.reunionId, reunionId)));
  if (!row?.meeting.groupId) throw notFoundMeeting();
  const group = await findProgrammeGroup(db, actor, row.meeting.groupId).catch((error) => {
    if (error instanceof NotFoundError) throw notFoundMeeting();
    throw error;
  });
  return { ...row, group };
}

export type CycleMeeting = Awaited<ReturnType<typeof findCycleMeeting>>;
