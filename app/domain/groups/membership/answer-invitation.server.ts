// The invitee accepts (through add-member: the cap and the organisations'
// rules apply now, not when they were invited) or declines.
import { and, eq } from "drizzle-orm";
import type { Database } from "../../../../db/database";
import { groupJoinRequests } from "../../../../db/schema";
import { recordAudit } from "../../audit/record-audit.server";
import { InputError } from "../../input-error";
import { notify } from "../../notifications/notify.server";
import type { Actor } from "../../policy";
import { admitOrRefuse } from "./add-member.server";
import { findGroupToJoin } from "./group-reach.server";
import { lockPendingRequest } from "./record-join-decision.server";
import { message } from "../../i18n/message";

export async function answerInvitation(db: Database, actor: Actor & { name: string }, groupId: string, accept: boolean, now = new Date()) {
  const group = await findGroupToJoin(db, actor, groupId);
  const [invitation] = await db
    .select({ id: groupJoinRequests.id })
    .from(groupJoinRequests)
    .where(and(eq(groupJoinRequests.groupId, group.id), eq(groupJoinRequests.userId, actor.id), eq(groupJoinRequests.kind, "invite"), eq(groupJoinRequests.status, "pending")));
  if (!invitation) throw new InputError({ form: "groups:membership.refusals.noInvitation" }, 409);
  await db.transaction(async (tx) => {
    const locked = await lockPendingRequest(tx, group.id, invitation.id, "invite");
    if (accept) {
      await admitOrRefuse(tx, { groupId: group.id, personId: actor.id, actorId: actor.id, via: "invitation", now });
    } else {
      await tx.update(groupJoinRequests).set({ status: "declined", decidedBy: actor.id, decidedAt: now }).where(eq(groupJoinRequests.id, locked.id));
      await recordAudit(tx, { actorId: actor.id, action: "group.invitation_declined", targetType: "group", targetId: group.id, targetLabel: group.name, ownerOrgId: group.orgId, details: { requestId: locked.id }, at: now });
    }
    await notify(
      tx,
      [locked.invitedBy],
      { kind: "group", title: message(accept ? "notifications:texts.invitationAccepted" : "notifications:texts.invitationDeclined", { name: actor.name, group: group.name }), link: `/groups/${group.id}/members` },
      { actorId: actor.id },
    );
  });
}
