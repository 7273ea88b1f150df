// How each person wants to be emailed about each kind of notification:
// immediately, in a daily digest, or not at all. A kind without a saved
// choice follows DEFAULT_EMAIL_DELIVERY.
import { inArray, sql } from "drizzle-orm";
import type { Database } from "../../../db/database";
import { notificationPreferences } from "../../../db/schema";
import { InputError } from "../input-error";
import type { Actor } from "../policy";
import {
  DEFAULT_EMAIL_DELIVERY,
  EMAIL_DELIVERIES,
  INVALID_DELIVERY_MESSAGE,
  NOTIFICATION_KIND_KEYS,
  type EmailDelivery,
  type NotificationKind,
} from "./notification-kinds";

export type DeliveryChoices = Record<NotificationKind, EmailDelivery>;


const isDelivery = (value: unknown): value is EmailDelivery => (EMAIL_DELIVERIES as readonly unknown[]).includes(value);

/** Saved choices of several people, for the email job. Look one up with `deliveryOf`. */
export async function loadDeliveries(db: Database, userIds: readonly string[]) {
  const saved = new Map<string, EmailDelivery>();
  if (userIds.length === 0) return saved;
  const rows = await db.select().from(notificationPreferences).where(inArray(notificationPreferences.userId, [...new Set(userIds)]));
  for (const row of rows) saved.set(`${row.userId}:${row.kind}`, row.delivery);
  return saved;
}

export const deliveryOf = (saved: Map<string, EmailDelivery>, userId: string, kind: string): EmailDelivery =>
  saved.get(`${userId}:${kind}`) ?? DEFAULT_EMAIL_DELIVERY;

export async function getNotificationPreferences(db: Database, actor: Actor): Promise<DeliveryChoices> {
  const saved = await loadDeliveries(db, [actor.id]);
  return Object.fromEntries(NOTIFICATION_KIND_KEYS.map((kind) => [kind, deliveryOf(saved, actor.id, kind)])) as DeliveryChoices;
}

/** Saves the actor's own choices; kinds left out keep what they had. */
export async function saveNotificationPreferences(db: Database, actor: Actor, choices: Partial<Record<string, unknown>>) {
  const fieldErrors: Record<string, string> = {};
  const rows: { userId: string; kind: NotificationKind; delivery: EmailDelivery }[] = [];
  for (const [kind, delivery] of Object.entries(choices)) {
    if (delivery === undefined) continue;
    if (!(NOTIFICATION_KIND_KEYS as string[]).includes(kind)) fieldErrors.form = "notifications:settings.unknownKind";
    else if (!isDelivery(delivery)) fieldErrors[kind] = INVALID_DELIVERY_MESSAGE;
    else rows.push({ userId: actor.id, kind: kind as NotificationKind, delivery });
  }
  if (Object.keys(fieldErrors).length) throw new InputError(fieldErrors);
  if (rows.length === 0) return;
  await db
    .insert(notificationPreferences)
    .values(rows)
    .onConflictDoUpdate({ target: [notificationPreferences.userId, notificationPreferences.kind], set: { delivery: sql`excluded.delivery` } });
}
