// Open sign-up: allowed only for an organisation that admits the email's
// domain. Everyone else joins by invitation.
import { and, eq } from "drizzle-orm";
import type { Database } from "../../../db/database";
import { organisations, userRoles, users } from "../../../db/schema";
import { InputError } from "../input-error";
import { hashPassword } from "./password.server";
import { createSession } from "./sessions.server";

export type SignUpInput = { email: string; password: string; name: string; timeZone: string };

export async function signUp(db: Database, input: SignUpInput) {
  const domain = input.email.split("@")[1] ?? "";
  const [org] = await db
    .select({ id: organisations.id })
    .from(organisations)
    .where(and(eq(organisations.signupMode, "email_domain"), eq(organisations.allowedEmailDomain, domain)));
  if (!org) {
    throw new InputError({
      email: "validation:signUp.invitationOnly",
    });
  }
  const passwordHash = await hashPassword(input.password);
  const userId = await db.transaction(async (tx) => {
    const [created] = await tx
      .insert(users)
      .values({ email: input.email, passwordHash, name: input.name, orgId: org.id, timeZone: input.timeZone })
      .onConflictDoNothing({ target: users.email })
      .returning({ id: users.id });
    if (!created) {
      throw new InputError({ email: "validation:signUp.accountExists" });
    }
    await tx.insert(userRoles).values({ userId: created.id, role: "participant" });
    return created.id;
  });
  return createSession(db, userId);
}
