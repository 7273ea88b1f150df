// Emails notifications by each person's choice per kind: at once, in one
// daily digest, or not at all. Several processes may run this at once:
// rows are claimed with FOR UPDATE SKIP LOCKED inside the transaction that
// enqueues the email and marks them, so none is emailed twice. Each email
// is written in its reader's language (their own, else their organisation's).
import { and, asc, eq, inArray, isNull, lt, or } from "drizzle-orm";
import type { Database } from "../../../db/database";
import { emailDigests, notifications, organisations, users } from "../../../db/schema";
import { enqueueEmail } from "../email/enqueue-email.server";
import { chooseLanguage } from "../i18n/languages";
import { translatorFor } from "../i18n/translators";
import { nameFormerMembers } from "../people/person-name";
import { deliveryOf, loadDeliveries } from "./notification-preferences.server";

export const DIGEST_INTERVAL_MS = 24 * 60 * 60 * 1000;
const PENDING_BATCH = 100;
const DIGEST_PEOPLE_BATCH = 50;
const DIGEST_LISTED_MAX = 50;
// Stands for "no digest yet" in a placeholder email_digests row (see lockDigestOf).
const NEVER = new Date(0);

type Options = { origin: string; now?: Date };

/** Notification links are paths inside the portal; anything else points to the list instead. */
function absoluteLink(origin: string, link: string) {
  const path = link.startsWith("/") && !link.startsWith("//") && !link.startsWith("/\\") ? link : "/notifications";
  return `${origin}${path}`;
}

/** The reader and their language: their own choice, else their organisation's. */
const readerColumns = { id: users.id, email: users.email, name: users.name, language: users.language, orgLanguage: organisations.defaultLanguage };

type Reader = { email: string; name: string; language: string | null; orgLanguage: string };

/** The email's words in the reader's language; the notification's own text was written in it when it was stored (notify.server.ts). */
function writerFor(reader: Reader) {
  return translatorFor(chooseLanguage({ person: reader.language, organisation: reader.orgLanguage }), "email");
}

const settingsFooter = (t: ReturnType<typeof writerFor>, origin: string) => ["", "—", t("notification.settings", { link: `${origin}/notifications/settings` })];

/** Looks at every notification not yet considered for email: emails, defers to the digest, or drops it. */
export async function emailPendingNotifications(db: Database, { origin, now = new Date() }: Options) {
  const totals = { emailed: 0, deferred: 0, skipped: 0 };
  for (;;) {
    const batch = await emailPendingBatch(db, origin, now);
    totals.emailed += batch.emailed;
    totals.deferred += batch.deferred;
    totals.skipped += batch.skipped;
    if (batch.claimed < PENDING_BATCH) return totals;
  }
}

async function emailPendingBatch(db: Database, origin: string, now: Date) {
  return db.transaction(async (tx) => {
    const claimed = await tx
      .select()
      .from(notifications)
      .where(eq(notifications.emailStatus, "pending"))
      .orderBy(asc(notifications.createdAt), asc(notifications.id))
      .limit(PENDING_BATCH)
      .for("update", { skipLocked: true });
    const result = { claimed: claimed.length, emailed: 0, deferred: 0, skipped: 0 };
    if (claimed.length === 0) return result;

    const userIds = [...new Set(claimed.map((n) => n.userId))];
    const saved = await loadDeliveries(tx, userIds);
    const people = await tx.select(readerColumns).from(users).innerJoin(organisations, eq(organisations.id, users.orgId)).where(inArray(users.id, userIds));
    const personById = new Map(people.map((p) => [p.id, p]));

    const done: string[] = [];
    const toDigest: string[] = [];
    for (const n of claimed) {
      const delivery = deliveryOf(saved, n.userId, n.kind);
      const person = personById.get(n.userId);
      if (delivery === "daily") {
        toDigest.push(n.id);
        result.deferred++;
        continue;
      }
      done.push(n.id);
      if (delivery === "off" || !person) {
        result.skipped++;
        continue;
      }
      const t = writerFor(person);
      // A notice stored before someone in it was erased names them as a former member, in the reader's words.
      const title = nameFormerMembers(n.title, t);
      await enqueueEmail(
        tx,
        {
          kind: "notification",
          to: person.email,
          subject: title,
          text: [
            t("greeting", { name: person.name }),
            "",
            title,
            ...(n.body ? ["", nameFormerMembers(n.body, t)] : []),
            "",
            t("notification.open", { link: absoluteLink(origin, n.link) }),
            ...settingsFooter(t, origin),
          ].join("\n"),
        },
        now,
      );
      result.emailed++;
    }
    if (done.length) await tx.update(notifications).set({ emailStatus: "done" }).where(inArray(notifications.id, done));
    if (toDigest.length) await tx.update(notifications).set({ emailStatus: "digest" }).where(inArray(notifications.id, toDigest));
    return result;
  });
}

/**
 * Sends one digest email to each person with notifications waiting for it,
 * unless their last digest went out less than 24 hours before `now`.
 */
export async function sendDailyDigests(db: Database, { origin, now = new Date() }: Options) {
  const cutoff = new Date(now.getTime() - DIGEST_INTERVAL_MS);
  let sent = 0;
  const tried = new Set<string>();
  for (;;) {
    const due = await db
      .selectDistinct({ userId: notifications.userId })
      .from(notifications)
      .leftJoin(emailDigests, eq(emailDigests.userId, notifications.userId))
      .where(and(eq(notifications.emailStatus, "digest"), or(isNull(emailDigests.lastSentAt), lt(emailDigests.lastSentAt, cutoff))))
      .limit(DIGEST_PEOPLE_BATCH + tried.size);
    const fresh = due.map((d) => d.userId).filter((id) => !tried.has(id));
    if (fresh.length === 0) return { sent };
    for (const userId of fresh) {
      tried.add(userId);
      if (await sendDigestTo(db, userId, origin, now, cutoff)) sent++;
    }
  }
}

/**
 * The person's email_digests row is the lock that makes "one digest per
 * 24 hours" hold across processes: a placeholder row is inserted if there
 * is none, then locked with SKIP LOCKED, so a second process skips this
 * person and, once the first commits, sees the new last_sent_at.
 */
async function lockDigestOf(tx: Database, userId: string) {
  await tx.insert(emailDigests).values({ userId, lastSentAt: NEVER }).onConflictDoNothing();
  const [row] = await tx.select().from(emailDigests).where(eq(emailDigests.userId, userId)).for("update", { skipLocked: true });
  return row ?? null;
}

async function sendDigestTo(db: Database, userId: string, origin: string, now: Date, cutoff: Date) {
  return db.transaction(async (tx) => {
    const digest = await lockDigestOf(tx, userId);
    if (!digest || digest.lastSentAt >= cutoff) return false;
    const waiting = await tx
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, userId), eq(notifications.emailStatus, "digest")))
      .orderBy(asc(notifications.createdAt), asc(notifications.id))
      .for("update");
    if (waiting.length === 0) return false;
    await tx
      .update(notifications)
      .set({ emailStatus: "done" })
      .where(inArray(notifications.id, waiting.map((n) => n.id)));

    // A kind switched to "off" since it was deferred is not emailed after all.
    const saved = await loadDeliveries(tx, [userId]);
    const wanted = waiting.filter((n) => deliveryOf(saved, userId, n.kind) !== "off");
    const [person] = await tx.select(readerColumns).from(users).innerJoin(organisations, eq(organisations.id, users.orgId)).where(eq(users.id, userId));
    if (wanted.length === 0 || !person) return false;

    const listed = wanted.slice(-DIGEST_LISTED_MAX);
    const more = wanted.length - listed.length;
    const t = writerFor(person);
    await enqueueEmail(
      tx,
      {
        kind: "notification-digest",
        to: person.email,
        subject: t("digest.subject", { count: wanted.length }),
        text: [
          t("greeting", { name: person.name }),
          "",
          t("digest.intro"),
          ...listed.flatMap((n) => ["", `• ${nameFormerMembers(n.title, t)}`, ...(n.body ? [`  ${nameFormerMembers(n.body, t)}`] : []), `  ${absoluteLink(origin, n.link)}`]),
          ...(more > 0 ? ["", t("digest.more", { count: more, link: `${origin}/notifications` })] : []),
          ...settingsFooter(t, origin),
        ].join("\n"),
      },
      now,
    );
    await tx.update(emailDigests).set({ lastSentAt: now }).where(eq(emailDigests.userId, userId));
    return true;
  });
}
