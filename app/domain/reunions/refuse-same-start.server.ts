// A group's meetings and a mentoring pair's check-ins never start twice at
// the same moment: scheduling one (or a series) where the group or the pair
// already has a meeting that is not cancelled is refused with the clashing
// dates named (in the reader's language and the zone planned in), so a double submission or a series planned twice does not
// fill everyone's calendar with copies (docs/decisions/022-meetings-are-meetings.md).
import { and, eq, inArray, ne } from "drizzle-orm";
import type { Database } from "../../../db/database";
import { groups, mentorships, reunions } from "../../../db/schema";
import { momentValue, nestedMessage } from "../i18n/nested-message";
import { InputError } from "../input-error";
import { occasionKind, type Owned } from "./occasion-words";

/**
 * Call inside the transaction that inserts the occurrences. It locks the
 * group's (or the pair's) row first, so of two identical submissions at once
 * the second waits, then sees the first's rows and is refused. NO KEY UPDATE:
 * rows that merely reference the group (notes, comments) are not held up.
 */
export async function refuseSameStart(db: Database, owner: Owned, occurrences: readonly { startsAt: Date }[], timeZone: string) {
  let sameOwner;
  if (owner.groupId) {
    await db.select({ id: groups.id }).from(groups).where(eq(groups.id, owner.groupId)).for("no key update");
    sameOwner = eq(reunions.groupId, owner.groupId);
  } else if (owner.mentorshipId) {
    await db.select({ id: mentorships.id }).from(mentorships).where(eq(mentorships.id, owner.mentorshipId)).for("no key update");
    sameOwner = eq(reunions.mentorshipId, owner.mentorshipId);
  } else return; // Ordinary reunions belong to nobody in particular; two may share a time.
  if (occurrences.length === 0) return;
  const clashes = await db
    .select({ title: reunions.title, startsAt: reunions.startsAt })
    .from(reunions)
    .where(and(sameOwner, ne(reunions.status, "cancelled"), inArray(reunions.startsAt, occurrences.map((o) => o.startsAt))))
    .orderBy(reunions.startsAt);
  if (clashes.length === 0) return;
  // A meeting is the group's, a check-in the pair's ("you"): one message per kind, the dates written for the reader.
  const kind = occasionKind(owner) === "meeting" ? "meeting" : "checkIn";
  const when = (c: (typeof clashes)[number]) => nestedMessage("reunions:clash.when", { title: c.title, at: momentValue(c.startsAt!, timeZone) });
  throw new InputError({
    date:
      clashes.length === 1
        ? nestedMessage(`reunions:clash.${kind}.${occurrences.length === 1 ? "thisTime" : "oneOfTheseTimes"}`, { when: when(clashes[0]!) })
        : nestedMessage(`reunions:clash.${kind}.these`, { count: clashes.length, when: clashes.map(when) }),
  });
}
