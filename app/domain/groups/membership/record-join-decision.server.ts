// The end of a request to join, however it was decided: the request's row
// is locked while it is decided, the outcome audited and the person told.
import { and, eq } from "drizzle-orm";
import type { Database } from "../../../../db/database";
import { groupJoinRequests } from "../../../../db/schema";
import { recordAudit } from "../../audit/record-audit.server";
import { InputError } from "../../input-error";
import { notify } from "../../notifications/notify.server";
import { message } from "../../i18n/message";
import { nestedMessage } from "../../i18n/nested-message";

export type JoinRequestRow = typeof groupJoinRequests.$inferSelect;

/** The pending request or invitation with this id in this group, locked; a 409 when someone else settled it first. */
export async function lockPendingRequest(tx: Database, groupId: string, requestId: string, kind: "request" | "invite") {
  const [request] = await tx
    .select()
    .from(groupJoinRequests)
    .where(and(eq(groupJoinRequests.id, requestId), eq(groupJoinRequests.groupId, groupId), eq(groupJoinRequests.kind, kind), eq(groupJoinRequests.status, "pending")))
    .for("update");
  if (!request) throw new InputError({ form: kind === "request" ? "groups:members.errors.requestSettled" : "groups:members.errors.invitationSettled" }, 409);
  return request;
}

type Decision = {
  group: { id: string; name: string; orgId: string };
  request: JoinRequestRow;
  outcome: "accepted" | "declined" | "expired";
  /** The convener who decided; null when the members' vote did. */
  decidedBy: string | null;
  /** Said to the person, a message (e.g. the group is full), stored as the audit entry's reason. */
  reason?: string;
  tally?: { yes: number; no: number; members: number; quorum: number };
  now: Date;
};

// Catalogue messages (notifications.json, texts), written in each reader's language by notify.
const NOTICES = {
  accepted: (name: string) => message("notifications:texts.nowMember", { group: name }),
  declined: (name: string) => message("notifications:texts.joinDeclined", { group: name }),
  expired: (name: string) => message("notifications:texts.joinExpired", { group: name }),
};

/** Records the outcome (an accepted request was already marked by add-member), audits it and tells the person. */
export async function recordJoinDecision(tx: Database, { group, request, outcome, decidedBy, reason, tally, now }: Decision) {
  if (outcome !== "accepted")
    await tx.update(groupJoinRequests).set({ status: outcome, decidedBy, decidedAt: now }).where(eq(groupJoinRequests.id, request.id));
  await recordAudit(tx, {
    actorId: decidedBy,
    action: `group.join_request_${outcome}`,
    targetType: "group",
    targetId: group.id,
    targetLabel: group.name,
    ownerOrgId: group.orgId,
    reason: reason ?? null,
    details: { requestId: request.id, userId: request.userId, by: decidedBy ? "conveners" : "vote", ...(tally ?? {}) },
    at: now,
  });
  await notify(tx, [request.userId], { kind: "group", title: NOTICES[outcome](group.name), body: reason ? nestedMessage("notifications:texts.joinReason", { reason }) : "", link: `/groups/${group.id}` }, { actorId: decidedBy });
}
