// Gathering interest: while a new peer group waits for enough people from
// enough departments (its organisation's founding threshold), alumni who
// could join it say they are interested. The expression that meets the
// threshold moves the group on, to the moderators or straight to active.
// Every step holds the group's row lock, so two people arriving at the
// same moment as the last needed move it on exactly once.
import { and, eq, inArray } from "drizzle-orm";
import type { Database } from "../../../db/database";
import { groupInterest, groups, organisations, users } from "../../../db/schema";
import { ForbiddenError } from "../http-errors";
import { InputError } from "../input-error";
import { canExpressInterest, isAlumnus, type Actor } from "../policy";
import { activateGroup, awaitApproval, type GroupStatus } from "./approve-group.server";
import { findVisibleGroup, notFoundGroup } from "./load-group.server";
import { message } from "../i18n/message";

export type GatheringOutcome = { status: GroupStatus };

/** The people interested in each of these groups, and how many departments they come from. */
export async function interestCounts(db: Database, groupIds: string[]) {
  const counts = new Map<string, { people: number; departments: number }>();
  if (groupIds.length === 0) return counts;
  const rows = await db
    .select({ groupId: groupInterest.groupId, userId: groupInterest.userId, departmentId: users.departmentId })
    .from(groupInterest)
    .innerJoin(users, eq(users.id, groupInterest.userId))
    .where(inArray(groupInterest.groupId, groupIds));
  for (const id of groupIds) {
    const mine = rows.filter((r) => r.groupId === id);
    // People without a department count as people, not as a department.
    counts.set(id, { people: new Set(mine.map((r) => r.userId)).size, departments: new Set(mine.map((r) => r.departmentId).filter(Boolean)).size });
  }
  return counts;
}

async function lockGroup(tx: Database, groupId: string) {
  const [group] = await tx.select().from(groups).where(eq(groups.id, groupId)).for("update");
  if (!group) throw notFoundGroup();
  return group;
}

/**
 * Moves a gathering group on once its organisation's threshold is met (no
 * threshold: at once): to the moderators if the organisation wants to
 * approve groups, else to active. Run inside the transaction that added
 * the interest; it takes the group's row lock.
 */
export async function settleGathering(tx: Database, groupId: string, { actorId, now }: { actorId: string; now: Date }): Promise<GroupStatus> {
  const group = await lockGroup(tx, groupId);
  if (group.status !== "gathering") return group.status;
  const [org] = await tx
    .select({ minPeople: organisations.groupFoundingMinPeople, minDepartments: organisations.groupFoundingMinDepartments, needsApproval: organisations.groupsNeedApproval })
    .from(organisations)
    .where(eq(organisations.id, group.orgId));
  const counts = (await interestCounts(tx, [groupId])).get(groupId)!;
  const met = counts.people >= (org?.minPeople ?? 0) && counts.departments >= (org?.minDepartments ?? 0);
  if (!met) return "gathering";
  return org?.needsApproval ? awaitApproval(tx, group, { actorId, now }) : activateGroup(tx, group, { actorId, now });
}

function refuseInterest(actor: Actor, group: { name: string; status: GroupStatus; access: { role: string | null } }): never {
  if (!isAlumnus(actor)) throw new ForbiddenError("groups:interest.refusals.notAlumnus");
  if (group.access.role) throw new InputError({ form: message("groups:interest.refusals.alreadyMember", { group: group.name }) }, 409);
  if (group.status === "awaiting_approval") throw new InputError({ form: message("groups:interest.refusals.awaitingApproval", { group: group.name }) }, 409);
  if (group.status === "active") throw new InputError({ form: message("groups:interest.refusals.started", { group: group.name }) }, 409);
  throw new InputError({ form: message("groups:interest.refusals.cannotJoin", { group: group.name }) }, 409);
}

export async function expressInterest(db: Database, actor: Actor, groupId: string, now = new Date()): Promise<GatheringOutcome> {
  const group = await findVisibleGroup(db, actor, groupId);
  if (!canExpressInterest(actor, group.access)) refuseInterest(actor, group);
  const status = await db.transaction(async (tx) => {
    // Checked again under the lock: someone else's interest may have started the group meanwhile.
    const locked = await lockGroup(tx, groupId);
    if (locked.status !== "gathering") refuseInterest(actor, { ...group, status: locked.status });
    await tx.insert(groupInterest).values({ groupId, userId: actor.id, createdAt: now }).onConflictDoNothing();
    return settleGathering(tx, groupId, { actorId: actor.id, now });
  });
  return { status };
}

export async function withdrawInterest(db: Database, actor: Actor, groupId: string): Promise<GatheringOutcome> {
  const group = await findVisibleGroup(db, actor, groupId);
  if (group.founderId === actor.id) throw new InputError({ form: "groups:interest.refusals.founder" });
  const status = await db.transaction(async (tx) => {
    const locked = await lockGroup(tx, groupId);
    if (locked.status !== "gathering") throw new InputError({ form: message("groups:interest.refusals.notGathering", { group: group.name }) }, 409);
    await tx.delete(groupInterest).where(and(eq(groupInterest.groupId, groupId), eq(groupInterest.userId, actor.id)));
    return locked.status;
  });
  return { status };
}
