// Loading a peer group the way every group use-case starts: scoped to the
// caller, with their part in it and whether the two organisations may meet,
// and a 404 for anyone the group does not concern.
import { and, eq, inArray, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Database } from "../../../db/database";
import { groupBans, groupMembers, groups, organisations } from "../../../db/schema";
import { NotFoundError } from "../http-errors";
import { canEnterGroupSpace, canSeeGroup, type Actor, type GroupAccess, type GroupRole } from "../policy";
import { isUuid } from "../uuid";

export const notFoundGroup = () => new NotFoundError("groups:errors.notFound");

/** Whether the actor's organisation and another allow their alumni to meet. */
export async function crossingWith(db: Database, actor: { orgId: string }, otherOrgId: string) {
  if (otherOrgId === actor.orgId) return { sameOrg: true, bothOrgsAllow: true };
  const rows = await db
    .select({ id: organisations.id, allows: organisations.crossOrgConnections })
    .from(organisations)
    .where(inArray(organisations.id, [actor.orgId, otherOrgId]));
  return { sameOrg: false, bothOrgsAllow: rows.length === 2 && rows.every((r) => r.allows) };
}

/** The group and the actor's access to it, or a 404 when they may not see it. */
export async function findVisibleGroup(db: Database, actor: Actor, groupId: string) {
  if (!isUuid(groupId)) throw notFoundGroup();
  const groupOrg = alias(organisations, "group_org");
  const [row] = await db
    .select({
      group: groups,
      orgName: groupOrg.name,
      role: groupMembers.role,
      banned: sql<boolean>`${groupBans.userId} is not null`,
    })
    .from(groups)
    .innerJoin(groupOrg, eq(groupOrg.id, groups.orgId))
    .leftJoin(groupMembers, and(eq(groupMembers.groupId, groups.id), eq(groupMembers.userId, actor.id)))
    .leftJoin(groupBans, and(eq(groupBans.groupId, groups.id), eq(groupBans.userId, actor.id)))
    .where(eq(groups.id, groupId));
  if (!row) throw notFoundGroup();
  const access: GroupAccess = {
    kind: row.group.kind,
    status: row.group.status,
    joinPolicy: row.group.joinPolicy,
    joinDecision: row.group.joinDecision,
    crossOrg: row.group.crossOrg,
    role: (row.role as GroupRole | null) ?? null,
    banned: Boolean(row.banned),
    ...(await crossingWith(db, actor, row.group.orgId)),
  };
  if (!canSeeGroup(actor, access)) throw notFoundGroup();
  return { ...row.group, orgName: row.orgName, access };
}

export type VisibleGroup = Awaited<ReturnType<typeof findVisibleGroup>>;

/** The group space: members only, a 404 for everyone else (even those who may see the group in the directory). */
export async function findGroupSpace(db: Database, actor: Actor, groupId: string) {
  const group = await findVisibleGroup(db, actor, groupId);
  if (!canEnterGroupSpace(actor, group.access)) throw notFoundGroup();
  return group;
}
