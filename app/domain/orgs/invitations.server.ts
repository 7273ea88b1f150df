// Invitations: an organisation admin invites someone by email; the link is
// single-use and expires after a week.
import { and, eq, gt, isNull } from "drizzle-orm";
import type { Database } from "../../../db/database";
import { invitations, organisations, userRoles, users, type Role } from "../../../db/schema";
import { hashPassword } from "../accounts/password.server";
import { generateSecretToken, hashSecretToken, isWellFormedSecretToken } from "../accounts/secret-token.server";
import { createSession } from "../accounts/sessions.server";
import { enqueueEmail } from "../email/enqueue-email.server";
import { ForbiddenError } from "../http-errors";
import { translatorFor } from "../i18n/translators";
import { InputError } from "../input-error";
import { canAdministerOrg, canAssignRole, type Actor } from "../policy";
import { assertDepartmentAndSiteInOrg } from "./org-structure.server";
import { nestedMessage } from "../i18n/nested-message";

export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export type InvitationInput = {
  email: string;
  name?: string;
  jobTitle?: string;
  departmentId?: string | null;
  siteId?: string | null;
  roles: Role[];
};

/** Creates (or renews) an invitation and puts its email in the outbox. */
export async function inviteMember(
  db: Database,
  actor: Actor & { name: string },
  publicOrigin: string,
  orgId: string,
  input: InvitationInput,
  now = new Date(),
) {
  if (!canAdministerOrg(actor, orgId)) throw new ForbiddenError();
  const forbidden = input.roles.find((role) => !canAssignRole(actor, orgId, role));
  if (forbidden) throw new ForbiddenError(nestedMessage("org:invite.errors.cannotGrant", { role: `common:roles.${forbidden}` }));
  if (input.roles.length === 0) throw new InputError({ roles: "org:invite.errors.noRole" });
  await assertDepartmentAndSiteInOrg(db, orgId, input.departmentId, input.siteId);

  const [existing] = await db.select({ id: users.id }).from(users).where(eq(users.email, input.email));
  if (existing) throw new InputError({ email: "org:invite.errors.hasAccount" });

  const [org] = await db.select({ name: organisations.name, language: organisations.defaultLanguage }).from(organisations).where(eq(organisations.id, orgId));
  // The invited person has no setting yet: the organisation's language.
  const t = translatorFor(org?.language, "email");
  const token = generateSecretToken();
  await db.transaction(async (tx) => {
    // Re-inviting replaces the earlier link, so only the newest one works.
    await tx
      .update(invitations)
      .set({ revokedAt: now })
      .where(and(eq(invitations.orgId, orgId), eq(invitations.email, input.email), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)));
    await tx.insert(invitations).values({
      orgId,
      email: input.email,
      name: input.name ?? "",
      jobTitle: input.jobTitle ?? "",
      departmentId: input.departmentId ?? null,
      siteId: input.siteId ?? null,
      roles: input.roles,
      tokenHash: hashSecretToken(token),
      invitedBy: actor.id,
      expiresAt: new Date(now.getTime() + INVITATION_TTL_MS),
      createdAt: now,
    });
    await enqueueEmail(tx, {
      kind: "invitation",
      to: input.email,
      subject: t("invitation.subject", { inviter: actor.name, organisation: org!.name }),
      text: [
        input.name ? t("greeting", { name: input.name }) : t("greetingNoName"),
        "",
        t("invitation.intro", { inviter: actor.name, organisation: org!.name }),
        t("invitation.openWithin"),
        "",
        `${publicOrigin}/invitations/${token}`,
        "",
        t("invitation.once"),
      ].join("\n"),
    });
  });
}

const usable = (tokenHash: string, now: Date) =>
  and(eq(invitations.tokenHash, tokenHash), isNull(invitations.acceptedAt), isNull(invitations.revokedAt), gt(invitations.expiresAt, now));

export async function findUsableInvitation(db: Database, token: string, now = new Date()) {
  if (!isWellFormedSecretToken(token)) return null;
  const [row] = await db
    .select({ email: invitations.email, name: invitations.name, orgName: organisations.name, expiresAt: invitations.expiresAt })
    .from(invitations)
    .innerJoin(organisations, eq(organisations.id, invitations.orgId))
    .where(usable(hashSecretToken(token), now));
  return row ?? null;
}

export async function acceptInvitation(
  db: Database,
  token: string,
  input: { name: string; password: string; timeZone: string },
  now = new Date(),
) {
  const gone = new InputError({ form: "validation:invitation.gone" });
  if (!isWellFormedSecretToken(token)) throw gone;
  const passwordHash = await hashPassword(input.password);
  const userId = await db.transaction(async (tx) => {
    const [invite] = await tx.update(invitations).set({ acceptedAt: now }).where(usable(hashSecretToken(token), now)).returning();
    if (!invite) throw gone;
    const [created] = await tx
      .insert(users)
      .values({
        email: invite.email,
        passwordHash,
        name: input.name,
        jobTitle: invite.jobTitle,
        orgId: invite.orgId,
        departmentId: invite.departmentId,
        siteId: invite.siteId,
        timeZone: input.timeZone,
      })
      .onConflictDoNothing({ target: users.email })
      .returning({ id: users.id });
    if (!created) throw new InputError({ form: "validation:invitation.accountExists" });
    await tx.insert(userRoles).values(invite.roles.map((role) => ({ userId: created.id, role })));
    // The account exists now: other invitations for this email (from other organisations too) end.
    await tx
      .update(invitations)
      .set({ revokedAt: now })
      .where(and(eq(invitations.email, invite.email), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)));
    return created.id;
  });
  return createSession(db, userId);
}
