// The people who said going (including those waiting in line) or maybe:
// the ones who must hear about a change, as long as they are still invited.
import { and, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { Database } from "../../../db/database";
import { reunionRsvps, users } from "../../../db/schema";
import { inAudienceSql } from "./visible-reunions.server";

/**
 * Whether the person in `users` is still invited: in the audience now, or the
 * organiser of an ordinary reunion. Someone who left a group keeps their old
 * answer in reunion_rsvps but hears nothing more of its meetings (a group's
 * meeting and a pair's check-in are the audience's alone, as in canSeeMeeting).
 */
export function stillInvitedSql(reunionId: string): SQL {
  return sql`(${inAudienceSql(reunionId, sql`${users.id}`)} or exists (
    select 1 from reunions r where r.id = ${reunionId} and r.organiser_id = ${users.id}
      and r.group_id is null and r.mentorship_id is null))`;
}

export function peopleGoingOrMaybe(db: Database, reunionId: string) {
  return db
    .select({ id: users.id, timeZone: users.timeZone })
    .from(reunionRsvps)
    .innerJoin(users, eq(users.id, reunionRsvps.userId))
    .where(
      and(
        eq(reunionRsvps.reunionId, reunionId),
        inArray(reunionRsvps.answer, ["going", "maybe"]),
        stillInvitedSql(reunionId)
      )
    );
}
