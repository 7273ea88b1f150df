// /reunions: the reunions a person organises or is invited to, with their answer.
import { and, asc, desc, eq, gte, isNull, ne, or, sql, type SQL } from "drizzle-orm";
import type { Database } from "../../../db/database";
import { reunionRsvps, reunions } from "../../../db/schema";
import type { Actor } from "../policy";
import { inAudienceSql, REUNION_ID_COLUMN } from "./visible-reunions.server";

export async function listMyReunions(db: Database, actor: Actor) {
  const rows = await db
    .select({
      id: reunions.id,
      title: reunions.title,
      status: reunions.status,
      format: reunions.format,
      startsAt: reunions.startsAt,
      timeZone: reunions.timeZone,
      occurrence: reunions.occurrence,
      isOrganiser: sql<boolean>`${reunions.organiserId} = ${actor.id}`,
      answer: reunionRsvps.answer,
      waitlisted: sql<boolean>`${reunionRsvps.waitlistedAt} is not null`,
      voted: sql<boolean>`exists (select 1 from slot_votes v join reunion_slots s on s.id = v.slot_id where s.reunion_id = ${REUNION_ID_COLUMN} and v.user_id = ${actor.id})`,
    })
    .from(reunions)
    .leftJoin(
      reunionRsvps,
      and(
        eq(reunionRsvps.reunionId, reunions.id),
        eq(reunionRsvps.userId, actor.id)
      )
    )
    .where(concernsActor(actor))
    .orderBy(desc(sql`coalesce(${reunions.startsAt}, ${reunions.createdAt})`));
  return rows;
}

/** The reunions a person organises or is invited to; a group's meeting or a pair's check-in only to its audience. */
function concernsActor(actor: Actor): SQL {
  return or(and(eq(reunions.organiserId, actor.id), isNull(reunions.groupId), isNull(reunions.mentorshipId)), inAudienceSql(REUNION_ID_COLUMN, actor.id))!;
}

/**
 * What is coming up for a person, in one query: reunions and meetings not
 * cancelled that start from now on, then those still finding their date;
 * the first `limit` of them, and how many there are in all.
 */
export async function listUpcomingReunions(db: Database, actor: Actor, { now = new Date(), limit = 3 }: { now?: Date; limit?: number } = {}) {
  const rows = await db
    .select({
      id: reunions.id,
      title: reunions.title,
      startsAt: reunions.startsAt,
      timeZone: reunions.timeZone,
      isMeeting: sql<boolean>`${reunions.groupId} is not null or ${reunions.mentorshipId} is not null`,
      total: sql<number>`(count(*) over ())::int`,
    })
    .from(reunions)
    .where(and(concernsActor(actor), ne(reunions.status, "cancelled"), or(gte(reunions.startsAt, now), and(isNull(reunions.startsAt), eq(reunions.status, "polling")))))
    .orderBy(sql`${reunions.startsAt} asc nulls last`, asc(reunions.createdAt))
    .limit(limit);
  return { total: rows[0]?.total ?? 0, next: rows.map(({ total: _total, ...r }) => r) };
}
