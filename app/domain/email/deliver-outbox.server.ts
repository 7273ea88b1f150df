// Delivers due outbox rows through a mail transport, with retries and a
// recorded failure reason. Several processes can run it at once: rows are
// claimed with SKIP LOCKED and a lease, so each is sent by one of them.
import { and, eq, inArray, lte, or, sql } from "drizzle-orm";
import type { Database } from "../../../db/database";
import { outbox } from "../../../db/schema";

export type MailTransport = {
  send: (message: { from: string; to: string; subject: string; text: string }) => Promise<void>;
};

export const MAX_DELIVERY_ATTEMPTS = 5;
const LEASE_MS = 5 * 60 * 1000;

/** 1 min, 2 min, 4 min, 8 min between attempts. */
export function retryDelayMs(attempts: number) {
  return 60_000 * 2 ** Math.max(0, attempts - 1);
}

export async function deliverDueEmails(db: Database, transport: MailTransport, from: string, now = new Date(), batchSize = 20) {
  const claimed = await db.transaction(async (tx) => {
    const due = await tx
      .select({ id: outbox.id })
      .from(outbox)
      .where(
        or(
          and(eq(outbox.status, "pending"), lte(outbox.nextAttemptAt, now)),
          // A process that died mid-send leaves a lease that runs out.
          and(eq(outbox.status, "sending"), lte(outbox.lockedUntil, now)),
        ),
      )
      .orderBy(outbox.createdAt)
      .limit(batchSize)
      .for("update", { skipLocked: true });
    if (due.length === 0) return [];
    return tx
      .update(outbox)
      .set({ status: "sending", lockedUntil: new Date(now.getTime() + LEASE_MS), attempts: sql`${outbox.attempts} + 1` })
      .where(inArray(outbox.id, due.map((d) => d.id)))
      .returning();
  });

  let sent = 0;
  for (const message of claimed) {
    try {
      await transport.send({ from, to: message.to, subject: message.subject, text: message.text });
      await db.update(outbox).set({ status: "sent", sentAt: new Date(), lockedUntil: null, lastError: null }).where(eq(outbox.id, message.id));
      sent++;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      const gaveUp = message.attempts >= MAX_DELIVERY_ATTEMPTS;
      await db
        .update(outbox)
        .set({
          status: gaveUp ? "failed" : "pending",
          lastError: reason.slice(0, 2000),
          lockedUntil: null,
          nextAttemptAt: new Date(now.getTime() + retryDelayMs(message.attempts)),
        })
        .where(eq(outbox.id, message.id));
    }
  }
  return { claimed: claimed.length, sent };
}
