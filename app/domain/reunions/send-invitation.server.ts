// Telling the audience about a reunion, a group's meeting or a check-in: the
// poll to answer, or the date to put in their diary. Through notify(), which
// also emails by preference.
import type { Database } from "../../../db/database";
import type { reunions } from "../../../db/schema";
import type { Language } from "../i18n/languages";
import { message } from "../i18n/message";
import { readerLanguages } from "../i18n/reader-languages.server";
import { notify } from "../notifications/notify.server";
import { occasionKind } from "./occasion-words";
import { audienceMembers } from "./reunion-audience.server";
import { reunionLink, whenText, whereText } from "./reunion-notices";

type Reunion = typeof reunions.$inferSelect;

/**
 * Notices go out per time zone and language, so each person reads the time
 * on their own clock and in their own words (dates are formatted per language).
 */
export async function notifyByZone(
  db: Database,
  people: readonly { id: string; timeZone: string }[],
  reunion: Reunion,
  notice: (zone: string, language: Language) => { title: string; body: string },
  actorId: string | null
) {
  const languages = await readerLanguages(db, people.map((p) => p.id));
  const groups = new Map<string, { zone: string; language: Language; ids: string[] }>();
  for (const p of people) {
    const language = languages.get(p.id) ?? "en";
    const key = `${p.timeZone} ${language}`;
    const group = groups.get(key) ?? { zone: p.timeZone, language, ids: [] };
    group.ids.push(p.id);
    groups.set(key, group);
  }
  for (const { zone, language, ids } of groups.values())
    await notify(
      db,
      ids,
      { kind: "reunion", link: reunionLink(reunion.id), ...notice(zone, language) },
      { actorId }
    );
}

export async function sendInvitation(
  db: Database,
  reunion: Reunion,
  { actorId, occurrences }: { actorId: string; occurrences: number }
) {
  const people = await audienceMembers(db, reunion.id);
  const kind = occasionKind(reunion);
  await notifyByZone(
    db,
    people,
    reunion,
    (zone, language) => {
      if (reunion.status === "polling") {
        return { title: message("notifications:texts.pickDate", { title: reunion.title }), body: `notifications:texts.pickDateBody.${kind}` };
      }
      const values = { when: whenText(reunion, zone, language), where: whereText(reunion, language) };
      return {
        title: message("notifications:texts.invitation", { title: reunion.title }),
        body: occurrences > 1 ? message(`notifications:texts.invitationSeriesBody.${kind}`, { ...values, count: occurrences }) : message("notifications:texts.invitationBody", values),
      };
    },
    actorId
  );
}
