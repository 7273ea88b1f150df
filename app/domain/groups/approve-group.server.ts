// The end of a peer group's founding: it waits in the moderators' queue when
// its organisation asks for approval, and becomes active with the people who
// gathered around it. A moderator of the group's organisation approves it,
// or declines it with a reason, which removes it. Callers hold the group's
// row lock (FOR UPDATE), so a group is activated or declined exactly once.
import { and, asc, eq } from "drizzle-orm";
import type { Database } from "../../../db/database";
import { departments, groupInterest, groupMembers, groups, organisations, users } from "../../../db/schema";
import { addMember } from "./membership/add-member.server";
import { recordAudit } from "../audit/record-audit.server";
import { ForbiddenError, NotFoundError } from "../http-errors";
import { InputError } from "../input-error";
import { notify } from "../notifications/notify.server";
import { canApproveGroup, type Actor } from "../policy";
import { closeReviewItem, openReviewItem } from "../review/review-items.server";
import { moderatorsFor } from "../review/review-scope.server";
import { isUuid } from "../uuid";
import { message } from "../i18n/message";

type Group = typeof groups.$inferSelect;
export type GroupStatus = Group["status"];

const notFound = () => new NotFoundError("review:group.errors.notFound");

/** The review item's title, a message the queue says in the reader's language. */
export const reviewTitle = (groupName: string) => message("review:queue.groupTitle", { name: groupName });

/** Sends a group that gathered enough interest to its organisation's moderators. */
export async function awaitApproval(tx: Database, group: Group, { actorId, now }: { actorId: string; now: Date }) {
  await tx.update(groups).set({ status: "awaiting_approval", updatedAt: now }).where(eq(groups.id, group.id));
  await openReviewItem(tx, { kind: "group", groupId: group.id, title: reviewTitle(group.name), mindset: null, ownerOrgId: group.orgId, openedAt: now });
  await recordAudit(tx, { actorId, action: "group.awaiting_approval", targetType: "group", targetId: group.id, targetLabel: group.name, ownerOrgId: group.orgId, at: now });
  const moderators = await moderatorsFor(tx, { ownerOrgId: group.orgId, mindset: null });
  await notify(tx, moderators.map((m) => m.id), { kind: "group", title: message("notifications:texts.groupToApprove", { group: group.name }), body: group.field, link: `/review/groups/${group.id}` }, { actorId });
  await notify(tx, [group.founderId], { kind: "group", title: message("notifications:texts.groupAwaitsApproval", { group: group.name }), body: "notifications:texts.groupAwaitsApprovalBody", link: `/groups/${group.id}` }, { actorId });
  return "awaiting_approval" as const;
}

/**
 * Makes the group active: the interested people become members, the
 * earliest first, as far as the size cap allows; those who do not fit are
 * told. The founder is already its convener.
 */
export async function activateGroup(tx: Database, group: Group, { actorId, approvedBy = null, now }: { actorId: string; approvedBy?: string | null; now: Date }) {
  const interested = await tx
    .select({ userId: groupInterest.userId })
    .from(groupInterest)
    .where(eq(groupInterest.groupId, group.id))
    .orderBy(asc(groupInterest.createdAt), asc(groupInterest.userId));
  const already = new Set((await tx.select({ userId: groupMembers.userId }).from(groupMembers).where(eq(groupMembers.groupId, group.id))).map((m) => m.userId));
  const waiting = interested.map((i) => i.userId).filter((id) => !already.has(id));

  await tx.update(groups).set({ status: "active", activatedAt: now, approvedBy, updatedAt: now }).where(eq(groups.id, group.id));
  // The earliest interest first, each through the one way in (cap, bans, reach).
  const joining: string[] = [];
  const leftOut: { userId: string; reason: string; full: boolean }[] = [];
  for (const userId of waiting) {
    const result = await addMember(tx, { groupId: group.id, personId: userId, actorId, via: "interest", now });
    if (result.added) joining.push(userId);
    else leftOut.push({ userId, reason: result.refusal.message, full: result.refusal.full });
  }
  // Interest has done its work once the group is active.
  await tx.delete(groupInterest).where(eq(groupInterest.groupId, group.id));
  await recordAudit(tx, { actorId, action: "group.activated", targetType: "group", targetId: group.id, targetLabel: group.name, ownerOrgId: group.orgId, details: { members: already.size + joining.length, leftOut: leftOut.length }, at: now });
  await notify(tx, [...already, ...joining], { kind: "group", title: message("notifications:texts.groupActive", { group: group.name }), body: "notifications:texts.groupActiveBody", link: `/groups/${group.id}` }, { actorId });
  // Told even when their own interest started the group: they are not in it.
  for (const { userId, reason, full } of leftOut) {
    await notify(tx, [userId], {
      kind: "group",
      title: message(full ? "notifications:texts.groupStartedFull" : "notifications:texts.groupStartedWithoutYou", { group: group.name }),
      body: full ? message("notifications:texts.groupStartedFullBody", { count: group.sizeCap ?? 0 }) : reason,
      link: `/groups/${group.id}`,
    });
  }
  return "active" as const;
}

/** A group waiting for approval, for a moderator of its organisation; 404 for anyone else. */
export async function loadGroupForApproval(db: Database, actor: Actor, groupId: string) {
  if (!isUuid(groupId)) throw notFound();
  const [row] = await db
    .select({ group: groups, orgName: organisations.name, founderName: users.name })
    .from(groups)
    .innerJoin(organisations, eq(organisations.id, groups.orgId))
    .leftJoin(users, eq(users.id, groups.founderId))
    .where(and(eq(groups.id, groupId), eq(groups.kind, "peer")));
  if (!row || !canApproveGroup(actor, row.group)) throw notFound();
  const interested = await db
    .select({ name: users.name, department: departments.name })
    .from(groupInterest)
    .innerJoin(users, eq(users.id, groupInterest.userId))
    .leftJoin(departments, eq(departments.id, users.departmentId))
    .where(eq(groupInterest.groupId, groupId))
    .orderBy(asc(groupInterest.createdAt));
  return { ...row.group, orgName: row.orgName, founderName: row.founderName, interested, foundedByMe: row.group.founderId === actor.id };
}

/** Locks the group for a decision; it must still be waiting. */
async function lockWaitingGroup(tx: Database, groupId: string) {
  const [group] = await tx.select().from(groups).where(eq(groups.id, groupId)).for("update");
  if (!group) throw notFound();
  if (group.status !== "awaiting_approval") throw new InputError({ form: message("review:group.errors.decided", { name: group.name }) }, 409);
  return group;
}

export async function approveGroup(db: Database, actor: Actor, groupId: string, now = new Date()) {
  const loaded = await loadGroupForApproval(db, actor, groupId);
  if (loaded.foundedByMe) throw new ForbiddenError("review:group.foundedByYou");
  return db.transaction(async (tx) => {
    const group = await lockWaitingGroup(tx, groupId);
    await closeReviewItem(tx, { groupId }, now);
    await recordAudit(tx, { actorId: actor.id, action: "group.approved", targetType: "group", targetId: groupId, targetLabel: group.name, ownerOrgId: group.orgId, at: now });
    return activateGroup(tx, group, { actorId: actor.id, approvedBy: actor.id, now });
  });
}

/** Declining removes the group; the founder and everyone interested are told why. */
export async function declineGroup(db: Database, actor: Actor, groupId: string, reasonInput: string, now = new Date()) {
  await loadGroupForApproval(db, actor, groupId);
  const reason = reasonInput.trim();
  if (!reason) throw new InputError({ reason: "review:group.errors.reason" });
  await db.transaction(async (tx) => {
    const group = await lockWaitingGroup(tx, groupId);
    const people = [
      ...(await tx.select({ userId: groupInterest.userId }).from(groupInterest).where(eq(groupInterest.groupId, groupId))),
      ...(await tx.select({ userId: groupMembers.userId }).from(groupMembers).where(eq(groupMembers.groupId, groupId))),
    ].map((p) => p.userId);
    await recordAudit(tx, { actorId: actor.id, action: "group.declined", targetType: "group", targetId: groupId, targetLabel: group.name, ownerOrgId: group.orgId, reason, details: { field: group.field, founderId: group.founderId }, at: now });
    await notify(tx, [group.founderId, ...people], { kind: "group", title: message("notifications:texts.groupNotApproved", { group: group.name }), body: reason, link: "/groups" }, { actorId: actor.id });
    // The queue row, members and interest go with it (on delete cascade).
    await tx.delete(groups).where(eq(groups.id, groupId));
  });
}
