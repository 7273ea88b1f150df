// An alumnus's mentoring offer: topics, capacity, format and scope, paused or
// running. The capacity never drops below the mentees already being mentored.
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Database } from "../../../db/database";
import { mentorOffers, mentorships } from "../../../db/schema";
import { ForbiddenError } from "../http-errors";
import { InputError } from "../input-error";
import { canOfferMentoring, type Actor } from "../policy";
import { message } from "../i18n/message";
import { WHO_MAY_OFFER, type OfferInput } from "./mentoring-fields";
import { checkScopeAllowed, orgAllowsCrossOrg } from "./mentoring-scope.server";

/** What an offer says, as the pages show it. */
export const offerColumns = {
  topics: mentorOffers.topics,
  capacity: mentorOffers.capacity,
  format: mentorOffers.format,
  scope: mentorOffers.scope,
  active: mentorOffers.active,
};

/** How many mentees a mentor has now (running pairs only). */
export async function countActiveMentees(db: Database, mentorId: string) {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(mentorships)
    .where(and(eq(mentorships.mentorId, mentorId), eq(mentorships.status, "active")));
  return Number(row?.n ?? 0);
}

export async function loadMyOffer(db: Database, actor: Actor) {
  if (!canOfferMentoring(actor)) throw new ForbiddenError(WHO_MAY_OFFER);
  const [offer] = await db.select(offerColumns).from(mentorOffers)
    .where(eq(mentorOffers.userId, actor.id));
  const [counts] = await db
    .select({ active: sql<number>`count(*) filter (where ${mentorships.status} = 'active')::int`, asked: sql<number>`count(*) filter (where ${mentorships.status} = 'asked')::int` })
    .from(mentorships)
    .where(and(eq(mentorships.mentorId, actor.id), inArray(mentorships.status, ["asked", "active"])));
  return {
    offer: offer ?? null,
    activeMentees: Number(counts?.active ?? 0),
    // Asks waiting for an answer hold a place too (docs/decisions/017-mentoring.md).
    waitingAsks: Number(counts?.asked ?? 0),
    orgAllowsCrossOrg: await orgAllowsCrossOrg(db, actor.orgId),
  };
}

export async function saveOffer(db: Database, actor: Actor, input: OfferInput, now = new Date()) {
  if (!canOfferMentoring(actor)) throw new ForbiddenError(WHO_MAY_OFFER);
  await checkScopeAllowed(db, actor, input.scope);
  await db.transaction(async (tx) => {
    // Accepting an ask locks the same row, so the count below cannot change under us.
    await tx.select({ userId: mentorOffers.userId }).from(mentorOffers).where(eq(mentorOffers.userId, actor.id)).for("update");
    const running = await countActiveMentees(tx, actor.id);
    if (input.capacity < running)
      throw new InputError({ capacity: message("mentoring:errors.capacityBelowMentees", { count: running }) });
    const values = { topics: input.topics, capacity: input.capacity, format: input.format, scope: input.scope, updatedAt: now };
    await tx
      .insert(mentorOffers)
      .values({ userId: actor.id, ...values })
      .onConflictDoUpdate({ target: mentorOffers.userId, set: values });
  });
}

/** Pausing stops new asks; running pairs and asks already made go on. */
export async function setOfferActive(db: Database, actor: Actor, active: boolean, now = new Date()) {
  if (!canOfferMentoring(actor)) throw new ForbiddenError(WHO_MAY_OFFER);
  const updated = await db.update(mentorOffers).set({ active, updatedAt: now }).where(eq(mentorOffers.userId, actor.id)).returning({ userId: mentorOffers.userId });
  if (updated.length === 0) throw new InputError({ form: "mentoring:errors.offerFirst" });
}
