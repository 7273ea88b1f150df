// /reunions: the reunions a person organises or is invited to, with their answer.
import { and, desc, eq, isNull, or, sql } from "drizzle-orm";
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
    .where(
      or(
        // A group's meeting or a pair's check-in is listed only to its audience.
        and(eq(reunions.organiserId, actor.id), isNull(reunions.groupId), isNull(reunions.mentorshipId)),
        inAudienceSql(REUNION_ID_COLUMN, actor.id)
      )
    )
    .orderBy(desc(sql`coalesce(${reunions.startsAt}, ${reunions.createdAt})`));
  return rows;
}
