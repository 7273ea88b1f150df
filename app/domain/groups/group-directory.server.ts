// The group directory at /groups: the peer groups this person could ever
// join (their organisation's, and other organisations' that welcome them
// when both organisations allow it), searchable by field and name, with
// the groups they belong to on top.
import { and, asc, desc, eq, ilike, isNotNull, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Database } from "../../../db/database";
import { groupBans, groupInterest, groupMembers, groups, organisations } from "../../../db/schema";
import { canSeeGroup, type Actor, type GroupAccess, type GroupRole } from "../policy";
import { interestCounts } from "./express-interest.server";
import { DIRECTORY_LIMIT, type JoinPolicy } from "./group-fields";

export type DirectoryFilters = { q: string; policy: JoinPolicy | null };

const groupOrg = alias(organisations, "group_org");
const mine = alias(groupMembers, "my_membership");
const myBan = alias(groupBans, "my_ban");
const myInterest = alias(groupInterest, "my_interest");

const memberCount = sql<number>`(select count(*)::int from ${groupMembers} where ${groupMembers.groupId} = ${groups.id})`;

/** Letters typed into the search box are matched literally, not as LIKE wildcards. */
const containing = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export async function listGroupDirectory(db: Database, actor: Actor, filters: DirectoryFilters) {
  const [myOrg] = await db.select({ allows: organisations.crossOrgConnections }).from(organisations).where(eq(organisations.id, actor.orgId));
  const actorAllows = myOrg?.allows ?? false;
  const conditions: SQL[] = [
    eq(groups.kind, "peer"),
    // Narrowed in SQL; canSeeGroup below has the last word.
    or(isNotNull(mine.userId), eq(groups.orgId, actor.orgId), actorAllows ? and(eq(groups.crossOrg, true), eq(groupOrg.crossOrgConnections, true)) : sql`false`)!,
  ];
  if (filters.q) conditions.push(or(ilike(groups.field, containing(filters.q)), ilike(groups.name, containing(filters.q)))!);
  if (filters.policy) conditions.push(eq(groups.joinPolicy, filters.policy));
  const rows = await db
    .select({
      id: groups.id,
      name: groups.name,
      field: groups.field,
      kind: groups.kind,
      status: groups.status,
      joinPolicy: groups.joinPolicy,
      joinDecision: groups.joinDecision,
      crossOrg: groups.crossOrg,
      sizeCap: groups.sizeCap,
      orgId: groups.orgId,
      orgName: groupOrg.name,
      orgAllows: groupOrg.crossOrgConnections,
      minPeople: groupOrg.groupFoundingMinPeople,
      minDepartments: groupOrg.groupFoundingMinDepartments,
      role: mine.role,
      banned: sql<boolean>`${myBan.userId} is not null`,
      interestedByMe: sql<boolean>`${myInterest.userId} is not null`,
      memberCount,
    })
    .from(groups)
    .innerJoin(groupOrg, eq(groupOrg.id, groups.orgId))
    .leftJoin(mine, and(eq(mine.groupId, groups.id), eq(mine.userId, actor.id)))
    .leftJoin(myBan, and(eq(myBan.groupId, groups.id), eq(myBan.userId, actor.id)))
    .leftJoin(myInterest, and(eq(myInterest.groupId, groups.id), eq(myInterest.userId, actor.id)))
    .where(and(...conditions))
    .orderBy(asc(sql`lower(${groups.name})`))
    .limit(DIRECTORY_LIMIT + 1);
  const visible = rows.filter((r) => {
    const access: GroupAccess = { ...r, role: (r.role as GroupRole | null) ?? null, banned: Boolean(r.banned), sameOrg: r.orgId === actor.orgId, bothOrgsAllow: actorAllows && r.orgAllows };
    return canSeeGroup(actor, access);
  });
  const gathering = await interestCounts(db, visible.filter((g) => g.status === "gathering").map((g) => g.id));
  return {
    more: visible.length > DIRECTORY_LIMIT,
    groups: visible.slice(0, DIRECTORY_LIMIT).map(({ orgAllows: _orgAllows, banned: _banned, kind: _kind, joinDecision: _joinDecision, ...g }) => {
      const counts = gathering.get(g.id);
      return { ...g, ownOrg: g.orgId === actor.orgId, interestedPeople: counts?.people ?? 0, interestedDepartments: counts?.departments ?? 0 };
    }),
  };
}

/** The groups this person belongs to, programme groups too, with their part in each. */
export async function listMyGroupMemberships(db: Database, actor: Actor) {
  return db
    .select({ id: groups.id, name: groups.name, kind: groups.kind, status: groups.status, field: groups.field, role: groupMembers.role, memberCount })
    .from(groupMembers)
    .innerJoin(groups, eq(groups.id, groupMembers.groupId))
    .where(eq(groupMembers.userId, actor.id))
    .orderBy(desc(groups.kind), asc(sql`lower(${groups.name})`));
}
