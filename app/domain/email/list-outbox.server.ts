// The outbox as platform admins read it at /admin/outbox.
import { desc, count } from "drizzle-orm";
import type { Database } from "../../../db/database";
import { outbox } from "../../../db/schema";
import { ForbiddenError } from "../http-errors";
import { canReadOutbox, type Actor } from "../policy";

export const OUTBOX_PAGE_SIZE = 25;

export async function listOutbox(db: Database, actor: Actor, page: number) {
  if (!canReadOutbox(actor)) throw new ForbiddenError();
  const [messages, [total]] = await Promise.all([
    db.select().from(outbox).orderBy(desc(outbox.createdAt)).limit(OUTBOX_PAGE_SIZE).offset((page - 1) * OUTBOX_PAGE_SIZE),
    db.select({ n: count() }).from(outbox),
  ]);
  return { messages, total: total?.n ?? 0 };
}
