// The numbers an organisation admin and a platform admin start from, for the
// home page. One query each: the counts are subqueries of one select.
import { and, count, eq, gt, inArray, isNull } from "drizzle-orm";
import type { Database } from "../../../db/database";
import { groups, invitations, modules, organisations, outbox, programmeModules, users } from "../../../db/schema";

export async function loadOrgAdminOverview(db: Database, orgId: string, now: Date) {
  const [row] = await db
    .select({
      people: db.$count(users, eq(users.orgId, orgId)),
      pendingInvitations: db.$count(invitations, and(eq(invitations.orgId, orgId), isNull(invitations.acceptedAt), isNull(invitations.revokedAt), gt(invitations.expiresAt, now))),
      programmeModules: db.$count(programmeModules, eq(programmeModules.orgId, orgId)),
      groupsGathering: db.$count(groups, and(eq(groups.orgId, orgId), eq(groups.kind, "peer"), eq(groups.status, "gathering"))),
    })
    .from(organisations)
    .where(eq(organisations.id, orgId));
  return { people: row?.people ?? 0, pendingInvitations: row?.pendingInvitations ?? 0, programmeModules: row?.programmeModules ?? 0, groupsGathering: row?.groupsGathering ?? 0 };
}

export async function loadPlatformOverview(db: Database) {
  const [row] = await db
    .select({
      organisations: count(),
      emailsWaiting: db.$count(outbox, inArray(outbox.status, ["pending", "sending"])),
      emailsFailed: db.$count(outbox, eq(outbox.status, "failed")),
      archivedModules: db.$count(modules, eq(modules.status, "archived")),
    })
    .from(organisations);
  return { organisations: row?.organisations ?? 0, emailsWaiting: row?.emailsWaiting ?? 0, emailsFailed: row?.emailsFailed ?? 0, archivedModules: row?.archivedModules ?? 0 };
}
