// /mentoring: one person's mentoring at a glance: their offer, their
// requests and asks, the asks waiting for their answer, and their pairs.
import { desc, eq, or } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Database } from "../../../db/database";
import { mentoringRequests, mentorships, organisations, users } from "../../../db/schema";
import { canOfferMentoring, type Actor } from "../policy";
import { loadMyOffer } from "./offer-mentoring.server";

export async function loadMyMentoring(db: Database, actor: Actor) {
  const mentor = alias(users, "mentor");
  const mentee = alias(users, "mentee");
  const menteeOrg = alias(organisations, "mentee_org");
  const rows = await db
    .select({
      id: mentorships.id,
      mentorId: mentorships.mentorId,
      mentorName: mentor.name,
      menteeName: mentee.name,
      menteeOrgName: menteeOrg.name,
      status: mentorships.status,
      message: mentorships.message,
      declineReason: mentorships.declineReason,
      requestId: mentorships.requestId,
      goal: mentoringRequests.goal,
      topics: mentoringRequests.topics,
      endsOn: mentorships.endsOn,
      createdAt: mentorships.createdAt,
      endedAt: mentorships.endedAt,
    })
    .from(mentorships)
    .innerJoin(mentor, eq(mentor.id, mentorships.mentorId))
    .innerJoin(mentee, eq(mentee.id, mentorships.menteeId))
    .innerJoin(menteeOrg, eq(menteeOrg.id, mentee.orgId))
    .leftJoin(mentoringRequests, eq(mentoringRequests.id, mentorships.requestId))
    .where(or(eq(mentorships.mentorId, actor.id), eq(mentorships.menteeId, actor.id)))
    .orderBy(desc(mentorships.createdAt));
  const requests = await db
    .select({ id: mentoringRequests.id, goal: mentoringRequests.goal, status: mentoringRequests.status, createdAt: mentoringRequests.createdAt })
    .from(mentoringRequests)
    .where(eq(mentoringRequests.menteeId, actor.id))
    .orderBy(desc(mentoringRequests.createdAt));
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  const asMentor = rows.filter((r) => r.mentorId === actor.id);
  const asMentee = rows.filter((r) => r.mentorId !== actor.id);
  return {
    mayOffer: canOfferMentoring(actor),
    offer: canOfferMentoring(actor) ? await loadMyOffer(db, actor) : null,
    requests: requests.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })),
    myAsks: asMentee
      .filter((r) => r.status === "asked" || r.status === "declined" || r.status === "withdrawn")
      .map((r) => ({ id: r.id, mentorName: r.mentorName, status: r.status, declineReason: r.declineReason, requestId: r.requestId, createdAt: r.createdAt.toISOString() })),
    asksForMe: asMentor
      .filter((r) => r.status === "asked")
      .map((r) => ({ id: r.id, menteeName: r.menteeName, menteeOrgName: r.menteeOrgName, message: r.message, goal: r.goal, topics: r.topics ?? [], createdAt: r.createdAt.toISOString() })),
    pairs: rows
      .filter((r) => r.status === "active" || r.status === "ended")
      .map((r) => ({
        id: r.id,
        role: r.mentorId === actor.id ? ("mentor" as const) : ("mentee" as const),
        otherName: r.mentorId === actor.id ? r.menteeName : r.mentorName,
        status: r.status,
        endsOn: r.endsOn,
        endedAt: iso(r.endedAt),
      })),
  };
}
