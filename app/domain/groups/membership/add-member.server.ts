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
import { message } from "../../i18n/message";

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

/** Refusals are messages (a catalogue key with values): pages, notices and the audit log say them in the reader's language. */
export const fullMessage = (members: number, sizeCap: number) => message("groups:membership.refusals.full", { members, cap: sizeCap });

/** Call inside a transaction. Adds the person, or says why not and changes nothing. */
export async function addMember(tx: Database, admission: Admission): Promise<AdmissionResult> {
  const { groupId, personId, actorId, via, role = "member", now = new Date() } = admission;
  const refuse = (status: Refusal["status"], message: string, full = false): AdmissionResult => ({ added: false, refusal: { status, message, full } });
  const [group] = await tx.select().from(groups).where(eq(groups.id, groupId)).for("update");
  const person = await findPerson(tx, { id: personId });
  if (!group || !person) return refuse(409, "groups:membership.refusals.gone");
  const self = actorId === person.id;
  if (group.kind !== "peer" || group.status !== "active") return refuse(409, "groups:membership.refusals.notTakingMembers");

  const where = and(eq(groupMembers.groupId, group.id), eq(groupMembers.userId, person.id));
  const [[already], [banned], [{ members } = { members: 0 }]] = await Promise.all([
    tx.select({ userId: groupMembers.userId }).from(groupMembers).where(where),
    tx.select({ userId: groupBans.userId }).from(groupBans).where(and(eq(groupBans.groupId, group.id), eq(groupBans.userId, person.id))),
    tx.select({ members: count() }).from(groupMembers).where(eq(groupMembers.groupId, group.id)),
  ]);
  const about = (key: string) => (self ? `groups:membership.refusals.${key}Self` : message(`groups:membership.refusals.${key}`, { name: person.name }));
  if (already) return refuse(409, about("alreadyMember"));
  if (banned) return refuse(403, about("banned"));
  if (!isAlumnus(person)) return refuse(403, about("notAlumnus"));
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
