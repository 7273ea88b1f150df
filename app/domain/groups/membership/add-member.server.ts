// The one place a person becomes a member of a peer group: joining an open
// group, a request accepted by a convener or by the members' vote, an
// accepted invitation and activation of a gathering group all come through here. The group's row is locked for
// the rest of the transaction, so concurrent admissions take turns and the
// size cap holds exactly: the count is read after the lock.
import { and, count, eq } from "drizzle-orm";
import type { Database } from "../../../../db/database";
import { groupBans, groupJoinRequests, groupMembers, groups } from "../../../../db/schema";
import { recordAudit } from "../../audit/record-audit.server";
import { ForbiddenError } from "../../http-errors";
import { InputError } from "../../input-error";
import { isAlumnus, type GroupRole } from "../../policy";
import { findPerson, reachRefusal } from "./group-reach.server";

export type Admission = {
  groupId: string;
  personId: string;
  /** Who let them in: themselves, a convener, the inviter's invitee, whoever activated the group; null for the members' vote. */
  actorId: string | null;
  via: "join" | "request" | "vote" | "invitation" | "interest";
  role?: GroupRole;
  now?: Date;
};

export type Refusal = { status: 403 | 409; message: string; full: boolean };
export type AdmissionResult = { added: true; group: typeof groups.$inferSelect } | { added: false; refusal: Refusal };

export const fullMessage = (members: number, sizeCap: number) => `This group is full (${members} of ${sizeCap}).`;

/** Call inside a transaction. Adds the person, or says why not and changes nothing. */
export async function addMember(tx: Database, admission: Admission): Promise<AdmissionResult> {
  const { groupId, personId, actorId, via, role = "member", now = new Date() } = admission;
  const refuse = (status: Refusal["status"], message: string, full = false): AdmissionResult => ({ added: false, refusal: { status, message, full } });
  const [group] = await tx.select().from(groups).where(eq(groups.id, groupId)).for("update");
  const person = await findPerson(tx, { id: personId });
  if (!group || !person) return refuse(409, "This group or this person is no longer on Roundtable.");
  const self = actorId === person.id;
  if (group.kind !== "peer" || group.status !== "active") return refuse(409, "This group is not taking members yet.");

  const where = and(eq(groupMembers.groupId, group.id), eq(groupMembers.userId, person.id));
  const [[already], [banned], [{ members } = { members: 0 }]] = await Promise.all([
    tx.select({ userId: groupMembers.userId }).from(groupMembers).where(where),
    tx.select({ userId: groupBans.userId }).from(groupBans).where(and(eq(groupBans.groupId, group.id), eq(groupBans.userId, person.id))),
    tx.select({ members: count() }).from(groupMembers).where(eq(groupMembers.groupId, group.id)),
  ]);
  if (already) return refuse(409, self ? "You are already a member of this group." : `${person.name} is already a member of this group.`);
  if (banned) return refuse(403, self ? "You cannot join this group: its conveners have removed you from it." : `${person.name} cannot join: the conveners have banned them from this group.`);
  if (!isAlumnus(person)) return refuse(403, self ? "Peer groups are for alumni of the programme." : `${person.name} is not an alumnus of the programme, so cannot join peer groups.`);
  const outOfReach = await reachRefusal(tx, person, group, self);
  if (outOfReach) return refuse(403, outOfReach);
  if (group.sizeCap !== null && members >= group.sizeCap) return refuse(409, fullMessage(members, group.sizeCap), true);

  await tx.insert(groupMembers).values({ groupId: group.id, userId: person.id, role, joinedAt: now });
  // Whatever brought them in, their open request or invitation is answered.
  await tx
    .update(groupJoinRequests)
    .set({ status: "accepted", decidedBy: actorId, decidedAt: now })
    .where(and(eq(groupJoinRequests.groupId, group.id), eq(groupJoinRequests.userId, person.id), eq(groupJoinRequests.status, "pending")));
  await recordAudit(tx, {
    actorId,
    action: "group.member_added",
    targetType: "group",
    targetId: group.id,
    targetLabel: group.name,
    ownerOrgId: group.orgId,
    details: { userId: person.id, name: person.name, via, role },
    at: now,
  });
  return { added: true, group };
}

/** For callers that answer a refusal to the person acting: 403 or 409 with the reason. */
export function throwRefusal(refusal: Refusal): never {
  if (refusal.status === 403) throw new ForbiddenError(refusal.message);
  throw new InputError({ form: refusal.message }, 409);
}

/** Adds the person or throws the reason. */
export async function admitOrRefuse(tx: Database, admission: Admission) {
  const result = await addMember(tx, admission);
  if (!result.added) throwRefusal(result.refusal);
  return result.group;
}
