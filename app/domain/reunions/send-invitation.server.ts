// Telling the audience about a reunion, a group's meeting or a check-in: the
// poll to answer, or the date to put in their diary. Through notify(), which
// also emails by preference.
import type { Database } from "../../../db/database";
import type { reunions } from "../../../db/schema";
import { notify } from "../notifications/notify.server";
import { occasionWords } from "./occasion-words";
import { audienceMembers } from "./reunion-audience.server";
import { reunionLink, whenText, whereText } from "./reunion-notices";

type Reunion = typeof reunions.$inferSelect;

/** Notices go out per time zone, so each person reads the time on their own clock. */
export async function notifyByZone(
  db: Database,
  people: readonly { id: string; timeZone: string }[],
  reunion: Reunion,
  notice: (zone: string) => { title: string; body: string },
  actorId: string | null
) {
  const byZone = new Map<string, string[]>();
  for (const p of people)
    byZone.set(p.timeZone, [...(byZone.get(p.timeZone) ?? []), p.id]);
  for (const [zone, ids] of byZone)
    await notify(
      db,
      ids,
      { kind: "reunion", link: reunionLink(reunion.id), ...notice(zone) },
      { actorId }
    );
}

export async function sendInvitation(
  db: Database,
  reunion: Reunion,
  { actorId, occurrences }: { actorId: string; occurrences: number }
) {
  const people = await audienceMembers(db, reunion.id);
  const words = occasionWords(reunion);
  await notifyByZone(
    db,
    people,
    reunion,
    (zone) =>
      reunion.status === "polling"
        ? {
            title: `Help pick a date: ${reunion.title}`,
            body: `You are invited to a ${words.noun}. Say which of the offered dates suit you.`,
          }
        : {
            title: `Invitation: ${reunion.title}`,
            body: `${whenText(reunion, zone)}, ${whereText(reunion)}.${
              occurrences > 1
                ? ` The first of ${words.count(occurrences)} in a series.`
                : ""
            } Say whether you are going.`,
          },
    actorId
  );
}
