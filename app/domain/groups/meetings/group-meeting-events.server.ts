// The meetings of a person's peer groups, for their calendar feed. A group's
// meeting is a standing appointment, so it is in the feed of every member
// without an answer; one who says "not going" takes it out. Those who answer
// "going" already have it among the reunions they go to.
import { and, asc, eq, gte, inArray, isNotNull, isNull, or, sql } from "drizzle-orm";
import type { Database } from "../../../../db/database";
import { reunionRsvps, reunions } from "../../../../db/schema";
import { FEED_HISTORY_DAYS, reunionEvent } from "../../calendar/reunion-events.server";
import type { IcsEvent } from "../../calendar/ics";
import type { Language } from "../../i18n/languages";
import type { Actor } from "../../policy";
import { inAudienceSql, REUNION_ID_COLUMN } from "../../reunions/visible-reunions.server";

export async function groupMeetingEvents(db: Database, person: Actor, options: { origin: string; now: Date; language?: Language }): Promise<IcsEvent[]> {
  const since = new Date(options.now.getTime() - FEED_HISTORY_DAYS * 86_400_000);
  const rows = await db
    .select({ reunion: reunions })
    .from(reunions)
    .leftJoin(reunionRsvps, and(eq(reunionRsvps.reunionId, reunions.id), eq(reunionRsvps.userId, person.id)))
    .where(
      and(
        isNotNull(reunions.groupId),
        // Members only, at the time the feed is read: whoever left the group loses its meetings.
        sql`${inAudienceSql(REUNION_ID_COLUMN, person.id)}`,
        inArray(reunions.status, ["scheduled", "cancelled"]),
        isNotNull(reunions.startsAt),
        gte(reunions.endsAt, since),
        or(isNull(reunionRsvps.answer), eq(reunionRsvps.answer, "maybe")),
      ),
    )
    .orderBy(asc(reunions.startsAt));
  return rows.map(({ reunion }) => reunionEvent(reunion, options.origin, options.language)).filter((e): e is IcsEvent => e !== null);
}
