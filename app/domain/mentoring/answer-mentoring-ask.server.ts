// The mentor answers an ask; the mentee may withdraw it while it waits.
// Accepting locks the mentor's offer row and counts running pairs inside the
// transaction, so two accepts at once never exceed the capacity. Locks are
// always taken in the order offer → request → ask, as askMentor and
// closeRequest do, so they cannot deadlock.
import { and, eq, ne } from "drizzle-orm";
import type { Database } from "../../../db/database";
import { mentorOffers, mentoringRequests, mentorships, users } from "../../../db/schema";
import { recordAudit } from "../audit/record-audit.server";
import { NotFoundError } from "../http-errors";
import { InputError } from "../input-error";
import { notify } from "../notifications/notify.server";
import type { Actor } from "../policy";
import { isUuid } from "../uuid";
import { countActiveMentees } from "./offer-mentoring.server";
import { message } from "../i18n/message";
import { nestedMessage } from "../i18n/nested-message";

const notFoundAsk = () => new NotFoundError("mentoring:errors.notFound.ask");

/** The ask, seen from the actor's side of it, or a 404. */
async function findAsk(db: Database, actor: Actor, askId: string, side: "mentor" | "mentee") {
  if (!isUuid(askId)) throw notFoundAsk();
  const [ask] = await db
    .select()
    .from(mentorships)
    .where(and(eq(mentorships.id, askId), eq(side === "mentor" ? mentorships.mentorId : mentorships.menteeId, actor.id)));
  if (!ask) throw notFoundAsk();
  return ask;
}

/** A person's name for the audit label; once their account is gone, the message for a former member. */
const auditName = async (db: Database, userId: string) => (await db.select({ name: users.name }).from(users).where(eq(users.id, userId)))[0]?.name ?? "audit:labels.formerMember";

/** Locks the ask and refuses with a 409 when it is no longer waiting for an answer. */
async function lockWaitingAsk(db: Database, askId: string) {
  const [ask] = await db.select().from(mentorships).where(eq(mentorships.id, askId)).for("update");
  if (ask?.status === "asked") return ask;
  const answered = ["active", "declined", "withdrawn", "ended"] as const;
  const status = answered.find((s) => s === ask?.status);
  throw new InputError({ form: status ? `mentoring:errors.askAnswered.${status}` : "mentoring:errors.askNotWaiting" }, 409);
}

export async function acceptAsk(db: Database, actor: Actor & { name: string }, askId: string, now = new Date()) {
  const found = await findAsk(db, actor, askId, "mentor");
  return db.transaction(async (tx) => {
    const [offer] = await tx.select({ capacity: mentorOffers.capacity }).from(mentorOffers).where(eq(mentorOffers.userId, actor.id)).for("update");
    if (found.requestId) await tx.select({ id: mentoringRequests.id }).from(mentoringRequests).where(eq(mentoringRequests.id, found.requestId)).for("update");
    const ask = await lockWaitingAsk(tx, found.id);
    const capacity = offer?.capacity ?? 0;
    const running = await countActiveMentees(tx, actor.id);
    if (running >= capacity)
      throw new InputError({ form: nestedMessage("mentoring:errors.noFreePlace", { count: running, places: message("mentoring:errors.places", { count: capacity }) }) }, 409);
    await tx.update(mentorships).set({ status: "active", decidedAt: now }).where(eq(mentorships.id, ask.id));
    if (ask.requestId) {
      await tx.update(mentoringRequests).set({ status: "matched" }).where(eq(mentoringRequests.id, ask.requestId));
      // The mentee has a mentor for this request: their other asks for it no longer hold places.
      await tx
        .update(mentorships)
        .set({ status: "withdrawn", decidedAt: now })
        .where(and(eq(mentorships.requestId, ask.requestId), eq(mentorships.status, "asked"), ne(mentorships.id, ask.id)));
    }
    const menteeName = await auditName(tx, ask.menteeId);
    await recordAudit(tx, {
      actorId: actor.id,
      action: "mentorship.started",
      targetType: "mentorship",
      targetId: ask.id,
      targetLabel: nestedMessage("audit:labels.mentorship", { mentor: actor.name, mentee: menteeName }),
      ownerOrgId: actor.orgId,
    });
    await notify(
      tx,
      [ask.menteeId],
      { kind: "mentoring", title: message("notifications:texts.mentorAccepted", { name: actor.name }), body: "notifications:texts.mentorAcceptedBody", link: `/mentoring/${ask.id}` },
      { actorId: actor.id },
    );
    return ask.id;
  });
}

export async function declineAsk(db: Database, actor: Actor & { name: string }, askId: string, { reason }: { reason: string }, now = new Date()) {
  const found = await findAsk(db, actor, askId, "mentor");
  await db.transaction(async (tx) => {
    const ask = await lockWaitingAsk(tx, found.id);
    await tx.update(mentorships).set({ status: "declined", declineReason: reason || null, decidedAt: now }).where(eq(mentorships.id, ask.id));
    await notify(
      tx,
      [ask.menteeId],
      {
        kind: "mentoring",
        title: message("notifications:texts.mentorDeclined", { name: actor.name }),
        body: reason ? message("notifications:texts.mentorDeclinedReason", { reason }) : "notifications:texts.mentorDeclinedBody",
        link: ask.requestId ? `/mentoring/requests/${ask.requestId}` : "/mentoring",
      },
      { actorId: actor.id },
    );
  });
}

/** The mentee takes an ask back before the mentor answers; the place is free again. */
export async function withdrawAsk(db: Database, actor: Actor, askId: string, now = new Date()) {
  const found = await findAsk(db, actor, askId, "mentee");
  await db.transaction(async (tx) => {
    const ask = await lockWaitingAsk(tx, found.id);
    await tx.update(mentorships).set({ status: "withdrawn", decidedAt: now }).where(eq(mentorships.id, ask.id));
  });
}
