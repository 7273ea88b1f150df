// Asking to join a request-policy group, and taking the request back. The
// conveners decide, or the members vote (the window starts now).
import { and, count, eq } from "drizzle-orm";
import type { Database } from "../../../../db/database";
import { groupJoinRequests, groupMembers } from "../../../../db/schema";
import { recordAudit } from "../../audit/record-audit.server";
import { InputError } from "../../input-error";
import { notify } from "../../notifications/notify.server";
import { canAskToJoinGroup, type Actor } from "../../policy";
import { findVisibleGroup } from "../load-group.server";
import { fullMessage } from "./add-member.server";
import { findGroupToJoin } from "./group-reach.server";
import { joinRefusal } from "./join-group.server";
import { memberIds } from "./list-members.server";
import { message as catalogueMessage } from "../../i18n/message";

const ALREADY_ASKED = "groups:membership.refusals.alreadyAsked";

export async function askToJoin(db: Database, actor: Actor & { name: string }, groupId: string, message: string, now = new Date()) {
  const group = await findGroupToJoin(db, actor, groupId);
  if (!canAskToJoinGroup(actor, group.access)) throw joinRefusal(actor, group, "ask");
  const [pending] = await db
    .select({ kind: groupJoinRequests.kind })
    .from(groupJoinRequests)
    .where(and(eq(groupJoinRequests.groupId, group.id), eq(groupJoinRequests.userId, actor.id), eq(groupJoinRequests.status, "pending")));
  if (pending) throw new InputError({ form: pending.kind === "invite" ? "groups:membership.refusals.alreadyInvited" : ALREADY_ASKED }, 409);
  const [{ members } = { members: 0 }] = await db.select({ members: count() }).from(groupMembers).where(eq(groupMembers.groupId, group.id));
  if (group.sizeCap !== null && members >= group.sizeCap) throw new InputError({ form: fullMessage(members, group.sizeCap) }, 409);

  const byVote = group.joinDecision === "vote";
  await db.transaction(async (tx) => {
    // The partial unique index keeps one pending request per person: a second click racing the first is refused here.
    const [request] = await tx
      .insert(groupJoinRequests)
      .values({ groupId: group.id, userId: actor.id, kind: "request", message, closesAt: byVote ? new Date(now.getTime() + group.voteWindowHours * 3_600_000) : null, createdAt: now })
      .onConflictDoNothing()
      .returning({ id: groupJoinRequests.id });
    if (!request) throw new InputError({ form: ALREADY_ASKED }, 409);
    await recordAudit(tx, { actorId: actor.id, action: "group.join_requested", targetType: "group", targetId: group.id, targetLabel: group.name, ownerOrgId: group.orgId, details: { requestId: request.id }, at: now });
    const deciders = await memberIds(tx, group.id, { conveners: !byVote });
    await notify(
      tx,
      deciders,
      { kind: "group", title: catalogueMessage("notifications:texts.askToJoin", { name: actor.name, group: group.name }), body: byVote ? "notifications:texts.askToJoinVote" : "notifications:texts.askToJoinConvener", link: `/groups/${group.id}/members#requests` },
      { actorId: actor.id },
    );
  });
}

export async function withdrawJoinRequest(db: Database, actor: Actor, groupId: string, now = new Date()) {
  const group = await findVisibleGroup(db, actor, groupId);
  await db.transaction(async (tx) => {
    const withdrawn = await tx
      .update(groupJoinRequests)
      .set({ status: "withdrawn", decidedBy: actor.id, decidedAt: now })
      .where(and(eq(groupJoinRequests.groupId, group.id), eq(groupJoinRequests.userId, actor.id), eq(groupJoinRequests.kind, "request"), eq(groupJoinRequests.status, "pending")))
      .returning({ id: groupJoinRequests.id });
    if (!withdrawn.length) throw new InputError({ form: "groups:membership.refusals.noRequest" }, 409);
    await recordAudit(tx, { actorId: actor.id, action: "group.join_request_withdrawn", targetType: "group", targetId: group.id, targetLabel: group.name, ownerOrgId: group.orgId, details: { requestId: withdrawn[0]!.id }, at: now });
  });
}
