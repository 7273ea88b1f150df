// Anyone can leave. The last convener of a group with other members in it
// passes the role on first, so a group is never left without one; the very
// last member may simply leave.
import { and, eq } from "drizzle-orm";
import type { Database } from "../../../../db/database";
import { groupMembers } from "../../../../db/schema";
import { recordAudit } from "../../audit/record-audit.server";
import { ForbiddenError } from "../../http-errors";
import { InputError } from "../../input-error";
import { notify } from "../../notifications/notify.server";
import type { Actor } from "../../policy";
import { findGroupSpace } from "../load-group.server";
import { memberIds } from "./list-members.server";
import { lockMembership } from "./lock-membership.server";
import { PROGRAMME_GROUP } from "./membership-fields";
import { message } from "../../i18n/message";

export async function leaveGroup(db: Database, actor: Actor & { name: string }, groupId: string, now = new Date()) {
  const group = await findGroupSpace(db, actor, groupId);
  if (group.kind !== "peer") throw new ForbiddenError(PROGRAMME_GROUP);
  await db.transaction(async (tx) => {
    const me = await lockMembership(tx, group.id, actor.id);
    const others = (await memberIds(tx, group.id)).filter((id) => id !== actor.id);
    const otherConveners = (await memberIds(tx, group.id, { conveners: true })).filter((id) => id !== actor.id);
    if (me.role === "convener" && others.length > 0 && otherConveners.length === 0)
      throw new InputError({ form: "groups:membership.refusals.onlyConvener" }, 409);
    await tx.delete(groupMembers).where(and(eq(groupMembers.groupId, group.id), eq(groupMembers.userId, actor.id)));
    await recordAudit(tx, { actorId: actor.id, action: "group.member_left", targetType: "group", targetId: group.id, targetLabel: group.name, ownerOrgId: group.orgId, details: { role: me.role }, at: now });
    await notify(tx, otherConveners, { kind: "group", title: message("notifications:texts.memberLeft", { name: actor.name, group: group.name }), link: `/groups/${group.id}/members` }, { actorId: actor.id });
  });
}
