// /reunions: the reunions, group meetings and check-ins a person organises or
// is invited to, with their answer: those coming up soonest first, the
// cancelled ones apart, and the past ones most recent first.
import { and, asc, eq, gte, isNull, ne, or, sql, type SQL } from "drizzle-orm";
import type { Database } from "../../../db/database";
import { groups, reunionRsvps, reunions } from "../../../db/schema";
import type { Actor } from "../policy";
import { inAudienceSql, REUNION_ID_COLUMN } from "./visible-reunions.server";

export async function listMyReunions(db: Database, actor: Actor, now = new Date()) {
  const rows = await db
    .select({
      id: reunions.id,
      title: reunions.title,
      status: reunions.status,
      format: reunions.format,
      startsAt: reunions.startsAt,
      endsAt: reunions.endsAt,
      timeZone: reunions.timeZone,
      occurrence: reunions.occurrence,
      groupId: reunions.groupId,
      groupName: groups.name,
      mentorshipId: reunions.mentorshipId,
      // The organiser of a reunion runs it rather than answering; whoever scheduled a meeting is a member who answers like the others.
      isOrganiser: sql<boolean>`${reunions.organiserId} = ${actor.id} and ${reunions.groupId} is null and ${reunions.mentorshipId} is null`,
      answer: reunionRsvps.answer,
      waitlisted: sql<boolean>`${reunionRsvps.waitlistedAt} is not null`,
      voted: sql<boolean>`exists (select 1 from slot_votes v join reunion_slots s on s.id = v.slot_id where s.reunion_id = ${REUNION_ID_COLUMN} and v.user_id = ${actor.id})`,
      // While the date is polled: the first date offered, and the last one, to place it in time.
      firstOption: sql<string | null>`(select min(s.starts_at) from reunion_slots s where s.reunion_id = ${REUNION_ID_COLUMN})`,
      lastOption: sql<string | null>`(select max(s.ends_at) from reunion_slots s where s.reunion_id = ${REUNION_ID_COLUMN})`,
      createdAt: reunions.createdAt,
    })
    .from(reunions)
    .leftJoin(groups, eq(groups.id, reunions.groupId))
    .leftJoin(
      reunionRsvps,
      and(
        eq(reunionRsvps.reunionId, reunions.id),
        eq(reunionRsvps.userId, actor.id)
      )
    )
    .where(concernsActor(actor));
  const listed = rows.map(({ firstOption, lastOption, createdAt, ...r }) => {
    const start = r.startsAt ?? (firstOption ? new Date(firstOption) : null);
    const end = r.endsAt ?? (lastOption ? new Date(lastOption) : null);
    return {
      ...r,
      // Over once it has ended; a poll whose every date has passed too.
      over: end !== null && end.getTime() < now.getTime(),
      sortAt: (start ?? createdAt).getTime(),
    };
  });
  const soonestFirst = (a: { sortAt: number }, b: { sortAt: number }) => a.sortAt - b.sortAt;
  return {
    comingUp: listed.filter((r) => !r.over && r.status !== "cancelled").sort(soonestFirst),
    cancelled: listed.filter((r) => !r.over && r.status === "cancelled").sort(soonestFirst),
    past: listed.filter((r) => r.over).sort((a, b) => soonestFirst(b, a)),
  };
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
