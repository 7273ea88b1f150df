// The one way to tell people something happened: an in-app notification.
// Whether and when it is also emailed is the email job's business
// (email-notifications.server.ts), by each person's preference per kind.
import { and, inArray, isNull, or, sql } from "drizzle-orm";
import type { Database } from "../../../db/database";
import { notifications } from "../../../db/schema";
import { readerLanguages } from "../i18n/reader-languages.server";
import { nestedMessageIn } from "../i18n/translators";
import type { NotificationKind } from "./notification-kinds";

/** `title` and `body` are catalogue messages (message.ts, or nested-message.ts when a value is a message itself), or sentences not yet moved to the catalogues. */
export type Notice = { kind: NotificationKind; title: string; body?: string; link: string };

/**
 * Notifies each person once, never the actor themselves, in each one's
 * language (their own, else their organisation's): the text is written
 * when the notice is, like an email, and the bell, the list and the
 * notification emails show it as stored. Call inside the change's transaction.
 */
export async function notify(db: Database, userIds: Iterable<string | null | undefined>, notice: Notice, { actorId }: { actorId?: string | null } = {}) {
  const to = [...new Set([...userIds].filter((id): id is string => !!id && id !== actorId))];
  if (to.length === 0) return;
  const languageOf = await readerLanguages(db, to);
  await db.insert(notifications).values(
    to.map((userId) => {
      const language = languageOf.get(userId) ?? "en";
      return { userId, kind: notice.kind, title: nestedMessageIn(language, notice.title), body: notice.body ? nestedMessageIn(language, notice.body) : "", link: notice.link };
    }),
  );
}

/**
 * Notices about something that no longer holds (an invitation to what is now
 * cancelled): read from now on, and not emailed if the email job has not
 * sent them yet, so nobody is led to answer it. Call inside the change's
 * transaction, before the notice that replaces them.
 */
export async function supersedeNotices(db: Database, links: readonly string[], now = new Date()) {
  if (links.length === 0) return;
  await db
    .update(notifications)
    .set({
      readAt: sql`coalesce(${notifications.readAt}, ${now.toISOString()}::timestamptz)`,
      emailStatus: sql`case when ${notifications.emailStatus} in ('pending', 'digest') then 'done'::notification_email_status else ${notifications.emailStatus} end`,
    })
    .where(and(inArray(notifications.link, [...links]), or(isNull(notifications.readAt), inArray(notifications.emailStatus, ["pending", "digest"]))));
}
