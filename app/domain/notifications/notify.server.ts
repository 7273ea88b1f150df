// The one way to tell people something happened: an in-app notification.
// Whether and when it is also emailed is the email job's business
// (email-notifications.server.ts), by each person's preference per kind.
import type { Database } from "../../../db/database";
import { notifications } from "../../../db/schema";
import type { NotificationKind } from "./notification-kinds";

export type Notice = { kind: NotificationKind; title: string; body?: string; link: string };

/** Notifies each person once, never the actor themselves. Call inside the change's transaction. */
export async function notify(db: Database, userIds: Iterable<string | null | undefined>, notice: Notice, { actorId }: { actorId?: string | null } = {}) {
  const to = [...new Set([...userIds].filter((id): id is string => !!id && id !== actorId))];
  if (to.length === 0) return;
  await db.insert(notifications).values(to.map((userId) => ({ userId, kind: notice.kind, title: notice.title, body: notice.body ?? "", link: notice.link })));
}
