// Builders for the mentoring tests: offers, requests and pairs written
// straight to the database (the use-cases are tested through the pages).
import type { Database } from "../../db/database";
import { mentorOffers, mentoringRequests, mentorships } from "../../db/schema";
import { createOrg, createUser, uniqueWord } from "../support/factories";

type Person = Awaited<ReturnType<typeof createUser>>;

export async function createOffer(db: Database, mentor: { id: string }, overrides: Partial<typeof mentorOffers.$inferInsert> = {}) {
  const [offer] = await db
    .insert(mentorOffers)
    .values({ userId: mentor.id, topics: ["Leading change"], capacity: 2, format: "Monthly video call, 45 minutes", ...overrides })
    .returning();
  return offer!;
}

export async function createRequest(db: Database, mentee: { id: string }, overrides: Partial<typeof mentoringRequests.$inferInsert> = {}) {
  const [request] = await db
    .insert(mentoringRequests)
    .values({ menteeId: mentee.id, goal: "Lead my team through a reorganisation.", topics: ["Leading change"], ...overrides })
    .returning();
  return request!;
}

/** A running pair (or any status) between the two. */
export async function createPair(db: Database, mentor: { id: string }, mentee: { id: string }, overrides: Partial<typeof mentorships.$inferInsert> = {}) {
  const [pair] = await db
    .insert(mentorships)
    .values({ mentorId: mentor.id, menteeId: mentee.id, status: "active", decidedAt: new Date(), ...overrides })
    .returning();
  return pair!;
}

/** Two organisations that allow (or not) connections across them, an alumna mentor in A and a mentee in B. */
export async function crossOrgSetting(db: Database, { aAllows = true, bAllows = true } = {}) {
  const orgA = await createOrg(db, { crossOrgConnections: aAllows });
  const orgB = await createOrg(db, { crossOrgConnections: bAllows });
  const mentor: Person = await createUser(db, { orgId: orgA.id, roles: ["alumnus"], name: `Amara ${uniqueWord("m")}` });
  const mentee: Person = await createUser(db, { orgId: orgB.id, roles: ["participant"], name: `Bo ${uniqueWord("m")}` });
  return { orgA, orgB, mentor, mentee };
}
