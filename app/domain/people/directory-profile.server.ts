// One directory profile as one viewer sees it: only what its owner chose to
// show, the mentoring offer only when the viewer could be matched with it,
// and only those of the owner's groups the viewer may see. Anyone the
// profile is not visible to gets a 404, whatever the reason.
import { and, eq, inArray, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Database } from "../../../db/database";
import { departments, directoryProfiles, groupBans, groupMembers, groups, mentorOffers, mentorships, organisations, sites, users } from "../../../db/schema";
import { NotFoundError } from "../http-errors";
import { canSeeGroup, canSeeProfile, type Actor, type Crossing, type GroupRole } from "../policy";
import { HOLDS_A_PLACE } from "../mentoring/mentoring-fields";
import { isUuid } from "../uuid";
import { DEFAULT_DIRECTORY_SETTINGS, type DirectoryProfileView } from "./directory-fields";
import { crossingFor, viewerFor, type DirectoryViewer } from "./directory-viewer.server";

export const notFoundProfile = () => new NotFoundError("people:person.notFound");

/** The profile page: the profile as the signed-in person sees it, or a 404. */
export async function findDirectoryProfile(db: Database, actor: Actor, userId: string) {
  const profile = await viewDirectoryProfile(db, await viewerFor(db, actor), userId);
  if (!profile) throw notFoundProfile();
  return profile;
}

/** The profile as `viewer` sees it, or null when they may not see it at all. */
export async function viewDirectoryProfile(db: Database, viewer: DirectoryViewer, userId: string): Promise<DirectoryProfileView | null> {
  if (!isUuid(userId)) return null;
  const [row] = await db
    .select({
      userId: users.id,
      name: users.name,
      orgId: users.orgId,
      orgName: organisations.name,
      orgAllows: organisations.crossOrgConnections,
      department: departments.name,
      site: sites.name,
      bio: users.bio,
      expertise: users.expertise,
      settings: directoryProfiles,
    })
    .from(users)
    .innerJoin(organisations, eq(organisations.id, users.orgId))
    .leftJoin(departments, eq(departments.id, users.departmentId))
    .leftJoin(sites, eq(sites.id, users.siteId))
    .leftJoin(directoryProfiles, eq(directoryProfiles.userId, users.id))
    .where(eq(users.id, userId));
  if (!row) return null;
  const settings = row.settings ?? { ...DEFAULT_DIRECTORY_SETTINGS, userId: row.userId };
  const crossing = crossingFor(viewer, row.orgId, row.orgAllows);
  if (!canSeeProfile(viewer.actor, { userId: row.userId, listed: settings.listed, crossOrg: settings.crossOrg, ...crossing })) return null;
  const [mentoring, groupList] = await Promise.all([
    settings.showMentoring ? mentoringOfferSeenBy(db, row.userId, crossing) : null,
    settings.showGroups ? groupsSeenBy(db, viewer, row.userId) : null,
  ]);
  return {
    userId: row.userId,
    name: row.name,
    listed: settings.listed,
    organisation: settings.showOrganisation ? row.orgName : null,
    department: settings.showDepartment ? row.department : null,
    site: settings.showSite ? row.site : null,
    expertise: settings.showExpertise ? row.expertise : null,
    bio: settings.showBio && row.bio ? row.bio : null,
    mindsetInterests: settings.mindsetInterests,
    mentoring,
    groups: groupList,
  };
}

/** An active offer, shown across organisations only when the mentor takes mentees from anywhere (canBeMatched). */
async function mentoringOfferSeenBy(db: Database, userId: string, crossing: Crossing) {
  const [offer] = await db
    .select({
      topics: mentorOffers.topics,
      format: mentorOffers.format,
      capacity: mentorOffers.capacity,
      scope: mentorOffers.scope,
      taken: sql<number>`(select count(*)::int from ${mentorships} where ${mentorships.mentorId} = ${mentorOffers.userId} and ${inArray(mentorships.status, [...HOLDS_A_PLACE])})`,
    })
    .from(mentorOffers)
    .where(and(eq(mentorOffers.userId, userId), eq(mentorOffers.active, true)));
  if (!offer || (!crossing.sameOrg && offer.scope !== "any_org")) return null;
  return { topics: offer.topics, format: offer.format, freePlaces: Math.max(0, offer.capacity - Number(offer.taken)) };
}

/** The owner's groups, each only if the viewer may see it (canSeeGroup): a group the viewer could not find is not revealed here either. */
async function groupsSeenBy(db: Database, viewer: DirectoryViewer, ownerId: string) {
  const viewerMembership = alias(groupMembers, "viewer_membership");
  const rows = await db
    .select({
      group: groups,
      orgAllows: organisations.crossOrgConnections,
      ownerRole: groupMembers.role,
      viewerRole: viewerMembership.role,
      banned: sql<boolean>`${groupBans.userId} is not null`,
    })
    .from(groupMembers)
    .innerJoin(groups, eq(groups.id, groupMembers.groupId))
    .innerJoin(organisations, eq(organisations.id, groups.orgId))
    .leftJoin(viewerMembership, and(eq(viewerMembership.groupId, groups.id), eq(viewerMembership.userId, viewer.actor.id)))
    .leftJoin(groupBans, and(eq(groupBans.groupId, groups.id), eq(groupBans.userId, viewer.actor.id)))
    .where(eq(groupMembers.userId, ownerId))
    .orderBy(groups.name);
  return rows
    .filter((r) =>
      canSeeGroup(viewer.actor, {
        kind: r.group.kind,
        status: r.group.status,
        joinPolicy: r.group.joinPolicy,
        joinDecision: r.group.joinDecision,
        crossOrg: r.group.crossOrg,
        role: (r.viewerRole as GroupRole | null) ?? null,
        banned: Boolean(r.banned),
        ...crossingFor(viewer, r.group.orgId, r.orgAllows),
      }),
    )
    .map((r) => ({ id: r.group.id, name: r.group.name, field: r.group.field, role: r.ownerRole }));
}
