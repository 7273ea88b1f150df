// Changing a password needs the current one, signs out every other session
// and ends the reset links still in the mailbox.
import { eq } from "drizzle-orm";
import type { Database } from "../../../db/database";
import { users } from "../../../db/schema";
import { InputError } from "../input-error";
import { endResetLinks } from "./password-reset.server";
import { hashPassword, verifyPassword } from "./password.server";
import { invalidateUserSessions } from "./sessions.server";

export async function changePassword(
  db: Database,
  { userId, sessionId, currentPassword, newPassword }: { userId: string; sessionId: string; currentPassword: string; newPassword: string },
) {
  const [user] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, userId));
  if (!user || !(await verifyPassword(user.passwordHash, currentPassword))) {
    throw new InputError({ currentPassword: "validation:password.notCurrent" });
  }
  const passwordHash = await hashPassword(newPassword);
  await db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash }).where(eq(users.id, userId));
    await invalidateUserSessions(tx, userId, sessionId);
    await endResetLinks(tx, userId);
  });
}
