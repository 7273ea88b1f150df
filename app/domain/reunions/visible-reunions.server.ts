// Loading a reunion the way every reunion use-case starts: scoped to the
// caller, with their part in it (organiser, in the audience), and a 404 for
// anyone it does not concern.
import { eq, sql, type SQL } from "drizzle-orm";
import type { Database } from "../../../db/database";
import { reunions } from "../../../db/schema";
import { NotFoundError } from "../http-errors";
import { canSeeMeeting, type Actor } from "../policy";
import { isUuid } from "../uuid";


/**
 * Whether `userId` is in the reunion's audience: a named person, a member of
 * an invited group, or an alumnus of an invited organisation. `reunionId` is
 * an id, or for a list the qualified column `REUNION_ID_COLUMN`: drizzle
 * writes a bare column of a one-table select as "id", which inside this
 * subquery would mean reunion_audience's own id.
 */
export function inAudienceSql(
  reunionId: SQL | string,
  userId: SQL | string
): SQL {
  return sql`exists (
    select 1 from reunion_audience a
    where a.reunion_id = ${reunionId} and (
      (a.kind = 'person' and a.user_id = ${userId})
      or (a.kind = 'group' and exists (select 1 from group_members gm where gm.group_id = a.group_id and gm.user_id = ${userId}))
      or (a.kind = 'organisation' and exists (
        select 1 from users u join user_roles ur on ur.user_id = u.id
        where u.id = ${userId} and u.org_id = a.org_id and ur.role = 'alumnus'))
    ))`;
}

export const REUNION_ID_COLUMN = sql.raw(`"reunions"."id"`);

// One message for every kind: a 404 does not say what it hides.
export const notFoundReunion = () =>
  new NotFoundError("reunions:errors.notFound");

export async function findVisibleReunion(
  db: Database,
  actor: Actor,
  reunionId: string
) {
  if (!isUuid(reunionId)) throw notFoundReunion();
  const [row] = await db
    .select({
      reunion: reunions,
      inAudience: sql<boolean>`${inAudienceSql(reunionId, actor.id)}`,
      // Conveners run a peer group's meetings; a programme group's facilitator, and the member hosting one, run its meetings.
      convenesGroup: sql<boolean>`exists (select 1 from group_members gm where gm.group_id = ${sql.raw(`"reunions"."group_id"`)} and gm.user_id = ${actor.id} and gm.role in ('convener', 'facilitator'))
        or exists (select 1 from cycle_meetings cm where cm.reunion_id = ${sql.raw(`"reunions"."id"`)} and cm.host_id = ${actor.id})`,
    })
    .from(reunions)
    .where(eq(reunions.id, reunionId));
  if (!row) throw notFoundReunion();
  const { groupId, mentorshipId, organiserId } = row.reunion;
  const access = {
    orgId: row.reunion.orgId,
    isOrganiser: organisesIt({ groupId, mentorshipId, byActor: organiserId === actor.id, inAudience: row.inAudience, convenesGroup: row.convenesGroup }),
    inAudience: row.inAudience,
  };
  // A peer group's meeting is its members' alone, a check-in the pair's (policy.ts canSeeMeeting).
  if (!canSeeMeeting(actor, { ...access, groupId, mentorshipId })) throw notFoundReunion();
  return { ...row.reunion, ...access };
}

/**
 * Who runs it (moves, changes, cancels): the organiser of an ordinary
 * reunion; for a group's meeting, the member who scheduled it while still a
 * member, and the group's conveners, so a meeting never outlives everyone
 * who may change it; for a pair's check-in, either of the two.
 */
function organisesIt(r: { groupId: string | null; mentorshipId: string | null; byActor: boolean; inAudience: boolean; convenesGroup: boolean }) {
  if (r.mentorshipId) return r.inAudience;
  if (r.groupId) return (r.byActor && r.inAudience) || r.convenesGroup;
  return r.byActor;
}

export type VisibleReunion = Awaited<ReturnType<typeof findVisibleReunion>>;
