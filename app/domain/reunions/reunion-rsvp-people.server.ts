// Who hears about a change: for a new date or place, the people who said
// going (including those waiting in line) or maybe; for a cancellation,
// everyone invited who has not declined. Only while they are still invited.
import { and, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { Database } from "../../../db/database";
import { reunionRsvps, reunions, users } from "../../../db/schema";
import { audienceMembers } from "./reunion-audience.server";
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

/**
 * Everyone still invited who has not said "not going": those going (the
 * waitlist too) or maybe, and those who never answered, who would otherwise
 * turn up to a cancelled meeting. The same people as stillInvitedSql: the
 * audience now, and the organiser of an ordinary reunion.
 */
export async function peopleNotDeclined(db: Database, reunion: typeof reunions.$inferSelect) {
  const invited = await audienceMembers(db, reunion.id);
  const { organiserId } = reunion;
  if (organiserId && !reunion.groupId && !reunion.mentorshipId && !invited.some((p) => p.id === organiserId))
    invited.push(...(await db.select({ id: users.id, name: users.name, email: users.email, timeZone: users.timeZone }).from(users).where(eq(users.id, organiserId))));
  const declined = new Set(
    (
      await db
        .select({ userId: reunionRsvps.userId })
        .from(reunionRsvps)
        .where(and(eq(reunionRsvps.reunionId, reunion.id), eq(reunionRsvps.answer, "not_going")))
    ).map((r) => r.userId),
  );
  return invited.filter((p) => !declined.has(p.id));
}
