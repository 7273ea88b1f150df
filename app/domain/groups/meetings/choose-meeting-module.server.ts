// The module a group runs in a meeting, chosen from the catalogue. Only
// modules every member may read qualify: public published ones, and an
// organisation's private ones only while all members belong to it.
import { and, asc, eq, inArray, or } from "drizzle-orm";
import type { Database } from "../../../../db/database";
import { cycleMeetings, modules, reunions } from "../../../../db/schema";
import { ForbiddenError } from "../../http-errors";
import { InputError } from "../../input-error";
import { canChooseGroupMeetingModule, canGroupUseModule, type Actor } from "../../policy";
import { findGroupMeeting, listMeetingMembers } from "./group-meeting.server";

export type ModuleChoice = { id: string; slug: string; title: string };

/** The catalogue modules this group may choose, by title. */
export async function modulesForGroup(db: Database, groupId: string): Promise<ModuleChoice[]> {
  const members = await listMeetingMembers(db, groupId);
  const orgIds = [...new Set(members.map((m) => m.orgId))];
  if (orgIds.length === 0) return [];
  const rows = await db
    .select({ id: modules.id, slug: modules.slug, title: modules.title, status: modules.status, visibility: modules.visibility, ownerOrgId: modules.ownerOrgId })
    .from(modules)
    .where(and(eq(modules.status, "published"), or(eq(modules.visibility, "public"), inArray(modules.ownerOrgId, orgIds))))
    .orderBy(asc(modules.title));
  return rows.filter((m) => canGroupUseModule(members, m)).map(({ id, slug, title }) => ({ id, slug, title }));
}

/** A module id from a form, checked against what the group may choose. */
export async function usableModuleId(db: Database, groupId: string, moduleId: string | null) {
  if (moduleId === null) return null;
  const choices = await modulesForGroup(db, groupId);
  if (!choices.some((m) => m.id === moduleId))
    throw new InputError({ moduleId: "groups:meetings.errors.module" });
  return moduleId;
}

/** Sets (or, with null, clears) the module of one meeting: any member of a peer group; whoever runs a programme meeting. */
export async function chooseMeetingModule(db: Database, actor: Actor, groupId: string, meetingId: string, moduleId: string | null, now = new Date()) {
  const { group, meeting } = await findGroupMeeting(db, actor, groupId, meetingId);
  const [cycleMeeting] = group.kind === "programme" ? await db.select({ hostId: cycleMeetings.hostId }).from(cycleMeetings).where(eq(cycleMeetings.reunionId, meeting.id)) : [];
  if (!canChooseGroupMeetingModule(actor, group.access, cycleMeeting ?? null)) {
    throw new ForbiddenError(group.kind === "programme" ? "groups:meetings.errors.moduleProgramme" : "groups:meetings.errors.moduleMembers");
  }
  if (meeting.status === "cancelled") throw new InputError({ moduleId: "groups:meetings.errors.moduleCancelled" }, 409);
  const chosen = await usableModuleId(db, group.id, moduleId);
  await db.update(reunions).set({ moduleId: chosen, updatedAt: now }).where(eq(reunions.id, meeting.id));
}
