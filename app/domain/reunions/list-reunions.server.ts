// /reunions: the reunions, group meetings and check-ins a person organises or
// is invited to, with their answer: those coming up soonest first, the
// cancelled ones apart, and the past ones most recent first.
import { and, eq, isNull, or, sql } from "drizzle-orm";
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
    .where(
      or(
        // A group's meeting or a pair's check-in is listed only to its audience.
        and(eq(reunions.organiserId, actor.id), isNull(reunions.groupId), isNull(reunions.mentorshipId)),
        inAudienceSql(REUNION_ID_COLUMN, actor.id)
      )
    );
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
