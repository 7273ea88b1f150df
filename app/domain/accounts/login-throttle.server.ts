// Per-account sign-in throttle with exponential delay. The key is a hash of
// the email, so unknown accounts are throttled exactly like real ones and the
// answers reveal nothing about which addresses exist.
import { eq, sql } from "drizzle-orm";
import type { Database } from "../../../db/database";
import { loginThrottle } from "../../../db/schema";
import { hashSecretToken } from "./secret-token.server";

export const FREE_ATTEMPTS = 5;
const MAX_DELAY_MS = 15 * 60 * 1000;

/** Delay imposed after `failures` consecutive failures: none for the first few, then 5 s, 10 s, 20 s … capped at 15 min. */
export function throttleDelayMs(failures: number): number {
  if (failures < FREE_ATTEMPTS) return 0;
  return Math.min(MAX_DELAY_MS, 5000 * 2 ** (failures - FREE_ATTEMPTS));
}

function throttleKey(email: string) {
  return hashSecretToken(`login:${email}`);
}

/** Milliseconds the caller must still wait, or 0 when an attempt is allowed. */
export async function loginWaitMs(db: Database, email: string, now = new Date()): Promise<number> {
  const [row] = await db.select().from(loginThrottle).where(eq(loginThrottle.key, throttleKey(email)));
  if (!row?.lockedUntil) return 0;
  return Math.max(0, row.lockedUntil.getTime() - now.getTime());
}

export async function recordLoginFailure(db: Database, email: string, now = new Date()) {
  const key = throttleKey(email);
  // One statement, so concurrent failures all count.
  const [row] = await db
    .insert(loginThrottle)
    .values({ key, failures: 1, updatedAt: now })
    .onConflictDoUpdate({
      target: loginThrottle.key,
      set: { failures: sql`${loginThrottle.failures} + 1`, updatedAt: now },
    })
    .returning({ failures: loginThrottle.failures });
  const delay = throttleDelayMs(row!.failures);
  if (delay > 0) {
    await db
      .update(loginThrottle)
      .set({ lockedUntil: new Date(now.getTime() + delay) })
      .where(eq(loginThrottle.key, key));
  }
}

export async function clearLoginFailures(db: Database, email: string) {
  await db.delete(loginThrottle).where(eq(loginThrottle.key, throttleKey(email)));
}
