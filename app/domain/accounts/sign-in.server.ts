// Sign-in with email and password. Every failure gives the same message.
import { eq } from "drizzle-orm";
import type { Database } from "../../../db/database";
import { users } from "../../../db/schema";
import { clearLoginFailures, loginWaitMs, recordLoginFailure } from "./login-throttle.server";
import { verifyAgainstDummy, verifyPassword } from "./password.server";
import { createSession } from "./sessions.server";
import { message } from "../i18n/message";

export type SignInResult =
  | { ok: true; token: string; expiresAt: Date; userId: string }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "throttled"; retryAfterSeconds: number };

export async function signIn(db: Database, email: string, password: string): Promise<SignInResult> {
  const wait = await loginWaitMs(db, email);
  if (wait > 0) return { ok: false, reason: "throttled", retryAfterSeconds: Math.ceil(wait / 1000) };

  const [user] = await db.select({ id: users.id, passwordHash: users.passwordHash }).from(users).where(eq(users.email, email));
  const valid = user ? await verifyPassword(user.passwordHash, password) : await verifyAgainstDummy(password);
  if (!user || !valid) {
    await recordLoginFailure(db, email);
    return { ok: false, reason: "invalid" };
  }
  await clearLoginFailures(db, email);
  const { token, session } = await createSession(db, user.id);
  return { ok: true, token, expiresAt: session.expiresAt, userId: user.id };
}

export const SIGN_IN_FAILED_MESSAGE = "validation:signIn.failed";

/** The wait in the largest whole unit, as a catalogue message (app/locales/<language>/validation.json). */
export function throttledMessage(retryAfterSeconds: number) {
  return retryAfterSeconds < 60
    ? message("validation:signIn.throttledSeconds", { count: retryAfterSeconds })
    : message("validation:signIn.throttledMinutes", { count: Math.ceil(retryAfterSeconds / 60) });
}
