// A person's own in-app notifications: the list, the unread count behind
// the bell, and marking them read. Every query is scoped to the actor, so
// someone else's notification id simply does not exist (404).
import { and, count, desc, eq, isNull, sql, type Placeholder } from "drizzle-orm";
import type { Database } from "../../../db/database";
import { notifications } from "../../../db/schema";
import { NotFoundError } from "../http-errors";
import type { Actor } from "../policy";
import { isUuid } from "../uuid";

export const NOTIFICATIONS_PAGE_SIZE = 20;

const ownedBy = (actor: Actor) => eq(notifications.userId, actor.id);
const unread = isNull(notifications.readAt);

export async function listNotifications(db: Database, actor: Actor, page = 1) {
  const [items, [total], unreadCount] = await Promise.all([
    db
      .select({
        id: notifications.id,
        kind: notifications.kind,
        title: notifications.title,
        body: notifications.body,
        link: notifications.link,
        createdAt: notifications.createdAt,
        readAt: notifications.readAt,
      })
      .from(notifications)
      .where(ownedBy(actor))
      // The id breaks ties, so rows created in one transaction keep a stable order across pages.
      .orderBy(desc(notifications.createdAt), desc(notifications.id))
      .limit(NOTIFICATIONS_PAGE_SIZE)
      .offset((page - 1) * NOTIFICATIONS_PAGE_SIZE),
    db.select({ n: count() }).from(notifications).where(ownedBy(actor)),
    countUnreadNotifications(db, actor),
  ]);
  const totalCount = total?.n ?? 0;
  return { items, total: totalCount, unread: unreadCount, page, pages: Math.max(1, Math.ceil(totalCount / NOTIFICATIONS_PAGE_SIZE)) };
}

/** The number on the bell, as a subquery, for the layout to read with its other facts in one round trip. */
export const unreadNotificationsSql = (userId: string | Placeholder) =>
  sql<number>`(select count(*)::int from ${notifications} where ${and(eq(notifications.userId, userId), unread)})`.mapWith(Number);

/** The number on the bell. */
export async function countUnreadNotifications(db: Database, actor: Actor) {
  const [row] = await db
    .select({ n: count() })
    .from(notifications)
    .where(and(ownedBy(actor), unread));
  return row?.n ?? 0;
}

/** Marks one of the actor's notifications read (once: the first reading time is kept) and returns where it points. */
export async function markNotificationRead(db: Database, actor: Actor, notificationId: string, now = new Date()) {
  if (!isUuid(notificationId)) throw new NotFoundError("notifications:list.notFound");
  const [row] = await db
    .select({ id: notifications.id, link: notifications.link, readAt: notifications.readAt })
    .from(notifications)
    .where(and(ownedBy(actor), eq(notifications.id, notificationId)));
  if (!row) throw new NotFoundError("notifications:list.notFound");
  if (!row.readAt) await db.update(notifications).set({ readAt: now }).where(and(ownedBy(actor), eq(notifications.id, row.id), unread));
  return { link: row.link };
}

export async function markAllNotificationsRead(db: Database, actor: Actor, now = new Date()) {
  const marked = await db
    .update(notifications)
    .set({ readAt: now })
    .where(and(ownedBy(actor), unread))
    .returning({ id: notifications.id });
  return marked.length;
}
