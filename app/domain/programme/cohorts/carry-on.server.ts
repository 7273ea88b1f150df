// The offer to carry on as a peer group, as a member sees it and answers it:
// only how many have consented or declined, and their own answer, never who.
// A member may change their answer until the offer is decided; when every
// member has answered, it is decided at once.
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Database } from "../../../../db/database";
import { groupConversionAnswers, groupConversions, groupMembers } from "../../../../db/schema";
import { findGroupSpace, notFoundGroup } from "../../groups/load-group.server";
import { ForbiddenError } from "../../http-errors";
import { InputError } from "../../input-error";
import type { Actor } from "../../policy";
import { decideConversion, MIN_CONSENTING } from "./close-conversions.server";

async function findOffer(db: Database, actor: Actor, groupId: string) {
  const group = await findGroupSpace(db, actor, groupId);
  if (!group.cohortId) throw notFoundGroup();
  const [offer] = await db.select().from(groupConversions).where(eq(groupConversions.groupId, group.id));
  if (!offer) throw notFoundGroup();
  return { group, offer };
}

export async function loadCarryOn(db: Database, actor: Actor, groupId: string) {
  const { group, offer } = await findOffer(db, actor, groupId);
  const [[tally], [mine]] = await Promise.all([
    db
      .select({
        members: sql<number>`count(*)::int`,
        consent: sql<number>`count(*) filter (where ${groupConversionAnswers.consent})::int`,
        decline: sql<number>`count(*) filter (where not ${groupConversionAnswers.consent})::int`,
      })
      .from(groupMembers)
      .leftJoin(groupConversionAnswers, and(eq(groupConversionAnswers.groupId, groupMembers.groupId), eq(groupConversionAnswers.userId, groupMembers.userId)))
      // Members answer; the facilitator does not (after a conversion the convener is one of them).
      .where(and(eq(groupMembers.groupId, group.id), inArray(groupMembers.role, ["member", "convener"]))),
    db.select({ consent: groupConversionAnswers.consent }).from(groupConversionAnswers).where(and(eq(groupConversionAnswers.groupId, group.id), eq(groupConversionAnswers.userId, actor.id))),
  ]);
  return {
    group: { id: group.id, name: group.name, kind: group.kind },
    offer: { status: offer.status, closesAt: offer.closesAt, decidedAt: offer.decidedAt },
    counts: { members: tally?.members ?? 0, consent: tally?.consent ?? 0, decline: tally?.decline ?? 0 },
    mine: mine ? (mine.consent ? ("consent" as const) : ("decline" as const)) : null,
    canAnswer: group.kind === "programme" && group.access.role === "member" && offer.status === "open",
    needed: MIN_CONSENTING,
  };
}

export async function answerCarryOn(db: Database, actor: Actor, groupId: string, consent: boolean, now = new Date()) {
  const { group, offer: seen } = await findOffer(db, actor, groupId);
  const decided = () => new InputError({ form: "groups:carryOn.errors.decided" }, 409);
  if (seen.status !== "open") throw decided();
  if (group.access.role !== "member" || group.kind !== "programme") throw new ForbiddenError("groups:carryOn.errors.onlyMembers");
  return db.transaction(async (tx) => {
    const [offer] = await tx.select().from(groupConversions).where(eq(groupConversions.groupId, group.id)).for("update");
    if (!offer || offer.status !== "open") throw decided();
    if (offer.closesAt <= now) throw new InputError({ form: "groups:carryOn.errors.over" }, 409);
    await tx
      .insert(groupConversionAnswers)
      .values({ groupId: group.id, userId: actor.id, consent, answeredAt: now })
      .onConflictDoUpdate({ target: [groupConversionAnswers.groupId, groupConversionAnswers.userId], set: { consent, answeredAt: now } });
    const [left] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(groupMembers)
      .leftJoin(groupConversionAnswers, and(eq(groupConversionAnswers.groupId, groupMembers.groupId), eq(groupConversionAnswers.userId, groupMembers.userId)))
      .where(and(eq(groupMembers.groupId, group.id), eq(groupMembers.role, "member"), sql`${groupConversionAnswers.userId} is null`));
    if ((left?.n ?? 0) === 0) return { decided: true, ...(await decideConversion(tx, group.id, now)) };
    return { decided: false };
  });
}
