// What the home page shows a signed-in person: the next steps for each of
// their roles, with the few numbers that make those steps concrete.
import { and, count, eq, gt, isNull } from "drizzle-orm";
import type { Database } from "../../../db/database";
import { invitations, organisations, outbox, users } from "../../../db/schema";
import type { SessionUser } from "../accounts/sessions.server";
import { listDraftsToEdit } from "../modules/module-draft.server";
import { listMyTakeaways } from "../modules/takeaways.server";
import { canAdministerOrg, isPlatformAdmin } from "../policy";

export async function loadDashboard(db: Database, user: SessionUser, now = new Date()) {
  const [me] = await db
    .select({ jobTitle: users.jobTitle, bio: users.bio, orgName: organisations.name })
    .from(users)
    .innerJoin(organisations, eq(organisations.id, users.orgId))
    .where(eq(users.id, user.id));

  let org: { people: number; pendingInvitations: number } | null = null;
  if (canAdministerOrg(user, user.orgId)) {
    const [[people], [pending]] = await Promise.all([
      db.select({ n: count() }).from(users).where(eq(users.orgId, user.orgId)),
      db
        .select({ n: count() })
        .from(invitations)
        .where(and(eq(invitations.orgId, user.orgId), isNull(invitations.acceptedAt), isNull(invitations.revokedAt), gt(invitations.expiresAt, now))),
    ]);
    org = { people: people?.n ?? 0, pendingInvitations: pending?.n ?? 0 };
  }

  let platform: { organisations: number; undeliveredEmails: number } | null = null;
  if (isPlatformAdmin(user)) {
    const [[orgs], [mail]] = await Promise.all([
      db.select({ n: count() }).from(organisations),
      db.select({ n: count() }).from(outbox).where(eq(outbox.status, "pending")),
    ]);
    platform = { organisations: orgs?.n ?? 0, undeliveredEmails: mail?.n ?? 0 };
  }

  const [takeaways, drafts] = await Promise.all([listMyTakeaways(db, user.id), listDraftsToEdit(db, user)]);
  return {
    takeaways,
    drafts,
    orgName: me?.orgName ?? "",
    profileIncomplete: !me?.jobTitle || !me?.bio,
    org,
    platform,
  };
}
