// Cancelling a reunion, a group's meeting or a check-in: this occurrence of
// a series, or this one and the rest of the series. All of it in one
// transaction: every occurrence cancelled with a new calendar SEQUENCE and
// its own audit event, the notices about it superseded, and everyone invited
// who has not declined told (those who never answered too).
import { and, asc, eq, gte, ne } from "drizzle-orm";
import type { Database } from "../../../db/database";
import { reunions } from "../../../db/schema";
import { formatDateInZone, formatList } from "../../components/format-time";
import { ForbiddenError } from "../http-errors";
import type { Language } from "../i18n/languages";
import { message } from "../i18n/message";
import { readerLanguages } from "../i18n/reader-languages.server";
import { translatorFor } from "../i18n/translators";
import { InputError } from "../input-error";
import { notify, supersedeNotices } from "../notifications/notify.server";
import { canRunReunion, type Actor } from "../policy";
import { auditOccasion } from "./audit-occasion.server";
import { occasionKind } from "./occasion-words";
import type { CancelScope } from "./reunion-fields";
import { reunionLink, whenText } from "./reunion-notices";
import { peopleNotDeclined } from "./reunion-rsvp-people.server";
import { findVisibleReunion } from "./visible-reunions.server";

type Reunion = typeof reunions.$inferSelect;

/** Returns how many occurrences were cancelled. */
export async function cancelReunion(
  db: Database,
  actor: Actor,
  reunionId: string,
  { reason, scope = "one" }: { reason: string; scope?: CancelScope },
  now = new Date()
): Promise<number> {
  const visible = await findVisibleReunion(db, actor, reunionId);
  const kind = occasionKind(visible);
  if (!canRunReunion(actor, visible))
    throw new ForbiddenError(`reunions:errors.only.cancel.${kind}`);
  return db.transaction(async (tx) => {
    const [reunion] = await tx
      .select()
      .from(reunions)
      .where(eq(reunions.id, visible.id))
      .for("update");
    if (!reunion || reunion.status === "cancelled")
      throw new InputError({ form: `reunions:errors.alreadyCancelled.${kind}` }, 409);
    // The rest of the series: the later occurrences of the same series and owner,
    // locked in order after this one, so two cancellations at once cannot deadlock.
    const rows =
      scope === "rest" && reunion.seriesId && reunion.occurrence !== null
        ? await tx
            .select()
            .from(reunions)
            .where(
              and(
                eq(reunions.seriesId, reunion.seriesId),
                eq(reunions.orgId, reunion.orgId),
                gte(reunions.occurrence, reunion.occurrence),
                ne(reunions.status, "cancelled"),
              ),
            )
            .orderBy(asc(reunions.occurrence))
            .for("update")
        : [reunion];
    const sameOwner = rows.filter((r) => r.groupId === reunion.groupId && r.mentorshipId === reunion.mentorshipId);
    await cancelOccasions(tx, sameOwner, { actorId: actor.id, reason, now, tell: true });
    return sameOwner.length;
  });
}

/**
 * Cancels these occurrences, which the caller holds FOR UPDATE and which are
 * not cancelled yet. `tell: false` when the caller tells people its own way
 * (the end of a mentoring cancels its check-ins still to come).
 */
export async function cancelOccasions(
  tx: Database,
  rows: readonly Reunion[],
  { actorId, reason, now, tell }: { actorId: string | null; reason: string; now: Date; tell: boolean },
) {
  const cancelled: Reunion[] = [];
  for (const row of rows) {
    const [updated] = await tx
      .update(reunions)
      .set({ status: "cancelled", sequence: row.sequence + 1, updatedAt: now })
      .where(eq(reunions.id, row.id))
      .returning();
    cancelled.push(updated!);
    await auditOccasion(tx, row, {
      actorId,
      action: "reunion.cancelled",
      reason: reason || null,
      details: {
        ...(row.seriesId ? { seriesId: row.seriesId, occurrence: row.occurrence } : {}),
        ...(rows.length > 1 ? { withTheRestOfTheSeries: true } : {}),
      },
    });
  }
  // Before the cancellation notice, which links to the same page.
  await supersedeNotices(tx, cancelled.map((r) => reunionLink(r.id)), now);
  if (!tell || cancelled.length === 0) return;

  // Each person hears once, of the occurrences they had not declined, on their own clock.
  const theirs = new Map<string, { timeZone: string; rows: Reunion[] }>();
  for (const row of cancelled)
    for (const person of await peopleNotDeclined(tx, row)) {
      const entry = theirs.get(person.id) ?? { timeZone: person.timeZone, rows: [] };
      entry.rows.push(row);
      theirs.set(person.id, entry);
    }
  const languages = await readerLanguages(tx, [...theirs.keys()]);
  const sameNotice = new Map<string, { ids: string[]; timeZone: string; language: Language; rows: Reunion[] }>();
  for (const [id, entry] of theirs) {
    const language = languages.get(id) ?? "en";
    const key = `${entry.timeZone}|${language}|${entry.rows.map((r) => r.id).join(",")}`;
    const group = sameNotice.get(key) ?? { ids: [], language, ...entry };
    group.ids.push(id);
    sameNotice.set(key, group);
  }
  for (const { ids, timeZone, language, rows: told } of sameNotice.values())
    await notify(tx, ids, { kind: "reunion", link: reunionLink(told[0]!.id), ...cancellationNotice(told, timeZone, language, reason) }, { actorId });
}

/** The notice of one cancelled occasion or several of a series, in `language` (notifications.json, texts). */
function cancellationNotice(rows: readonly Reunion[], zone: string, language: Language, reason: string) {
  const first = rows[0]!;
  const kind = occasionKind(first);
  const why = reason ? "Why" : "";
  if (rows.length === 1)
    return { title: message("notifications:texts.cancelled", { title: first.title }), body: message(`notifications:texts.cancelledOne${why}.${kind}`, { when: whenText(first, zone, language), reason }) };
  const later = translatorFor(language, "reunions")("notice.aDateToBeChosen");
  const days = rows.map((r) => (r.startsAt ? formatDateInZone(r.startsAt, zone, language) : later));
  return {
    title: message(`notifications:texts.cancelledSeries.${kind}`, { title: first.title, count: rows.length }),
    body: message(`notifications:texts.cancelledMany${why}.${kind}`, { days: formatList(days, language), reason }),
  };
}
