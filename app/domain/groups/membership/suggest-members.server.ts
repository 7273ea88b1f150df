// Suggested members (docs/group-suggestions.md): alumni who opted into the
// directory with their expertise shown, who may see the group and whom the
// viewer may see, not in it, not banned and not already asked or invited,
// whose expertise matches the group's field; ranked to favour people the
// members have not met in a group before (rank-suggestions.ts).
import { and, countDistinct, eq, inArray, ne, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Database } from "../../../../db/database";
import { directoryProfiles, groupBans, groupJoinRequests, groupMembers, organisations, userRoles, users } from "../../../../db/schema";
import { canSeeGroup, canSeeProfile, type Actor } from "../../policy";
import type { VisibleGroup } from "../load-group.server";
import { memberIds } from "./list-members.server";
import { expertiseMatch, rankSuggestions } from "./rank-suggestions";

export const SUGGESTION_LIMIT = 10;

/** For a member of the group (the caller has loaded it with findGroupSpace). */
export async function suggestMembers(db: Database, viewer: Actor, group: VisibleGroup, limit = SUGGESTION_LIMIT) {
  // Programme groups are made by the programme: nobody is suggested for them.
  if (group.kind !== "peer") return [];
  const [groupOrg] = await db.select({ allows: organisations.crossOrgConnections }).from(organisations).where(eq(organisations.id, group.orgId));
  const [viewerOrg] = await db.select({ allows: organisations.crossOrgConnections }).from(organisations).where(eq(organisations.id, viewer.orgId));
  const crossOrgWelcome = group.crossOrg && Boolean(groupOrg?.allows);
  const involved = (table: typeof groupMembers | typeof groupBans) => sql`exists (select 1 from ${table} where ${table.groupId} = ${group.id} and ${table.userId} = ${users.id})`;
  const rows = await db
    .select({
      id: users.id,
      name: users.name,
      orgId: users.orgId,
      orgName: organisations.name,
      orgAllows: organisations.crossOrgConnections,
      expertise: users.expertise,
      bio: users.bio,
      showBio: directoryProfiles.showBio,
      showOrganisation: directoryProfiles.showOrganisation,
      profileCrossOrg: directoryProfiles.crossOrg,
    })
    .from(directoryProfiles)
    .innerJoin(users, eq(users.id, directoryProfiles.userId))
    .innerJoin(organisations, eq(organisations.id, users.orgId))
    .innerJoin(userRoles, and(eq(userRoles.userId, users.id), eq(userRoles.role, "alumnus")))
    .where(
      and(
        eq(directoryProfiles.listed, true),
        eq(directoryProfiles.showExpertise, true),
        crossOrgWelcome ? or(eq(users.orgId, group.orgId), eq(organisations.crossOrgConnections, true)) : eq(users.orgId, group.orgId),
        sql`not ${involved(groupMembers)}`,
        sql`not ${involved(groupBans)}`,
        sql`not exists (select 1 from ${groupJoinRequests} where ${groupJoinRequests.groupId} = ${group.id} and ${groupJoinRequests.userId} = ${users.id} and ${groupJoinRequests.status} = 'pending')`,
      ),
    );

  const candidates = [];
  for (const row of rows) {
    // The policy has the last word: they could see the group, and the viewer may see their profile.
    const sameAsGroup = row.orgId === group.orgId;
    const mayJoin = canSeeGroup({ id: row.id, orgId: row.orgId, roles: ["alumnus"] }, { ...group.access, role: null, banned: false, sameOrg: sameAsGroup, bothOrgsAllow: sameAsGroup || (row.orgAllows && Boolean(groupOrg?.allows)) });
    const visible = canSeeProfile(viewer, {
      userId: row.id,
      listed: true,
      crossOrg: row.profileCrossOrg,
      sameOrg: row.orgId === viewer.orgId,
      bothOrgsAllow: row.orgAllows && Boolean(viewerOrg?.allows),
    });
    if (!mayJoin || !visible) continue;
    const match = expertiseMatch(group.field, { tags: row.expertise, bio: row.showBio ? row.bio : "" });
    if (match.strength > 0) candidates.push({ ...row, ...match });
  }
  const met = await membersMetBefore(db, group.id, candidates.map((c) => c.id));
  return rankSuggestions(candidates.map((c) => ({ ...c, metMembers: met.get(c.id) ?? 0 })))
    .slice(0, limit)
    .map((c) => ({ id: c.id, name: c.name, orgName: c.showOrganisation ? c.orgName : null, matchedTags: c.matchedTags, metMembers: c.metMembers }));
}

/** For each candidate: how many of the group's members they already share another group with (programme groups count). */
async function membersMetBefore(db: Database, groupId: string, candidateIds: string[]) {
  const members = await memberIds(db, groupId);
  if (candidateIds.length === 0 || members.length === 0) return new Map<string, number>();
  const theirs = alias(groupMembers, "theirs");
  const ours = alias(groupMembers, "ours");
  const rows = await db
    .select({ id: theirs.userId, met: countDistinct(ours.userId) })
    .from(theirs)
    .innerJoin(ours, eq(ours.groupId, theirs.groupId))
    .where(and(inArray(theirs.userId, candidateIds), inArray(ours.userId, members), ne(theirs.groupId, groupId)))
    .groupBy(theirs.userId);
  return new Map(rows.map((r) => [r.id, Number(r.met)]));
}

