// Conveners remove a member, or ban them: a ban removes them and keeps them
// from asking, joining or being invited again. A convener is not removed by
// another convener: they pass the role on or leave themselves.
import { and, eq } from "drizzle-orm";
import type { Database } from "../../../../db/database";
import { groupBans, groupJoinRequests, groupMembers } from "../../../../db/schema";
import { recordAudit } from "../../audit/record-audit.server";
import { ForbiddenError } from "../../http-errors";
import { InputError } from "../../input-error";
import { notify } from "../../notifications/notify.server";
import { canConveneGroup, type Actor } from "../../policy";
import { findGroupSpace } from "../load-group.server";
import { lockMembership } from "./lock-membership.server";
import { message } from "../../i18n/message";

export async function removeMember(db: Database, actor: Actor, groupId: string, userId: string, { ban = false } = {}, now = new Date()) {
  const group = await findGroupSpace(db, actor, groupId);
  if (!canConveneGroup(actor, group.access)) throw new ForbiddenError("groups:members.errors.onlyConvenersRemove");
  if (userId === actor.id) throw new InputError({ userId: "groups:members.errors.leaveYourself" });
  await db.transaction(async (tx) => {
    const member = await lockMembership(tx, group.id, userId);
    if (member.role === "convener") throw new InputError({ userId: `${member.name} is a convener. A convener passes the role on or leaves; they are not removed.` }, 409);
    await tx.delete(groupMembers).where(and(eq(groupMembers.groupId, group.id), eq(groupMembers.userId, userId)));
    if (ban) {
      await tx.insert(groupBans).values({ groupId: group.id, userId, bannedBy: actor.id, createdAt: now }).onConflictDoNothing();
      await tx
        .update(groupJoinRequests)
        .set({ status: "declined", decidedBy: actor.id, decidedAt: now })
        .where(and(eq(groupJoinRequests.groupId, group.id), eq(groupJoinRequests.userId, userId), eq(groupJoinRequests.status, "pending")));
    }
    await recordAudit(tx, {
      actorId: actor.id,
      action: ban ? "group.member_banned" : "group.member_removed",
      targetType: "group",
      targetId: group.id,
      targetLabel: group.name,
      ownerOrgId: group.orgId,
      details: { userId, name: member.name, role: member.role },
      at: now,
    });
    await notify(tx, [userId], { kind: "group", title: message("notifications:texts.removed", { group: group.name }), body: ban ? "notifications:texts.removedBanned" : "", link: "/groups" }, { actorId: actor.id });
  });
}
