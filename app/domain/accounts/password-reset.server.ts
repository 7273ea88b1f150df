// Password reset by email: single-use tokens, hashed at rest, valid for one
// hour, and only the newest one: asking again, using one or changing the
// password ends every earlier link of the account. The request answers the
// same whether or not the account exists.
import { and, eq, gt, isNull } from "drizzle-orm";
import type { Database } from "../../../db/database";
import { organisations, passwordResets, users } from "../../../db/schema";
import { enqueueEmail } from "../email/enqueue-email.server";
import { chooseLanguage } from "../i18n/languages";
import { translatorFor } from "../i18n/translators";
import { InputError } from "../input-error";
import { clearLoginFailures } from "./login-throttle.server";
import { hashPassword } from "./password.server";
import { generateSecretToken, hashSecretToken, isWellFormedSecretToken } from "./secret-token.server";
import { invalidateUserSessions } from "./sessions.server";

export const RESET_TOKEN_TTL_MS = 60 * 60 * 1000;

/** Ends every reset link of this account still open (marked used, so none can be used again). */
export async function endResetLinks(db: Database, userId: string, now = new Date()) {
  await db.update(passwordResets).set({ usedAt: now }).where(and(eq(passwordResets.userId, userId), isNull(passwordResets.usedAt)));
}

export async function requestPasswordReset(db: Database, publicOrigin: string, email: string, now = new Date()) {
  const [user] = await db
    .select({ id: users.id, name: users.name, language: users.language, orgLanguage: organisations.defaultLanguage })
    .from(users)
    .innerJoin(organisations, eq(organisations.id, users.orgId))
    .where(eq(users.email, email));
  if (!user) return;
  const token = generateSecretToken();
  await db.transaction(async (tx) => {
    // Only the link in the newest email works.
    await endResetLinks(tx, user.id, now);
    await tx.insert(passwordResets).values({
      tokenHash: hashSecretToken(token),
      userId: user.id,
      expiresAt: new Date(now.getTime() + RESET_TOKEN_TTL_MS),
      createdAt: now,
    });
    // In the account's language: whoever asked may not be its owner, so not the asking browser's.
    const t = translatorFor(chooseLanguage({ person: user.language, organisation: user.orgLanguage }), "email");
    await enqueueEmail(tx, {
      kind: "password-reset",
      to: email,
      subject: t("passwordReset.subject"),
      text: [t("greeting", { name: user.name }), "", t("passwordReset.intro"), "", `${publicOrigin}/reset-password/${token}`, "", t("passwordReset.notYou")].join("\n"),
    });
  });
}

/** Whether the link is still usable, for showing the form or an explanation. */
export async function isResetTokenUsable(db: Database, token: string, now = new Date()) {
  if (!isWellFormedSecretToken(token)) return false;
  const [row] = await db
    .select({ userId: passwordResets.userId })
    .from(passwordResets)
    .where(
      and(eq(passwordResets.tokenHash, hashSecretToken(token)), isNull(passwordResets.usedAt), gt(passwordResets.expiresAt, now)),
    );
  return Boolean(row);
}

/** Sets the new password and ends every session of the person, whose id it returns. */
export async function resetPassword(db: Database, token: string, newPassword: string, now = new Date()): Promise<{ userId: string }> {
  const expired = new InputError({
    password: "validation:password.resetGone",
  });
  if (!isWellFormedSecretToken(token)) throw expired;
  const passwordHash = await hashPassword(newPassword);
  return db.transaction(async (tx) => {
    // Marking it used in the same statement that checks it makes it single-use under races.
    const [claimed] = await tx
      .update(passwordResets)
      .set({ usedAt: now })
      .where(
        and(eq(passwordResets.tokenHash, hashSecretToken(token)), isNull(passwordResets.usedAt), gt(passwordResets.expiresAt, now)),
      )
      .returning({ userId: passwordResets.userId });
    if (!claimed) throw expired;
    const [user] = await tx
      .update(users)
      .set({ passwordHash })
      .where(eq(users.id, claimed.userId))
      .returning({ email: users.email });
    await endResetLinks(tx, claimed.userId, now);
    await invalidateUserSessions(tx, claimed.userId);
    await clearLoginFailures(tx, user!.email);
    return { userId: claimed.userId };
  });
}
