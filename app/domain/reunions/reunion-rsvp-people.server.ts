// The people who said going (including those waiting in line) or maybe:
// the ones who must hear about a change.
import { and, eq, inArray } from "drizzle-orm";
import type { Database } from "../../../db/database";
import { reunionRsvps, users } from "../../../db/schema";

export function peopleGoingOrMaybe(db: Database, reunionId: string) {
  return db
    .select({ id: users.id, timeZone: users.timeZone })
    .from(reunionRsvps)
    .innerJoin(users, eq(users.id, reunionRsvps.userId))
    .where(
      and(
        eq(reunionRsvps.reunionId, reunionId),
        inArray(reunionRsvps.answer, ["going", "maybe"])
      )
    );
}
