// Reunions, group meetings and check-ins as calendar events: the .ics
// download of one, and those a person is going to, for their private feed.
// Each is named by its kind, since a calendar mixes them, in the reader's
// language (app/locales/<language>/calendar.json).
import { and, asc, eq, gte, inArray, isNotNull, isNull, sql } from "drizzle-orm";
import type { Database } from "../../../db/database";
import { reunionRsvps, reunions } from "../../../db/schema";
import { NotFoundError } from "../http-errors";
import type { Language } from "../i18n/languages";
import { translatorFor } from "../i18n/translators";
import { canSeeMeeting, canTakePartInReunion, type Actor } from "../policy";
import { occasionKind, titleNamesKind } from "../reunions/occasion-words";
import { findVisibleReunion, inAudienceSql, REUNION_ID_COLUMN } from "../reunions/visible-reunions.server";
import { buildCalendar, type IcsEvent } from "./ics";

type ReunionRow = typeof reunions.$inferSelect;
type CalendarOptions = { origin: string; now: Date; language?: Language };

/** Stable across edits, so a calendar updates its entry instead of adding a second one. */
export function reunionUid(reunionId: string, origin: string) {
  return `reunion-${reunionId}@${new URL(origin).hostname}`;
}

/** "Meeting: Guild night", or the title alone when it already names its kind in `language` (occasion-words.ts). */
export function occasionSummary(language: Language, occasion: { title: string; groupId?: string | null; mentorshipId?: string | null }) {
  const t = translatorFor(language, "calendar");
  const noun = t(`kind.${occasionKind(occasion)}`);
  return titleNamesKind(occasion.title, noun, language) ? occasion.title : t("summary", { kind: noun, title: occasion.title });
}

/** The calendar entry of a reunion with a date, in `language`; null while its date is still being polled. */
export function reunionEvent(reunion: ReunionRow, origin: string, language: Language = "en"): IcsEvent | null {
  if (reunion.status === "polling" || !reunion.startsAt || !reunion.endsAt) return null;
  const page = `${origin}/reunions/${reunion.id}`;
  const kind = occasionKind(reunion);
  const t = translatorFor(language, "calendar");
  const description = [
    reunion.description.trim(),
    reunion.onlineUrl ? t("joinOnline", { link: reunion.onlineUrl }) : "",
    reunion.status === "cancelled" ? t(`cancelled.${kind}`) : "",
    t("details", { link: page }),
  ].filter(Boolean);
  return {
    uid: reunionUid(reunion.id, origin),
    sequence: reunion.sequence,
    start: reunion.startsAt,
    end: reunion.endsAt,
    timeZone: reunion.timeZone,
    summary: occasionSummary(language, reunion),
    description: description.join("\n\n"),
    location: [reunion.location.trim(), reunion.onlineUrl ?? ""].filter(Boolean).join(" · ") || undefined,
    url: page,
    status: reunion.status === "cancelled" ? "CANCELLED" : "CONFIRMED",
    lastModified: reunion.updatedAt,
  };
}

/** A file name made of the title's plain letters and digits; `fallback` when it has none. */
export function calendarFileName(title: string, fallback = "reunion") {
  const slug = title
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/, "");
  return `${slug || fallback}.ics`;
}

/** The .ics download of one reunion, for anyone who may see it. */
export async function reunionCalendarFile(db: Database, actor: Actor, reunionId: string, options: CalendarOptions) {
  const reunion = await findVisibleReunion(db, actor, reunionId);
  const event = reunionEvent(reunion, options.origin, options.language);
  // A 404 rather than a 409: calendar apps and browsers handle it plainly, and there is nothing to add yet.
  const kind = occasionKind(reunion);
  if (!event) throw new NotFoundError(`calendar:errors.noDate.${kind}`);
  // A title with no Latin letters or digits (one in Japanese) is saved under its kind's id: file names stay ASCII for every browser.
  return { fileName: calendarFileName(reunion.title, kind), body: buildCalendar({ events: [event], now: options.now }) };
}

export const FEED_HISTORY_DAYS = 30;

/**
 * The reunions `person` is going to (not waiting for a seat), from 30 days
 * ago on, while they are still invited. Cancelled ones stay in, marked
 * cancelled, so subscribed calendars take them out.
 */
export async function goingReunionEvents(db: Database, person: Actor, options: CalendarOptions): Promise<IcsEvent[]> {
  const since = new Date(options.now.getTime() - FEED_HISTORY_DAYS * 86_400_000);
  const rows = await db
    .select({ reunion: reunions, inAudience: sql<boolean>`${inAudienceSql(REUNION_ID_COLUMN, person.id)}` })
    .from(reunionRsvps)
    .innerJoin(reunions, eq(reunions.id, reunionRsvps.reunionId))
    .where(
      and(
        eq(reunionRsvps.userId, person.id),
        eq(reunionRsvps.answer, "going"),
        isNull(reunionRsvps.waitlistedAt),
        inArray(reunions.status, ["scheduled", "cancelled"]),
        isNotNull(reunions.startsAt),
        gte(reunions.endsAt, since),
      ),
    )
    .orderBy(asc(reunions.startsAt));
  return rows
    .filter(({ reunion, inAudience }) => {
      const access = { orgId: reunion.orgId, isOrganiser: reunion.organiserId === person.id, inAudience };
      return canTakePartInReunion(person, access) && canSeeMeeting(person, { ...access, groupId: reunion.groupId, mentorshipId: reunion.mentorshipId });
    })
    .map(({ reunion }) => reunionEvent(reunion, options.origin, options.language))
    .filter((e): e is IcsEvent => e !== null);
}
