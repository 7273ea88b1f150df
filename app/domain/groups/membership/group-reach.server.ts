// Whether a person may be in a group at all, and in words why not: the
// group's own welcome to other organisations and both organisations' rules.
// Used for the person joining, for the member inviting and for the convener
// accepting, so each hears the same reason in their own words.
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Database } from "../../../../db/database";
import { groupBans, groupMembers, groups, organisations, userRoles, users, type Role } from "../../../../db/schema";
import { ForbiddenError, NotFoundError } from "../../http-errors";
import { isWithinGroupReach, type Actor, type GroupAccess, type GroupRole } from "../../policy";
import { isUuid } from "../../uuid";
import { crossingWith, findVisibleGroup } from "../load-group.server";
import { message } from "../../i18n/message";

export type Person = Actor & { name: string; email: string };

const personColumns = {
  id: users.id,
  name: users.name,
  email: users.email,
  orgId: users.orgId,
  roles: sql<Role[]>`coalesce((select array_agg(ur.role::text) from ${userRoles} ur where ur.user_id = ${users.id}), '{}')`,
};

/** Someone by id or by (lower-cased) email, with their roles, or null. */
export async function findPerson(db: Database, by: { id: string } | { email: string }): Promise<Person | null> {
  const [row] = await db
    .select(personColumns)
    .from(users)
    .where("id" in by ? eq(users.id, by.id) : eq(users.email, by.email.trim().toLowerCase()));
  return row ?? null;
}

type GroupRow = Pick<typeof groups.$inferSelect, "id" | "orgId" | "kind" | "status" | "joinPolicy" | "joinDecision" | "crossOrg">;

/** Another person's standing towards a group, in the shape the policy reads. */
export async function accessOf(db: Database, person: { id: string; orgId: string }, group: GroupRow): Promise<GroupAccess> {
  const [[member], [ban]] = await Promise.all([
    db.select({ role: groupMembers.role }).from(groupMembers).where(and(eq(groupMembers.groupId, group.id), eq(groupMembers.userId, person.id))),
    db.select({ userId: groupBans.userId }).from(groupBans).where(and(eq(groupBans.groupId, group.id), eq(groupBans.userId, person.id))),
  ]);
  return {
    kind: group.kind,
    status: group.status,
    joinPolicy: group.joinPolicy,
    joinDecision: group.joinDecision,
    crossOrg: group.crossOrg,
    role: (member?.role as GroupRole | undefined) ?? null,
    banned: Boolean(ban),
    ...(await crossingWith(db, person, group.orgId)),
  };
}

/**
 * Why this person may not be in the group because of organisations, or null
 * when they may. `self`: the message speaks to the person; otherwise about them.
 */
export async function reachRefusal(db: Database, person: Actor & { name: string }, group: GroupRow, self: boolean): Promise<string | null> {
  const access = { ...(await crossingWith(db, person, group.orgId)), crossOrg: group.crossOrg } as GroupAccess;
  if (isWithinGroupReach(person, access)) return null;
  const orgs = await db
    .select({ id: organisations.id, name: organisations.name, allows: organisations.crossOrgConnections })
    .from(organisations)
    .where(inArray(organisations.id, [person.orgId, group.orgId]));
  const theirs = orgs.find((o) => o.id === person.orgId);
  const groupOrg = orgs.find((o) => o.id === group.orgId);
  // Messages, said in the reader's language where they are shown.
  const R = "groups:membership.refusals.reach";
  if (!group.crossOrg)
    return self ? (groupOrg ? message(`${R}.privateSelf`, { organisation: groupOrg.name }) : `${R}.privateSelfNoOrg`) : message(`${R}.private`, { name: person.name });
  if (!theirs?.allows) return self ? `${R}.ownOrgSelf` : message(`${R}.ownOrg`, { name: person.name });
  return groupOrg ? message(`${R}.groupOrg`, { organisation: groupOrg.name }) : `${R}.groupOrgUnknown`;
}

/**
 * The group someone wants to join. Like findVisibleGroup (a 404 for those
 * who may not see it), except that a group which welcomes other
 * organisations answers a person kept out only by the organisations' rules
 * with the reason (403), so a setting changed under them is explained.
 * A group private to its organisation stays a 404.
 */
export async function findGroupToJoin(db: Database, actor: Actor & { name: string }, groupId: string) {
  try {
    return await findVisibleGroup(db, actor, groupId);
  } catch (error) {
    if (!(error instanceof NotFoundError) || !isUuid(groupId)) throw error;
    const [group] = await db.select().from(groups).where(and(eq(groups.id, groupId), eq(groups.kind, "peer"), eq(groups.crossOrg, true)));
    if (!group || (await accessOf(db, actor, group)).banned) throw error;
    const reason = await reachRefusal(db, actor, group, true);
    throw reason ? new ForbiddenError(reason) : error;
  }
}
