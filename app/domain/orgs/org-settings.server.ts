// An organisation's settings: how people join.
import { and, eq, ne } from "drizzle-orm";
import type { Database } from "../../../db/database";
import { organisations } from "../../../db/schema";
import { ForbiddenError, NotFoundError } from "../http-errors";
import { InputError } from "../input-error";
import { canAdministerOrg, type Actor } from "../policy";

export async function getOrganisation(db: Database, actor: Actor, orgId: string) {
  const [org] = await db.select().from(organisations).where(eq(organisations.id, orgId));
  if (!org) throw new NotFoundError("We could not find that organisation.");
  if (!canAdministerOrg(actor, orgId)) throw new ForbiddenError();
  return org;
}

export type SignupSettings =
  | { signupMode: "invite_only"; allowedEmailDomain?: string | null }
  | { signupMode: "email_domain"; allowedEmailDomain: string };

export async function updateSignupSettings(db: Database, actor: Actor, orgId: string, settings: SignupSettings) {
  if (!canAdministerOrg(actor, orgId)) throw new ForbiddenError();
  const domain = settings.signupMode === "email_domain" ? settings.allowedEmailDomain : null;
  if (domain) {
    const [taken] = await db
      .select({ id: organisations.id })
      .from(organisations)
      .where(and(eq(organisations.allowedEmailDomain, domain), ne(organisations.id, orgId)));
    if (taken) throw new InputError({ allowedEmailDomain: "Another organisation already uses this email domain for sign-up." });
  }
  await db.update(organisations).set({ signupMode: settings.signupMode, allowedEmailDomain: domain }).where(eq(organisations.id, orgId));
}
