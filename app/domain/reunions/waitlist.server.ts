// The waitlist: "going" beyond the capacity waits in line, first come first
// served, and moves up as places free. Call inside a transaction that holds
// the reunion row FOR UPDATE, so counts cannot race.
import { and, asc, count, eq, isNotNull, isNull, lt, or } from "drizzle-orm";
import type { Database } from "../../../db/database";
import { reunionRsvps, reunions, users } from "../../../db/schema";
import { notifyByZone } from "./send-invitation.server";
import { whenText } from "./reunion-notices";
import { message } from "../i18n/message";

type Reunion = typeof reunions.$inferSelect;

export async function confirmedGoingCount(
  db: Database,
  reunionId: string
): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(reunionRsvps)
    .where(
      and(
        eq(reunionRsvps.reunionId, reunionId),
        eq(reunionRsvps.answer, "going"),
        isNull(reunionRsvps.waitlistedAt)
      )
    );
  return Number(row?.n ?? 0);
}

/** Moves people up from the waitlist while there are free places, and tells each one. */
export async function promoteFromWaitlist(
  db: Database,
  reunion: Reunion,
  actorId: string | null
): Promise<string[]> {
  const promoted: string[] = [];
  for (;;) {
    if (
      reunion.capacity !== null &&
      (await confirmedGoingCount(db, reunion.id)) >= reunion.capacity
    )
      break;
    const [next] = await db
      .select({ userId: reunionRsvps.userId, timeZone: users.timeZone })
      .from(reunionRsvps)
      .innerJoin(users, eq(users.id, reunionRsvps.userId))
      .where(
        and(
          eq(reunionRsvps.reunionId, reunion.id),
          eq(reunionRsvps.answer, "going"),
          isNotNull(reunionRsvps.waitlistedAt)
        )
      )
      .orderBy(asc(reunionRsvps.waitlistedAt), asc(reunionRsvps.userId))
      .limit(1);
    if (!next) break;
    await db
      .update(reunionRsvps)
      .set({ waitlistedAt: null })
      .where(
        and(
          eq(reunionRsvps.reunionId, reunion.id),
          eq(reunionRsvps.userId, next.userId)
        )
      );
    promoted.push(next.userId);
    await notifyByZone(
      db,
      [{ id: next.userId, timeZone: next.timeZone }],
      reunion,
      (zone, language) => ({
        title: message("notifications:texts.placeOpened", { title: reunion.title }),
        body: message("notifications:texts.placeOpenedBody", { when: whenText(reunion, zone, language) }),
      }),
      // Never the actor's own notice: a promoted person is always someone else.
      actorId === next.userId ? null : actorId
    );
  }
  return promoted;
}

/** 1 for the first in line, or null when not waiting. */
export async function waitlistPosition(
  db: Database,
  reunionId: string,
  userId: string
): Promise<number | null> {
  const [mine] = await db
    .select({ at: reunionRsvps.waitlistedAt })
    .from(reunionRsvps)
    .where(
      and(
        eq(reunionRsvps.reunionId, reunionId),
        eq(reunionRsvps.userId, userId),
        eq(reunionRsvps.answer, "going")
      )
    );
  if (!mine?.at) return null;
  const [ahead] = await db
    .select({ n: count() })
    .from(reunionRsvps)
    .where(
      and(
        eq(reunionRsvps.reunionId, reunionId),
        eq(reunionRsvps.answer, "going"),
        or(
          lt(reunionRsvps.waitlistedAt, mine.at),
          and(
            eq(reunionRsvps.waitlistedAt, mine.at),
            lt(reunionRsvps.userId, userId)
          )
        )
      )
    );
  return Number(ahead?.n ?? 0) + 1;
}
