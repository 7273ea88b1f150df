// Joining an open group with one click, through add-member (the size cap and
// the organisations' rules are checked there under the group's lock).
import type { Database } from "../../../../db/database";
import { ForbiddenError, NotFoundError } from "../../http-errors";
import { InputError } from "../../input-error";
import { notify } from "../../notifications/notify.server";
import { canJoinGroupDirectly, isAlumnus, type Actor } from "../../policy";
import type { VisibleGroup } from "../load-group.server";
import { admitOrRefuse } from "./add-member.server";
import { findGroupToJoin } from "./group-reach.server";
import { memberIds } from "./list-members.server";
import { message } from "../../i18n/message";

/** Why this person may not join (or ask to join) the way they tried, as the error to throw; its text a message the page says in the reader's language. */
export function joinRefusal(actor: Actor, group: VisibleGroup, wanted: "join" | "ask"): Response | InputError {
  const conflict = (message: string) => new InputError({ form: message }, 409);
  if (group.access.role !== null) return conflict("groups:membership.refusals.alreadyMemberSelf");
  if (group.kind !== "peer") return new NotFoundError();
  if (!isAlumnus(actor)) return new ForbiddenError("groups:membership.refusals.notAlumnusSelf");
  if (group.status === "gathering") return conflict("groups:membership.refusals.gathering");
  if (group.status !== "active") return conflict("groups:membership.refusals.awaitingApproval");
  if (group.joinPolicy === "invite") return new ForbiddenError("groups:membership.refusals.inviteOnly");
  if (wanted === "join" && group.joinPolicy === "request") return conflict("groups:membership.refusals.askInstead");
  return conflict("groups:membership.refusals.joinInstead");
}

export async function joinGroup(db: Database, actor: Actor & { name: string }, groupId: string, now = new Date()) {
  const group = await findGroupToJoin(db, actor, groupId);
  if (!canJoinGroupDirectly(actor, group.access)) throw joinRefusal(actor, group, "join");
  await db.transaction(async (tx) => {
    await admitOrRefuse(tx, { groupId: group.id, personId: actor.id, actorId: actor.id, via: "join", now });
    await notify(tx, await memberIds(tx, group.id, { conveners: true }), { kind: "group", title: message("notifications:texts.memberJoined", { name: actor.name, group: group.name }), link: `/groups/${group.id}/members` }, { actorId: actor.id });
  });
  return group;
}
