// The mentee's request page: the request, the asks made for it, and the
// mentors to suggest, ranked by rankMentors on what the database holds.
import { and, asc, eq, inArray, ne, sql } from "drizzle-orm";
import type { Database } from "../../../db/database";
import { mentorOffers, mentoringRequests, mentorships, organisations, users } from "../../../db/schema";
import { crossingWith } from "../groups/load-group.server";
import type { Actor, Crossing } from "../policy";
import { offerColumns } from "./offer-mentoring.server";
import { findOwnRequest } from "./request-mentor.server";
import { HOLDS_A_PLACE } from "./mentoring-fields";
import { rankMentors, type MentorCandidate } from "./rank-mentors";

type Request = typeof mentoringRequests.$inferSelect;
export type LoadedCandidate = MentorCandidate & { orgName: string; format: string };

/** Every offer the mentee might be suggested (or one mentor's), with what ranking needs. */
export async function loadCandidates(db: Database, actor: Actor, request: Request, mentorId?: string): Promise<LoadedCandidate[]> {
  const offers = await db
    .select({
      userId: mentorOffers.userId,
      name: users.name,
      orgId: users.orgId,
      orgName: organisations.name,
      ...offerColumns,
    })
    .from(mentorOffers)
    .innerJoin(users, eq(users.id, mentorOffers.userId))
    .innerJoin(organisations, eq(organisations.id, users.orgId))
    .where(
      and(
        ne(mentorOffers.userId, actor.id),
        mentorId ? eq(mentorOffers.userId, mentorId) : eq(mentorOffers.active, true),
        // Own-organisation requests never reach further, so do not load what cannot match.
        request.scope === "own_org" ? eq(users.orgId, actor.orgId) : undefined,
      ),
    );
  if (offers.length === 0) return [];
  const ids = offers.map((o) => o.userId);
  const counts = await db
    .select({
      mentorId: mentorships.mentorId,
      taken: sql<number>`count(*)::int`,
      mine: sql<number>`count(*) filter (where ${mentorships.menteeId} = ${actor.id})::int`,
    })
    .from(mentorships)
    .where(and(inArray(mentorships.mentorId, ids), inArray(mentorships.status, [...HOLDS_A_PLACE])))
    .groupBy(mentorships.mentorId);
  const byMentor = new Map(counts.map((c) => [c.mentorId, c]));
  const crossings = new Map<string, Crossing>();
  for (const orgId of new Set(offers.map((o) => o.orgId))) crossings.set(orgId, await crossingWith(db, actor, orgId));
  return offers.map((o) => ({
    ...o,
    taken: Number(byMentor.get(o.userId)?.taken ?? 0),
    alreadyAsked: Number(byMentor.get(o.userId)?.mine ?? 0) > 0,
    crossing: crossings.get(o.orgId)!,
  }));
}

export async function loadRequestPage(db: Database, actor: Actor, requestId: string) {
  const request = await findOwnRequest(db, actor, requestId);
  const asks = await db
    .select({
      id: mentorships.id,
      mentorName: users.name,
      status: mentorships.status,
      declineReason: mentorships.declineReason,
      createdAt: mentorships.createdAt,
    })
    .from(mentorships)
    .innerJoin(users, eq(users.id, mentorships.mentorId))
    .where(eq(mentorships.requestId, request.id))
    .orderBy(asc(mentorships.createdAt));
  const suggestions = request.status === "open" ? rankMentors({ ...request, menteeId: actor.id }, await loadCandidates(db, actor, request)) : [];
  return {
    request: { id: request.id, goal: request.goal, topics: request.topics, scope: request.scope, status: request.status, createdAt: request.createdAt.toISOString() },
    asks: asks.map((a) => ({ ...a, createdAt: a.createdAt.toISOString() })),
    suggestions: suggestions.map((s) => ({
      userId: s.userId,
      name: s.name,
      orgName: s.orgName,
      sameOrg: s.crossing.sameOrg,
      topics: s.topics,
      sharedTopics: s.sharedTopics,
      format: s.format,
      freePlaces: s.freePlaces,
    })),
  };
}
